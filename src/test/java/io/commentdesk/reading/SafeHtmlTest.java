package io.commentdesk.reading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeHtmlTest {

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
                .isEqualTo("<p>See <a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">"
                        + "https://example.com/a?b=1&amp;c=2</a>. Thanks</p>");
    }

    @Test
    void linksNothingButHttpAndHttps() {
        assertThat(SafeHtml.render("javascript:alert(1) data:text/html,x ftp://example.com/ www.example.com"))
                .doesNotContain("<a");
    }

    @Test
    void keepsNonAsciiTextAsIs() {
        assertThat(SafeHtml.render("Olá 👋 שלום")).isEqualTo("<p>Olá 👋 שלום</p>");
    }
}
