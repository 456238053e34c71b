package io.commentdesk.moderation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.commentdesk.audit.AuditEntry;
import io.commentdesk.comment.CommentStatus;

/** What the moderation API answers besides comments. */
public final class Responses {

    private Responses() {
    }

    /** How one decision of a bulk call went. */
    public enum Outcome {
        /** Applied now. */
        APPLIED,
        /** The comment already had that status: nothing changed, nothing audited. */
        UNCHANGED,
        /** Stale version, someone else's claim, or a parent that is not approved: see detail. */
        CONFLICT,
        NOT_FOUND,
        /** The item itself is not acceptable (its reason holds control characters): see detail; nothing changed. */
        INVALID
    }

    @Schema(name = "BulkDecisionResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BulkResult(
            @Schema(example = "1051") long id,
            @Schema(example = "APPLIED") Outcome outcome,
            @Schema(example = "SPAM") CommentStatus status,
            @Schema(description = "The comment's version now.", example = "1") Long version,
            @Schema(example = "The comment changed since version 0; reload it.") String detail) {
    }

    @Schema(name = "BulkDecisionResults")
    public record BulkResults(List<BulkResult> results) {
    }

    @Schema(name = "Claimed")
    public record Claimed(
            @Schema(description = "The comments now reserved for the caller, oldest first.") List<ModerationItem> items,
            @JsonInclude(JsonInclude.Include.ALWAYS)
            @Schema(description = "When these claims lapse back to the pool.", example = "2026-11-28T16:09:05Z", nullable = true)
            Instant expiresAt) {
    }

    @Schema(name = "Released")
    public record Released(@Schema(description = "How many claims were released.", example = "20") int released) {
    }

    @Schema(name = "ArticleCounts")
    public record ArticleCounts(@Schema(example = "news-2026-11-28-minerals") String articleId, Map<CommentStatus, Long> counts) {
    }

    @Schema(name = "ModerationStats")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Stats(
            @Schema(description = "Comments per status, over all articles.") Map<CommentStatus, Long> counts,
            @Schema(description = "Pending comments a rule held for a moderator (with reasons), over all articles: "
                    + "what status=HELD lists.", example = "12") long held,
            @Schema(description = "When the oldest pending comment arrived.", nullable = true) Instant oldestPendingAt,
            @Schema(description = "Its age in seconds.", example = "420", nullable = true) Long oldestPendingAgeSeconds,
            @Schema(description = "Per-article counts: the one asked for, or the 50 articles with the most pending comments.")
            List<ArticleCounts> articles) {
    }

    @Schema(name = "AuthorHistory", description = "What the author of a comment (the same address) has done; neither the "
            + "address nor its hash is shown.")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Author(
            @Schema(description = "False when the comment's address was erased (anonymised): nothing can be linked to it.")
            boolean known,
            @Schema(description = "The address's comments per status, this one included.") Map<CommentStatus, Long> counts,
            @Schema(description = "Up to 5 of the address's other comments, newest first.") List<AuthorComment> recent) {
    }

    @Schema(name = "AuthorComment")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AuthorComment(
            @Schema(example = "998") long id,
            @Schema(example = "news-2026-11-27-budget") String articleId,
            @Schema(example = "APPROVED") CommentStatus status,
            @Schema(example = "2026-11-27T09:12:44.5Z") Instant createdAt,
            @Schema(description = "The first 140 characters of its text.", example = "The budget leaves out the regions.")
            String excerpt) {
    }

    @Schema(name = "AuditEntry")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Audit(
            @Schema(example = "77") long id,
            @Schema(description = "The comment acted on; null for an admin's export or erasure of an address (named by no "
                    + "more than its keyed hash, which is not shown), or once the comment was deleted by an erasure.",
                    example = "1051", nullable = true) Long commentId,
            @Schema(example = "jane") String actor,
            @Schema(example = "APPROVE") String action,
            @Schema(example = "PENDING", nullable = true) String fromStatus,
            @Schema(example = "APPROVED", nullable = true) String toStatus,
            @Schema(example = "On topic and civil.", nullable = true) String reason,
            @Schema(description = "What the action replaced or revealed: an edit's previous text, a move's old parent, "
                    + "the fields a reveal showed.", nullable = true) String detail,
            @Schema(example = "2026-11-28T16:05:00.000001Z") Instant at) {

        static Audit of(AuditEntry e) {
            return new Audit(e.id, e.commentId, e.actor, e.action, e.fromStatus, e.toStatus, e.reason, e.detail, e.createdAt);
        }
    }
}
