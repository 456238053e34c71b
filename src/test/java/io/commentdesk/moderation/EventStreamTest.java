package io.commentdesk.moderation;

import static io.commentdesk.support.Comments.approve;
import static io.commentdesk.support.Comments.submit;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.commentdesk.comment.QueueEvents;
import io.commentdesk.support.Db;
import io.commentdesk.support.EventStream;
import io.commentdesk.support.EventStream.Event;
import io.commentdesk.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;

/**
 * The moderators' live feed, read as the console reads it (a GET with the token in the Authorization
 * header, the body read line by line): what happens through the API, and what another replica
 * announces, reaches every open stream within seconds; a client that stops reading is dropped without
 * holding up the others.
 */
@QuarkusTest
class EventStreamTest {

    static final String JANE = Tokens.moderator("jane");
    static final Duration SOON = Duration.ofSeconds(5);

    @TestHTTPResource("/api/v1/moderation/events")
    URI events;
    @Inject
    QueueEvents queueEvents;
    @Inject
    EventStreams streams;
    @Inject
    Db db;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private EventStream open() throws Exception {
        EventStream stream = EventStream.open(events, JANE);
        assertThat(stream.status()).isEqualTo(200);
        // Listening from here on: the first line says so.
        stream.next(e -> e.isComment("connected"), SOON);
        return stream;
    }

    /** A connection of its own, as another replica's would be. */
    private static Connection otherReplica() throws Exception {
        return DriverManager.getConnection(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
                "postgres", "");
    }

    @Test
    void hearsNewCommentsAndDecisionsMadeThroughTheApi() throws Exception {
        try (EventStream stream = open()) {
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            assertThat(stream.headers().firstValue("Cache-Control")).hasValue("no-store");

            String article = newArticle();
            long id = submit(article);
            Event created = stream.next(e -> e.is("new") && e.ids().contains(id), SOON);
            assertThat(created.json().path("articleIds").get(0).asText()).isEqualTo(article);
            assertThat(stream.lines()).contains("event: comments");

            approve(JANE, id);
            Event decided = stream.next(e -> e.is("decided") && e.ids().contains(id), SOON);
            assertThat(decided.json().path("status").asText()).isEqualTo("APPROVED");
            assertThat(decided.json().path("actor").asText()).isEqualTo("jane");

            as(JANE).header("If-Match", "*").body(Map.of("content", "Edited by a moderator."))
                    .patch("/api/v1/moderation/comments/" + id).then().statusCode(200);
            assertThat(stream.next(e -> e.is("edited") && e.ids().contains(id), SOON).json().path("actor").asText()).isEqualTo("jane");

            long pending = submit(article);
            as(JANE).body(Map.of("limit", 10, "articleId", article)).post("/api/v1/moderation/claims").then().statusCode(200);
            assertThat(stream.next(e -> e.is("claimed"), SOON).ids()).containsExactly(pending);
            as(JANE).delete("/api/v1/moderation/claims").then().statusCode(200);
            assertThat(stream.next(e -> e.is("released"), SOON).ids()).contains(pending);

            as(JANE).body(Map.of("decisions", List.of(Map.of("id", pending, "version", 0, "action", "SPAM"))))
                    .post("/api/v1/moderation/decisions").then().statusCode(200).body("results[0].outcome", equalTo("APPLIED"));
            Event bulk = stream.next(e -> e.is("decided") && e.ids().contains(pending), SOON);
            assertThat(bulk.json().path("status").asText()).isEqualTo("SPAM");
        }
    }

    @Test
    void passesOnWhatAnotherReplicaAnnounces() throws Exception {
        String payload = "{\"kind\":\"decided\",\"ids\":[424242],\"status\":\"REJECTED\",\"actor\":\"omar\"}";
        try (EventStream stream = open(); Connection other = otherReplica();
                PreparedStatement notify = other.prepareStatement("SELECT pg_notify('moderation', ?)")) {
            // What is no JSON object never reaches a stream: it could break the stream's framing.
            for (String malformed : new String[] { "not json", "[1, 2]", "{\"kind\": \"x\"}\n\ndata: forged" }) {
                notify.setString(1, malformed);
                notify.execute();
            }
            notify.setString(1, payload);
            notify.execute();
            Event heard = stream.next(e -> "comments".equals(e.name()), SOON);
            assertThat(heard.json()).isEqualTo(new ObjectMapper().readTree(payload));
            assertThat(stream.lines()).noneMatch(line -> line.contains("forged") || line.contains("not json"));
        }
    }

    @Test
    void splitsABigChangeIntoNoticesPostgreSqlAccepts() throws Exception {
        List<Long> ids = LongStream.range(0, 3000).map(i -> 1_000_000_000_000L + i).boxed().toList();
        String actor = "moderator-with-a-long-name-" + "é".repeat(100);
        try (EventStream stream = open()) {
            QuarkusTransaction.requiringNew().run(() -> queueEvents.claimed(ids, actor));
            Set<Long> heard = new HashSet<>();
            int events = 0;
            while (heard.size() < ids.size()) {
                Event event = stream.next(e -> e.is("claimed") && actor.equals(e.json().path("actor").asText()), SOON);
                assertThat(event.data().getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
                heard.addAll(event.ids());
                events++;
            }
            assertThat(heard).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(events).isGreaterThan(1);
        }
    }

    @Test
    void announcesNothingOfATransactionThatRollsBack() throws Exception {
        try (EventStream stream = open()) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    queueEvents.claimed(List.of(777L), "rolled-back");
                    throw new IllegalStateException("rolled back");
                });
            } catch (IllegalStateException expected) {
                // as planned
            }
            QuarkusTransaction.requiringNew().run(() -> queueEvents.claimed(List.of(778L), "committed"));
            assertThat(stream.next(e -> e.is("claimed"), SOON).ids()).containsExactly(778L);
            assertThat(stream.lines()).noneMatch(line -> line.contains("rolled-back"));
        }
    }

    @Test
    void dropsAStreamWhoseClientStopsReadingWithoutHoldingUpTheOthers() throws Exception {
        try (EventStream reading = open(); Socket stuck = new Socket()) {
            // A console that stopped reading: a small receive window, never read from.
            stuck.setReceiveBufferSize(2048);
            stuck.connect(new InetSocketAddress(events.getHost(), events.getPort()));
            OutputStream out = stuck.getOutputStream();
            out.write(("GET " + events.getPath() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + JANE
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(SOON).until(() -> streams.count() == 2);

            // Another replica's changes, 7 kB each, 100 to a transaction, as fast as the reading console takes them:
            // far more than the stuck one's buffer and its connection's together.
            int rounds = 30;
            int perRound = 100;
            try (Connection other = otherReplica(); PreparedStatement st = other.prepareStatement("SELECT count(pg_notify('moderation', "
                    + "json_build_object('kind', 'burst', 'n', g, 'pad', repeat('x', 7000))::text)) FROM generate_series(?, ?) g")) {
                Set<Integer> received = new HashSet<>();
                for (int round = 0; round < rounds; round++) {
                    st.setInt(1, round * perRound);
                    st.setInt(2, round * perRound + perRound - 1);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                    }
                    while (received.size() < (round + 1) * perRound) {
                        received.add(reading.next(e -> e.is("burst"), SOON).json().path("n").asInt());
                    }
                }
            }
            await().atMost(SOON).untilAsserted(() -> assertThat(streams.count()).as("the stuck stream is dropped").isEqualTo(1));
            given().get("/q/metrics").then().statusCode(200).body(containsString("commentdesk_moderation_streams 1.0"));

            // The one that reads goes on.
            long id = submit(newArticle());
            reading.next(e -> e.is("new") && e.ids().contains(id), SOON);
        }
        await().atMost(SOON).until(() -> streams.count() == 0);
    }

    @Test
    void tellsStreamsToReloadWhenTheNoticeListenerReconnects() throws Exception {
        try (EventStream stream = open()) {
            assertThat(db.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND application_name = 'comment-desk notices'")).isEqualTo(1);
            Event resync = stream.next(e -> "resync".equals(e.name()), Duration.ofSeconds(10));
            assertThat(resync.data()).isEqualTo("{}");
            // Listening again: events flow as before.
            await().atMost(SOON).until(() -> given().get("/q/health/ready").statusCode() == 200);
            long id = submit(newArticle());
            stream.next(e -> e.is("new") && e.ids().contains(id), SOON);
        }
    }

    @Test
    void keepsTheStreamOpenWithACommentEvery15Seconds() throws Exception {
        try (EventStream stream = open()) {
            stream.next(e -> e.isComment("keep-alive"), Duration.ofSeconds(17));
            assertThat(stream.lines()).contains(": keep-alive");
        }
    }

    @Test
    void endsTheStreamWhenItsTokenExpires() throws Exception {
        String shortLived = Jwt.issuer(Tokens.ISSUER).subject("jane").groups(Set.of("moderator")).expiresIn(3).sign();
        try (EventStream stream = EventStream.open(events, shortLived)) {
            assertThat(stream.status()).isEqualTo(200);
            stream.next(e -> e.isComment("connected"), SOON);
            assertThat(stream.endsWithin(Duration.ofSeconds(8))).as("ended at the token's expiry").isTrue();
        }
    }

    @Test
    void refusesCallersWithoutATokenOrTheRole() {
        given().get("/api/v1/moderation/events").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:unauthorized"));
        given().auth().oauth2(Tokens.reader("someone")).get("/api/v1/moderation/events").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:commentdesk:problem:forbidden"));
    }
}
