package io.commentdesk.rules;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import org.nibor.autolink.LinkExtractor;
import org.nibor.autolink.LinkSpan;
import org.nibor.autolink.LinkType;

/**
 * The content rules, pure: terms are matched case-insensitively as whole words or phrases after
 * NFKC folding (so full-width "Ｓpam" is "spam"), against name, email, website and text; and links
 * are counted. Word boundaries are Unicode letters and digits, checked by code point, not by regex.
 */
public final class ContentRules {

    private ContentRules() {
    }

    /** What the rules found. */
    public record Verdict(boolean spam, List<String> reasons) {
    }

    public static Verdict judge(RuleSettings settings, String name, String email, String url, String content) {
        String haystack = fold(String.join("\n", name, email, url == null ? "" : url, content));
        List<String> reasons = new ArrayList<>();
        for (String term : settings.disallowedTerms()) {
            if (containsWord(haystack, fold(term))) {
                reasons.add("disallowed: " + term);
                return new Verdict(true, reasons);
            }
        }
        for (String term : settings.holdTerms()) {
            if (containsWord(haystack, fold(term))) {
                reasons.add("hold: " + term);
            }
        }
        if (links(content) > settings.maxLinks()) {
            reasons.add("links");
        }
        return new Verdict(false, reasons);
    }

    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
    }

    static boolean containsWord(String text, String term) {
        if (term.isEmpty()) {
            return false;
        }
        int from = 0;
        while (true) {
            int at = text.indexOf(term, from);
            if (at < 0) {
                return false;
            }
            int end = at + term.length();
            boolean startOk = at == 0 || !isWordChar(text.codePointBefore(at));
            boolean endOk = end == text.length() || !isWordChar(text.codePointAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint);
    }

    /**
     * Links as WordPress counts them, each http:// or https:// in the text, plus the bare {@code www.} hosts
     * that readers' pages make clickable too (reading/SafeHtml, with the same library).
     */
    static int links(String content) {
        String folded = content.toLowerCase(Locale.ROOT);
        int count = 0;
        for (int at = folded.indexOf("http"); at >= 0; at = folded.indexOf("http", at + 4)) {
            if (folded.startsWith("http://", at) || folded.startsWith("https://", at)) {
                count++;
            }
        }
        for (LinkSpan ignored : WWW.extractLinks(content)) {
            count++;
        }
        return count;
    }

    private static final LinkExtractor WWW = LinkExtractor.builder().linkTypes(EnumSet.of(LinkType.WWW)).build();
}
