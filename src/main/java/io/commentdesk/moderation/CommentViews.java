package io.commentdesk.moderation;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.commentdesk.comment.Comment;
import io.commentdesk.privacy.FieldCipher.Purpose;
import io.commentdesk.privacy.FieldCipher;

/** Turns stored comments into what moderators see, opening the sealed fields each view needs. */
@ApplicationScoped
public class CommentViews {

    private final FieldCipher cipher;

    CommentViews(FieldCipher cipher) {
        this.cipher = cipher;
    }

    ModerationItem item(QueueRow r, Instant now) {
        boolean claimed = isClaimed(r.leaseOwner(), r.leaseExpiresAt(), now);
        return new ModerationItem(r.id(), r.articleId(), r.parentId(), r.status(), r.authorName(),
                r.emailSealed() == null ? null : EmailMask.mask(cipher.open(Purpose.EMAIL, r.emailSealed())), r.authorUrl(), r.content(), r.createdAt(),
                r.updatedAt(), r.version(), reasons(r.holdReasons()), claimed ? r.leaseOwner() : null,
                claimed ? r.leaseExpiresAt() : null);
    }

    /** A comment as the queue shows it (address masked, no IP or user agent): what a decision or an edit answers. */
    ModerationItem item(Comment c, Instant now) {
        return item(QueueRow.of(c), now);
    }

    /** Everything, personal data included: only for the audited reveal. */
    ModerationComment full(Comment c, Instant now) {
        boolean claimed = isClaimed(c.leaseOwner, c.leaseExpiresAt, now);
        return new ModerationComment(c.id, c.articleId, c.parentId, c.status, c.authorName,
                c.emailSealed == null ? null : cipher.open(Purpose.EMAIL, c.emailSealed), c.authorUrl, c.content,
                c.ipSealed == null ? null : cipher.open(Purpose.IP_ADDRESS, c.ipSealed),
                c.userAgentSealed == null ? null : cipher.open(Purpose.USER_AGENT, c.userAgentSealed),
                c.createdAt, c.updatedAt, c.version, reasons(c.holdReasons), claimed ? c.leaseOwner : null, claimed ? c.leaseExpiresAt : null);
    }

    private static boolean isClaimed(String leaseOwner, Instant leaseExpiresAt, Instant now) {
        return leaseOwner != null && leaseExpiresAt != null && leaseExpiresAt.isAfter(now);
    }

    private static List<String> reasons(String holdReasons) {
        return holdReasons == null || holdReasons.isBlank() ? List.of() : Arrays.asList(holdReasons.split("\n"));
    }
}
