package io.commentdesk.article;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.commentdesk.notices.Announcer;
import io.commentdesk.notices.Noticed;
import io.commentdesk.notices.NoticedMemory;

/**
 * Whether and until when each article takes comments, as every submission asks: remembered per
 * replica ({@link NoticedMemory}), so a submission costs no article read; an admin's change is
 * announced and applies on every replica within milliseconds.
 */
@ApplicationScoped
public class KnownArticles implements Noticed {

    /** What a submission needs to know of its article. */
    public record Terms(boolean registered, boolean commentsOpen, Instant closesAt, Instant createdAt) {
        static final Terms UNREGISTERED = new Terms(false, true, null, null);

        static Terms of(Article article) {
            return article == null ? UNREGISTERED : new Terms(true, article.commentsOpen, article.closesAt, article.createdAt);
        }
    }

    private static final long CAPACITY = 100_000;

    private final ArticleRepository articles;
    private final Announcer announcer;
    private final NoticedMemory<String, Terms> known;

    KnownArticles(ArticleRepository articles, Announcer announcer) {
        this.articles = articles;
        this.announcer = announcer;
        this.known = new NoticedMemory<>(CAPACITY, !announcer.postgres());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Terms terms(String articleId) {
        Terms terms = known.known(articleId);
        if (terms == null) {
            long mark = known.mark();
            terms = Terms.of(articles.findById(articleId));
            known.learn(mark, articleId, terms, (old, read) -> read);
        }
        return terms;
    }

    /** Called in the transaction that registers or changes the article. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(String articleId) {
        announcer.announce(channel(), articleId, () -> known.changed(articleId, null, null));
    }

    @Override
    public String channel() {
        return "article_terms";
    }

    @Override
    public void heard(String articleId) {
        known.changed(articleId, null, null);
    }

    @Override
    public NoticedMemory<String, Terms> memory() {
        return known;
    }
}
