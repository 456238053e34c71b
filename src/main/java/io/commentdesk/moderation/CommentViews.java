package io.commentdesk.moderation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.commentdesk.comment.Comment;
import io.commentdesk.comment.CommentStatus;
import io.commentdesk.privacy.FieldCipher.Purpose;
import io.commentdesk.privacy.FieldCipher;

/**
 * Turns stored comments into what moderators see, opening the sealed fields each view needs, with
 * the context a decision needs: the registered article's title and address, and the start of the
 * comment a reply answers. That context is read for a whole page at once, one query for its articles
 * and one for its parents, never one per item.
 */
@ApplicationScoped
public class CommentViews {

    private record ArticleContext(String title, String url) {
    }

    private static final ArticleContext UNREGISTERED = new ArticleContext(null, null);

    private final FieldCipher cipher;
    private final EntityManager em;

    CommentViews(FieldCipher cipher, EntityManager em) {
        this.cipher = cipher;
        this.em = em;
    }

    /** A page of the queue, in the order of {@code rows}. */
    List<ModerationItem> items(List<QueueRow> rows, Instant now) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, ArticleContext> articles = articles(rows.stream().map(QueueRow::articleId).distinct().toList());
        Map<Long, ModerationItem.Parent> parents = parents(rows.stream().map(QueueRow::parentId).filter(Objects::nonNull)
                .distinct().toList());
        List<ModerationItem> items = new ArrayList<>(rows.size());
        for (QueueRow r : rows) {
            items.add(item(r, articles.getOrDefault(r.articleId(), UNREGISTERED),
                    r.parentId() == null ? null : parents.get(r.parentId()), now));
        }
        return items;
    }

    /** A comment as the queue shows it (address masked, no IP or user agent): what a decision or an edit answers. */
    ModerationItem item(Comment c, Instant now) {
        return items(List.of(QueueRow.of(c)), now).get(0);
    }

    private ModerationItem item(QueueRow r, ArticleContext article, ModerationItem.Parent parent, Instant now) {
        boolean claimed = isClaimed(r.leaseOwner(), r.leaseExpiresAt(), now);
        return new ModerationItem(r.id(), r.articleId(), article.title(), article.url(), r.parentId(), parent, r.status(),
                r.authorName(), r.emailSealed() == null ? null : EmailMask.mask(cipher.open(Purpose.EMAIL, r.emailSealed())),
                r.authorUrl(), r.content(), r.createdAt(), r.updatedAt(), r.version(), reasons(r.holdReasons()),
                claimed ? r.leaseOwner() : null, claimed ? r.leaseExpiresAt() : null);
    }

    /** Everything, personal data included: only for the audited reveal. */
    ModerationComment full(Comment c, Instant now) {
        boolean claimed = isClaimed(c.leaseOwner, c.leaseExpiresAt, now);
        ArticleContext article = articles(List.of(c.articleId)).getOrDefault(c.articleId, UNREGISTERED);
        ModerationItem.Parent parent = c.parentId == null ? null : parents(List.of(c.parentId)).get(c.parentId);
        return new ModerationComment(c.id, c.articleId, article.title(), article.url(), c.parentId, parent, c.status,
                c.authorName, c.emailSealed == null ? null : cipher.open(Purpose.EMAIL, c.emailSealed), c.authorUrl, c.content,
                c.ipSealed == null ? null : cipher.open(Purpose.IP_ADDRESS, c.ipSealed),
                c.userAgentSealed == null ? null : cipher.open(Purpose.USER_AGENT, c.userAgentSealed),
                c.createdAt, c.updatedAt, c.version, reasons(c.holdReasons), claimed ? c.leaseOwner : null, claimed ? c.leaseExpiresAt : null);
    }

    /** Registered articles among {@code articleIds}; an unregistered one is absent. */
    private Map<String, ArticleContext> articles(List<String> articleIds) {
        Map<String, ArticleContext> articles = new HashMap<>();
        em.createQuery("select a.articleId, a.title, a.url from Article a where a.articleId in :ids", Object[].class)
                .setParameter("ids", articleIds).getResultList()
                .forEach(row -> articles.put((String) row[0], new ArticleContext((String) row[1], (String) row[2])));
        return articles;
    }

    /** The comments replied to, each with the start of its text only (the database cuts it). */
    private Map<Long, ModerationItem.Parent> parents(List<Long> parentIds) {
        Map<Long, ModerationItem.Parent> parents = new HashMap<>();
        if (parentIds.isEmpty()) {
            return parents;
        }
        em.createQuery("select c.id, c.authorName, substring(c.content, 1, " + Excerpts.PARENT + "), c.status "
                + "from Comment c where c.id in :ids", Object[].class)
                .setParameter("ids", parentIds).getResultList()
                .forEach(row -> parents.put((Long) row[0], new ModerationItem.Parent((Long) row[0], (String) row[1],
                        Excerpts.of((String) row[2], Excerpts.PARENT), (CommentStatus) row[3])));
        return parents;
    }

    private static boolean isClaimed(String leaseOwner, Instant leaseExpiresAt, Instant now) {
        return leaseOwner != null && leaseExpiresAt != null && leaseExpiresAt.isAfter(now);
    }

    private static List<String> reasons(String holdReasons) {
        return holdReasons == null || holdReasons.isBlank() ? List.of() : Arrays.asList(holdReasons.split("\n"));
    }
}
