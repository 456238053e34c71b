package io.commentdesk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ContentRulesTest {

    static RuleSettings settings(List<String> disallowed, List<String> hold, int maxLinks) {
        return new RuleSettings(disallowed, hold, maxLinks, new RuleSettings.Trusted(false, 1), new RuleSettings.Limits(15, 20, 600));
    }

    static ContentRules.Verdict judge(RuleSettings s, String content) {
        return ContentRules.judge(s, "Ana", "ana@example.com", null, content);
    }

    @Test
    void catchesDisallowedTermsAsWholeWordsAfterNfkcFolding() {
        RuleSettings s = settings(List.of("spam", "cheap pills"), List.of(), 2);
        assertThat(judge(s, "This is Ｓpam!").spam()).isTrue(); // full-width S
        assertThat(judge(s, "SPAM").reasons()).containsExactly("disallowed: spam");
        assertThat(judge(s, "Buy CHEAP   pills").spam()).isFalse(); // a phrase is matched as written, spaces included
        assertThat(judge(s, "buy cheap pills now").spam()).isTrue();
        assertThat(judge(s, "spammer and antispam").spam()).isFalse(); // not whole words
        assertThat(judge(s, "naïve spam-free").spam()).isTrue(); // '-' is a boundary
    }

    @Test
    void looksAtNameEmailAndWebsiteToo() {
        RuleSettings s = settings(List.of("casino"), List.of(), 2);
        assertThat(ContentRules.judge(s, "Casino King", "a@example.com", null, "hello").spam()).isTrue();
        assertThat(ContentRules.judge(s, "Ana", "casino@example.com", null, "hello").spam()).isTrue();
        assertThat(ContentRules.judge(s, "Ana", "a@example.com", "https://casino.example.com", "hello").spam()).isTrue();
    }

    @Test
    void holdsForHoldTermsAndForMoreLinksThanAllowed() {
        RuleSettings s = settings(List.of(), List.of("lawsuit"), 2);
        assertThat(judge(s, "A LAWSUIT is coming").reasons()).containsExactly("hold: lawsuit");
        assertThat(judge(s, "https://a.example https://b.example").reasons()).isEmpty(); // N links: fine
        assertThat(judge(s, "https://a.example http://b.example HTTPS://c.example").reasons()).containsExactly("links"); // N+1
        // Bare www. hosts become links on readers' pages too: they count.
        assertThat(judge(s, "https://a.example www.b.example and www.c.example.").reasons()).containsExactly("links");
        assertThat(judge(s, "https://a.example and www.b.example").reasons()).isEmpty();
        assertThat(judge(s, "https://a.example http://b.example HTTPS://c.example").spam()).isFalse();
    }
}
