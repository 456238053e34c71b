package io.commentdesk.reading;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.commentdesk.comment.Comment;
import io.commentdesk.comment.CommentStatus;
import io.commentdesk.comment.ReplyConfig;
import io.commentdesk.db.CustomPlans;
import io.commentdesk.db.InList;
import io.commentdesk.privacy.LookupHasher;
import io.commentdesk.privacy.PreviewTokens;
import io.commentdesk.web.Cursor;
import io.commentdesk.web.Keyset;

/**
 * What readers see: pages of an article's approved top-level comments, each with its approved
 * replies nested (WordPress's threaded model), approved counts, and an author's own pending comment.
 * Every query stays within one article, on the (article, status, created_at) index.
 */
@ApplicationScoped
public class ReaderService {

    /** Newest or oldest first (WordPress shows oldest first). */
    public enum Order { OLDEST, NEWEST }

    private final EntityManager em;
    private final LookupHasher hasher;
    private final PreviewTokens previews;
    private final ReplyConfig replies;
    private final java.time.Clock clock;

    ReaderService(EntityManager em, LookupHasher hasher, PreviewTokens previews, ReplyConfig replies, java.time.Clock clock) {
        this.em = em;
        this.hasher = hasher;
        this.previews = previews;
        this.replies = replies;
        this.clock = clock;
    }

    /** What a cursor of this listing is bound to: another article's or order's cursor is refused. */
    static String cursorScope(String articleId, Order order) {
        return "read/" + articleId + "/" + order;
    }

    @Transactional
    public ReaderPage page(String articleId, Order order, int limit, String cursorToken) {
        String scope = cursorScope(articleId, order);
        Optional<Cursor> after = Cursor.decode(cursorToken, scope);
        boolean oldest = order == Order.OLDEST;
        StringBuilder q = new StringBuilder(
                "from Comment c where c.articleId = :article and c.status = :approved and c.parentId is null");
        if (after.isPresent()) {
            q.append(Keyset.after("c", oldest));
        }
        q.append(Keyset.orderBy("c", oldest));
        var query = em.createQuery(q.toString(), Comment.class)
                .setParameter("article", articleId).setParameter("approved", CommentStatus.APPROVED).setMaxResults(limit + 1);
        after.ifPresent(c -> Keyset.bind(query, c));
        List<Comment> rows = query.getResultList();
        List<Comment> top = rows.subList(0, Math.min(limit, rows.size()));

        String next = Keyset.next(scope, rows, limit, c -> c.createdAt, c -> c.id);
        long total = em.createQuery("select count(c) from Comment c where c.articleId = :article and c.status = :approved", Long.class)
                .setParameter("article", articleId).setParameter("approved", CommentStatus.APPROVED).getSingleResult();
        return new ReaderPage(articleId, total, threads(top), next);
    }

    /**
     * One statement in autocommit, in plain JDBC: as HQL, an {@code in} list of up to 100 ids was parsed
     * again on every call, which on a cold JVM under load took seconds per request.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Long> counts(List<String> articleIds) {
        Map<String, Long> counts = new LinkedHashMap<>();
        articleIds.forEach(id -> counts.put(id, 0L));
        List<String> ids = InList.padded(articleIds);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement query = CustomPlans.always(connection.prepareStatement("SELECT article_id, count(*) FROM comment "
                    + "WHERE status = 'APPROVED' AND article_id IN (" + InList.marks(ids.size()) + ") GROUP BY article_id"))) {
                InList.bind(query, ids, 1);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
        });
        return counts;
    }

    /** An approved comment, with its thread below it. */
    @Transactional
    public Optional<ReaderComment> approved(String articleId, long id) {
        Comment c = em.find(Comment.class, id);
        if (c == null || !c.articleId.equals(articleId) || c.status != CommentStatus.APPROVED) {
            return Optional.empty();
        }
        return Optional.of(threads(List.of(c)).get(0));
    }

    /** A comment shown to the holder of its preview token: its author, right after posting it. */
    @Transactional
    public Optional<ReaderComment> preview(String articleId, long id, String token) {
        if (!previews.verify(id, token, clock.instant())) {
            return Optional.empty();
        }
        Comment c = em.find(Comment.class, id);
        if (c == null || !c.articleId.equals(articleId) || c.status == CommentStatus.REJECTED) {
            return Optional.empty();
        }
        ReaderComment own = view(c, List.of());
        if (c.status == CommentStatus.SPAM) {
            // As in the submission's answer: whoever trips a rule sees their comment as merely pending.
            own = new ReaderComment(own.id(), own.parentId(), own.parentRemoved(), own.authorName(), own.authorUrl(), own.createdAt(), own.content(),
                    own.contentHtml(), own.avatarSeed(), CommentStatus.PENDING.name(), own.replies());
        }
        return Optional.of(own);
    }

    /** Nests approved replies under the given comments, level by level, down to the configured depth. */
    private List<ReaderComment> threads(List<Comment> top) {
        Map<Long, List<Comment>> children = new HashMap<>();
        List<Long> level = top.stream().map(c -> c.id).toList();
        for (int depth = 2; depth <= replies.maxDepth() && !level.isEmpty(); depth++) {
            List<Comment> found = em.createQuery("from Comment c where c.parentId in :parents and c.status = :approved "
                    + "order by c.createdAt asc, c.id asc", Comment.class)
                    .setParameter("parents", level).setParameter("approved", CommentStatus.APPROVED).getResultList();
            found.forEach(c -> children.computeIfAbsent(c.parentId, k -> new ArrayList<>()).add(c));
            level = found.stream().map(c -> c.id).toList();
        }
        return top.stream().map(c -> nest(c, children)).toList();
    }

    private ReaderComment nest(Comment c, Map<Long, List<Comment>> children) {
        List<ReaderComment> nested = children.getOrDefault(c.id, List.of()).stream().map(r -> nest(r, children)).toList();
        return view(c, nested);
    }

    private ReaderComment view(Comment c, List<ReaderComment> nested) {
        // An anonymised comment has no address left: every such comment shares one seed, "erased".
        return new ReaderComment(c.id, c.parentId, c.parentRemoved, c.authorName, c.authorUrl, c.createdAt, c.content,
                SafeHtml.render(c.content), hasher.avatarSeed(c.emailHash == null ? "erased" : c.emailHash), c.status.name(), nested);
    }
}
