package io.commentdesk.reading;

import java.util.EnumSet;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.nibor.autolink.LinkExtractor;
import org.nibor.autolink.LinkSpan;
import org.nibor.autolink.LinkType;
import org.nibor.autolink.Span;

/**
 * Turns a comment's plain text into HTML that is safe to insert in a page. The HTML is built as a
 * jsoup DOM (text nodes and attributes are escaped by jsoup when written), so no character of the
 * text can become markup; paragraphs and line breaks are kept, and http(s) and {@code www.} links
 * (found by autolink-java) become {@code rel="nofollow ugc noopener"} anchors. The result then passes
 * jsoup's {@link Cleaner} with a safelist of {@code p}, {@code br} and http(s) {@code a}, as a second
 * line of defence.
 */
public final class SafeHtml {

    static final String REL = "nofollow ugc noopener";
    /**
     * Links with a scheme ({@code https://…}) and bare {@code www.} hosts; never emails. autolink scans in one
     * pass without regular expressions, so a hostile text costs time in proportion to its length.
     */
    private static final LinkExtractor LINKS = LinkExtractor.builder().linkTypes(EnumSet.of(LinkType.URL, LinkType.WWW)).build();
    private static final Safelist SAFELIST = Safelist.none()
            .addTags("p", "br", "a")
            .addAttributes("a", "href", "rel")
            .addProtocols("a", "href", "http", "https");

    private SafeHtml() {
    }

    public static String render(String text) {
        Document doc = Document.createShell("");
        Element body = doc.body();
        for (String paragraph : text.split("\n\n+")) {
            if (paragraph.isBlank()) {
                continue;
            }
            Element p = body.appendElement("p");
            String[] lines = paragraph.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    p.appendElement("br");
                }
                appendLinked(p, lines[i]);
            }
        }
        Document clean = new Cleaner(SAFELIST).clean(doc);
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }

    /** Appends one line, with each http(s) or www. link that autolink finds turned into an anchor. */
    private static void appendLinked(Element parent, String line) {
        StringBuilder text = new StringBuilder();
        for (Span span : LINKS.extractSpans(line)) {
            int begin = span.getBeginIndex();
            int end = span.getEndIndex();
            if (span instanceof LinkSpan link) {
                end = withoutTrailingPunctuation(line, begin, end);
                String href = href(line, link.getType(), begin, end);
                if (href != null) {
                    parent.appendText(text.toString());
                    text.setLength(0);
                    parent.appendElement("a").attr("href", href).attr("rel", REL).text(line.substring(begin, end));
                    text.append(line, end, span.getEndIndex());
                    continue;
                }
            }
            text.append(line, span.getBeginIndex(), span.getEndIndex());
        }
        parent.appendText(text.toString());
    }

    /**
     * The link's target, or null when it is not to be linked: a scheme other than http or https
     * ({@code javascript:}, {@code data:} and {@code ftp://} stay text), no host, or glued to the letter
     * or digit before it (a link never starts inside a word, in any script).
     */
    private static String href(String line, LinkType type, int begin, int end) {
        if (begin > 0) {
            int before = line.codePointBefore(begin);
            if (Character.isLetterOrDigit(before) || before == '@') {
                return null;
            }
        }
        String link = line.substring(begin, end);
        if (type == LinkType.WWW) {
            return "https://" + link;
        }
        int hostStart = link.indexOf("://") + 3;
        String scheme = link.substring(0, hostStart - 3);
        if (!(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || hostStart >= link.length()) {
            return null;
        }
        int first = link.codePointAt(hostStart);
        return Character.isLetterOrDigit(first) || first == '[' ? link : null;
    }

    /**
     * Where a link ends once closing quotes, brackets and sentence marks outside ASCII are left out:
     * autolink stops before ASCII punctuation ({@code .,:;!?} and unbalanced brackets) but keeps
     * {@code ” » 。 ）}, which end sentences and quotes in prose as often as a full stop does.
     */
    private static int withoutTrailingPunctuation(String line, int begin, int end) {
        while (end > begin) {
            int last = line.codePointBefore(end);
            boolean trailing = last < 0x80 ? ".,:;!?".indexOf(last) >= 0 : isPunctuation(last);
            if (!trailing) {
                break;
            }
            end -= Character.charCount(last);
        }
        return end;
    }

    private static boolean isPunctuation(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
