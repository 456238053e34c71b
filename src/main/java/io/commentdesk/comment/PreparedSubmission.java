package io.commentdesk.comment;

import io.commentdesk.rules.SenderGates;

/**
 * A valid submission with everything computed that needs neither the database nor shared settings:
 * keyed hashes, sealed personal data. What is left is the part that must be decided against shared
 * state (the rules and their settings) and stored in one transaction, {@link SubmissionBatch}.
 *
 * @param idempotencyKey as sent, or null
 * @param fingerprint every normalised field, what makes a repeated Idempotency-Key "the same body"
 */
record PreparedSubmission(SubmissionValidator.Valid valid, boolean honeypotFilled, String idempotencyKey, String fingerprint,
        String emailHash, String ipAddress, String ipHash, String contentHash, String emailSealed, String ipSealed,
        String userAgentSealed) {

    SenderGates.Sender sender() {
        return new SenderGates.Sender(ipHash, emailHash);
    }

    CommentRepository.Saying saying() {
        return new CommentRepository.Saying(emailHash, contentHash, valid.articleId(), valid.parentId());
    }
}
