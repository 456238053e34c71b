package io.commentdesk.comment;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.Session;

import io.commentdesk.db.CustomPlans;
import io.commentdesk.db.InList;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** Queries on stored comments. */
@ApplicationScoped
public class CommentRepository implements PanacheRepository<Comment> {

    private final CommentIds ids;

    CommentRepository(CommentIds ids) {
        this.ids = ids;
    }

    /**
     * The parent of a new reply, share-locked so no decision can move it out of {@code APPROVED}
     * before the reply is stored; empty unless it is an approved comment of this article.
     */
    public Optional<Comment> lockApprovedParent(long id, String articleId) {
        Comment parent = getEntityManager().find(Comment.class, id, LockModeType.PESSIMISTIC_READ);
        if (parent == null || !parent.articleId.equals(articleId) || parent.status != CommentStatus.APPROVED) {
            return Optional.empty();
        }
        return Optional.of(parent);
    }

    /** Where and what a person said, as the duplicate rule compares it. */
    public record Saying(String emailHash, String contentHash, String articleId, Long parentId) {
    }

    /** Which of these were said already, in the same place (any status): one query for a whole batch. */
    public Set<Saying> alreadySaid(Collection<Saying> sayings) {
        if (sayings.isEmpty()) {
            return Set.of();
        }
        Set<String> emails = new TreeSet<>();
        Set<String> contents = new TreeSet<>();
        for (Saying saying : sayings) {
            emails.add(saying.emailHash());
            contents.add(saying.contentHash());
        }
        List<String> emailList = InList.padded(emails);
        List<String> contentList = InList.padded(contents);
        Set<Saying> said = new HashSet<>();
        session().doWork(connection -> {
            try (PreparedStatement query = CustomPlans.always(connection.prepareStatement(
                    "SELECT email_hash, content_hash, article_id, parent_id FROM comment WHERE email_hash IN ("
                            + InList.marks(emailList.size()) + ") AND content_hash IN (" + InList.marks(contentList.size()) + ")"))) {
                InList.bind(query, contentList, InList.bind(query, emailList, 1));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Long parent = rows.getLong(4);
                        if (rows.wasNull()) {
                            parent = null;
                        }
                        Saying saying = new Saying(rows.getString(1).trim(), rows.getString(2).trim(), rows.getString(3), parent);
                        if (sayings.contains(saying)) {
                            said.add(saying);
                        }
                    }
                }
            }
        });
        return said;
    }

    /**
     * Stores new comments with one batched INSERT, giving each its id. Plain JDBC: Hibernate's
     * persist and flush cost more CPU per comment than the database did.
     */
    public void insertAll(List<Comment> comments) {
        if (comments.isEmpty()) {
            return;
        }
        session().doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO comment (id, article_id, parent_id, "
                    + "status, author_name, author_url, content, email_sealed, email_hash, ip_sealed, user_agent_sealed, "
                    + "created_at, updated_at, version, hold_reasons, ip_hash, content_hash, hash_key_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)")) {
                for (Comment comment : comments) {
                    comment.id = ids.next(connection);
                    insert.setLong(1, comment.id);
                    insert.setString(2, comment.articleId);
                    insert.setObject(3, comment.parentId, Types.BIGINT);
                    insert.setString(4, comment.status.name());
                    insert.setString(5, comment.authorName);
                    insert.setString(6, comment.authorUrl);
                    insert.setString(7, comment.content);
                    insert.setString(8, comment.emailSealed);
                    insert.setString(9, comment.emailHash);
                    insert.setString(10, comment.ipSealed);
                    insert.setString(11, comment.userAgentSealed);
                    insert.setObject(12, comment.createdAt.atOffset(ZoneOffset.UTC));
                    insert.setObject(13, comment.updatedAt.atOffset(ZoneOffset.UTC));
                    insert.setString(14, comment.holdReasons);
                    insert.setString(15, comment.ipHash);
                    insert.setString(16, comment.contentHash);
                    insert.setString(17, comment.hashKeyId);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** A fresh id, for an answer about a comment that is not stored. */
    public long nextId() {
        return session().doReturningWork(ids::next);
    }

    private Session session() {
        return getEntityManager().unwrap(Session.class);
    }

    /**
     * WordPress's comment_previously_approved, for a whole batch: the senders among these with
     * enough approved comments and never spam. A sender is given as their address's hashes under every
     * key lookups accept (the current one first, while a hash key is rotated their comments are hashed
     * with either), and is answered by the first.
     */
    public Set<String> trusted(Collection<List<String>> senders, int minApproved) {
        if (senders.isEmpty()) {
            return Set.of();
        }
        Set<String> hashes = new HashSet<>();
        senders.forEach(hashes::addAll);
        Map<String, long[]> standing = new HashMap<>();
        getEntityManager().createQuery("select c.emailHash, c.status, count(c) from Comment c where c.emailHash in :emails "
                + "and c.status in :statuses group by c.emailHash, c.status", Object[].class)
                .setParameter("emails", hashes)
                .setParameter("statuses", List.of(CommentStatus.APPROVED, CommentStatus.SPAM)).getResultStream()
                .forEach(row -> standing.computeIfAbsent((String) row[0], hash -> new long[2])
                        [row[1] == CommentStatus.APPROVED ? 0 : 1] = ((Number) row[2]).longValue());
        Set<String> trusted = new HashSet<>();
        for (List<String> sender : senders) {
            long approved = 0;
            long spam = 0;
            for (String hash : sender) {
                long[] counts = standing.getOrDefault(hash, new long[2]);
                approved += counts[0];
                spam += counts[1];
            }
            if (approved >= minApproved && spam == 0) {
                trusted.add(sender.get(0));
            }
        }
        return trusted;
    }

    /** How deep a comment sits: 1 for a top-level comment, 2 for a reply to it, and so on. */
    public int depthOf(Comment comment, int atMost) {
        int depth = 1;
        Long parentId = comment.parentId;
        while (parentId != null && depth < atMost) {
            depth++;
            parentId = getEntityManager().createQuery("select c.parentId from Comment c where c.id = :id", Long.class)
                    .setParameter("id", parentId).getSingleResult();
        }
        return parentId == null ? depth : atMost + 1;
    }
}
