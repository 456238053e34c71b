package io.commentdesk.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.commentdesk.support.Browser;
import io.commentdesk.support.FakeIdentityProvider;
import io.commentdesk.support.Replica;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The moderators' console end to end, in headless Chromium, against two packaged replicas on one
 * PostgreSQL database of its own, moderators signing in at an OpenID Connect provider: the pending queue
 * worked by keyboard, two moderators on two replicas at once, a conflict, and a comment arriving live.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleE2EIT {

    static final String DB = "commentdesk_console_e2e";
    static final ObjectMapper JSON = new ObjectMapper();
    static FakeIdentityProvider idp;
    static Replica one;
    static Replica two;
    static String admin;
    static Browser jane;
    static Browser joe;

    @BeforeAll
    static void twoReplicasAndAProvider() throws Exception {
        String server = server();
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DB);
        }
        idp = new FakeIdentityProvider();
        Map<String, String> shared = new HashMap<>(Replica.productionEnvironment(0));
        shared.put("QUARKUS_DATASOURCE_JDBC_URL", server + DB);
        shared.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", Path.of("src/main/resources/dev-jwt/publicKey.pem").toAbsolutePath().toString());
        shared.put("MP_JWT_VERIFY_ISSUER", idp.issuer());
        shared.put("COMMENTS_CONSOLE_OIDC_ISSUER", idp.issuer());
        // Every test comment comes from this machine's address: the flood and rate rules would hold them up.
        shared.put("COMMENTS_RULES_FLOOD_ENABLED", "false");
        shared.put("COMMENTS_RULES_RATE_LIMIT_ENABLED", "false");
        one = Replica.startOnFreePort("console-one", shared);
        two = Replica.startOnFreePort("console-two", shared);
        one.awaitReady();
        two.awaitReady();
        PrivateKey key = KeyUtils.readPrivateKey("dev-jwt/privateKey.pem");
        admin = Jwt.issuer(idp.issuer()).subject("boss").groups(Set.of("admin")).sign(key);
        jane = Browser.open();
        joe = Browser.open();
        signIn(jane, one, "jane");
        signIn(joe, two, "joe");
        // Joe waits on an empty article until the second test: his console would claim the first test's comments.
        filter(joe, "e2e-elsewhere");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] { jane, joe, one, two, idp }) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** As a moderator does: the console, "Sign in", the newsroom's page, back in the console. */
    static void signIn(Browser browser, Replica replica, String name) {
        browser.driver.get(replica.url("/moderate/"));
        browser.waiting(20).until(ExpectedConditions.elementToBeClickable(By.id("sign-in-oidc"))).click();
        browser.waiting(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(name);
        browser.driver.findElement(By.id("login")).click();
        browser.waiting(20).until(ExpectedConditions.textToBe(By.id("user"), "Signed in as " + name));
    }

    @Test
    @Order(1)
    void oneModeratorWorksThePendingQueueByKeyboard() throws Exception {
        String article = "e2e-keyboard";
        register(article, "Minerals and the market", "https://news.example.com/minerals");
        holdTerm("rare earths");
        for (int i = 1; i <= 24; i++) {
            submit(one, article, "Reader " + i, i == 2 ? "Rare earths are only half the story, says reader 2."
                    : "Comment number " + i + " on the minerals story.");
        }
        filter(jane, article);
        waitForItems(jane, 10);
        press(jane, "j");
        jane.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("context-body"), "Minerals and the market"));
        // The rule's reason beside the comment, its term marked in the text.
        try {
            jane.waiting(10).until(ExpectedConditions.textToBe(By.cssSelector("#queue > li[aria-current='true'] mark"), "Rare earths"));
        } catch (RuntimeException e) {
            throw new AssertionError(String.valueOf(((JavascriptExecutor) jane.driver).executeScript(
                    "return document.querySelector(\"#queue > li[aria-current='true']\").outerHTML")), e);
        }
        jane.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("context-body"), "pending"));
        jane.screenshot(Path.of("target/e2e/console-queue.png"));
        press(jane, "k");

        Map<Long, String> decided = new LinkedHashMap<>();
        String[] keys = { "a", "r", "s" };
        long edited = -1;
        int step = 0;
        boolean undone = false;
        while (decided.size() < 20) {
            long id = currentId(jane);
            if (step == 4) {
                // Edit in place: e, the new text, Ctrl+Enter; then approve it.
                press(jane, "e");
                WebElement area = jane.waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-text")));
                area.clear();
                area.sendKeys("Edited by jane: a phone number removed.");
                area.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
                jane.waiting(10).until(ExpectedConditions.textToBe(By.id("status"), "Saved the edit."));
                edited = id;
            }
            String key = step == 4 ? "a" : keys[step % 3];
            press(jane, key);
            jane.waiting(10).until(d -> d.findElements(By.cssSelector("#queue > li[data-id='" + id + "']")).isEmpty());
            decided.put(id, key);
            if (step == 7 && !undone) {
                press(jane, "u");
                jane.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Undone"));
                decided.remove(id);
                undone = true;
            }
            step++;
        }
        jane.screenshot(Path.of("target/e2e/console-pending.png"));

        JsonNode stored = admin(one, "/api/v1/moderation/comments?status=APPROVED&limit=100&articleId=" + article);
        Set<Long> approved = ids(stored.get("items"));
        Set<Long> expectedApproved = new HashSet<>();
        decided.forEach((id, key) -> {
            if (key.equals("a")) {
                expectedApproved.add(id);
            }
        });
        assertThat(approved).isEqualTo(expectedApproved);
        assertThat(ids(admin(one, "/api/v1/moderation/comments?status=REJECTED&limit=100&articleId=" + article).get("items")))
                .isEqualTo(keysOf(decided, "r"));
        assertThat(ids(admin(one, "/api/v1/moderation/comments?status=SPAM&limit=100&articleId=" + article).get("items")))
                .isEqualTo(keysOf(decided, "s"));
        // Readers see exactly the approved ones, the edit included.
        JsonNode list = JSON.readTree(one.get("/api/v1/articles/" + article + "/comments?limit=100", Map.of()).body());
        assertThat(ids(list.get("items"))).isEqualTo(expectedApproved);
        long editedId = edited;
        assertThat(list.get("items").findValues("id").size()).isEqualTo(expectedApproved.size());
        assertThat(list.toString()).contains("Edited by jane: a phone number removed.");
        assertThat(expectedApproved).contains(editedId);
    }

    @Test
    @Order(2)
    void twoModeratorsOnTwoReplicasNeverGetTheSameComment() throws Exception {
        String article = "e2e-two";
        register(article, "Two desks", "https://news.example.com/two");
        for (int i = 1; i <= 30; i++) {
            submit(i % 2 == 0 ? one : two, article, "Reader " + i, "Shared queue comment " + i);
        }
        filter(jane, article);
        filter(joe, article);
        Set<Long> janes = waitForItems(jane, 10);
        Set<Long> joes = waitForItems(joe, 10);
        assertThat(janes).doesNotContainAnyElementsOf(joes);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<List<Long>> byJane = pool.submit(() -> approveSome(jane, 8));
        Future<List<Long>> byJoe = pool.submit(() -> approveSome(joe, 8));
        List<Long> janeDecided = byJane.get(120, TimeUnit.SECONDS);
        List<Long> joeDecided = byJoe.get(120, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(janeDecided).doesNotContainAnyElementsOf(joeDecided);
        try (Connection c = db(); PreparedStatement st = c.prepareStatement("SELECT a.comment_id, count(*) FROM audit_entry a "
                + "JOIN comment c ON c.id = a.comment_id WHERE c.article_id = ? AND a.action = 'APPROVE' GROUP BY a.comment_id "
                + "HAVING count(*) > 1")) {
            st.setString(1, article);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("a comment approved twice").isFalse();
            }
        }
        assertThat(ids(admin(two, "/api/v1/moderation/comments?status=APPROVED&limit=100&articleId=" + article).get("items")))
                .hasSize(16);
    }

    @Test
    @Order(3)
    void aConflictIsExplainedAndTheCommentRefreshed() throws Exception {
        long id = currentId(jane);
        // A change the page has not heard of yet (its live event still on the way): made in the database itself,
        // which sends no event, so the page decides on the version it has.
        try (Connection c = db(); PreparedStatement st = c.prepareStatement(
                "UPDATE comment SET content = 'Changed by the desk editor meanwhile.', version = version + 1 WHERE id = ?")) {
            st.setLong(1, id);
            assertThat(st.executeUpdate()).isOne();
        }

        press(jane, "a");
        jane.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "changed since it was loaded"));
        assertThat(jane.driver.findElement(By.id("status")).getAttribute("class")).contains("problem");
        jane.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#queue > li[data-id='" + id + "']"), "Changed by the desk editor meanwhile."));
        assertThat(admin(one, "/api/v1/moderation/comments/" + id).get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    @Order(4)
    void aCommentSubmittedMeanwhileAppearsWithoutAReload() throws Exception {
        String article = "e2e-live";
        filter(jane, article);
        jane.waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("queue-empty")));
        Object page = ((JavascriptExecutor) jane.driver).executeScript("return window.performance.timeOrigin");
        long id = submit(two, article, "Late Reader", "Just in, through the other replica.");
        jane.waiting(15).until(d -> !d.findElements(By.cssSelector("#queue > li[data-id='" + id + "']")).isEmpty());
        Object after = ((JavascriptExecutor) jane.driver).executeScript("return window.performance.timeOrigin");
        assertThat(after).as("the same page, not a reload").isEqualTo(page);
    }

    @Test
    @Order(5)
    void accessibleOnATabletAndNothingFromElsewhere() {
        JavascriptExecutor js = (JavascriptExecutor) jane.driver;
        assertThat(js.executeScript("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(e => e.type !== 'hidden' && e.labels.length === 0 && !e.getAttribute('aria-label')).length"))
                .as("every control has a label").isEqualTo(0L);
        assertThat(js.executeScript("return document.getElementById('status').getAttribute('aria-live')")).isEqualTo("polite");
        // Only this service and the identity provider were ever asked for anything.
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) js.executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(fetched).isNotEmpty().allSatisfy(url -> assertThat(url.startsWith(one.url("/")) || url.startsWith(idp.issuer()))
                .as(url).isTrue());
        assertThat(jane.consoleLog()).as("no Content-Security-Policy violation").doesNotContain("Content Security Policy");
        // A tablet held upright: one column, nothing wider than the screen.
        jane.driver.manage().window().setSize(new Dimension(768, 1024));
        jane.waiting(5).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        assertThat(jane.driver.findElement(By.id("work")).isDisplayed()).isTrue();
        jane.driver.manage().window().setSize(new Dimension(1280, 800));
    }

    // ─── Helpers ─────────────────────────────────────────────────────────────────────────────

    private static List<Long> approveSome(Browser browser, int count) {
        List<Long> decided = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = currentId(browser);
            press(browser, "a");
            browser.waiting(15).until(d -> d.findElements(By.cssSelector("#queue > li[data-id='" + id + "']")).isEmpty());
            decided.add(id);
        }
        return decided;
    }

    static void filter(Browser browser, String article) {
        WebElement input = browser.driver.findElement(By.id("article-filter"));
        input.clear();
        input.sendKeys(article);
        browser.waiting(15).until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-title"), article));
        // Back to the queue, so the keys go to the console, not the search field.
        ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('queue').focus()");
    }

    static Set<Long> waitForItems(Browser browser, int count) {
        try {
            browser.waiting(20).until(d -> d.findElements(By.cssSelector("#queue > li")).size() >= count);
        } catch (RuntimeException e) {
            throw new AssertionError("Queue never showed " + count + " comments; browser log:\n" + browser.consoleLog(), e);
        }
        @SuppressWarnings("unchecked")
        List<Object> shown = (List<Object>) ((JavascriptExecutor) browser.driver).executeScript(
                "return [...document.querySelectorAll('#queue > li')].map(li => li.dataset.id)");
        Set<Long> ids = new HashSet<>();
        shown.forEach(id -> ids.add(Long.parseLong(id.toString())));
        return ids;
    }

    static long currentId(Browser browser) {
        try {
            // Read in the page in one step: the list may be drawn again between finding an element and reading it.
            Object id = browser.waiting(15).until(d -> ((JavascriptExecutor) d).executeScript(
                    "const li = document.querySelector(\"#queue > li[aria-current='true']\"); return li ? li.dataset.id : null"));
            return Long.parseLong(id.toString());
        } catch (RuntimeException e) {
            throw new AssertionError("No current comment; status: \"" + browser.driver.findElement(By.id("status")).getText()
                    + "\", " + browser.driver.findElements(By.cssSelector("#queue > li")).size() + " in the list; browser log:\n"
                    + browser.consoleLog(), e);
        }
    }

    static void press(Browser browser, String key) {
        new Actions(browser.driver).sendKeys(key).perform();
    }

    static long submit(Replica replica, String article, String name, String content) throws Exception {
        String body = JSON.writeValueAsString(Map.of("authorName", name, "authorEmail",
                name.toLowerCase().replace(' ', '.') + "@example.com", "content", content));
        HttpResponse<String> response = replica.postJson("/api/v1/articles/" + article + "/comments", body, Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("id").asLong();
    }

    static void register(String article, String title, String url) throws Exception {
        HttpResponse<String> response = Replica.send(HttpRequest.newBuilder(URI.create(one.url("/api/v1/admin/articles/"
                + URLEncoder.encode(article, StandardCharsets.UTF_8)))).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("title", title, "url", url, "commentsOpen", true))))
                .build());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    /** An admin's hold term: comments with it wait with the reason "hold: <term>". */
    static void holdTerm(String term) throws Exception {
        String etag = one.get("/api/v1/admin/settings", Map.of("Authorization", "Bearer " + admin)).headers().firstValue("ETag")
                .orElseThrow();
        HttpResponse<String> put = Replica.send(HttpRequest.newBuilder(URI.create(one.url("/api/v1/admin/settings")))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json").header("If-Match", etag)
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("disallowedTerms", List.of(),
                        "holdTerms", List.of(term), "maxLinks", 2, "trusted", Map.of("enabled", false, "minApproved", 1)))))
                .build());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    static JsonNode admin(Replica replica, String path) throws Exception {
        HttpResponse<String> response = replica.get(path, Map.of("Authorization", "Bearer " + admin));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static Set<Long> ids(JsonNode items) {
        Set<Long> ids = new HashSet<>();
        items.forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    static Set<Long> keysOf(Map<Long, String> decided, String key) {
        Set<Long> ids = new HashSet<>();
        decided.forEach((id, k) -> {
            if (k.equals(key)) {
                ids.add(id);
            }
        });
        return ids;
    }

    static Connection db() throws Exception {
        return DriverManager.getConnection(server() + DB, "postgres", "");
    }

    /** The tests' PostgreSQL server, without a database name. */
    static String server() {
        return System.getenv().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test")
                .replaceAll("/[^/]*$", "/");
    }
}
