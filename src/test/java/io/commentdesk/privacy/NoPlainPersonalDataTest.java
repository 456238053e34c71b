package io.commentdesk.privacy;

import static io.commentdesk.support.Comments.decide;
import static io.commentdesk.support.Comments.version;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.commentdesk.personaldata.RetentionJob;
import io.commentdesk.support.Comments;
import io.commentdesk.support.Db;
import io.commentdesk.support.EventStream;
import io.commentdesk.support.LogCapture;
import io.commentdesk.support.RawHttp;
import io.commentdesk.support.Submissions;
import io.commentdesk.support.Tokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A reader's email address, IP address and user agent are written in clear nowhere but their sealed
 * columns. Unique markers go through every code path that touches them (submissions valid, invalid
 * and refused, JSON and form, moderation, the blocklist, export, erasure, retention, a failure inside
 * the database), with every logger at DEBUG; then the log records, every column of every table,
 * the metrics scrape and every answer the test received are searched for them. Each search is shown
 * to find the markers where they are.
 */
@QuarkusTest
@TestProfile(NoPlainPersonalDataTest.Everything.class)
class NoPlainPersonalDataTest {

    /** Every logger at DEBUG, the access log on, every rule on, the client's address taken from X-Forwarded-For. */
    public static class Everything implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    // DEBUG is the lowest level the service can log at: below it, quarkus.log.min-level (fixed at build) drops records.
                    Map.entry("quarkus.log.level", "DEBUG"),
                    // The capture sees every record; the console stays readable.
                    Map.entry("quarkus.log.console.level", "INFO"),
                    Map.entry("comments.access-log.enabled", "true"),
                    Map.entry("comments.allowed-origins", "https://news.example.com"),
                    Map.entry("comments.rules.flood.enabled", "true"),
                    Map.entry("comments.rules.rate-limit.enabled", "true"),
                    Map.entry("comments.rules.duplicates.enabled", "true"),
                    Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                    Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                    Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.1"));
        }
    }

    static final String BOSS = Tokens.admin("boss-leak");
    static final String JANE = Tokens.moderator("jane-leak");

    // The markers: random, so a hit can only come from this test. The addresses' case is mixed on purpose.
    static final String LOCAL = "Leak" + mixedCase(hex(12));
    static final String EMAIL = LOCAL + "@Example.org";
    static final String LOCAL_2 = "Leak" + mixedCase(hex(12));
    /** A second reader, whose domain an admin's disallowed term matches: stored as spam, then deleted by an erasure. */
    static final String EMAIL_2 = LOCAL_2 + "@Example.net";
    /** Three-digit octets, so no other address can contain this one. */
    static final String IP = "198.18." + (100 + (int) (Math.random() * 155)) + "." + (100 + (int) (Math.random() * 155));
    static final String USER_AGENT = "LeakAgent/" + hex(12);
    static final List<String> MARKERS = List.of(EMAIL, LOCAL, EMAIL_2, LOCAL_2, IP, USER_AGENT);

    /** The test's own HTTP clients, which log what the test sends and receives in this JVM: not the service's log. */
    static final List<String> CLIENT_LOGGERS = List.of("org.apache.http.", "io.restassured.", "jdk.internal.httpclient.");

    /** The only columns that may hold personal data: sealed (ciphertext), so in fact none of it is in clear there either. */
    static final Set<String> SEALED_COLUMNS = Set.of("comment.email_sealed", "comment.ip_sealed", "comment.user_agent_sealed");

    @Inject
    Db db;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    RetentionJob retention;
    @Inject
    MeterRegistry registry;
    @TestHTTPResource("/api/v1/moderation/events")
    URI events;

    /** One answer the test received, as it came. */
    record Answer(String method, String path, int status, String text) {
    }

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private List<Filter> filtersBefore;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** Keeps every answer of every request this test sends, through whichever helper it goes. */
    @BeforeEach
    void recordAnswers() {
        filtersBefore = new ArrayList<>(RestAssured.filters());
        RestAssured.filters((request, response, context) -> {
            Response answer = context.next(request, response);
            answers.add(new Answer(request.getMethod(), java.net.URI.create(request.getURI()).getPath(), answer.statusCode(),
                    answer.statusLine() + "\n" + answer.headers() + "\n" + answer.asString()));
            return answer;
        });
    }

    @AfterEach
    void stopRecording() {
        RestAssured.replaceFiltersWith(filtersBefore);
    }

    @Test
    void noCodePathWritesTheAddressIpOrUserAgentInClear() throws Exception {
        String article = newArticle();
        try (LogCapture log = LogCapture.start(); EventStream stream = EventStream.open(events, JANE)) {
            // A moderator's console follows everything below live.
            stream.next(e -> e.isComment("connected"), Duration.ofSeconds(5));
            settings(List.of("example.net"), new Limits(0, 100_000));

            // Submissions accepted: JSON, its preview, an Idempotency-Key replayed and reused, spam by an admin's term.
            var first = post(article, body(EMAIL, "The first word.")).statusCode(202).extract().jsonPath();
            long firstId = first.getLong("id");
            given().queryParam("preview", first.getString("previewToken")).get(path(article) + "/" + firstId).then().statusCode(200);
            String key = UUID.randomUUID().toString();
            long keyed = client().header("Idempotency-Key", key).body(body(EMAIL.toUpperCase(Locale.ROOT), "Keyed."))
                    .post(path(article)).then().statusCode(202).extract().jsonPath().getLong("id");
            client().header("Idempotency-Key", key).body(body(EMAIL.toUpperCase(Locale.ROOT), "Keyed.")).post(path(article)).then()
                    .statusCode(202);
            client().header("Idempotency-Key", key).body(body(EMAIL, "Another body.")).post(path(article)).then().statusCode(422);
            long spam = post(article, body(EMAIL_2, "Spam, by the admin's terms.")).statusCode(202).extract().jsonPath().getLong("id");
            assertThat(db.row("SELECT status FROM comment WHERE id = ?", spam)).containsEntry("status", "SPAM");

            // Form posts: to the small page, and back to the frontend.
            Map<String, String> form = form(EMAIL.toLowerCase(Locale.ROOT), "A form post.");
            formPost(article, form).then().statusCode(202);
            form.put("redirect_to", "https://news.example.com/story");
            form.put("comment", "A form post, sent back.");
            formPost(article, form).then().statusCode(303);

            // Refused as invalid, each carrying the address somewhere.
            post(article, body(LOCAL + "@localhost", "x")).statusCode(400);
            post(article, body(LOCAL + "@@Example.org", "x")).statusCode(400);
            post(article, body("  " + LOCAL + " at example.org", "x")).statusCode(400);
            post(article, Map.of("authorName", "", "authorEmail", EMAIL, "content", "")).statusCode(400);
            post(article, Map.of("authorName", "Ana\u0000", "authorEmail", EMAIL, "content", "x".repeat(65_526))).statusCode(400);
            Map<String, Object> orphan = body(EMAIL, "A reply to nothing.");
            orphan.put("parentId", 999_999_999);
            post(article, orphan).statusCode(400);
            Map<String, Object> badUrl = body(EMAIL, "With a bad website.");
            badUrl.put("authorUrl", "http://" + LOCAL + ":pw@127.0.0.1/" + IP);
            post(article, badUrl).statusCode(400);
            post(article, Map.of("authorName", "Ana", "authorEmail", Map.of("address", EMAIL), "content", "x")).statusCode(400);
            post(article, List.of(EMAIL)).statusCode(400);
            raw("application/json").body("{\"authorEmail\": \"" + EMAIL + "\", broken " + EMAIL).post(path(article)).then()
                    .statusCode(400);
            raw("application/json").body("{\"authorEmail\": " + EMAIL + "}").post(path(article)).then().statusCode(400);
            raw("application/json").body("{\"authorEmail\": \"" + EMAIL + "\", \"authorEmail\": \"" + EMAIL + "\"}")
                    .post(path(article)).then().statusCode(400);
            raw("application/json").body(concat("{\"authorName\":\"Ana\",\"authorEmail\":\"" + EMAIL + "\",\"content\":\"",
                    new byte[] { (byte) 0xC0, (byte) 0xAF }, "\"}")).post(path(article)).then().statusCode(400);
            raw("text/plain").body(EMAIL).post(path(article)).then().statusCode(415);
            raw("application/json").body("{\"authorEmail\": \"" + EMAIL + "\", \"content\": \"" + "y".repeat(1_100_000) + "\"}")
                    .post(path(article)).then().statusCode(413);
            form.put("email", LOCAL + "@localhost");
            formPost(article, form).then().statusCode(400);
            raw("application/x-www-form-urlencoded").body("author=Bo&email=" + LOCAL + "%ZZ%40example.org&comment=Hi")
                    .post(path(article)).then().statusCode(400);
            // A charset REST Assured cannot send: raw bytes, the answer recorded by hand.
            var unknownCharset = RawHttp.post(path(article), "application/x-www-form-urlencoded; charset=x-" + LOCAL,
                    ("email=" + LOCAL + "%40example.org").getBytes(StandardCharsets.US_ASCII));
            assertThat(unknownCharset.statusCode()).isEqualTo(415);
            answers.add(new Answer("POST", path(article), 415, unknownCharset.headers().map() + "\n" + unknownCharset.body()));
            client().header("Idempotency-Key", "k".repeat(256)).body(body(EMAIL, "x")).post(path(article)).then().statusCode(400);

            // Moderation: the queue, claims, the audited reveal, decisions, an edit, bulk decisions, stats, the audit.
            as(JANE).queryParam("articleId", article).get("/api/v1/moderation/comments").then().statusCode(200);
            as(JANE).queryParam("status", "SPAM").get("/api/v1/moderation/comments").then().statusCode(200);
            as(JANE).body(Map.of("limit", 100)).post("/api/v1/moderation/claims").then().statusCode(200);
            as(JANE).delete("/api/v1/moderation/claims").then().statusCode(200);
            String revealed = as(JANE).get("/api/v1/moderation/comments/" + firstId).then().statusCode(200).extract().asString();
            assertThat(found(revealed)).as("the reveal shows the address, IP and user agent").contains(EMAIL, IP, USER_AGENT);
            Comments.approve(JANE, firstId);
            as(JANE).header("If-Match", "\"" + version(JANE, firstId) + "\"").body(Map.of("content", "The first word, edited.",
                    "reason", "typo")).patch("/api/v1/moderation/comments/" + firstId).then().statusCode(200);
            // Approved once and never spam: a trusted commenter, approved at once.
            long trusted = post(article, body(EMAIL, "Trusted by now.")).statusCode(202).extract().jsonPath().getLong("id");
            assertThat(db.row("SELECT status FROM comment WHERE id = ?", trusted)).containsEntry("status", "APPROVED");
            decide(JANE, keyed, version(JANE, keyed), "REJECT").statusCode(200);
            decide(JANE, keyed, version(JANE, keyed), "RESTORE").statusCode(200);
            decide(JANE, keyed, 0, "APPROVE").statusCode(412);
            as(JANE).body(Map.of("decisions", List.of(Map.of("id", keyed, "version", version(JANE, keyed), "action", "SPAM"),
                    Map.of("id", 999_999_999, "version", 0, "action", "SPAM")))).post("/api/v1/moderation/decisions").then()
                    .statusCode(200);
            Map<String, Object> honeypot = body(EMAIL, "Bot words.");
            honeypot.put("website2", "filled");
            post(article, honeypot).statusCode(202); // the honeypot: stored as spam, answered as success
            as(JANE).get("/api/v1/moderation/stats").then().statusCode(200);
            as(JANE).get("/api/v1/moderation/comments/" + firstId + "/author").then().statusCode(200);
            as(JANE).queryParam("status", "HELD").get("/api/v1/moderation/comments").then().statusCode(200);
            as(JANE).queryParam("commentId", firstId).get("/api/v1/moderation/audit").then().statusCode(200);
            as(JANE).queryParam("actor", "rules").get("/api/v1/moderation/audit").then().statusCode(200);
            as(JANE).get("/api/v1/moderation/audit").then().statusCode(200);

            // Readers: the list, one comment, counts; a reply.
            given().get(path(article)).then().statusCode(200);
            given().get(path(article) + "/" + firstId).then().statusCode(200);
            given().queryParam("articleId", article).get("/api/v1/comment-counts").then().statusCode(200);
            Map<String, Object> reply = body(EMAIL, "Replying to myself.");
            reply.put("parentId", firstId);
            post(article, reply).statusCode(202);

            // Refused by the rules: flood, rate limit, duplicate, blocklist (the address, then the IP).
            settings(List.of("example.net"), new Limits(3600, 100_000));
            post(article, body(EMAIL, "Too soon.")).statusCode(429);
            settings(List.of("example.net"), new Limits(0, 1));
            post(newArticle(), body(EMAIL, "Too many.")).statusCode(429);
            settings(List.of("example.net"), new Limits(0, 100_000));
            post(article, body(EMAIL, "A form post.")).statusCode(409);
            long emailBlock = as(BOSS).body(Map.of("email", EMAIL.toUpperCase(Locale.ROOT), "note", "asked for it"))
                    .post("/api/v1/admin/blocks").then().statusCode(201).extract().jsonPath().getLong("id");
            post(article, body(EMAIL, "Blocked by address.")).statusCode(403);
            as(BOSS).delete("/api/v1/admin/blocks/" + emailBlock).then().statusCode(204);
            as(BOSS).body(Map.of("email", EMAIL, "ip", IP)).post("/api/v1/admin/blocks").then().statusCode(400);
            as(BOSS).body(Map.of("ip", IP + "/" + LOCAL)).post("/api/v1/admin/blocks").then().statusCode(400);
            long ipBlock = as(BOSS).body(Map.of("ip", IP)).post("/api/v1/admin/blocks").then().statusCode(201).extract().jsonPath()
                    .getLong("id");
            post(newArticle(), body("someone-else@example.com", "Blocked by IP.")).statusCode(403);
            as(BOSS).get("/api/v1/admin/blocks").then().statusCode(200);

            // The export, which must hold the address, IP and user agent; bad requests for it.
            String export = as(BOSS).body(Map.of("email", "  " + EMAIL.toUpperCase(Locale.ROOT) + " "))
                    .post("/api/v1/admin/privacy/exports").then().statusCode(200).extract().asString();
            assertThat(found(export)).as("the export holds what is kept about the address").contains(EMAIL, IP, USER_AGENT);
            as(BOSS).body(Map.of("email", LOCAL + "@localhost")).post("/api/v1/admin/privacy/exports").then().statusCode(400);
            as(BOSS).body("{\"email\": " + EMAIL + "}").post("/api/v1/admin/privacy/exports").then().statusCode(400);
            as(BOSS).body("{\"email\": " + EMAIL + "}").post("/api/v1/admin/blocks").then().statusCode(400);
            as(BOSS).body(Map.of("email", EMAIL, "mode", "SHRED-" + LOCAL)).post("/api/v1/admin/privacy/erasures").then().statusCode(400);
            as(JANE).body(Map.of("email", EMAIL)).post("/api/v1/admin/privacy/exports").then().statusCode(403);

            // Everything is stored by now (the IP's blocklist entry included): the first look at the database.
            Map<String, List<String>> stored = databaseLeaks();
            assertThat(db.count("SELECT count(*) FROM block WHERE target = ?", IP + "/32")).as("the one allowance, in use").isOne();
            as(BOSS).delete("/api/v1/admin/blocks/" + ipBlock).then().statusCode(204);

            // Erasure, both ways; then a new comment for the retention job, which runs as if two months had passed.
            assertThat(as(BOSS).body(Map.of("email", EMAIL.toLowerCase(Locale.ROOT), "mode", "ANONYMIZE"))
                    .post("/api/v1/admin/privacy/erasures").then().statusCode(200).extract().jsonPath().getInt("comments")).isPositive();
            assertThat(as(BOSS).body(Map.of("email", EMAIL_2, "mode", "DELETE")).post("/api/v1/admin/privacy/erasures").then()
                    .statusCode(200).extract().jsonPath().getInt("comments")).isOne();
            post(article, body(EMAIL, "After the erasure.")).statusCode(202);
            as(BOSS).get("/api/v1/admin/privacy/retention").then().statusCode(200);
            assertThat(retention.run(Instant.now().plus(Duration.ofDays(60))).orElseThrow().counts().ip()).isPositive();
            as(BOSS).get("/api/v1/admin/privacy/retention").then().statusCode(200);
            post(article, body(EMAIL, "After the retention job.")).statusCode(202);

            // The database refusing inside: a submission and a blocklist entry each fail with a 500.
            refusingInsertsInto("comment", () -> post(article, body(EMAIL, "Refused by the database.")).statusCode(500));
            refusingInsertsInto("block", () -> as(BOSS).body(Map.of("ip", IP)).post("/api/v1/admin/blocks").then().statusCode(500));

            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

            // The console's stream: what it carried is an answer too; ended, it has its access line, without the token.
            stream.next(e -> e.is("decided"), Duration.ofSeconds(5));
            stream.close();
            answers.add(new Answer("GET", "/api/v1/moderation/events", 200, String.join("\n", stream.lines())));
            await().atMost(Duration.ofSeconds(5)).until(() -> log.text().contains("GET /api/v1/moderation/events 200"));
            String signature = JANE.substring(JANE.lastIndexOf('.') + 1);
            assertThat(log.lines().stream().filter(line -> CLIENT_LOGGERS.stream().noneMatch(line.logger()::startsWith)))
                    .as("the service's log records holding the moderator's token").noneMatch(line -> line.text().contains(signature));

            // The capture saw the lines that could have carried the markers, so its silence means something.
            assertThat(log.text()).contains("Personal data export by boss-leak", "Erasure (ANONYMIZE) by boss-leak",
                    "Erasure (DELETE) by boss-leak", "Retention run:", "Unexpected error while serving a request",
                    "/api/v1/admin/privacy/exports 200");
            assertThat(logLeaks(log)).as("log records holding a marker").isEmpty();
            assertThat(stored).as("columns holding a marker, with everything stored").isEmpty();
            assertThat(databaseLeaks()).as("columns holding a marker, at the end").isEmpty();
            assertThat(found(metrics)).as("markers in /q/metrics").isEmpty();
            assertThat(answerLeaks(answers)).as("answers holding a marker").isEmpty();
        }
    }

    @Test
    void eachSearchFindsTheMarkersWhereTheyAre() throws SQLException {
        // The log: a DEBUG record's parameter, the MDC, and an exception's cause.
        try (LogCapture log = LogCapture.start()) {
            org.jboss.logging.Logger logger = org.jboss.logging.Logger.getLogger("io.commentdesk.canary");
            logger.debugf("hello %s", EMAIL.toUpperCase(Locale.ROOT));
            org.jboss.logging.MDC.put("canary", USER_AGENT);
            try {
                logger.info("with MDC");
            } finally {
                org.jboss.logging.MDC.remove("canary");
            }
            logger.error("failed", new IllegalStateException("outer", new RuntimeException("from " + IP)));
            assertThat(logLeaks(log).values().stream().flatMap(List::stream).toList())
                    .contains(EMAIL, LOCAL, USER_AGENT, IP);
        }

        // The database: a table no migration made is searched too, and a sealed column's name exempts only the real one.
        db.update("CREATE TABLE leak_canary (id INT, note VARCHAR(100), email_sealed TEXT, payload JSONB)");
        try {
            db.update("INSERT INTO leak_canary VALUES (1, ?, ?, ?::jsonb)", "from " + IP, EMAIL, "{\"ua\": \"" + USER_AGENT + "\"}");
            assertThat(databaseLeaks().keySet().stream().filter(column -> column.startsWith("public.leak_canary.")))
                    .containsExactlyInAnyOrder("public.leak_canary.note", "public.leak_canary.email_sealed", "public.leak_canary.payload");
        } finally {
            db.update("DROP TABLE leak_canary");
        }

        // The metrics: a label holding the address is seen in the scrape.
        Counter labelled = Counter.builder("leak_canary").tag("who", EMAIL).register(registry);
        try {
            labelled.increment();
            assertThat(found(given().get("/q/metrics").then().statusCode(200).extract().asString())).contains(EMAIL, LOCAL);
        } finally {
            registry.remove(labelled);
        }

        // The answers: an answer holding a marker is reported unless it is an export or a reveal, and then only what those show.
        List<Answer> canaries = List.of(
                new Answer("POST", "/api/v1/articles/x/comments", 400, "{\"detail\": \"" + EMAIL + "\"}"),
                new Answer("GET", "/api/v1/moderation/comments/7", 200, EMAIL + " " + IP + " " + USER_AGENT),
                new Answer("POST", "/api/v1/admin/privacy/exports", 200, EMAIL + " " + IP + " " + USER_AGENT),
                new Answer("POST", "/api/v1/admin/privacy/exports", 400, IP),
                new Answer("GET", "/api/v1/admin/blocks", 200, IP + " " + EMAIL));
        assertThat(answerLeaks(canaries)).containsOnlyKeys("POST /api/v1/articles/x/comments 400",
                "POST /api/v1/admin/privacy/exports 400", "GET /api/v1/admin/blocks 200");
        assertThat(answerLeaks(canaries).get("GET /api/v1/admin/blocks 200")).containsExactly(EMAIL, LOCAL);
    }

    // ─── The searches ─────────────────────────────────────────────────────────────────────────────

    /** The markers in a text, whatever their case. */
    static List<String> found(String text) {
        String folded = text.toLowerCase(Locale.ROOT);
        return MARKERS.stream().filter(m -> folded.contains(m.toLowerCase(Locale.ROOT))).toList();
    }

    /** Each log record holding a marker, named by its logger and level, with the markers it holds. */
    static Map<String, List<String>> logLeaks(LogCapture log) {
        Map<String, List<String>> leaks = new LinkedHashMap<>();
        for (LogCapture.Line line : log.lines()) {
            if (line.logger() != null && CLIENT_LOGGERS.stream().anyMatch(line.logger()::startsWith)) {
                continue;
            }
            List<String> markers = found(line.text());
            if (!markers.isEmpty()) {
                leaks.put(line.level() + " " + line.logger() + ": " + abbreviated(line.text()), markers);
            }
        }
        return leaks;
    }

    /**
     * Each column (schema.table.column) of each table holding a marker in any row, but the sealed columns.
     * Tables and columns come from the catalogue, so a table added later is searched without a change here.
     */
    Map<String, List<String>> databaseLeaks() {
        Map<String, List<String>> leaks = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT c.table_schema, c.table_name, c.column_name, c.data_type "
                    + "FROM information_schema.columns c JOIN information_schema.tables t "
                    + "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
                    + "WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema') "
                    + "ORDER BY 1, 2, c.ordinal_position"); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) });
                }
            }
            assertThat(columns.stream().map(col -> col[1] + "." + col[2])).as("the catalogue lists the sealed columns")
                    .containsAll(SEALED_COLUMNS);
            for (String[] col : columns) {
                String name = col[1] + "." + col[2];
                if ("public".equals(col[0]) && SEALED_COLUMNS.contains(name)) {
                    continue;
                }
                // Every type as text; bytes as their printable characters.
                String text = "bytea".equals(col[3]) ? "encode(" + quoted(col[2]) + ", 'escape')" : quoted(col[2]) + "::text";
                // One row: for each marker, whether any row of the table holds it in this column.
                String sql = "SELECT " + MARKERS.stream().map(m -> "coalesce(bool_or(strpos(lower(" + text + "), ?) > 0), false)")
                        .collect(Collectors.joining(", ")) + " FROM " + quoted(col[0]) + "." + quoted(col[1]);
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    for (int i = 0; i < MARKERS.size(); i++) {
                        st.setString(i + 1, MARKERS.get(i).toLowerCase(Locale.ROOT));
                    }
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        List<String> markers = new ArrayList<>();
                        for (int i = 0; i < MARKERS.size(); i++) {
                            if (rs.getBoolean(i + 1)) {
                                markers.add(MARKERS.get(i));
                            }
                        }
                        if (!markers.isEmpty() && !allowed(col, markers)) {
                            leaks.put(col[0] + "." + name, markers);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return leaks;
    }

    /**
     * An admin's IP blocklist entry holds the address or range in clear, by design (README, "Anti-abuse
     * rules"): a range must be matched, and admins see what they blocked. That column, that marker only.
     */
    private static boolean allowed(String[] col, List<String> markers) {
        return "public".equals(col[0]) && "block".equals(col[1]) && "target".equals(col[2]) && markers.equals(List.of(IP));
    }

    /**
     * Each answer holding a marker, but what an export (all of them) and the audited reveal of one comment
     * (all of them) must show, and the blocklist's answers (the IP of an entry, as above).
     */
    static Map<String, List<String>> answerLeaks(Iterable<Answer> answers) {
        Map<String, List<String>> leaks = new LinkedHashMap<>();
        for (Answer answer : answers) {
            List<String> markers = new ArrayList<>(found(answer.text()));
            boolean export = "POST".equals(answer.method()) && answer.path().equals("/api/v1/admin/privacy/exports")
                    && answer.status() == 200;
            boolean reveal = "GET".equals(answer.method()) && answer.path().matches("/api/v1/moderation/comments/\\d+")
                    && answer.status() == 200;
            boolean blocks = answer.path().startsWith("/api/v1/admin/blocks") && answer.status() < 300;
            if (export || reveal) {
                markers.clear();
            } else if (blocks) {
                markers.remove(IP);
            }
            if (!markers.isEmpty()) {
                leaks.merge(answer.method() + " " + answer.path() + " " + answer.status(), markers, (a, b) -> a);
            }
        }
        return leaks;
    }

    // ─── Driving the service ──────────────────────────────────────────────────────────────────────

    /** A reader behind the trusted proxy, at the marker IP, with the marker user agent. */
    static RequestSpecification client() {
        return given().urlEncodingEnabled(false).contentType("application/json").header("X-Forwarded-For", IP)
                .header("User-Agent", USER_AGENT);
    }

    static RequestSpecification raw(String contentType) {
        return Submissions.raw(contentType).header("X-Forwarded-For", IP).header("User-Agent", USER_AGENT);
    }

    static io.restassured.response.ValidatableResponse post(String article, Object body) {
        return client().body(body).post(path(article)).then();
    }

    static Response formPost(String article, Map<String, String> fields) {
        return Submissions.form(fields).header("X-Forwarded-For", IP).header("User-Agent", USER_AGENT).post(path(article));
    }

    static Map<String, Object> body(String email, String content) {
        Map<String, Object> body = new HashMap<>();
        body.put("authorName", "Ana Lima");
        body.put("authorEmail", email);
        body.put("content", content);
        return body;
    }

    static Map<String, String> form(String email, String content) {
        Map<String, String> form = Submissions.validForm();
        form.put("email", email);
        form.put("comment", content);
        return form;
    }

    record Limits(int floodIntervalSeconds, int rateLimitMax) {
    }

    /** Replaces the admin's rule settings; trusted commenters on. They apply at once on this replica. */
    static void settings(List<String> disallowed, Limits limits) {
        String etag = as(BOSS).get("/api/v1/admin/settings").then().statusCode(200).extract().header("ETag");
        as(BOSS).header("If-Match", etag).body(Map.of("disallowedTerms", disallowed, "holdTerms", List.of(), "maxLinks", 2,
                "trusted", Map.of("enabled", true, "minApproved", 1),
                "limits", Map.of("floodIntervalSeconds", limits.floodIntervalSeconds(), "rateLimitMax", limits.rateLimitMax(),
                        "rateLimitWindowSeconds", 600)))
                .put("/api/v1/admin/settings").then().statusCode(200);
    }

    /** Runs {@code action} while PostgreSQL refuses every insert into {@code table} (a trigger raising an error). */
    void refusingInsertsInto(String table, Runnable action) {
        db.update("CREATE OR REPLACE FUNCTION leak_refuse() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'refused by NoPlainPersonalDataTest'; END $$");
        db.update("CREATE TRIGGER leak_refuse BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION leak_refuse()");
        try {
            action.run();
        } finally {
            db.update("DROP TRIGGER leak_refuse ON " + table);
            db.update("DROP FUNCTION leak_refuse()");
        }
    }

    // ─── Small things ─────────────────────────────────────────────────────────────────────────────

    private static String hex(int length) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, length);
    }

    private static String mixedCase(String text) {
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            mixed.append(i % 2 == 0 ? Character.toUpperCase(ch) : ch);
        }
        return mixed.toString();
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String abbreviated(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "…";
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }
}
