package io.commentdesk.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.restassured.RestAssured;

/** Sends bytes exactly as given, for requests REST Assured would rewrite (odd charsets, broken encodings). */
public final class RawHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private RawHttp() {
    }

    public static HttpResponse<String> post(String path, String contentType, byte[] body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
