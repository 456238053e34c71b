package io.commentdesk.comment;

import java.util.ArrayList;
import java.util.List;

import io.commentdesk.rules.SenderGates;

/**
 * A valid submission with everything computed that needs neither the database nor shared settings:
 * keyed hashes, sealed personal data. What is left is the part that must be decided against shared
 * state (the rules and their settings) and stored in one transaction, {@link SubmissionBatch}.
 *
 * @param idempotencyKey as sent, or null
 * @param fingerprint every normalised field, what makes a repeated Idempotency-Key "the same body"
 * @param hashes the keyed hashes stored with the comment, made with the current hash key ({@code hashKeyId})
 * @param otherHashes the same made with each other hash key lookups accept: empty unless a hash key is rotated,
 *                    when rows hashed with either key must be found
 */
record PreparedSubmission(SubmissionValidator.Valid valid, boolean honeypotFilled, String idempotencyKey, String fingerprint,
        String ipAddress, String hashKeyId, Hashes hashes, List<Hashes> otherHashes, String emailSealed, String ipSealed,
        String userAgentSealed) {

    /** One hash key's hashes of a submission; {@code ip} is null when the address is not known. */
    record Hashes(String email, String ip, String content) {
    }

    String emailHash() {
        return hashes.email();
    }

    /** The address's hash under every key lookups accept, the current one first. */
    List<String> emailHashes() {
        return all().stream().map(Hashes::email).toList();
    }

    SenderGates.Sender sender() {
        List<String> ips = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (Hashes h : all()) {
            if (h.ip() != null) {
                ips.add(h.ip());
            }
            emails.add(h.email());
        }
        return new SenderGates.Sender(ips, emails);
    }

    /** What the duplicate rule compares, under every key lookups accept: a match on any is a duplicate. */
    List<CommentRepository.Saying> sayings() {
        return all().stream().map(h -> new CommentRepository.Saying(h.email(), h.content(), valid.articleId(), valid.parentId()))
                .toList();
    }

    private List<Hashes> all() {
        if (otherHashes.isEmpty()) {
            return List.of(hashes);
        }
        List<Hashes> all = new ArrayList<>(otherHashes.size() + 1);
        all.add(hashes);
        all.addAll(otherHashes);
        return all;
    }
}
