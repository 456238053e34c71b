package io.commentdesk.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SafeHtmlTest {

    private static String a(String href, String text) {
        return "<a href=\"" + href + "\" rel=\"nofollow ugc noopener\">" + text + "</a>";
    }

    @Test
    void keepsParagraphsAndLineBreaks() {
        assertThat(SafeHtml.render("First line\nsecond line\n\nNext paragraph"))
                .isEqualTo("<p>First line<br>second line</p><p>Next paragraph</p>");
    }

    @Test
    void escapesEveryCharacterOfMarkup() {
        assertThat(SafeHtml.render("<b>bold</b> & \"quotes\" 'single'"))
                .isEqualTo("<p>&lt;b&gt;bold&lt;/b&gt; &amp; \"quotes\" 'single'</p>");
    }

    @Test
    void linksBareHttpUrlsWithUgcRelAndLeavesSentencePunctuationOut() {
        assertThat(SafeHtml.render("See https://example.com/a?b=1&c=2. Thanks"))
                .isEqualTo("<p>See " + a("https://example.com/a?b=1&amp;c=2", "https://example.com/a?b=1&amp;c=2") + ". Thanks</p>");
    }

    @Test
    void linksAUrlInParenthesesAndKeepsBalancedParenthesesOfItsPath() {
        assertThat(SafeHtml.render("(https://example.org/x)"))
                .isEqualTo("<p>(" + a("https://example.org/x", "https://example.org/x") + ")</p>");
        assertThat(SafeHtml.render("the report (see https://example.org/x).")).isEqualTo(
                "<p>the report (see " + a("https://example.org/x", "https://example.org/x") + ").</p>");
        assertThat(SafeHtml.render("https://en.wikipedia.org/wiki/Mercury_(planet)")).isEqualTo("<p>"
                + a("https://en.wikipedia.org/wiki/Mercury_(planet)", "https://en.wikipedia.org/wiki/Mercury_(planet)") + "</p>");
    }

    @Test
    void leavesTrailingPunctuationOutOfTheLink() {
        for (String mark : List.of(".", ",", "!", "?", ")", ";", ":", "...", "?!")) {
            assertThat(SafeHtml.render("Read https://example.org/x" + mark + " now")).as(mark)
                    .isEqualTo("<p>Read " + a("https://example.org/x", "https://example.org/x") + mark + " now</p>");
            assertThat(SafeHtml.render("Read https://example.org/x" + mark)).as(mark)
                    .isEqualTo("<p>Read " + a("https://example.org/x", "https://example.org/x") + mark + "</p>");
        }
    }

    @Test
    void linksAfterPunctuation() {
        assertThat(SafeHtml.render("Sources:https://example.org/a and—https://example.org/b")).isEqualTo("<p>Sources:"
                + a("https://example.org/a", "https://example.org/a") + " and—" + a("https://example.org/b", "https://example.org/b") + "</p>");
        // A comma inside a URL is part of it (autolink's rule, as in most linkers): separate links with a space.
        assertThat(SafeHtml.render("https://example.org/a,b")).isEqualTo("<p>" + a("https://example.org/a,b", "https://example.org/a,b") + "</p>");
        assertThat(SafeHtml.render("\"https://example.org/q\"")).isEqualTo("<p>\"" + a("https://example.org/q", "https://example.org/q") + "\"</p>");
    }

    @Test
    void keepsQueryStringsAndFragmentsWithTheAmpersandEscapedInTheAttribute() {
        assertThat(SafeHtml.render("https://example.org/search?a=1&b=2#x")).isEqualTo(
                "<p>" + a("https://example.org/search?a=1&amp;b=2#x", "https://example.org/search?a=1&amp;b=2#x") + "</p>");
        // The Cleaner writes the scheme in lower case; the text stays as written.
        assertThat(SafeHtml.render("HTTP://Example.org:8080/p?q=a%20b#top!")).isEqualTo(
                "<p>" + a("http://Example.org:8080/p?q=a%20b#top", "HTTP://Example.org:8080/p?q=a%20b#top") + "!</p>");
    }

    @Test
    void linksWwwHostsOverHttpsAndShowsTheirTextUnchanged() {
        assertThat(SafeHtml.render("Visit www.example.org/news.")).isEqualTo(
                "<p>Visit " + a("https://www.example.org/news", "www.example.org/news") + ".</p>");
        assertThat(SafeHtml.render("(www.example.co.uk?id=7&x=1)")).isEqualTo(
                "<p>(" + a("https://www.example.co.uk?id=7&amp;x=1", "www.example.co.uk?id=7&amp;x=1") + ")</p>");
        assertThat(SafeHtml.render("www.example is no host")).doesNotContain("<a");
    }

    @Test
    void linksNothingButHttpAndHttps() {
        for (String text : List.of("javascript:alert(1)", "JaVaScRiPt:alert(1)", "javascript://example.org/%0Aalert(1)",
                "data:text/html,<script>alert(1)</script>", "data://text/html,x", "ftp://example.com/", "vbscript://x",
                "file:///etc/passwd", "mailto:ana@example.org", "ana@example.org", "https://", "https:// example.org",
                "https:///etc/passwd")) {
            assertThat(SafeHtml.render(text)).as(text).doesNotContain("<a");
        }
    }

    @Test
    void linksNothingThatStartsInsideAWord() {
        for (String text : List.of("foohttps://example.org/x", "1https://example.org/x", "xwww.example.org", "9www.example.org",
                "éhttps://example.org/x", "Ωwww.example.org", "ana@www.example.org")) {
            assertThat(SafeHtml.render(text)).as(text).doesNotContain("<a");
        }
    }

    @Test
    void keepsUnicodeAroundAndInsideLinks() {
        assertThat(SafeHtml.render("Olá 👋 (https://example.org/ação) — obrigado")).isEqualTo(
                "<p>Olá 👋 (" + a("https://example.org/ação", "https://example.org/ação") + ") — obrigado</p>");
        assertThat(SafeHtml.render("“https://example.org/x” «www.example.org» https://example.org/页面。")).isEqualTo("<p>“"
                + a("https://example.org/x", "https://example.org/x") + "” «" + a("https://www.example.org", "www.example.org")
                + "» " + a("https://example.org/页面", "https://example.org/页面") + "。</p>");
        assertThat(SafeHtml.render("שלום https://example.org/x שלום")).isEqualTo(
                "<p>שלום " + a("https://example.org/x", "https://example.org/x") + " שלום</p>");
    }

    @Test
    void keepsNonAsciiTextAsIs() {
        assertThat(SafeHtml.render("Olá 👋 שלום")).isEqualTo("<p>Olá 👋 שלום</p>");
    }

    @Test
    void rendersHostileLongTextsInLinearTime() {
        int n = 200_000;
        List<String> texts = List.of(
                "https://example.org/" + "(".repeat(n),
                "https://example.org/" + ")".repeat(n),
                "https://example.org/x" + ".!?,".repeat(n / 4),
                "https://example.org/x" + "”".repeat(n),
                "a:".repeat(n / 2),
                "x".repeat(n) + "://",
                "https:// ".repeat(n / 9),
                "www.".repeat(n / 4),
                "www.x ".repeat(n / 6),
                "ahttps://b".repeat(n / 10),
                "'".repeat(n) + "https://example.org/" + "'".repeat(n),
                "(https://example.org/x) ".repeat(n / 24));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String text : texts) {
                assertThat(SafeHtml.render(text)).startsWith("<p>");
            }
        });
    }
}
