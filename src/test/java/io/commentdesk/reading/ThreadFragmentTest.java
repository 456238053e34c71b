package io.commentdesk.reading;

import static io.commentdesk.support.Comments.approve;
import static io.commentdesk.support.Comments.approved;
import static io.commentdesk.support.Comments.reply;
import static io.commentdesk.support.Comments.submit;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.commentdesk.support.RawHttp;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The thread as an HTML fragment: GET …/comments with Accept: text/html. */
@QuarkusTest
class ThreadFragmentTest {

    static final String JANE = Tokens.moderator("jane-html");
    static final String BOSS = Tokens.admin("boss-html");
    static final String HTML = "text/html";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static RequestSpecification asking(String accept) {
        return given().header("Accept", accept);
    }

    private static ExtractableResponse<Response> fragment(String article, Map<String, Object> query) {
        return asking(HTML).queryParams(query).get(path(article)).then().statusCode(200).extract();
    }

    private static Element section(String article, Map<String, Object> query) {
        Document doc = Jsoup.parseBodyFragment(fragment(article, query).asString());
        doc.outputSettings().prettyPrint(false);
        assertThat(doc.body().children()).hasSize(1);
        return doc.body().child(0);
    }

    private static JsonPath json(String article, Map<String, Object> query) {
        return given().queryParams(query).get(path(article)).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void answersAnArticleWithoutApprovedCommentsWithAnEmptyList() {
        String article = newArticle();
        submit(article); // pending: not shown
        var response = fragment(article, Map.of());
        assertThat(response.contentType().replace(" ", "").toLowerCase()).isEqualTo("text/html;charset=utf-8");
        assertThat(response.asString()).isEqualTo("<section class=\"cd-thread\" data-article-id=\"" + article
                + "\" data-total=\"0\" data-next-cursor=\"\" data-order=\"OLDEST\"><ol class=\"cd-comments\"></ol></section>");
    }

    @Test
    void writesEachCommentInTheContractsMarkup() {
        String article = newArticle();
        long id = postJson(article, Map.of("authorName", "Ana <Lima> & co", "authorEmail", "ana@example.com",
                "authorUrl", "https://ana.example.com/a?b=1&c=2", "content", "Hi & see (https://example.org/x).\n\nBye"))
                .statusCode(202).extract().jsonPath().getLong("id");
        approve(JANE, id);
        String createdAt = json(article, Map.of()).getString("items[0].createdAt");
        String shown = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.parse(createdAt));

        assertThat(fragment(article, Map.of()).asString()).isEqualTo("<section class=\"cd-thread\" data-article-id=\"" + article
                + "\" data-total=\"1\" data-next-cursor=\"\" data-order=\"OLDEST\"><ol class=\"cd-comments\">"
                + "<li class=\"cd-comment\" id=\"comment-" + id + "\" data-id=\"" + id + "\"><article><header>"
                + "<a class=\"cd-author\" href=\"https://ana.example.com/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">Ana &lt;Lima&gt; &amp; co</a> "
                + "<time datetime=\"" + createdAt + "\">" + shown + "</time></header>"
                + "<div class=\"cd-content\"><p>Hi &amp; see (<a href=\"https://example.org/x\" rel=\"nofollow ugc noopener\">"
                + "https://example.org/x</a>).</p><p>Bye</p></div></article></li></ol></section>");
    }

    @Test
    void nestsRepliesUnderTheirParentAndNamesAnAuthorWithoutWebsiteInASpan() {
        String article = newArticle();
        long top = approved(JANE, article);
        long r1 = reply(article, top);
        approve(JANE, r1);
        long r2 = reply(article, r1);
        approve(JANE, r2);
        reply(article, top); // pending
        long second = approved(JANE, article);

        Element section = section(article, Map.of());
        assertThat(section.attr("data-total")).isEqualTo("4");
        Element list = section.selectFirst("> ol.cd-comments");
        assertThat(list.children().eachAttr("id")).containsExactly("comment-" + top, "comment-" + second);
        Element first = list.child(0);
        assertThat(first.select("> ol.cd-replies > li.cd-comment").eachAttr("data-id")).containsExactly(Long.toString(r1));
        assertThat(first.select("> ol.cd-replies > li > ol.cd-replies > li.cd-comment").eachAttr("data-id"))
                .containsExactly(Long.toString(r2));
        assertThat(list.child(1).select("ol.cd-replies")).isEmpty();
        Element author = first.selectFirst("> article > header > .cd-author");
        assertThat(author.tagName()).isEqualTo("span");
        assertThat(author.text()).isEqualTo("Ana Lima");
        assertThat(section.select("p.cd-parent-removed")).isEmpty();
    }

    @Test
    void marksAReplyWhoseParentWasRemoved() {
        String article = newArticle();
        long top = approved(JANE, article);
        String email = "gone-" + UUID.randomUUID() + "@example.com";
        long hers = postJson(article, Map.of("authorName", "Gone", "authorEmail", email, "content", "mine", "parentId", top))
                .statusCode(202).extract().jsonPath().getLong("id");
        approve(JANE, hers);
        long answer = reply(article, hers);
        approve(JANE, answer);
        Tokens.as(BOSS).body(Map.of("email", email, "mode", "DELETE")).post("/api/v1/admin/privacy/erasures").then().statusCode(200);

        Element item = section(article, Map.of()).selectFirst("#comment-" + answer);
        assertThat(item.parent().hasClass("cd-replies")).isTrue();
        assertThat(item.parent().parent().id()).isEqualTo("comment-" + top);
        Element mark = item.selectFirst("> article > p.cd-parent-removed");
        assertThat(mark.text()).isEqualTo("In reply to a removed comment");
        assertThat(mark.nextElementSibling().hasClass("cd-content")).isTrue();
        assertThat(mark.previousElementSibling().tagName()).isEqualTo("header");
    }

    @Test
    void pagesWithTheSameParametersAndCursorsAsTheJson() {
        String article = newArticle();
        long a = approved(JANE, article);
        long b = approved(JANE, article);
        long c = approved(JANE, article);
        Element first = section(article, Map.of("limit", 2));
        String cursor = first.attr("data-next-cursor");
        assertThat(cursor).isNotEmpty().isEqualTo(json(article, Map.of("limit", 2)).getString("nextCursor"));
        assertThat(first.select("li.cd-comment").eachAttr("data-id")).containsExactly(Long.toString(a), Long.toString(b));
        Element next = section(article, Map.of("limit", 2, "cursor", cursor));
        assertThat(next.select("li.cd-comment").eachAttr("data-id")).containsExactly(Long.toString(c));
        assertThat(next.attr("data-next-cursor")).isEmpty();
        assertThat(next.attr("data-total")).isEqualTo("3");

        Element newest = section(article, Map.of("order", "newest"));
        assertThat(newest.attr("data-order")).isEqualTo("NEWEST");
        assertThat(newest.select("li.cd-comment").eachAttr("data-id")).containsExactly(Long.toString(c), Long.toString(b), Long.toString(a));
    }

    @Test
    void revalidatesWithItsOwnEtagAndChangesItAfterADecision() {
        String article = newArticle();
        approved(JANE, article);
        var html = fragment(article, Map.of());
        String etag = html.header("ETag");
        String jsonTag = given().get(path(article)).then().statusCode(200).extract().header("ETag");
        assertThat(etag).matches("\"\\d+-[0-9a-f]+-html\"").isNotEqualTo(jsonTag);
        assertThat(html.header("Cache-Control")).isEqualTo(given().get(path(article)).then().extract().header("Cache-Control"));

        asking(HTML).header("If-None-Match", etag).get(path(article)).then().statusCode(304).body(emptyString())
                .header("ETag", etag);
        // Each validator stands for its own body only.
        asking(HTML).header("If-None-Match", jsonTag).get(path(article)).then().statusCode(200).header("ETag", etag);
        given().header("If-None-Match", etag).get(path(article)).then().statusCode(200).header("ETag", jsonTag);

        long second = submit(article);
        asking(HTML).header("If-None-Match", etag).get(path(article)).then().statusCode(304);
        approve(JANE, second);
        var after = asking(HTML).header("If-None-Match", etag).get(path(article)).then().statusCode(200).extract();
        assertThat(after.header("ETag")).isNotEqualTo(etag).endsWith("-html\"");
        assertThat(Jsoup.parseBodyFragment(after.asString()).select("li.cd-comment")).hasSize(2);
    }

    @Test
    void variesOnAcceptAndOriginAndKeepsJsonTheDefault() {
        String article = newArticle();
        approved(JANE, article);
        String etag = given().get(path(article)).then().statusCode(200).extract().header("ETag");
        for (String accept : List.of("application/json", "*/*", "application/json, text/html", "text/html, application/json",
                "text/html;q=0.5, application/json", "text/*;q=0.9, application/*")) {
            var response = asking(accept).get(path(article)).then().statusCode(200).extract();
            assertThat(response.contentType()).as(accept).startsWith("application/json");
            assertThat(response.header("ETag")).as(accept).isEqualTo(etag);
            assertThat(response.jsonPath().getLong("total")).isEqualTo(1);
        }
        var none = RawHttp.get(path(article));
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(none.headers().firstValue("ETag")).contains(etag);
        assertThat(none.headers().allValues("Vary")).containsExactly("Origin, Accept");

        for (String accept : List.of(HTML, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                "application/json;q=0.5, text/html")) {
            var response = asking(accept).get(path(article)).then().statusCode(200).extract();
            assertThat(response.contentType()).as(accept).startsWith("text/html");
            assertThat(response.headers().getValues("Vary")).as(accept).containsExactly("Origin, Accept");
        }
        String htmlTag = fragment(article, Map.of()).header("ETag");
        assertThat(asking(HTML).header("If-None-Match", htmlTag).get(path(article)).then().statusCode(304).extract()
                .headers().getValues("Vary")).containsExactly("Origin, Accept");
        assertThat(given().header("If-None-Match", etag).get(path(article)).then().statusCode(304).extract()
                .headers().getValues("Vary")).containsExactly("Origin, Accept");
    }

    @Test
    void answersABadCursorWithAProblemEvenToAnHtmlClient() {
        String article = newArticle();
        approved(JANE, article);
        asking(HTML).queryParam("cursor", "not-a-cursor").get(path(article)).then().statusCode(400)
                .contentType("application/problem+json");
        asking(HTML).queryParam("order", "sideways").get(path(article)).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void keepsEveryNameAndTextOfTheJsonInTheFragment() {
        String article = newArticle();
        long id = postJson(article, with("authorName", "Zoë “Ω” 👋 <b>")).statusCode(202).extract().jsonPath().getLong("id");
        approve(JANE, id);
        JsonPath page = json(article, Map.of());
        Element item = section(article, Map.of()).selectFirst("#comment-" + id);
        assertThat(item.selectFirst(".cd-author").text()).isEqualTo(page.getString("items[0].authorName")).isEqualTo("Zoë “Ω” 👋 <b>");
        assertThat(item.selectFirst(".cd-content").html()).isEqualTo(page.getString("items[0].contentHtml"));
        assertThat(item.selectFirst("time").attr("datetime")).isEqualTo(page.getString("items[0].createdAt"));
    }
}
