package io.commentdesk.reading;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * A page of an article's approved comments as an HTML fragment, for a CMS to include server-side so
 * that search engines index the thread, and for {@code embed.js} to read. Its elements and class
 * names are a contract (README, "Readers"). Built as a jsoup DOM, so every name, URL and date is
 * escaped when written; the content is {@link SafeHtml}'s output; and the whole fragment passes a
 * {@link Cleaner} that allows exactly the contract's elements and attributes, so no script, style or
 * event handler can come out even if a change here went wrong.
 */
final class ThreadFragment {

    static final String PARENT_REMOVED = "In reply to a removed comment";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Safelist CONTRACT = Safelist.none()
            .addTags("section", "ol", "li", "article", "header", "span", "a", "time", "div", "p", "br")
            .addAttributes("section", "class", "data-article-id", "data-total", "data-next-cursor", "data-order")
            .addAttributes("ol", "class")
            .addAttributes("li", "class", "id", "data-id")
            .addAttributes("span", "class")
            .addAttributes("a", "class", "href", "rel")
            .addProtocols("a", "href", "http", "https")
            .addAttributes("time", "datetime")
            .addAttributes("div", "class")
            .addAttributes("p", "class");

    private ThreadFragment() {
    }

    static String render(ReaderPage page, ReaderService.Order order) {
        Document doc = Document.createShell("");
        Element section = doc.body().appendElement("section")
                .attr("class", "cd-thread")
                .attr("data-article-id", page.articleId())
                .attr("data-total", Long.toString(page.total()))
                .attr("data-next-cursor", page.nextCursor() == null ? "" : page.nextCursor())
                .attr("data-order", order.name());
        appendComments(section.appendElement("ol").attr("class", "cd-comments"), page.items());
        Document clean = new Cleaner(CONTRACT).clean(doc);
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }

    private static void appendComments(Element list, List<ReaderComment> comments) {
        for (ReaderComment comment : comments) {
            Element item = list.appendElement("li")
                    .attr("class", "cd-comment")
                    .attr("id", "comment-" + comment.id())
                    .attr("data-id", Long.toString(comment.id()));
            Element article = item.appendElement("article");
            Element header = article.appendElement("header");
            if (isWebLink(comment.authorUrl())) {
                header.appendElement("a").attr("class", "cd-author").attr("href", comment.authorUrl()).attr("rel", SafeHtml.REL)
                        .text(comment.authorName());
            } else {
                header.appendElement("span").attr("class", "cd-author").text(comment.authorName());
            }
            header.appendText(" ");
            header.appendElement("time").attr("datetime", comment.createdAt().toString()).text(SHOWN.format(comment.createdAt()));
            if (comment.parentRemoved()) {
                article.appendElement("p").attr("class", "cd-parent-removed").text(PARENT_REMOVED);
            }
            article.appendElement("div").attr("class", "cd-content").append(comment.contentHtml());
            if (!comment.replies().isEmpty()) {
                appendComments(item.appendElement("ol").attr("class", "cd-replies"), comment.replies());
            }
        }
    }

    /** Websites are checked when submitted; checked again here because this markup is what a page shows. */
    private static boolean isWebLink(String url) {
        if (url == null) {
            return false;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
