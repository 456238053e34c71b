package io.commentdesk.reading;

import static io.commentdesk.support.Comments.approve;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.postJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * XSS payloads go in through the public form, get approved, and come out of the readers' list:
 * nothing that comes out can run, wherever a frontend puts contentHtml or authorUrl.
 */
@QuarkusTest
class XssCorpusTest {

    static final List<String> PAYLOADS = List.of(
            "<script>alert(1)</script>",
            "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<svg/onload=alert(1)>",
            "<body onload=alert(1)>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<a href=\"javascript:alert(1)\">click</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "\"><script>alert(1)</script>",
            "'><img src=x onerror=alert(1)>",
            "<div style=\"background:url(javascript:alert(1))\">",
            "<<script>script>alert(1)<</script>/script>",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "&#60;script&#62;alert(1)&#60;/script&#62;",
            "%3Cscript%3Ealert(1)%3C/script%3E",
            "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "https://example.com/\"onmouseover=\"alert(1)",
            "https://example.com/<script>alert(1)</script>",
            "https://example.com/?q=\"><svg onload=alert(1)>",
            "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
            "<form action=javascript:alert(1)><input type=submit>",
            "<object data=\"javascript:alert(1)\">",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<base href=\"javascript:alert(1)//\">",
            "<a href=\"  javascript:alert(1)\">x</a>",
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "`-alert(1)-`${alert(1)}",
            "<details open ontoggle=alert(1)>",
            "<style>@import 'https://evil.example/x.css';</style>",
            "<</p>p>broken <b markup");

    /** Websites that are valid http(s) URLs yet carry markup: some are refused at submission, the rest must stay inert. */
    static final List<String> WEBSITES = List.of(
            "https://example.com/\"onmouseover=\"alert(1)",
            "https://example.com/?q=\"><script>alert(1)</script>",
            "https://example.com/?q='><img src=x onerror=alert(1)>",
            "https://example.com/#\"><svg onload=alert(1)>",
            "http://example.com/?next=javascript:alert(1)",
            "https://example.com/a?b=1&c=\"2\"&d=<b>",
            "https://example.com/%22%3E%3Cscript%3Ealert(1)%3C/script%3E");

    /** The fragment's elements and, for each, the attributes it may carry (README, "Readers"). */
    static final Map<String, Set<String>> FRAGMENT = Map.ofEntries(
            Map.entry("section", Set.of("class", "data-article-id", "data-total", "data-next-cursor", "data-order")),
            Map.entry("ol", Set.of("class")),
            Map.entry("li", Set.of("class", "id", "data-id")),
            Map.entry("article", Set.of()),
            Map.entry("header", Set.of()),
            Map.entry("span", Set.of("class")),
            Map.entry("a", Set.of("class", "href", "rel")),
            Map.entry("time", Set.of("datetime")),
            Map.entry("div", Set.of("class")),
            Map.entry("p", Set.of("class")),
            Map.entry("br", Set.of()));

    static final String JANE = Tokens.moderator("jane");

    /** A new article with every payload submitted (as name, and inside the text) and approved. */
    private static String articleWithEveryPayloadApproved() {
        String article = newArticle();
        for (String payload : PAYLOADS) {
            long id = postJson(article, Map.of("authorName", payload.length() > 200 ? payload.substring(0, 200) : payload,
                    "authorEmail", "x@example.com", "content", "before " + payload + " after\n\nhttps://example.com/ok " + payload))
                    .statusCode(202).extract().jsonPath().getLong("id");
            approve(JANE, id);
        }
        return article;
    }

    @Test
    void nothingExecutableComesOutOfSubmitApproveRead() {
        String article = articleWithEveryPayloadApproved();
        // A website that is a script URL never gets in at all.
        for (String url : List.of("javascript:alert(1)", "data:text/html,x", "vbscript:x", "JAVASCRIPT:alert(1)")) {
            postJson(article, Map.of("authorName", "x", "authorEmail", "x@example.com", "authorUrl", url, "content", "x"))
                    .statusCode(400);
        }

        JsonPath page = given().queryParam("limit", 100).get(path(article)).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        assertThat(items).hasSize(PAYLOADS.size());
        for (Map<String, Object> item : items) {
            String html = (String) item.get("contentHtml");
            for (Element element : Jsoup.parseBodyFragment(html).body().getAllElements()) {
                assertThat(element.tagName()).as(html).isIn("body", "p", "br", "a");
                for (Attribute attribute : element.attributes()) {
                    assertThat(attribute.getKey()).as(html).isIn("href", "rel");
                    if (attribute.getKey().equals("href")) {
                        assertThat(attribute.getValue().toLowerCase(Locale.ROOT)).as(html).matches("https?://.*");
                        assertThat(attribute.getValue()).as(html).doesNotContain("\"", "<", ">", " ");
                    }
                }
                if (element.tagName().equals("a")) {
                    assertThat(element.attr("rel")).isEqualTo("nofollow ugc noopener");
                }
            }
            // Text such as "onerror=" may remain as escaped, inert text; no raw tag may.
            assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script", "<img", "<svg", "<iframe", "<style", "<object");
            Object url = item.get("authorUrl");
            assertThat(url == null || url.toString().matches("https?://.*")).isTrue();
        }
    }

    @Test
    void nothingExecutableComesOutOfTheHtmlFragmentAndEveryTextRoundTrips() {
        String article = articleWithEveryPayloadApproved();
        int websites = 0;
        for (String url : WEBSITES) {
            var answer = postJson(article, Map.of("authorName", "\"><script>alert(1)</script>", "authorEmail", "x@example.com",
                    "authorUrl", url, "content", url)).extract();
            assertThat(answer.statusCode()).as(url).isIn(202, 400);
            if (answer.statusCode() == 202) {
                approve(JANE, answer.jsonPath().getLong("id"));
                websites++;
            }
        }
        assertThat(websites).as("hostile websites accepted, to be shown inert").isPositive();

        JsonPath page = given().queryParam("limit", 100).get(path(article)).then().statusCode(200).extract().jsonPath();
        String html = given().header("Accept", "text/html").queryParam("limit", 100).get(path(article)).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        Document doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false);
        assertThat(doc.body().children()).hasSize(1);
        for (Element element : doc.body().child(0).getAllElements()) {
            assertThat(FRAGMENT).as(html).containsKey(element.tagName());
            for (Attribute attribute : element.attributes()) {
                assertThat(FRAGMENT.get(element.tagName())).as(element.outerHtml()).contains(attribute.getKey());
                if (attribute.getKey().equals("href")) {
                    assertThat(attribute.getValue().toLowerCase(Locale.ROOT)).as(element.outerHtml()).matches("https?://.*");
                }
            }
            if (element.tagName().equals("a")) {
                assertThat(element.attr("rel")).isEqualTo("nofollow ugc noopener");
            }
        }
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script", "<img", "<svg", "<iframe", "<style", "<object");

        List<Map<String, Object>> items = page.getList("items");
        assertThat(items).hasSize(PAYLOADS.size() + websites);
        assertThat(doc.select("li.cd-comment")).hasSize(items.size());
        for (Map<String, Object> item : items) {
            Element li = doc.getElementById("comment-" + item.get("id"));
            Element author = li.selectFirst("> article > header > .cd-author");
            assertThat(author.wholeText()).isEqualTo(item.get("authorName"));
            Object url = item.get("authorUrl");
            if (url == null) {
                assertThat(author.tagName()).isEqualTo("span");
            } else {
                assertThat(author.tagName()).isEqualTo("a");
                assertThat(author.attr("href")).isEqualTo(url);
            }
            assertThat(li.selectFirst("> article > header > time").attr("datetime")).isEqualTo(item.get("createdAt"));
            Element content = li.selectFirst("> article > div.cd-content");
            assertThat(content.html()).isEqualTo(item.get("contentHtml"));
            assertThat(content.wholeText()).isEqualTo(Jsoup.parseBodyFragment((String) item.get("contentHtml")).body().wholeText());
        }
    }
}
