package io.commentdesk.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SubmissionValidatorTest {

    private final SubmissionValidator validator = new SubmissionValidator();

    private static CommentDraft draft(String name, String email, String url, String content) {
        return new CommentDraft("news-1", name, email, url, content, null, Map.of());
    }

    private SubmissionValidator.Outcome validate(String name, String email, String url, String content) {
        return validator.validate(draft(name, email, url, content));
    }

    private static Map<SubmissionField, String> byField(SubmissionValidator.Outcome outcome) {
        return outcome.violations().stream().collect(java.util.stream.Collectors.toMap(Violation::field, Violation::message));
    }

    @Test
    void acceptsAPlainCommentAndTrimsIt() {
        var outcome = validate("  Ana Lima ", " ana@example.com ", null, "\n Hello \n");
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.submission().authorName()).isEqualTo("Ana Lima");
        assertThat(outcome.submission().authorEmail()).isEqualTo("ana@example.com");
        assertThat(outcome.submission().content()).isEqualTo("Hello");
    }

    @Test
    void listsEveryMissingRequiredFieldAtOnce() {
        var outcome = validate("   ", null, null, "\t\n");
        assertThat(byField(outcome)).containsOnly(
                Map.entry(SubmissionField.AUTHOR_NAME, "is required"),
                Map.entry(SubmissionField.AUTHOR_EMAIL, "is required"),
                Map.entry(SubmissionField.CONTENT, "is required"));
    }

    @Test
    void countsLimitsInCharactersAtNAndNPlusOne() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        assertThat(validate("n".repeat(245), "a@example.com", null, emoji.repeat(65_525)).ok()).isTrue();
        assertThat(byField(validate("n".repeat(246), "a@example.com", null, emoji.repeat(65_526))))
                .containsEntry(SubmissionField.AUTHOR_NAME, "must be at most 245 characters")
                .containsEntry(SubmissionField.CONTENT, "must be at most 65525 characters");

        String email100 = "a".repeat(100 - "@example.com".length()) + "@example.com";
        assertThat(validate("Ana", email100, null, "x").ok()).isFalse(); // local part over 64: not a valid address
        String valid100 = "a".repeat(60) + "@" + "b".repeat(100 - 60 - 1 - 4) + ".com";
        assertThat(valid100).hasSize(100);
        assertThat(validate("Ana", valid100, null, "x").ok()).isTrue();
        assertThat(byField(validate("Ana", "a" + valid100, null, "x")))
                .containsEntry(SubmissionField.AUTHOR_EMAIL, "must be at most 100 characters");

        String url200 = "https://example.com/" + "p".repeat(200 - "https://example.com/".length());
        assertThat(validate("Ana", "a@example.com", url200, "x").ok()).isTrue();
        assertThat(byField(validate("Ana", "a@example.com", url200 + "p", "x")))
                .containsEntry(SubmissionField.AUTHOR_URL, "must be at most 200 characters");
    }

    @Test
    void checksEmailsWithCommonsValidatorAcceptingInternationalDomains() {
        assertThat(validate("Ana", "ana@bücher.de", null, "x").ok()).isTrue();
        assertThat(validate("Ana", "ana@例子.中国", null, "x").ok()).isTrue();
        for (String bad : new String[] { "ana", "ana@", "@example.com", "ana@localhost", "ana@intranet", "ana@@example.com",
                "ana@example..com", "ana example@example.com" }) {
            assertThat(byField(validate("Ana", bad, null, "x")))
                    .as(bad).containsEntry(SubmissionField.AUTHOR_EMAIL, "must be a valid email address");
        }
    }

    @Test
    void acceptsOnlyHttpAndHttpsWebsites() {
        assertThat(validate("Ana", "a@example.com", "https://ana.example.com/blog?x=1", "x").submission().authorUrl())
                .isEqualTo("https://ana.example.com/blog?x=1");
        assertThat(validate("Ana", "a@example.com", "ana.example.com", "x").submission().authorUrl())
                .isEqualTo("http://ana.example.com");
        assertThat(validate("Ana", "a@example.com", "", "x").submission().authorUrl()).isNull();
        for (String bad : new String[] { "javascript:alert(1)", "data:text/html,hi", "ftp://example.com/", "mailto:a@example.com",
                "http://localhost/", "https://", "http://exa mple.com" }) {
            assertThat(byField(validate("Ana", "a@example.com", bad, "x"))).as(bad).containsKey(SubmissionField.AUTHOR_URL);
        }
    }

    @Test
    void refusesWebsitesOnNonPublicAddressesAndWithUserInfo() {
        for (String bad : new String[] { "http://127.0.0.1/", "http://127.0.0.1:8080/admin", "http://10.0.0.1/",
                "http://172.16.5.4/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/",
                "http://0.0.0.0/", "http://224.0.0.1/", "http://255.255.255.255/", "http://192.0.2.1/", "http://[::1]/",
                "http://[::ffff:127.0.0.1]/", "http://[fe80::1]/", "http://[fd00::1]/", "http://[2001:db8::1]/", "169.254.169.254" }) {
            assertThat(byField(validate("Ana", "a@example.com", bad, "x"))).as(bad)
                    .containsEntry(SubmissionField.AUTHOR_URL, "must be on a public host, not a loopback, private, link-local or reserved address");
        }
        for (String bad : new String[] { "http://user:pw@example.com/", "https://user@example.com/", "http://a:b@8.8.8.8/" }) {
            assertThat(byField(validate("Ana", "a@example.com", bad, "x"))).as(bad)
                    .containsEntry(SubmissionField.AUTHOR_URL, "must not contain a user name or password");
        }
        for (String good : new String[] { "http://8.8.8.8/", "https://[2606:4700:4700::1111]/", "https://1.1.1.1:8443/x",
                "https://news.example.com/a@b" }) {
            assertThat(validate("Ana", "a@example.com", good, "x").ok()).as(good).isTrue();
        }
    }

    @Test
    void normalisesToNfcAndKeepsEmojiRtlAndCombiningMarks() {
        String decomposed = "Jose\u0301 cafe\u0301"; // e + combining acute
        String rtl = "שלום עולם";
        String emoji = "👩🏽‍💻 🇵🇹";
        var outcome = validate(decomposed, "a@example.com", null, rtl + "\n" + emoji + "\n" + "e\u0301");
        assertThat(outcome.submission().authorName()).isEqualTo("José café").hasSize(9);
        assertThat(outcome.submission().content()).isEqualTo(rtl + "\n" + emoji + "\n" + "é");
    }

    @Test
    void refusesControlCharactersButNewlineAndTab() {
        assertThat(validate("Ana", "a@example.com", null, "line\tone\r\nline two").submission().content())
                .isEqualTo("line\tone\nline two");
        for (String control : new String[] { "\u0000", "\u0007", "\u001B", "\u007F", "\u0085" }) {
            assertThat(byField(validate("Ana", "a@example.com", null, "a" + control + "b")))
                    .containsEntry(SubmissionField.CONTENT, "must not contain control characters");
        }
        assertThat(byField(validate("Ana\u0000", "a@example.com", null, "x")))
                .containsEntry(SubmissionField.AUTHOR_NAME, "must not contain control characters");
        assertThat(byField(validate("Ana\nLima", "a@example.com", null, "x")))
                .containsEntry(SubmissionField.AUTHOR_NAME, "must be a single line");
    }

    @Test
    void refusesLoneSurrogates() {
        assertThat(byField(validate("Ana", "a@example.com", null, "bad \uD800 text")))
                .containsEntry(SubmissionField.CONTENT, "is not valid Unicode text (it contains an unpaired surrogate)");
        assertThat(byField(validate("Ana\uDC00", "a@example.com", null, "x"))).containsKey(SubmissionField.AUTHOR_NAME);
    }

    @Test
    void checksArticleIdsAndParentIds() {
        var ok = validator.validate(new CommentDraft("news/2026:11_28.story-1", "Ana", "a@example.com", null, "x", "42", Map.of()));
        assertThat(ok.submission().parentId()).isEqualTo(42L);
        assertThat(validator.validate(new CommentDraft("a".repeat(200), "Ana", "a@example.com", null, "x", "0", Map.of()))
                .submission().parentId()).isNull();
        var bad = validator.validate(new CommentDraft("a".repeat(201), "Ana", "a@example.com", null, "x", "-1", Map.of()));
        assertThat(byField(bad)).containsKeys(SubmissionField.ARTICLE_ID, SubmissionField.PARENT_ID);
        assertThat(byField(validator.validate(new CommentDraft("news 1", "Ana", "a@example.com", null, "x", "1e3", Map.of()))))
                .containsKeys(SubmissionField.ARTICLE_ID, SubmissionField.PARENT_ID);
    }

    @Test
    void reportsUnreadableFieldsOnceWithTheirOwnMessage() {
        var outcome = validator.validate(new CommentDraft("news-1", null, "a@example.com", null, "x", null,
                Map.of(SubmissionField.AUTHOR_NAME, "must be a string")));
        assertThat(outcome.violations()).containsExactly(new Violation(SubmissionField.AUTHOR_NAME, "must be a string"));
    }

    @Test
    void neverQuotesTheSubmittedValueInAMessage() {
        var outcome = validate("Ana", "secret-address@nowhere", "secret-site", "x");
        assertThat(outcome.violations()).allSatisfy(v -> assertThat(v.message()).doesNotContain("secret"));
    }
}
