package io.commentdesk.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar started as ops start it: prod profile, configured only through environment
 * variables, on the PostgreSQL the tests use (QUARKUS_DATASOURCE_* of this JVM, if set).
 */
public final class Replica implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    // HTTP/1.1 as load balancers speak it (and the JDK client's HTTP/2 can hang on a server's GOAWAY, JDK-8335181).
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** No answer within this is a failure: a test must never hang on a replica that stopped. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public final int port;
    public final Path log;
    private final Process process;

    private Replica(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    public static String key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The variables a production deployment sets, with fresh random keys. */
    public static Map<String, String> productionEnvironment(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", System.getenv().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://127.0.0.1:5432/test"));
        env.put("QUARKUS_DATASOURCE_USERNAME", System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"));
        env.put("QUARKUS_DATASOURCE_PASSWORD", System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""));
        env.put("COMMENTS_EMAIL_KEY", key());
        env.put("COMMENTS_EMAIL_HASH_KEY", key());
        // Ids of their own: a key id names one key in a database for good (privacy/KeyChecks), and the
        // tests' database holds rows sealed and hashed with other keys.
        String ids = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        env.put("COMMENTS_EMAIL_KEY_ID", "k" + ids);
        env.put("COMMENTS_EMAIL_HASH_KEY_ID", "h" + ids);
        env.put("COMMENTS_ALLOWED_ORIGINS", "https://news.example.com");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return env;
    }

    /** Moderators' tokens signed with the development key ({@link Tokens}), and 127.0.0.1 a trusted proxy. */
    public static Map<String, String> withModeratorsBehindAProxy(Map<String, String> env) {
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", Path.of("src/main/resources/dev-jwt/publicKey.pem").toAbsolutePath().toString());
        env.put("MP_JWT_VERIFY_ISSUER", Tokens.ISSUER);
        env.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true");
        env.put("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true");
        env.put("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1");
        return env;
    }

    /** A replica on {@code shared} variables and a free port of its own: several make a cluster on one database. */
    public static Replica startOnFreePort(String name, Map<String, String> shared) throws IOException {
        Map<String, String> env = new HashMap<>(shared);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(freePort()));
        return start(name, env);
    }

    public static Replica start(String name, Map<String, String> env) throws IOException {
        return start(name, env, java.util.List.of());
    }

    /** The same with JVM options, e.g. a small heap. */
    public static Replica start(String name, Map<String, String> env, java.util.List<String> jvmOptions) throws IOException {
        assertThat(JAR).as("the packaged jar (mvn package)").exists();
        Path log = Path.of("target", "it-" + name + ".log");
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("COMMENTS_") || k.startsWith("MP_"));
        builder.environment().putAll(env);
        return new Replica(Integer.parseInt(env.getOrDefault("QUARKUS_HTTP_PORT", "8080")), log, builder.start());
    }

    public Replica awaitReady() {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).build();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    assertThat(process.isAlive()).as("the service is still running").isTrue();
                    return send(ready).statusCode() == 200;
                });
        return this;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String json, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(REQUEST_TIMEOUT);
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Waits for the process to give up starting and returns everything it printed. */
    public String exitOutput() throws Exception {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the service gave up starting").isTrue();
        assertThat(process.exitValue()).isNotZero();
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** SIGTERM, as an orchestrator stops a replica; returns at once. */
    public void terminate() {
        process.destroy();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits for the process to end; its exit code, or empty if it still runs after {@code within}. */
    public java.util.OptionalInt awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? java.util.OptionalInt.of(process.exitValue())
                : java.util.OptionalInt.empty();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
