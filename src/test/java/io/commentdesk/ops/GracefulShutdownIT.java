package io.commentdesk.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.EventStream;
import io.commentdesk.support.Replica;
import io.commentdesk.support.Tokens;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * SIGTERM under load, as an orchestrator stops a replica: readiness turns DOWN at once while requests
 * are still served, then the replica stops taking new ones, finishes those in flight and what its
 * writers hold, and exits; every submission it acknowledged is stored.
 */
class GracefulShutdownIT {

    @Test
    void finishesWhatItAcknowledgedAndExitsOnSigterm() throws Exception {
        Map<String, String> env = Replica.productionEnvironment(Replica.freePort());
        env.put("COMMENTS_RULES_FLOOD_ENABLED", "false");
        env.put("COMMENTS_RULES_RATE_LIMIT_ENABLED", "false");
        env.put("QUARKUS_SHUTDOWN_DELAY", "2s");
        // A moderator's console holds an event stream open throughout: it must not hold the stop.
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", Path.of("src/main/resources/dev-jwt/publicKey.pem").toAbsolutePath().toString());
        env.put("MP_JWT_VERIFY_ISSUER", Tokens.ISSUER);
        String article = "shutdown-" + UUID.randomUUID();
        String path = "/api/v1/articles/" + article + "/comments";
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger refusedConnections = new AtomicInteger();
        // What was sent but not answered 202: a 503, or a connection that closed after the request went out.
        Set<String> unanswered = ConcurrentHashMap.newKeySet();
        AtomicInteger dropped = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        try (Replica replica = Replica.start("shutdown", env).awaitReady()) {
            ExecutorService clients = Executors.newFixedThreadPool(16);
            CountDownLatch loaded = new CountDownLatch(200);
            for (int t = 0; t < 16; t++) {
                clients.submit(() -> {
                    while (true) {
                        String content = UUID.randomUUID().toString();
                        String body = "{\"authorName\":\"Ana\",\"authorEmail\":\"r" + UUID.randomUUID().toString().substring(0, 8)
                                + "@example.com\",\"content\":\"" + content + "\"}";
                        try {
                            var answer = replica.postJson(path, body, Map.of());
                            if (answer.statusCode() == 202) {
                                acknowledged.add(Long.parseLong(answer.body().replaceAll(".*\"id\":(\\d+).*", "$1")));
                                loaded.countDown();
                            } else if (answer.statusCode() == 503) {
                                unavailable.incrementAndGet(); // taking no new requests any more
                                unanswered.add(content);
                            } else {
                                wrong.add(answer.statusCode() + " " + answer.body());
                            }
                        } catch (ConnectException e) {
                            refusedConnections.incrementAndGet(); // the listening socket is closed: the replica is gone
                            if (!replica.alive()) {
                                return null;
                            }
                        } catch (IOException e) {
                            // Sent on a kept-alive connection the replica closed: it must have taken nothing of it.
                            dropped.incrementAndGet();
                            unanswered.add(content);
                            if (!replica.alive()) {
                                return null;
                            }
                        }
                    }
                });
            }
            assertThat(loaded.await(60, TimeUnit.SECONDS)).isTrue();
            String token = Jwt.issuer(Tokens.ISSUER).subject("jane").groups(Set.of("moderator"))
                    .sign(KeyUtils.readPrivateKey("dev-jwt/privateKey.pem"));
            EventStream console = EventStream.open(URI.create(replica.url("/api/v1/moderation/events")), token);
            assertThat(console.status()).isEqualTo(200);
            console.next(e -> e.is("new"), Duration.ofSeconds(5));
            replica.terminate();
            long sigterm = System.nanoTime();
            // Load balancers are told at once, while the replica still serves.
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> replica.get("/q/health/ready", Map.of()).statusCode() == 503);
            int duringDelay = acknowledged.size();
            // Ended as the replica stops taking requests (the delay's end), not at the end of the wait for those in flight.
            assertThat(console.endsWithin(Duration.ofSeconds(5))).as("the event stream ends when the replica stops").isTrue();
            Duration streamFor = Duration.ofNanos(System.nanoTime() - sigterm);
            OptionalInt exit = replica.awaitExit(Duration.ofSeconds(30));
            assertThat(exit).as("exited within the delay and the shutdown timeout").isPresent();
            Duration took = Duration.ofNanos(System.nanoTime() - sigterm);
            clients.shutdown();
            assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(wrong).as("no answer but 202, or 503 once it stopped taking requests").isEmpty();
            assertThat(acknowledged.size()).as("still served during the delay").isGreaterThan(duringDelay);
            assertThat(took).isLessThan(Duration.ofSeconds(25));
            assertThat(streamFor).as("the stream ended within the delay and a moment").isLessThan(Duration.ofMillis(3500));
            assertThat(stored(acknowledged)).as("every acknowledged submission stored").isEqualTo(acknowledged.size());
            assertThat(storedWith(unanswered)).as("nothing stored of a request answered 503 or left unanswered: safe to send again")
                    .isZero();
            assertThat(exit.getAsInt()).as("the JVM's status after SIGTERM, as after any graceful stop").isEqualTo(143);
            assertThat(replica.output()).doesNotContain("\"level\":\"ERROR\"");
            // The stream's access line, written as it ended, with its fields.
            assertThat(replica.output()).contains("\"route\":\"/api/v1/moderation/events\"");
            System.out.printf("graceful shutdown: %d acknowledged and stored, %d answered 503 while stopping, %d closed unanswered"
                    + " (none stored), %d connections refused after, exited %d in %d ms%n", acknowledged.size(), unavailable.get(),
                    dropped.get(), refusedConnections.get(), exit.getAsInt(), took.toMillis());
        }
    }

    private static int storedWith(Set<String> contents) throws Exception {
        return count("SELECT count(*) FROM comment WHERE content = ANY (?)", "text", contents);
    }

    private static int stored(Set<Long> ids) throws Exception {
        return count("SELECT count(*) FROM comment WHERE id = ANY (?)", "bigint", ids);
    }

    private static int count(String sql, String type, Set<?> values) throws Exception {
        Map<String, String> env = Replica.productionEnvironment(0);
        try (Connection c = DriverManager.getConnection(env.get("QUARKUS_DATASOURCE_JDBC_URL"), env.get("QUARKUS_DATASOURCE_USERNAME"),
                env.get("QUARKUS_DATASOURCE_PASSWORD"));
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf(type, values.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
