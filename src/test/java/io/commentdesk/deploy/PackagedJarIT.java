package io.commentdesk.deploy;

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
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as ops run it: prod profile, configured only through environment variables,
 * against the PostgreSQL the tests use (QUARKUS_DATASOURCE_* of this JVM's environment, if set).
 */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, String> productionEnvironment(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", System.getenv().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://127.0.0.1:5432/test"));
        env.put("QUARKUS_DATASOURCE_USERNAME", System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"));
        env.put("QUARKUS_DATASOURCE_PASSWORD", System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""));
        env.put("COMMENTS_EMAIL_KEY", key());
        env.put("COMMENTS_EMAIL_HASH_KEY", key());
        env.put("COMMENTS_ALLOWED_ORIGINS", "https://news.example.com");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return env;
    }

    private Path start(String name, Map<String, String> env) throws IOException {
        assertThat(JAR).as("the packaged jar (mvn package)").exists();
        Path log = Path.of("target", "it-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("COMMENTS_"));
        builder.environment().putAll(env);
        process = builder.start();
        return log;
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(int port) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    assertThat(process.isAlive()).as("the service is still running").isTrue();
                    return send(ready).statusCode() == 200;
                });
    }

    private String exitOutput(Path log) throws Exception {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the service gave up starting").isTrue();
        assertThat(process.exitValue()).isNotZero();
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Test
    void servesTheProdProfileOnPostgresConfiguredOnlyThroughTheEnvironment() throws Exception {
        int port = freePort();
        Path log = start("prod", productionEnvironment(port));
        awaitReady(port);

        String local = "jar" + UUID.randomUUID().toString().substring(0, 8);
        String base = "http://localhost:" + port + "/api/v1/articles/jar-it/comments";
        HttpResponse<String> json = send(HttpRequest.newBuilder(URI.create(base))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"authorName\":\"Ana\",\"authorEmail\":\"" + local + "@example.com\",\"content\":\"From the jar\"}"))
                .build());
        assertThat(json.statusCode()).isEqualTo(202);
        assertThat(json.body()).contains("\"status\":\"PENDING\"").doesNotContain(local);

        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(base))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Referer", "https://news.example.com/story")
                .POST(HttpRequest.BodyPublishers.ofString("author=Bo&email=" + local + "%40example.com&comment=Hi"))
                .build());
        assertThat(form.statusCode()).isEqualTo(303);
        assertThat(form.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("https://news.example.com/story?unapproved=").contains("#comment-"));

        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("Profile prod activated").doesNotContain(local);
    }

    @Test
    void refusesToStartWithoutItsKeysAndSaysWhich() throws Exception {
        Map<String, String> env = productionEnvironment(freePort());
        env.remove("COMMENTS_EMAIL_KEY");
        env.remove("COMMENTS_EMAIL_HASH_KEY");
        assertThat(exitOutput(start("no-keys", env))).contains("COMMENTS_EMAIL_KEY is not set");
    }

    @Test
    void refusesToStartWithoutADatabaseRatherThanFallingBackToAnEmbeddedOne() throws Exception {
        Map<String, String> env = productionEnvironment(freePort());
        env.remove("QUARKUS_DATASOURCE_JDBC_URL");
        assertThat(exitOutput(start("no-database", env))).contains("quarkus.datasource.jdbc.url");
    }
}
