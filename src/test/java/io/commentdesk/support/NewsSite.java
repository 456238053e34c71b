package io.commentdesk.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/**
 * A news site on an origin of its own (127.0.0.1, while test replicas answer as localhost), serving the pages a
 * test gives it, each with a strict Content-Security-Policy that lets in only the service: its script, its
 * API, its form endpoint (and the site itself, where the form's answer sends the reader back). Nothing
 * inline is allowed, script or style.
 */
public final class NewsSite implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final String policy;

    public NewsSite(String service) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        policy = "default-src 'none'; script-src " + service + "; connect-src " + service + "; style-src 'self'; img-src 'self'; "
                + "form-action 'self' " + service + "; base-uri 'none'; frame-ancestors 'none'";
        server.createContext("/", exchange -> {
            String page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", page == null ? "text/plain" : "text/html; charset=utf-8");
            exchange.getResponseHeaders().add("Content-Security-Policy", policy);
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The site's origin: 127.0.0.1, so another origin than a replica's localhost whatever the ports. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String url(String path) {
        return origin() + path;
    }

    public void page(String path, String html) {
        pages.put(path, html);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
