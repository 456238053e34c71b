package io.commentdesk.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.commentdesk.audit.AuditAction;
import io.commentdesk.audit.AuditLog;
import io.commentdesk.comment.Comment;
import io.commentdesk.comment.CommentStatus;
import io.commentdesk.identity.Moderator;
import io.commentdesk.web.Cursor;
import io.commentdesk.web.Keyset;

/**
 * Reads the queue: pages of comments by status (keyset, no OFFSET), one comment in full (audited),
 * and the counts moderators plan their day by.
 */
@ApplicationScoped
public class QueueService {

    private static final int STATS_ARTICLES = 50;
    /**
     * Pending comments a rule held (they carry its reasons). The status is written out, not bound: PostgreSQL
     * then serves it from the partial index of exactly these rows (V11), whatever plan the statement keeps.
     */
    static final String HELD = "c.status = io.commentdesk.comment.CommentStatus.PENDING and c.holdReasons is not null";

    private final EntityManager em;
    private final CommentViews views;
    private final AuditLog audit;

    QueueService(EntityManager em, CommentViews views, AuditLog audit) {
        this.em = em;
        this.views = views;
        this.audit = audit;
    }

    /**
     * Pending (and held) comments oldest first (a queue is worked FIFO); decided ones newest first. One
     * statement for the page in autocommit, no transaction (a page is a single consistent snapshot anyway,
     * and BEGIN/COMMIT would double its round trips), then one each for its articles and its parents.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ModerationItem> list(QueueFilter filter, String articleId, int limit, String cursorToken) {
        String scope = "queue/" + filter + "/" + (articleId == null ? "" : articleId);
        Optional<Cursor> after = Cursor.decode(cursorToken, scope);
        boolean fifo = filter.oldestFirst();
        StringBuilder q = new StringBuilder(QueueRow.SELECT).append("from Comment c where ")
                .append(filter == QueueFilter.HELD ? HELD : "c.status = :status");
        if (articleId != null) {
            q.append(" and c.articleId = :article");
        }
        if (after.isPresent()) {
            q.append(Keyset.after("c", fifo));
        }
        q.append(Keyset.orderBy("c", fifo));
        var query = em.createQuery(q.toString(), QueueRow.class).setMaxResults(limit + 1);
        if (filter != QueueFilter.HELD) {
            query.setParameter("status", filter.status);
        }
        if (articleId != null) {
            query.setParameter("article", articleId);
        }
        after.ifPresent(c -> Keyset.bind(query, c));
        List<QueueRow> rows = query.getResultList();
        List<ModerationItem> items = views.items(rows.subList(0, Math.min(limit, rows.size())), audit.now());
        return new Page<>(items, Keyset.next(scope, rows, limit, QueueRow::createdAt, QueueRow::id));
    }

    /** One comment with its personal data; the reveal is audited in the same transaction. */
    @Transactional
    public Optional<ModerationComment> reveal(long id, Moderator moderator) {
        Comment comment = em.find(Comment.class, id);
        if (comment == null) {
            return Optional.empty();
        }
        audit.record(id, moderator, AuditAction.REVEAL, comment.status, comment.status, null, "email, IP address, user agent");
        return Optional.of(views.full(comment, audit.now()));
    }

    @Transactional
    public Responses.Stats stats(String articleId) {
        Map<CommentStatus, Long> overall = zeroCounts();
        em.createQuery("select c.status, count(c) from Comment c group by c.status", Object[].class).getResultList()
                .forEach(row -> overall.put((CommentStatus) row[0], (Long) row[1]));
        Instant oldest = em.createQuery("select min(c.createdAt) from Comment c where c.status = :pending", Instant.class)
                .setParameter("pending", CommentStatus.PENDING).getSingleResult();
        long held = em.createQuery("select count(c) from Comment c where " + HELD, Long.class).getSingleResult();
        Instant now = audit.now();

        List<String> articleIds = articleId != null ? List.of(articleId)
                : em.createQuery("select c.articleId from Comment c where c.status = :pending group by c.articleId "
                        + "order by count(c) desc, c.articleId", String.class)
                        .setParameter("pending", CommentStatus.PENDING).setMaxResults(STATS_ARTICLES).getResultList();
        Map<String, Map<CommentStatus, Long>> perArticle = new LinkedHashMap<>();
        articleIds.forEach(a -> perArticle.put(a, zeroCounts()));
        if (!articleIds.isEmpty()) {
            em.createQuery("select c.articleId, c.status, count(c) from Comment c where c.articleId in :articles "
                    + "group by c.articleId, c.status", Object[].class)
                    .setParameter("articles", articleIds).getResultList()
                    .forEach(row -> perArticle.get((String) row[0]).put((CommentStatus) row[1], (Long) row[2]));
        }
        List<Responses.ArticleCounts> articles = perArticle.entrySet().stream()
                .map(e -> new Responses.ArticleCounts(e.getKey(), e.getValue())).toList();
        return new Responses.Stats(overall, held, oldest, oldest == null ? null : Duration.between(oldest, now).toSeconds(), articles);
    }

    /** A count for every status, each 0. */
    static Map<CommentStatus, Long> zeroCounts() {
        Map<CommentStatus, Long> counts = new EnumMap<>(CommentStatus.class);
        for (CommentStatus s : CommentStatus.values()) {
            counts.put(s, 0L);
        }
        return counts;
    }
}
