package io.commentdesk.comment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.commentdesk.article.ArticleService;
import io.commentdesk.privacy.FieldCipher.Purpose;
import io.commentdesk.privacy.FieldCipher;
import io.commentdesk.privacy.LookupHasher;
import io.commentdesk.privacy.PreviewConfig;
import io.commentdesk.privacy.PreviewTokens;
import io.commentdesk.rules.RulesConfig;
import io.commentdesk.web.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Takes a reader's submission into the moderation queue: validates it, seals the personal data and
 * stores it {@code PENDING}. Nothing is published here; a moderator or a rule decides later.
 * Everything that needs no database happens on the request's thread, which may be an event loop;
 * the rest, in a batch with other submissions ({@link SubmissionWriter}).
 */
@ApplicationScoped
public class SubmissionService {

    private final SubmissionValidator validator;
    private final FieldCipher cipher;
    private final LookupHasher hasher;
    private final Clock clock;
    private final ArticleService articles;
    private final ReplyParents parents;
    private final PreviewTokens previews;
    private final PreviewConfig preview;
    private final RulesConfig rules;
    private final SubmissionWriter writer;
    private final SubmissionMetrics metrics;

    SubmissionService(SubmissionValidator validator, FieldCipher cipher, LookupHasher hasher, Clock clock, ArticleService articles,
            ReplyParents parents, PreviewTokens previews, PreviewConfig preview, RulesConfig rules, SubmissionWriter writer,
            SubmissionMetrics metrics) {
        this.metrics = metrics;
        this.validator = validator;
        this.cipher = cipher;
        this.hasher = hasher;
        this.clock = clock;
        this.articles = articles;
        this.parents = parents;
        this.previews = previews;
        this.preview = preview;
        this.rules = rules;
        this.writer = writer;
    }

    /**
     * For a caller on the event loop, which must never block: validates and seals here, has a
     * writer store the comment, and answers back on the caller's Vert.x context. Completes
     * exceptionally with an {@link InvalidSubmissionException} listing every invalid field (the parent
     * included), or a {@link ProblemException} when the article takes no comments or a rule refuses it.
     */
    public CompletionStage<SubmittedComment> submitNonBlocking(CommentDraft draft, ClientInfo client, String idempotencyKey) {
        Context caller = Vertx.currentContext();
        SubmissionValidator.Outcome outcome = validator.validate(draft);
        if (!outcome.violations().isEmpty()) {
            // Which refusal applies (a closed article, a missing parent) is read from the database: on a worker.
            return caller.<SubmittedComment> executeBlocking(() -> {
                RuntimeException refusal;
                try {
                    refusal = refusalOfInvalid(draft, outcome);
                } catch (RuntimeException e) {
                    refusal = e; // which refusal applies could not be read (the database out of reach): counted as that
                }
                metrics.ended(refusal);
                throw refusal;
            }, false).toCompletionStage();
        }
        Executor backOnCaller = task -> caller.runOnContext(ignored -> task.run());
        return writer.submit(prepare(outcome.submission(), draft, client, idempotencyKey))
                .whenComplete((stored, failure) -> {
                    // The batch failed as a whole (database out of reach, a bug): no outcome to count by.
                    if (failure != null) {
                        metrics.ended(failure instanceof CompletionException wrapped ? wrapped.getCause() : failure);
                    }
                })
                .thenApplyAsync(this::answer, backOnCaller);
    }

    private SubmittedComment answer(SubmissionBatch.Outcome stored) {
        metrics.ended(stored.verdict());
        if (stored.refusal() != null) {
            throw stored.refusal();
        }
        Comment comment = stored.comment();
        return SubmittedComment.of(comment, previews.issue(comment.id, clock.instant().plus(preview.previewTtl())));
    }

    /**
     * What to answer an invalid submission: a closed article first, as for a valid one, else every
     * invalid field, the parent included.
     */
    @Transactional
    RuntimeException refusalOfInvalid(CommentDraft draft, SubmissionValidator.Outcome outcome) {
        if (outcome.violations().stream().noneMatch(v -> v.field() == SubmissionField.ARTICLE_ID)) {
            Optional<ProblemException> closed = articles.refusal(draft.articleId());
            if (closed.isPresent()) {
                return closed.get();
            }
        }
        List<Violation> violations = new ArrayList<>(outcome.violations());
        if (outcome.parentId() != null) {
            parents.problem(outcome.parentId(), draft.articleId()).ifPresent(violations::add);
        }
        return new InvalidSubmissionException(violations);
    }

    private PreparedSubmission prepare(SubmissionValidator.Valid valid, CommentDraft draft, ClientInfo client,
            String idempotencyKey) {
        boolean honeypotFilled = rules.honeypot().enabled() && draft.honeypot() != null && !draft.honeypot().isBlank();
        String ip = client.ipAddress();
        List<PreparedSubmission.Hashes> others = hasher.others().isEmpty() ? List.of()
                : hasher.others().stream().map(other -> hashes(other, valid, ip)).toList();
        return new PreparedSubmission(valid, honeypotFilled, idempotencyKey, idempotencyKey == null ? null : fingerprint(valid),
                ip, hasher.keyId(), hashes(hasher, valid, ip), others,
                cipher.seal(Purpose.EMAIL, valid.authorEmail()),
                ip == null ? null : cipher.seal(Purpose.IP_ADDRESS, ip),
                client.userAgent() == null ? null : cipher.seal(Purpose.USER_AGENT, client.userAgent()));
    }

    private static PreparedSubmission.Hashes hashes(LookupHasher hasher, SubmissionValidator.Valid valid, String ip) {
        return new PreparedSubmission.Hashes(hasher.emailHash(valid.authorEmail()), ip == null ? null : hasher.ipHash(ip),
                hasher.keyed("content", valid.content()));
    }

    /** What makes two submissions "the same body" for Idempotency-Key: every normalised field. */
    private static String fingerprint(SubmissionValidator.Valid v) {
        return String.join("\u0000", v.articleId(), v.authorName(), v.authorEmail(), String.valueOf(v.authorUrl()), v.content(),
                String.valueOf(v.parentId()));
    }
}
