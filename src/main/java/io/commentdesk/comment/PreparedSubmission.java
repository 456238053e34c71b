package io.commentdesk.comment;

import io.commentdesk.rules.ContentRules;
import io.commentdesk.rules.SenderGates;

/**
 * A valid submission with everything computed that needs no database: keyed hashes, sealed
 * personal data, the content rules' verdict. What is left is the part that must be decided against
 * shared state and stored in one transaction, {@link SubmissionBatch}.
 *
 * @param verdict null when the honeypot was filled: no rule runs on it
 * @param idempotencyKey as sent, or null
 * @param fingerprint every normalised field, what makes a repeated Idempotency-Key "the same body"
 */
record PreparedSubmission(SubmissionValidator.Valid valid, boolean honeypotFilled, String idempotencyKey, String fingerprint,
        String emailHash, String ipAddress, String ipHash, String contentHash, String emailSealed, String ipSealed,
        String userAgentSealed, ContentRules.Verdict verdict) {

    SenderGates.Sender sender() {
        return new SenderGates.Sender(ipHash, emailHash);
    }

    CommentRepository.Saying saying() {
        return new CommentRepository.Saying(emailHash, contentHash, valid.articleId(), valid.parentId());
    }
}
