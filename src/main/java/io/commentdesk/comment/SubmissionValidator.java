package io.commentdesk.comment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.UrlValidator;

import io.commentdesk.article.ArticleIds;
import io.commentdesk.web.PublicAddresses;

/**
 * Checks every field of a submission at once and normalises what passes. Pure: no database, so
 * every rule is tested in milliseconds. (Whether a parent comment exists is the service's check.)
 */
@ApplicationScoped
public class SubmissionValidator {

    /** WordPress's column limits ({@code wp_get_comment_fields_max_lengths}), counted in characters. */
    public static final int MAX_NAME = 245;
    public static final int MAX_EMAIL = 100;
    public static final int MAX_URL = 200;
    public static final int MAX_CONTENT = 65_525;
    private static final Pattern POSITIVE_ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /** Local-only hosts (no TLD, localhost) are refused: nobody can be reached there. */
    private static final EmailValidator EMAILS = EmailValidator.getInstance(false, false);
    private static final UrlValidator URLS = new UrlValidator(new String[] { "http", "https" });

    /** A submission that passed every field rule, normalised. */
    public record Valid(String articleId, String authorName, String authorEmail, String authorUrl, String content, Long parentId) {
    }

    /**
     * The outcome: the normalised submission (when nothing is wrong), every violation found, and the
     * parent id whenever it is well-formed, so the caller can check it even when other fields fail.
     */
    public record Outcome(Valid submission, Long parentId, List<Violation> violations) {
        public boolean ok() {
            return violations.isEmpty();
        }
    }

    public Outcome validate(CommentDraft draft) {
        List<Violation> violations = new ArrayList<>();
        draft.unreadable().forEach((field, message) -> violations.add(new Violation(field, message)));

        String articleId = draft.articleId();
        if (!ArticleIds.isArticleId(articleId)) {
            violations.add(new Violation(SubmissionField.ARTICLE_ID, ArticleIds.RULE));
        }
        String name = required(draft, SubmissionField.AUTHOR_NAME, draft.authorName(), MAX_NAME, false, violations);
        String email = required(draft, SubmissionField.AUTHOR_EMAIL, draft.authorEmail(), MAX_EMAIL, false, violations);
        if (email != null && !EMAILS.isValid(email)) {
            violations.add(new Violation(SubmissionField.AUTHOR_EMAIL, "must be a valid email address"));
            email = null;
        }
        String url = websiteOf(draft, violations);
        String content = required(draft, SubmissionField.CONTENT, draft.content(), MAX_CONTENT, true, violations);
        Long parentId = parentOf(draft, violations);

        if (!violations.isEmpty()) {
            return new Outcome(null, parentId, List.copyOf(violations));
        }
        return new Outcome(new Valid(articleId, name, email, url, content, parentId), parentId, List.of());
    }

    /**
     * Normalises a moderator's new text for a comment by the same rules as a submission's.
     *
     * @throws io.commentdesk.web.InvalidInputException naming {@code content}
     */
    public String normalizedContent(String raw) {
        List<Violation> violations = new ArrayList<>();
        CommentDraft draft = new CommentDraft(null, null, null, null, raw, null, null);
        String text = required(draft, SubmissionField.CONTENT, raw, MAX_CONTENT, true, violations);
        if (!violations.isEmpty()) {
            throw new io.commentdesk.web.InvalidInputException("content", violations.get(0).message());
        }
        return text;
    }

    /**
     * Normalises an address an admin names (export, erasure) exactly as a submission's is normalised, so
     * it hashes to the same lookup hash, and checks it by the same rules.
     *
     * @throws io.commentdesk.web.InvalidInputException naming {@code field}; the message never repeats the value
     */
    public String normalizedEmail(String field, String raw) {
        List<Violation> violations = new ArrayList<>();
        CommentDraft draft = new CommentDraft(null, null, raw, null, null, null, null);
        String email = required(draft, SubmissionField.AUTHOR_EMAIL, raw, MAX_EMAIL, false, violations);
        if (email != null && !EMAILS.isValid(email)) {
            violations.add(new Violation(SubmissionField.AUTHOR_EMAIL, "must be a valid email address"));
        }
        if (!violations.isEmpty()) {
            throw new io.commentdesk.web.InvalidInputException(field, violations.get(0).message());
        }
        return email;
    }

    private static String required(CommentDraft draft, SubmissionField field, String raw, int max, boolean multiline,
            List<Violation> violations) {
        if (draft.unreadable().containsKey(field)) {
            return null;
        }
        String text = normalized(field, raw, max, multiline, violations);
        if (text != null && text.isEmpty()) {
            violations.add(new Violation(field, "is required"));
            return null;
        }
        if (raw == null) {
            violations.add(new Violation(field, "is required"));
        }
        return text;
    }

    /** Normalises and checks the length; {@code null} when absent or refused (the violation is recorded). */
    private static String normalized(SubmissionField field, String raw, int max, boolean multiline, List<Violation> violations) {
        if (raw == null) {
            return null;
        }
        TextNormalizer.Result result = TextNormalizer.normalize(raw, multiline);
        if (!result.ok()) {
            violations.add(new Violation(field, result.problem()));
            return null;
        }
        if (TextNormalizer.length(result.text()) > max) {
            violations.add(new Violation(field, "must be at most " + max + " characters"));
            return null;
        }
        return result.text();
    }

    /**
     * The optional website. Like WordPress, a bare host ("example.com") is taken as http; anything
     * else must be an absolute http or https URL on a public host.
     */
    private static String websiteOf(CommentDraft draft, List<Violation> violations) {
        if (draft.unreadable().containsKey(SubmissionField.AUTHOR_URL)) {
            return null;
        }
        String url = normalized(SubmissionField.AUTHOR_URL, draft.authorUrl(), MAX_URL, false, violations);
        if (url == null || url.isEmpty()) {
            return null;
        }
        if (!HAS_SCHEME.matcher(url).find()) {
            url = "http://" + url;
        }
        String scheme = url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            violations.add(new Violation(SubmissionField.AUTHOR_URL, "must be an http or https URL"));
            return null;
        }
        if (TextNormalizer.length(url) > MAX_URL || !URLS.isValid(url)) {
            violations.add(new Violation(SubmissionField.AUTHOR_URL,
                    TextNormalizer.length(url) > MAX_URL ? "must be at most " + MAX_URL + " characters" : "must be a valid http or https URL"));
            return null;
        }
        String authority = authorityOf(url);
        if (authority.contains("@")) {
            violations.add(new Violation(SubmissionField.AUTHOR_URL, "must not contain a user name or password"));
            return null;
        }
        String host = hostOf(authority);
        if (PublicAddresses.isLiteral(host) && !PublicAddresses.isPublic(host)) {
            violations.add(new Violation(SubmissionField.AUTHOR_URL,
                    "must be on a public host, not a loopback, private, link-local or reserved address"));
            return null;
        }
        return url;
    }

    /** What stands between {@code scheme://} and the path, query or fragment. */
    private static String authorityOf(String url) {
        int start = url.indexOf("://") + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        return url.substring(start, end);
    }

    /** The host of an authority without user info: an IPv6 literal keeps its brackets, a port is dropped. */
    private static String hostOf(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(0, close + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /** A reply names its parent; {@code 0} or empty means a top-level comment, as in WordPress forms. */
    private static Long parentOf(CommentDraft draft, List<Violation> violations) {
        String raw = draft.parentId();
        if (draft.unreadable().containsKey(SubmissionField.PARENT_ID) || raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        if (trimmed.isEmpty() || trimmed.equals("0")) {
            return null;
        }
        if (!POSITIVE_ID.matcher(trimmed).matches()) {
            violations.add(new Violation(SubmissionField.PARENT_ID, "must be the id of an approved comment of this article"));
            return null;
        }
        return Long.valueOf(trimmed);
    }
}
