package io.commentdesk.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.commentdesk.support.Browser;
import io.commentdesk.support.NewsSite;
import io.commentdesk.support.Replica;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The readers' side as a news site adopts it: one script tag on a page of another origin, under a strict
 * Content-Security-Policy, in headless Chromium against a packaged replica; and the same page with
 * JavaScript off, where the plain form still posts and comes back.
 */
class EmbedE2EIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static Replica service;
    static NewsSite site;
    static String moderator;
    static Browser reader;

    @BeforeAll
    static void aServiceAndASite() throws Exception {
        int port = Replica.freePort();
        site = new NewsSite("http://localhost:" + port);
        Map<String, String> env = new HashMap<>(Replica.withModeratorsBehindAProxy(Replica.productionEnvironment(port)));
        env.put("COMMENTS_ALLOWED_ORIGINS", site.origin());
        env.put("COMMENTS_RULES_FLOOD_ENABLED", "false");
        service = Replica.start("embed", env, List.of()).awaitReady();
        PrivateKey key = KeyUtils.readPrivateKey("dev-jwt/privateKey.pem");
        moderator = Jwt.issuer("https://comment-desk.dev/embedded").subject("mia").groups(Set.of("moderator")).sign(key);
        reader = Browser.open();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] { reader, service, site }) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** An article page as the README's snippet makes it: the plain form inside the element, the script after. */
    static String articlePage(String article) {
        String svc = service.url("").replaceAll("/$", "");
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Article</title></head><body>"
                + "<h1>The article</h1><div id=\"comment-desk\" data-article-id=\"" + article + "\">"
                + "<form method=\"post\" action=\"" + svc + "/api/v1/articles/" + article + "/comments\">"
                + "<input type=\"hidden\" name=\"redirect_to\" value=\"" + site.url("/" + article + ".html") + "\">"
                + "<p>Your email address will not be published. Required fields are marked *</p>"
                + "<label for=\"comment\">Comment *</label><textarea id=\"comment\" name=\"comment\" required></textarea>"
                + "<label for=\"author\">Name *</label><input id=\"author\" name=\"author\" required>"
                + "<label for=\"email\">Email *</label><input id=\"email\" name=\"email\" type=\"email\" required>"
                + "<label for=\"url\">Website</label><input id=\"url\" name=\"url\" type=\"url\">"
                + "<button id=\"plain-submit\" type=\"submit\">Post Comment</button></form></div>"
                + "<script src=\"" + svc + "/embed.js\" async></script></body></html>";
    }

    static String newArticle(String name) {
        String article = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        site.page("/" + article + ".html", articlePage(article));
        return article;
    }

    @Test
    void readsTheThreadPostsAndSeesItsOwnCommentAwaitingModerationThenApproved() throws Exception {
        String article = newArticle("read");
        long first = submit(article, "Ana Lima", "Rare earths are only half the story (see https://example.org/x).");
        long second = submit(article, "Bo Chen", "Agreed, and the refining matters more.");
        approve(first);
        approve(second);

        reader.driver.get(site.url("/" + article + ".html"));
        SearchContext thread = thread();
        reader.waiting(15).until(d -> thread.findElements(By.cssSelector("article")).size() == 2);
        assertThat(thread.findElement(By.cssSelector("article[data-id='" + first + "'] a[rel~='ugc']")).getAttribute("href"))
                .isEqualTo("https://example.org/x");

        type(thread, "cd-comment", "A reader's view from the embed.");
        type(thread, "cd-author", "Cy Reader");
        type(thread, "cd-email", "cy@example.com");
        thread.findElement(By.cssSelector("button[type='submit']")).click();
        reader.waiting(15).until(d -> thread.findElement(By.cssSelector("[role='status']")).getText()
                .contains("awaiting moderation"));
        WebElement pending = reader.waiting(5).until(d -> thread.findElements(By.cssSelector("article")).stream()
                .filter(a -> a.getText().contains("A reader's view from the embed.")).findFirst().orElse(null));
        assertThat(pending.getText()).contains("Your comment is awaiting moderation.");
        long id = Long.parseLong(pending.getAttribute("data-id"));

        // Reloaded before a decision: still shown to its author (the preview token, kept for the session).
        reader.driver.navigate().refresh();
        SearchContext again = thread();
        reader.waiting(15).until(d -> again.findElements(By.cssSelector("article[data-id='" + id + "'] .w")).size() == 1);

        approve(id);
        reader.driver.navigate().refresh();
        SearchContext after = thread();
        reader.waiting(15).until(d -> after.findElements(By.cssSelector("article[data-id='" + id + "']")).size() == 1
                && after.findElements(By.cssSelector("article[data-id='" + id + "'] .w")).isEmpty());
        reader.screenshot(Path.of("target/e2e/embed-thread.png"));
        assertThat(reader.consoleLog()).as("no Content-Security-Policy violation").doesNotContain("Content Security Policy");
        assertThat(reader.driver.manage().getCookies()).isEmpty();
    }

    @Test
    void showsEveryFieldErrorNextToItsField() throws Exception {
        String article = newArticle("errors");
        SearchContext thread = openWithForm(article);
        type(thread, "cd-author", "Dee");
        type(thread, "cd-email", "not-an-address");
        thread.findElement(By.cssSelector("button[type='submit']")).click();
        reader.waiting(15).until(d -> !thread.findElement(By.id("cd-email-e")).getText().isBlank());
        assertThat(thread.findElement(By.id("cd-email")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(thread.findElement(By.id("cd-email")).getAttribute("aria-describedby")).isEqualTo("cd-email-e");
        assertThat(thread.findElement(By.id("cd-comment-e")).getText()).isNotBlank();
        assertThat(thread.findElement(By.id("cd-author")).getAttribute("aria-invalid")).isEqualTo("false");
        assertThat(thread.findElement(By.id("cd-email-e")).getText()).doesNotContain("not-an-address");
        assertThat(count(article)).isZero();
    }

    @Test
    void aDoubleClickMakesOneComment() throws Exception {
        String article = newArticle("double");
        SearchContext thread = openWithForm(article);
        type(thread, "cd-comment", "Clicked twice, stored once.");
        type(thread, "cd-author", "Eve");
        type(thread, "cd-email", "eve@example.com");
        WebElement button = thread.findElement(By.cssSelector("button[type='submit']"));
        ((JavascriptExecutor) reader.driver).executeScript("arguments[0].click(); arguments[0].click();", button);
        reader.waiting(15).until(d -> thread.findElement(By.cssSelector("[role='status']")).getText().contains("awaiting moderation"));
        assertThat(count(article)).isOne();
    }

    @Test
    void withJavaScriptOffThePlainFormPostsAndComesBack() throws Exception {
        String article = newArticle("plain");
        try (Browser noScript = Browser.open(false)) {
            noScript.driver.get(site.url("/" + article + ".html"));
            noScript.driver.findElement(By.id("comment")).sendKeys("Sent without any script.");
            noScript.driver.findElement(By.id("author")).sendKeys("Flo");
            noScript.driver.findElement(By.id("email")).sendKeys("flo@example.com");
            noScript.driver.findElement(By.id("plain-submit")).click();
            noScript.waiting(15).until(ExpectedConditions.urlContains("unapproved="));
            assertThat(noScript.driver.getCurrentUrl()).startsWith(site.url("/" + article + ".html?"));
        }
        assertThat(count(article)).isOne();
    }

    @Test
    void fillsEveryCountOfAListingPageWithOneCall() throws Exception {
        String a = newArticle("count-a");
        String b = newArticle("count-b");
        String c = newArticle("count-c");
        approve(submit(a, "Gus", "One on a."));
        approve(submit(a, "Hal", "Two on a."));
        approve(submit(b, "Ida", "One on b."));
        String svc = service.url("").replaceAll("/$", "");
        site.page("/listing.html", "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>News</title></head><body>"
                + "<ul><li>A <span data-comment-count=\"" + a + "\"></span></li><li>B <span data-comment-count=\"" + b + "\"></span></li>"
                + "<li>C <span data-comment-count=\"" + c + "\"></span></li><li>A again <span data-comment-count=\"" + a + "\"></span></li></ul>"
                + "<script src=\"" + svc + "/embed.js\" async></script></body></html>");
        reader.driver.get(site.url("/listing.html"));
        reader.waiting(15).until(d -> d.findElements(By.cssSelector("[data-comment-count]")).stream()
                .noneMatch(e -> e.getText().isBlank()));
        List<String> shown = reader.driver.findElements(By.cssSelector("[data-comment-count]")).stream().map(WebElement::getText).toList();
        assertThat(shown).containsExactly("2 comments", "1 comment", "No comments", "2 comments");
        Object calls = ((JavascriptExecutor) reader.driver).executeScript(
                "return performance.getEntriesByType('resource').filter(e => e.name.includes('/comment-counts')).length");
        assertThat(calls).isEqualTo(1L);
    }

    @Test
    void takesOverTheThreadTheSiteRenderedOnTheServer() throws Exception {
        String article = "ssr-" + UUID.randomUUID().toString().substring(0, 8);
        long first = submit(article, "Jo Server", "Rendered by the CMS, indexed by search engines.");
        approve(first);
        // As the WordPress snippet does: the fragment fetched on the server, put inside the element.
        HttpResponse<String> fragment = service.get("/api/v1/articles/" + article + "/comments", Map.of("Accept", "text/html"));
        assertThat(fragment.statusCode()).isEqualTo(200);
        String page = articlePage(article).replace("<div id=\"comment-desk\" data-article-id=\"" + article + "\">",
                "<div id=\"comment-desk\" data-article-id=\"" + article + "\">" + fragment.body());
        site.page("/" + article + ".html", page);

        try (Browser noScript = Browser.open(false)) {
            noScript.driver.get(site.url("/" + article + ".html"));
            assertThat(noScript.driver.findElement(By.cssSelector("#comment-" + first + " .cd-content")).getText())
                    .isEqualTo("Rendered by the CMS, indexed by search engines.");
        }
        reader.driver.get(site.url("/" + article + ".html"));
        SearchContext thread = thread();
        reader.waiting(15).until(d -> thread.findElements(By.cssSelector("article[data-id='" + first + "']")).size() == 1);
        Object fetched = ((JavascriptExecutor) reader.driver).executeScript("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/comments?')).length");
        assertThat(fetched).as("the thread is not fetched again").isEqualTo(0L);
    }

    // ─── Helpers ─────────────────────────────────────────────────────────────────────────────

    /** The article's page as a reader opens it: the embed's thread, once its form is there. */
    static SearchContext openWithForm(String article) {
        reader.driver.get(site.url("/" + article + ".html"));
        SearchContext thread = thread();
        reader.waiting(15).until(d -> !thread.findElements(By.cssSelector("form")).isEmpty());
        return thread;
    }

    static SearchContext thread() {
        return reader.waiting(15).until(d -> {
            Object ready = ((JavascriptExecutor) d).executeScript("const h = document.getElementById('comment-desk'); "
                    + "return !!(h && h.shadowRoot && h.shadowRoot.querySelector('form'))");
            return Boolean.TRUE.equals(ready) ? d.findElement(By.id("comment-desk")).getShadowRoot() : null;
        });
    }

    static void type(SearchContext thread, String id, String text) {
        WebElement field = thread.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    static long submit(String article, String name, String content) throws Exception {
        String body = JSON.writeValueAsString(Map.of("authorName", name, "authorEmail",
                name.toLowerCase().replace(' ', '.') + "@example.com", "content", content));
        HttpResponse<String> response = service.postJson("/api/v1/articles/" + article + "/comments", body, Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("id").asLong();
    }

    static void approve(long id) throws Exception {
        HttpResponse<String> read = service.get("/api/v1/moderation/comments/" + id, Map.of("Authorization", "Bearer " + moderator));
        String etag = read.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> decided = Replica.send(HttpRequest.newBuilder(URI.create(service.url("/api/v1/moderation/comments/"
                + id + "/decision"))).header("Authorization", "Bearer " + moderator).header("Content-Type", "application/json")
                .header("If-Match", etag).POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"APPROVE\"}")).build());
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    }

    /** Every comment of the article, in any status. */
    static long count(String article) throws Exception {
        HttpResponse<String> stats = service.get("/api/v1/moderation/stats?articleId=" + URLEncoder.encode(article, StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer " + moderator));
        JsonNode articles = JSON.readTree(stats.body()).get("articles");
        long total = 0;
        for (JsonNode a : articles) {
            if (a.get("articleId").asText().equals(article)) {
                for (JsonNode n : a.get("counts")) {
                    total += n.asLong();
                }
            }
        }
        return total;
    }
}
