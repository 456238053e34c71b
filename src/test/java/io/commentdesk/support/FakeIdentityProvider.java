package io.commentdesk.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * A newsroom's OpenID Connect provider, as small as the console's sign-in needs: discovery, a sign-in page
 * (a name, no password), the authorization code flow with PKCE (S256 checked), and access tokens signed with
 * the development key, which the replicas under test trust (MP_JWT_VERIFY_PUBLICKEY_LOCATION). Every name
 * signs in as a moderator.
 */
public final class FakeIdentityProvider implements AutoCloseable {

    private record Grant(String name, String challenge, String redirectUri, String clientId) {
    }

    private final HttpServer server;
    private final String issuer;
    private final PrivateKey key;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    public FakeIdentityProvider() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/newsroom";
        key = KeyUtils.readPrivateKey("dev-jwt/privateKey.pem");
        server.createContext("/realms/newsroom/.well-known/openid-configuration", this::discovery);
        server.createContext("/realms/newsroom/auth", this::authorize);
        server.createContext("/realms/newsroom/token", this::token);
        server.start();
    }

    public String issuer() {
        return issuer;
    }

    private void discovery(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        send(exchange, 200, "application/json", "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/auth\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"code_challenge_methods_supported\":[\"S256\"]}");
    }

    /** GET: the sign-in page; POST: signed in, back to the client with a code. */
    private void authorize(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("GET")) {
            Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
            if (!"S256".equals(q.get("code_challenge_method")) || q.get("code_challenge") == null) {
                send(exchange, 400, "text/plain", "PKCE with S256 required");
                return;
            }
            StringBuilder hidden = new StringBuilder();
            for (String field : new String[] { "client_id", "redirect_uri", "state", "code_challenge" }) {
                hidden.append("<input type=\"hidden\" name=\"").append(field).append("\" value=\"").append(html(q.get(field))).append("\">");
            }
            send(exchange, 200, "text/html; charset=utf-8", "<!DOCTYPE html><title>Newsroom sign-in</title><form method=\"post\">"
                    + hidden + "<label>User <input id=\"username\" name=\"username\"></label><button id=\"login\">Sign in</button></form>");
            return;
        }
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(f.get("username"), f.get("code_challenge"), f.get("redirect_uri"), f.get("client_id")));
        exchange.getResponseHeaders().add("Location", f.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(f.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        if (exchange.getRequestMethod().equals("OPTIONS")) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(String.valueOf(f.get("code")));
        if (grant == null || !"authorization_code".equals(f.get("grant_type")) || !grant.redirectUri().equals(f.get("redirect_uri"))
                || !grant.clientId().equals(f.get("client_id")) || !grant.challenge().equals(s256(f.get("code_verifier")))) {
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        String token = Jwt.issuer(issuer).subject(grant.name()).claim("preferred_username", grant.name())
                .groups(Set.of("moderator")).expiresIn(Duration.ofHours(1)).sign(key);
        send(exchange, 200, "application/json", "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(verifier).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static String html(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
