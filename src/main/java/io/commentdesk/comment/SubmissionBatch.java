package io.commentdesk.comment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.commentdesk.article.ArticleService;
import io.commentdesk.audit.AuditAction;
import io.commentdesk.audit.AuditLog;
import io.commentdesk.identity.Moderator;
import io.commentdesk.notices.ArticleRevisions;
import io.commentdesk.rules.Blocklist;
import io.commentdesk.rules.ContentRules;
import io.commentdesk.rules.Idempotency;
import io.commentdesk.rules.RuleSettings;
import io.commentdesk.rules.RulesConfig;
import io.commentdesk.rules.SenderGates;
import io.commentdesk.rules.SettingsService;
import io.commentdesk.web.ProblemException;
import io.commentdesk.web.ProblemType;

/**
 * Decides and stores a batch of prepared submissions in one transaction. Every rule that needs shared
 * state runs set-based, once for the batch: the sender gates, the rate counts, the duplicate and
 * trusted lookups, the content rules on one copy of the admin's settings, one batched insert, one
 * commit. The submissions are still judged one by one, in order, each seeing those stored before it
 * in the batch as it would see an earlier request. A refused submission is an outcome, not an
 * exception, so it does not fail the others.
 */
@ApplicationScoped
class SubmissionBatch {

    /** What became of one submission: a comment to answer with, or a refusal; and how ops count it. */
    record Outcome(Comment comment, RuntimeException refusal, SubmissionMetrics.Verdict verdict) {

        /** Stored now: counted by the status and reasons the rules gave it. */
        static Outcome stored(Comment comment) {
            return new Outcome(comment, null, SubmissionMetrics.Verdict.of(comment));
        }

        /** An earlier answer given again for the same Idempotency-Key: nothing stored. */
        static Outcome replayed(Comment earlier) {
            return new Outcome(earlier, null, SubmissionMetrics.Verdict.REPLAYED);
        }

        /** A bot's comment answered as if stored, and dropped (honeypot action drop). */
        static Outcome dropped(Comment unsaved) {
            return new Outcome(unsaved, null, SubmissionMetrics.Verdict.SPAM);
        }

        static Outcome refused(RuntimeException refusal) {
            return new Outcome(null, refusal, SubmissionMetrics.Verdict.of(refusal));
        }
    }

    /** The actor the audit names for what the rules decide. */
    private static final Moderator RULES = new Moderator("rules", false);

    private final CommentRepository comments;
    private final ReplyParents parents;
    private final ArticleService articles;
    private final Blocklist blocklist;
    private final SenderGates gates;
    private final Idempotency idempotency;
    private final SettingsService settings;
    private final RulesConfig rules;
    private final AuditLog audit;
    private final ArticleRevisions revisions;
    private final QueueEvents events;
    private final Clock clock;

    SubmissionBatch(CommentRepository comments, ReplyParents parents, ArticleService articles, Blocklist blocklist,
            SenderGates gates, Idempotency idempotency, SettingsService settings, RulesConfig rules, AuditLog audit,
            ArticleRevisions revisions, QueueEvents events, Clock clock) {
        this.events = events;
        this.comments = comments;
        this.parents = parents;
        this.articles = articles;
        this.blocklist = blocklist;
        this.gates = gates;
        this.idempotency = idempotency;
        this.settings = settings;
        this.rules = rules;
        this.audit = audit;
        this.revisions = revisions;
        this.clock = clock;
    }

    /**
     * @return one outcome per submission, in order; they hold once this method has returned (committed)
     * @throws RuntimeException when the transaction fails: then nothing of the batch is stored
     */
    @Transactional
    List<Outcome> write(List<PreparedSubmission> batch) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Outcome[] outcomes = new Outcome[batch.size()];
        // What is stored, with the rules' reasons (for the audit): a subset of the outcomes' comments.
        Map<Comment, List<String>> stored = new LinkedHashMap<>();
        List<Integer> ruled = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            PreparedSubmission submission = batch.get(i);
            Optional<Outcome> early = beforeTheRules(submission, now);
            if (early.isPresent()) {
                outcomes[i] = early.get();
            } else if (submission.honeypotFilled()) {
                // Looks like success to the bot; moderators see why it went to spam.
                outcomes[i] = Outcome.stored(comment(submission, CommentStatus.SPAM, List.of("honeypot"), now));
                stored.put(outcomes[i].comment(), List.of("honeypot"));
            } else {
                ruled.add(i);
            }
        }

        SenderGates.Passage passage = gates.open(ruled.stream().map(i -> batch.get(i).sender()).toList(), now);
        Set<CommentRepository.Saying> said = rules.duplicates().enabled()
                ? new HashSet<>(comments.alreadySaid(ruled.stream().flatMap(i -> batch.get(i).sayings().stream()).toList()))
                : null;
        RuleSettings tuned = settings.current();
        ContentRules.Verdict[] verdicts = new ContentRules.Verdict[batch.size()];
        for (int i : ruled) {
            SubmissionValidator.Valid valid = batch.get(i).valid();
            verdicts[i] = ContentRules.judge(tuned, valid.authorName(), valid.authorEmail(), valid.authorUrl(), valid.content());
        }
        Set<String> trusted = tuned.trusted().enabled()
                ? comments.trusted(ruled.stream().filter(i -> verdicts[i].reasons().isEmpty())
                        .map(i -> batch.get(i).emailHashes()).toList(), tuned.trusted().minApproved())
                : Set.of();
        for (int i : ruled) {
            PreparedSubmission submission = batch.get(i);
            Optional<? extends RuntimeException> refusal = passage.refusal(submission.sender());
            if (refusal.isEmpty() && said != null && submission.sayings().stream().anyMatch(said::contains)) {
                refusal = Optional.of(new ProblemException(ProblemType.DUPLICATE_COMMENT,
                        "Duplicate comment detected; it looks as though you've already said that!"));
            }
            if (refusal.isPresent()) {
                outcomes[i] = Outcome.refused(refusal.get());
                continue;
            }
            List<String> reasons = new ArrayList<>(verdicts[i].reasons());
            CommentStatus status = CommentStatus.PENDING;
            if (verdicts[i].spam()) {
                status = CommentStatus.SPAM;
            } else if (reasons.isEmpty() && trusted.contains(submission.emailHash())) {
                status = CommentStatus.APPROVED;
                reasons.add("trusted");
            }
            passage.passed(submission.sender());
            if (said != null) {
                said.addAll(submission.sayings());
            }
            outcomes[i] = Outcome.stored(comment(submission, status, reasons, now));
            stored.put(outcomes[i].comment(), reasons);
        }

        comments.insertAll(new ArrayList<>(stored.keySet()));
        passage.stamp();
        // Moderators' consoles hear of them once this commits.
        events.stored(new ArrayList<>(stored.keySet()));
        TreeSet<String> approvedArticles = new TreeSet<>();
        for (var entry : stored.entrySet()) {
            Comment comment = entry.getKey();
            if (!entry.getValue().isEmpty()) {
                // The rules' verdict is on record like a moderator's, with its reasons.
                audit.record(comment.id, RULES, AuditAction.RULES, null, comment.status, String.join(", ", entry.getValue()), null);
            }
            if (comment.status == CommentStatus.APPROVED) {
                approvedArticles.add(comment.articleId);
            }
        }
        // In article order, as every transaction bumps revisions, so two batches never wait on each other in a cycle.
        approvedArticles.forEach(revisions::bump);
        for (int i = 0; i < batch.size(); i++) {
            PreparedSubmission submission = batch.get(i);
            if (submission.idempotencyKey() != null && outcomes[i].comment() != null && stored.containsKey(outcomes[i].comment())) {
                idempotency.remember(submission.idempotencyKey(), outcomes[i].comment().id);
            }
        }
        return List.of(outcomes);
    }

    /** The checks that come before the rules, in the order a single request meets them; empty when it goes on to the rules. */
    private Optional<Outcome> beforeTheRules(PreparedSubmission submission, Instant now) {
        SubmissionValidator.Valid valid = submission.valid();
        Optional<ProblemException> closed = articles.refusal(valid.articleId());
        if (closed.isPresent()) {
            return Optional.of(Outcome.refused(closed.get()));
        }
        if (valid.parentId() != null) {
            Optional<Violation> parent = parents.problem(valid.parentId(), valid.articleId());
            if (parent.isPresent()) {
                return Optional.of(Outcome.refused(new InvalidSubmissionException(List.of(parent.get()))));
            }
        }
        if (submission.honeypotFilled() && rules.honeypot().action() == RulesConfig.HoneypotAction.DROP) {
            // Configured to keep nothing from bots: answer exactly as for a stored comment, store nothing.
            Comment dropped = comment(submission, CommentStatus.PENDING, List.of(), now);
            dropped.id = comments.nextId();
            return Optional.of(Outcome.dropped(dropped));
        }
        if (submission.idempotencyKey() != null) {
            Optional<Long> earlier = idempotency.claim(submission.idempotencyKey(), submission.fingerprint(), now);
            if (earlier.isPresent()) {
                return Optional.of(Outcome.replayed(comments.findById(earlier.get())));
            }
        }
        if (!submission.honeypotFilled()) {
            Optional<ProblemException> blocked = blocklist.refusal(submission.emailHashes(), submission.ipAddress(), now);
            if (blocked.isPresent()) {
                return Optional.of(Outcome.refused(blocked.get()));
            }
        }
        return Optional.empty();
    }

    private static Comment comment(PreparedSubmission submission, CommentStatus status, List<String> reasons, Instant now) {
        SubmissionValidator.Valid valid = submission.valid();
        Comment comment = new Comment();
        comment.articleId = valid.articleId();
        comment.parentId = valid.parentId();
        comment.status = status;
        comment.holdReasons = reasons.isEmpty() || status == CommentStatus.APPROVED ? null : String.join("\n", reasons);
        comment.ipHash = submission.hashes().ip();
        comment.contentHash = submission.hashes().content();
        comment.hashKeyId = submission.hashKeyId();
        comment.authorName = valid.authorName();
        comment.authorUrl = valid.authorUrl();
        comment.content = valid.content();
        comment.emailSealed = submission.emailSealed();
        comment.emailHash = submission.emailHash();
        comment.ipSealed = submission.ipSealed();
        comment.userAgentSealed = submission.userAgentSealed();
        comment.createdAt = now;
        comment.updatedAt = now;
        return comment;
    }
}
