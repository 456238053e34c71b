package io.commentdesk.reading;

import java.util.Locale;

import org.apache.commons.validator.routines.UrlValidator;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Turns a comment's plain text into HTML that is safe to insert in a page. The HTML is built as a
 * jsoup DOM (text nodes and attributes are escaped by jsoup when written), so no character of the
 * text can become markup; paragraphs and line breaks are kept, and bare http(s) links become
 * {@code rel="nofollow ugc noopener"} anchors. The result then passes jsoup's {@link Cleaner} with
 * a safelist of {@code p}, {@code br} and http(s) {@code a}, as a second line of defence.
 */
public final class SafeHtml {

    static final String REL = "nofollow ugc noopener";
    private static final UrlValidator LINKS = new UrlValidator(new String[] { "http", "https" });
    private static final Safelist SAFELIST = Safelist.none()
            .addTags("p", "br", "a")
            .addAttributes("a", "href", "rel")
            .addProtocols("a", "href", "http", "https");
    /** Punctuation that ends a sentence rather than a link: "see https://example.com." */
    private static final String TRAILING = ".,;:!?'\")]}";

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

    /** Appends one line, with each whitespace-separated http(s) URL turned into an anchor. */
    private static void appendLinked(Element parent, String line) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            int end = i;
            while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                end++;
            }
            if (end == i) {
                text.append(line.charAt(i++));
                continue;
            }
            String token = line.substring(i, end);
            int urlEnd = token.length();
            while (urlEnd > 0 && TRAILING.indexOf(token.charAt(urlEnd - 1)) >= 0) {
                urlEnd--;
            }
            String url = token.substring(0, urlEnd);
            String lower = url.toLowerCase(Locale.ROOT);
            if ((lower.startsWith("http://") || lower.startsWith("https://")) && LINKS.isValid(url)) {
                parent.appendText(text.toString());
                text.setLength(0);
                parent.appendElement("a").attr("href", url).attr("rel", REL).text(url);
                text.append(token, urlEnd, token.length());
            } else {
                text.append(token);
            }
            i = end;
        }
        parent.appendText(text.toString());
    }
}
