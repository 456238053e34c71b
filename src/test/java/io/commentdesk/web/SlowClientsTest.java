package io.commentdesk.web;

import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.valid;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.LogCapture;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Clients that send a body's first bytes and then hold (slowloris) cost a connection each, never a
 * worker thread: with 200 of them open, readiness, a submission and a moderation call still answer
 * at once, and each of them is answered 408 and closed at the body deadline.
 */
@QuarkusTest
@TestProfile(EdgeProfile.class)
class SlowClientsTest {

    private static final int FORMS = 180;
    private static final int BIG_JSON = 20;

    @Test
    void slowBodiesHoldNoThreadAndAreCutOffAtTheDeadline() throws Exception {
        String moderator = Tokens.moderator("jane");
        // Each call once before, so what is timed below is the service under the attack, not a cold first call.
        // (Ready once the change-notice listener has connected, a moment after start.)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        postJson(newArticle(), valid()).statusCode(202);
        Tokens.as(moderator).get("/api/v1/moderation/comments?limit=1").then().statusCode(200);

        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < FORMS; i++) {
                slow.add(startBody("application/x-www-form-urlencoded", 1000, "author=Slow".getBytes(StandardCharsets.US_ASCII)));
            }
            // Bigger than a small buffer: a body that would once have been read on a worker thread.
            for (int i = 0; i < BIG_JSON; i++) {
                slow.add(startBody("application/json", 200_000, ("{\"content\": \"" + "x".repeat(20_000)).getBytes(StandardCharsets.US_ASCII)));
            }

            for (int round = 0; round < 3; round++) {
                assertFast(() -> given().get("/q/health/ready").then().statusCode(200));
                assertFast(() -> postJson(newArticle(), valid()).statusCode(202));
                assertFast(() -> Tokens.as(moderator).get("/api/v1/moderation/comments?limit=1").then().statusCode(200));
            }

            for (Socket socket : slow) {
                String answer = readAll(socket);
                assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json")
                        .contains("urn:commentdesk:problem:request-timeout").containsIgnoringCase("connection: close");
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aModeratorsStalledBodyIsCutOffWithoutAnErrorInTheLog() throws Exception {
        try (LogCapture log = LogCapture.start();
                Socket socket = startBody("POST", "/api/v1/moderation/comments/1/decision", "application/json",
                        "Authorization: Bearer " + Tokens.moderator("jane") + "\r\n", 1000, "{\"action\"".getBytes(StandardCharsets.US_ASCII))) {
            assertThat(readAll(socket)).startsWith("HTTP/1.1 408");
            // The worker reading that body learns of the closed connection after the answer went out.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> log.text().contains("already answered") || log.text().contains("error"));
            assertThat(log.text()).doesNotContain("Unexpected error").doesNotContain("error id");
        }
    }

    private static Socket startBody(String type, int announced, byte[] firstBytes) throws IOException {
        return startBody("POST", path(newArticle()), type, "", announced, firstBytes);
    }

    private static Socket startBody(String method, String target, String type, String headers, int announced, byte[] firstBytes)
            throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(15_000);
        String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                + "\r\nContent-Length: " + announced + "\r\n" + headers + "\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(firstBytes);
        socket.getOutputStream().flush();
        return socket;
    }

    /** Everything the server sent until it closed the connection. */
    private static String readAll(Socket socket) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return bytes.toString(StandardCharsets.UTF_8) + "\n(the connection was still open)";
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void assertFast(Runnable call) {
        long start = System.nanoTime();
        call.run();
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(1000);
    }
}
