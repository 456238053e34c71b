package io.commentdesk.personaldata;

import static io.commentdesk.support.Metrics.scrape;
import static io.commentdesk.support.Metrics.value;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.commentdesk.privacy.FieldCipher;
import io.commentdesk.privacy.FieldCipher.Purpose;
import io.commentdesk.privacy.LookupHasher;
import io.commentdesk.privacy.PrivacyKeys;
import io.commentdesk.support.Db;
import io.commentdesk.support.Keys;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Both keys rotated at once, on PostgreSQL, as the README tells ops to: this replica seals and hashes with
 * k2/h2 and still accepts k1/h1, which wrote the rows already there. Before the job, during it (real
 * threads submitting and reading) and after it, every rule, read, export and erasure finds everyone; after
 * it, no row needs the old keys, so they can go.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.Rotating.class)
class KeyRotationTest {

    private static final String RESEALED = "commentdesk_key_rotation_rows_total{work=\"resealed\"}";
    private static final String REHASHED = "commentdesk_key_rotation_rows_total{work=\"rehashed\"}";

    static final String NEW_KEY = "cm90YXRpb24tdGVzdC1uZXctZW1haWwta2V5LTAwMDI=";
    static final String NEW_HASH_KEY = "cm90YXRpb24tdGVzdC1uZXctaGFzaC1rZXktMDAwMDI=";
    static final String BOSS = Tokens.admin("boss-keys");
    static final String JANE = Tokens.moderator("jane-keys");

    public static class Rotating implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("comments.email.key", NEW_KEY),
                    Map.entry("comments.email.key-id", "k2"),
                    Map.entry("comments.email.retired-keys", "k1=" + Keys.TEST_KEY),
                    Map.entry("comments.email.hash-key", NEW_HASH_KEY),
                    Map.entry("comments.email.hash-key-id", "h2"),
                    Map.entry("comments.email.retired-hash-keys", "h1=" + Keys.TEST_HASH_KEY),
                    // Small batches: the job takes many turns, with submissions in between.
                    Map.entry("comments.privacy.rekey-batch", "7"),
                    Map.entry("comments.rules.flood.enabled", "true"),
                    Map.entry("comments.rules.flood.interval", "60s"),
                    Map.entry("comments.rules.duplicates.enabled", "true"),
                    Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                    Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                    Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.1"));
        }
    }

    /** What a replica from before the rotation wrote with. */
    static final PrivacyKeys OLD = Keys.keys(Keys.TEST_KEY, "k1", Keys.TEST_HASH_KEY, "h1");
    /** What replicas have once the old keys are dropped. */
    static final PrivacyKeys NEW_ONLY = Keys.keys(NEW_KEY, "k2", NEW_HASH_KEY, "h2");

    final FieldCipher oldCipher = new FieldCipher(OLD);
    final LookupHasher oldHasher = new LookupHasher(OLD);

    @Inject
    KeyRotationJob job;
    @Inject
    Db db;

    @Test
    void rotatesBothKeysWhileReadersAndWritersCarryOn() throws Exception {
        trustedCommentersOn();
        String article = newArticle();
        List<Long> alice = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            alice.add(insertOld(article, "APPROVED", "alice@example.com", "198.51.100.7", "Alice's point number " + i));
        }
        insertOld(article, "APPROVED", "tina@example.com", null, "Tina, trusted since long ago.");
        insertOld(article, "PENDING", "bob@example.com", "198.51.100.8", "Exactly this, word for word.");
        long ida = insertOld(article, "PENDING", "ida@example.com", null, "Sent once with an Idempotency-Key.");
        for (int i = 0; i < 30; i++) {
            insertOld(newArticle(), "PENDING", "filler" + i + "@example.com", "203.0.113." + i, "Filler " + i);
        }
        int old = 36;
        // An email block and an Idempotency-Key record from before, hashes made with h1 (Fred's flood gate: below).
        db.row("WITH added AS (INSERT INTO block (id, kind, target, hash_key_id, created_at, created_by) VALUES "
                + "(nextval('block_id_seq'), 'EMAIL', ?, 'h1', CURRENT_TIMESTAMP, 'boss') RETURNING id) "
                + "SELECT pg_notify('blocklist', '') FROM added", oldHasher.emailHash("blocked@example.com"));
        String idaKey = "ida-" + UUID.randomUUID();
        Map<String, Object> idaBody = body("Ida", "ida@example.com", "Sent once with an Idempotency-Key.");
        db.update("INSERT INTO idempotency_key (key_hash, request_hash, comment_id, created_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)",
                oldHasher.keyed("idempotency-key", idaKey), oldHasher.keyed("idempotency-request",
                        String.join("\u0000", article, "Ida", "ida@example.com", "null", "Sent once with an Idempotency-Key.", "null")),
                ida);

        // Before the job: everything under the old keys is found, through the new configuration.
        JsonPath before = keys();
        assertThat(before.getMap("encryption.comments")).containsEntry("k1", old).containsEntry("k2", 0);
        assertThat(before.getInt("encryption.otherKeys")).isZero();
        assertThat(before.getMap("hashing.comments")).containsEntry("h1", old).containsEntry("h2", 0);
        assertThat(before.getMap("hashing.blocklistEmails")).containsEntry("h1", 1).containsEntry("h2", 0);
        assertThat(before.getList("hashing.keyIds")).containsExactly("h2", "h1");
        everyRuleStillKnowsEveryone(article, alice, 3, idaKey, idaBody, ida);

        // During: the job in small batches, while four threads submit and read.
        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            writers.add(pool.submit(() -> {
                start.await();
                int accepted = 0;
                for (int i = 0; i < 10; i++) {
                    accepted += submit(article, body("Writer " + thread, "writer" + thread + "-" + i + "@example.com",
                            "During the rotation, " + thread + "/" + i)).extract().statusCode() == 202 ? 1 : 0;
                    given().get(path(article)).then().statusCode(200);
                }
                return accepted;
            }));
        }
        double resealedBefore = value(RESEALED);
        double rehashedBefore = value(REHASHED);
        Future<KeyRotationJob.Run> running = pool.submit(() -> {
            start.await();
            return job.run().orElseThrow();
        });
        start.countDown();
        for (Future<Integer> writer : writers) {
            assertThat(writer.get(60, TimeUnit.SECONDS)).as("every submission during the rotation accepted").isEqualTo(10);
        }
        KeyRotationJob.Run during = running.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(during.resealed() + during.left()).isEqualTo(old);
        // What was still locked by someone is done by the next run; then nothing is left.
        KeyRotationJob.Run rest = as(BOSS).post("/api/v1/admin/privacy/keys/rotation").then().statusCode(200).extract()
                .as(KeyRotationJob.Run.class);
        assertThat(during.resealed() + rest.resealed()).isEqualTo(old);
        assertThat(during.rehashed() + rest.rehashed()).isEqualTo(old);
        assertThat(rest.left()).isZero();
        String scrape = scrape();
        assertThat(value(scrape, RESEALED)).isEqualTo(resealedBefore + old);
        assertThat(value(scrape, REHASHED)).isEqualTo(rehashedBefore + old);
        assertThat(job.run().orElseThrow()).as("a run with nothing to do").isEqualTo(new KeyRotationJob.Run(0, 0, 0));

        // After: no comment needs k1 or h1; every row opens and hashes with the new keys alone.
        long total = old + 40 + 1; // + the writers' + Tina's from the checks before
        JsonPath after = keys();
        assertThat(after.getMap("encryption.comments")).containsEntry("k1", 0).containsEntry("k2", (int) total);
        assertThat(after.getMap("hashing.comments")).containsEntry("h1", 0).containsEntry("h2", (int) total);
        assertThat(after.getMap("hashing.blocklistEmails")).as("an email block cannot be hashed again").containsEntry("h1", 1);
        FieldCipher newCipher = new FieldCipher(NEW_ONLY);
        LookupHasher newHasher = new LookupHasher(NEW_ONLY);
        for (Map<String, Object> row : db.rows("SELECT email_sealed, email_hash, ip_sealed, ip_hash, user_agent_sealed, content, "
                + "content_hash, hash_key_id FROM comment")) {
            String email = newCipher.open(Purpose.EMAIL, (String) row.get("email_sealed"));
            assertThat(((String) row.get("email_hash")).trim()).isEqualTo(newHasher.emailHash(email));
            if (row.get("ip_sealed") != null) {
                String ip = newCipher.open(Purpose.IP_ADDRESS, (String) row.get("ip_sealed"));
                assertThat(((String) row.get("ip_hash")).trim()).isEqualTo(newHasher.ipHash(ip));
            }
            if (row.get("user_agent_sealed") != null) {
                newCipher.open(Purpose.USER_AGENT, (String) row.get("user_agent_sealed"));
            }
            assertThat(((String) row.get("content_hash")).trim()).isEqualTo(newHasher.keyed("content", (String) row.get("content")));
            assertThat(row.get("hash_key_id")).isEqualTo("h2");
        }
        everyRuleStillKnowsEveryone(article, alice, 3, idaKey, idaBody, ida);

        // An erasure after the rotation finds the comments from before it.
        as(BOSS).body(Map.of("email", "alice@example.com", "mode", "ANONYMIZE")).post("/api/v1/admin/privacy/erasures").then()
                .statusCode(200).body("comments", equalTo(3));

        // Every look and every run by an admin is in the audit.
        assertThat(db.count("SELECT count(*) FROM audit_entry WHERE actor = 'boss-keys' AND action = 'PRIVACY_VIEW' "
                + "AND detail = 'keys'")).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM audit_entry WHERE actor = 'boss-keys' AND action = 'KEY_ROTATION'")).isOne();
    }

    /**
     * Through the API: readers see Alice's approved comments, a moderator opens her address, an export finds all of
     * hers, Tina is trusted, Bob's repeat is a duplicate, the blocked address is blocked, Fred is held by his flood
     * gate, and Ida's Idempotency-Key replays her comment.
     */
    private void everyRuleStillKnowsEveryone(String article, List<Long> alice, int aliceCount, String idaKey,
            Map<String, Object> idaBody, long ida) {
        given().get(path(article)).then().statusCode(200);
        as(JANE).get("/api/v1/moderation/comments/" + alice.get(0)).then().statusCode(200)
                .body("authorEmail", equalTo("alice@example.com")).body("ipAddress", equalTo("198.51.100.7"));
        JsonPath export = as(BOSS).body(Map.of("email", "alice@example.com")).post("/api/v1/admin/privacy/exports").then()
                .statusCode(200).extract().jsonPath();
        assertThat(export.getInt("commentCount")).isEqualTo(aliceCount);
        assertThat(export.getList("comments.email")).containsOnly("alice@example.com");

        db.update("DELETE FROM sender_gate"); // Tina's gate from the last time: she waited long enough
        submit(article, body("Tina", "tina@example.com", "Trusted again, " + UUID.randomUUID())).statusCode(202)
                .body("status", equalTo("APPROVED"));
        submit(article, body("Bob", "bob@example.com", "Exactly this, word for word.")).statusCode(409);
        submit(article, body("Blocked", "blocked@example.com", "Let me in " + UUID.randomUUID())).statusCode(403);
        db.update("INSERT INTO sender_gate (sender_key, last_at) VALUES (?, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING",
                oldHasher.emailHash("fred@example.com"));
        submit(article, body("Fred", "fred@example.com", "Again so soon " + UUID.randomUUID())).statusCode(429);
        assertThat(submit(article, idaBody, Map.of("Idempotency-Key", idaKey)).statusCode(202).extract().jsonPath().getLong("id"))
                .as("the comment the key made before the rotation").isEqualTo(ida);
    }

    private JsonPath keys() {
        return as(BOSS).get("/api/v1/admin/privacy/keys").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void onlyAdminsSeeOrRunIt() {
        as(JANE).get("/api/v1/admin/privacy/keys").then().statusCode(403);
        as(JANE).post("/api/v1/admin/privacy/keys/rotation").then().statusCode(403);
        given().get("/api/v1/admin/privacy/keys").then().statusCode(401);
        given().post("/api/v1/admin/privacy/keys/rotation").then().statusCode(401);
    }

    private void trustedCommentersOn() {
        String etag = as(BOSS).get("/api/v1/admin/settings").then().statusCode(200).extract().header("ETag");
        as(BOSS).header("If-Match", etag).body(Map.of("disallowedTerms", List.of(), "holdTerms", List.of(), "maxLinks", 2,
                "trusted", Map.of("enabled", true, "minApproved", 1))).put("/api/v1/admin/settings").then().statusCode(200);
    }

    /** A comment as a replica with only the old keys stored it: sealed with k1, hashed with h1. */
    @Test
    void findsAnAuthorsCommentsUnderEitherHashKeyWithoutTheJob() {
        String email = "rotating-author-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String article = newArticle();
        List<Long> ids = new ArrayList<>();
        try {
            ids.add(insertOld(article, "APPROVED", email, null, "Hashed with h1, long ago."));
            ids.add(insertOld(article, "SPAM", email, null, "Hashed with h1, spam."));
            ids.add(insertNew(article, email, "Hashed with h2, today."));
            JsonPath fromNew = as(JANE).get("/api/v1/moderation/comments/" + ids.get(2) + "/author").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(fromNew.getMap("counts")).containsEntry("APPROVED", 1).containsEntry("SPAM", 1).containsEntry("PENDING", 1);
            assertThat(fromNew.getList("recent.id", Long.class)).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
            JsonPath fromOld = as(JANE).get("/api/v1/moderation/comments/" + ids.get(0) + "/author").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(fromOld.getList("recent.id", Long.class)).containsExactly(ids.get(2), ids.get(1));
        } finally {
            // The rotation test counts the rows under each key: these leave none behind.
            for (long id : ids) {
                db.update("DELETE FROM audit_entry WHERE comment_id = ?", id);
                db.update("DELETE FROM comment WHERE id = ?", id);
            }
        }
    }

    /** A comment as this replica writes it: sealed with k2, hashed with h2, a moment after the old ones. */
    private long insertNew(String article, String email, String content) {
        FieldCipher cipher = new FieldCipher(NEW_ONLY);
        LookupHasher hasher = new LookupHasher(NEW_ONLY);
        long id = db.count("SELECT nextval('comment_id_seq')");
        Instant at = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MICROS);
        db.update("INSERT INTO comment (id, article_id, status, author_name, content, email_sealed, email_hash, content_hash, "
                + "hash_key_id, created_at, updated_at) VALUES (?, ?, 'PENDING', 'New Reader', ?, ?, ?, ?, 'h2', ?, ?)", id, article,
                content, cipher.seal(Purpose.EMAIL, email), hasher.emailHash(email), hasher.keyed("content", content),
                at.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC));
        return id;
    }

    private long insertOld(String article, String status, String email, String ip, String content) {
        long id = db.count("SELECT nextval('comment_id_seq')");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        db.update("INSERT INTO comment (id, article_id, status, author_name, content, email_sealed, email_hash, ip_sealed, ip_hash, "
                + "user_agent_sealed, content_hash, hash_key_id, created_at, updated_at) VALUES (?, ?, ?, 'Old Reader', ?, ?, ?, ?, ?, ?, ?, "
                + "'h1', ?, ?)", id, article, status, content, oldCipher.seal(Purpose.EMAIL, email), oldHasher.emailHash(email),
                ip == null ? null : oldCipher.seal(Purpose.IP_ADDRESS, ip), ip == null ? null : oldHasher.ipHash(ip),
                oldCipher.seal(Purpose.USER_AGENT, "Mozilla/5.0 (old)"), oldHasher.keyed("content", content),
                at.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC));
        return id;
    }

    private static Map<String, Object> body(String name, String email, String content) {
        return Map.of("authorName", name, "authorEmail", email, "content", content);
    }

    private static ValidatableResponse submit(String article, Map<String, Object> body) {
        return submit(article, body, Map.of());
    }

    private static ValidatableResponse submit(String article, Map<String, Object> body,
            Map<String, String> headers) {
        // An address of its own: the flood rule keys on the IP as well as on the email.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
        return given().urlEncodingEnabled(false).contentType("application/json").headers(headers).header("X-Forwarded-For", ip)
                .body(body).post(path(article)).then();
    }
}
