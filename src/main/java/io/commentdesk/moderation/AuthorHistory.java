package io.commentdesk.moderation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.commentdesk.comment.CommentStatus;
import io.commentdesk.privacy.FieldCipher;
import io.commentdesk.privacy.FieldCipher.Purpose;
import io.commentdesk.privacy.LookupHasher;

/**
 * What the author of a comment has done before: how many of the same address's comments were
 * approved, rejected or marked spam, and the latest few. The address is found through its keyed hash
 * (index {@code comment_email_hash}), as the comment stored it; it is opened only while a hash key is
 * rotated, to hash it again with each other key lookups accept, so comments hashed with either are
 * found. Neither the address nor a hash is ever in the answer, which reveals no personal data: the
 * read is not audited.
 */
@ApplicationScoped
public class AuthorHistory {

    /** How many of the author's other comments are shown. */
    static final int RECENT = 5;

    private final EntityManager em;
    private final LookupHasher hasher;
    private final FieldCipher cipher;

    AuthorHistory(EntityManager em, LookupHasher hasher, FieldCipher cipher) {
        this.em = em;
        this.hasher = hasher;
        this.cipher = cipher;
    }

    /** Empty when no comment has this id. */
    @Transactional
    public Optional<Responses.Author> of(long commentId) {
        List<Object[]> found = em.createQuery("select c.emailHash, c.hashKeyId, c.emailSealed from Comment c where c.id = :id",
                Object[].class).setParameter("id", commentId).getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Object[] comment = found.get(0);
        Map<CommentStatus, Long> counts = QueueService.zeroCounts();
        if (comment[0] == null) {
            // Anonymised: the address is gone, and with it any link to the author's other comments.
            return Optional.of(new Responses.Author(false, counts, List.of()));
        }
        List<String> hashes = hashes((String) comment[0], (String) comment[1], (String) comment[2]);
        em.createQuery("select c.status, count(c) from Comment c where c.emailHash in :hashes group by c.status", Object[].class)
                .setParameter("hashes", hashes).getResultList()
                .forEach(row -> counts.put((CommentStatus) row[0], (Long) row[1]));
        List<Responses.AuthorComment> recent = new ArrayList<>();
        em.createQuery("select c.id, c.articleId, c.status, c.createdAt, substring(c.content, 1, " + Excerpts.AUTHOR + ") "
                + "from Comment c where c.emailHash in :hashes and c.id <> :id order by c.createdAt desc, c.id desc", Object[].class)
                .setParameter("hashes", hashes).setParameter("id", commentId).setMaxResults(RECENT).getResultList()
                .forEach(row -> recent.add(new Responses.AuthorComment((Long) row[0], (String) row[1], (CommentStatus) row[2],
                        (Instant) row[3], Excerpts.of((String) row[4], Excerpts.AUTHOR))));
        return Optional.of(new Responses.Author(true, counts, recent));
    }

    /**
     * The stored hash, and while a hash key is rotated the address's hash under every other key lookups
     * accept: the author's other comments may be hashed with either.
     */
    private List<String> hashes(String stored, String storedKeyId, String emailSealed) {
        if (hasher.accepted().size() == 1 || emailSealed == null) {
            return List.of(stored);
        }
        String email = cipher.open(Purpose.EMAIL, emailSealed);
        List<String> hashes = new ArrayList<>();
        hashes.add(stored);
        for (LookupHasher other : hasher.accepted()) {
            if (!other.keyId().equals(storedKeyId)) {
                hashes.add(other.emailHash(email));
            }
        }
        return hashes;
    }
}
