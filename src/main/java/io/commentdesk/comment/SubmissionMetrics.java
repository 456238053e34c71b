package io.commentdesk.comment;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotSupportedException;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.commentdesk.db.DatabaseUnavailable;
import io.commentdesk.web.InvalidInputException;
import io.commentdesk.web.MalformedBodyException;
import io.commentdesk.web.ProblemException;
import io.commentdesk.web.RequestRefused;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.micrometer.core.instrument.Timer;

/**
 * What ops watch of submissions: how each one ended ({@code commentdesk_submissions_total{outcome}}),
 * and how the writers store them (batch sizes, commit times). Every outcome is registered at start,
 * so a dashboard sees a zero rather than a missing series.
 */
// Created at start, so every series is scraped (as zero) before anything happened.
@Startup
@ApplicationScoped
public class SubmissionMetrics {

    /** How a submission ended, as the {@code outcome} label says it. */
    public enum Verdict {
        /** Stored PENDING with no rule's reason. */
        ACCEPTED,
        /** Stored APPROVED at once: a trusted commenter. */
        APPROVED,
        /** Stored PENDING with a rule's reason (hold terms, links). */
        HELD,
        /** Stored SPAM (honeypot, disallowed terms) or dropped by the honeypot. */
        SPAM,
        /** The first answer again, for a repeated Idempotency-Key: nothing stored. */
        REPLAYED,
        /** Refused for what it contained: a field, the body (too large, too slow, no Content-Type), a reused Idempotency-Key. */
        INVALID,
        FLOOD,
        DUPLICATE,
        BLOCKED,
        /** The article takes no comments (closed, or unregistered when registration is required). */
        CLOSED,
        /** The database was out of reach, or the replica was stopping: 503, nothing stored. */
        UNAVAILABLE,
        /** Anything else: a fault of ours (500). */
        FAILED;

        static Verdict of(Comment stored) {
            return switch (stored.status) {
                case SPAM -> SPAM;
                case APPROVED -> APPROVED;
                default -> stored.holdReasons == null ? ACCEPTED : HELD;
            };
        }

        static Verdict of(Throwable refusal) {
            if (refusal instanceof ProblemException problem) {
                return switch (problem.type()) {
                    case TOO_MANY_REQUESTS -> FLOOD;
                    case DUPLICATE_COMMENT -> DUPLICATE;
                    case BLOCKED -> BLOCKED;
                    case COMMENTS_CLOSED, NOT_FOUND -> CLOSED;
                    case INVALID_INPUT, MALFORMED_BODY, IDEMPOTENCY_KEY_REUSED, UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE, REQUEST_TIMEOUT -> INVALID;
                    default -> FAILED;
                };
            }
            if (refusal instanceof InvalidSubmissionException || refusal instanceof InvalidInputException
                    || refusal instanceof MalformedBodyException || refusal instanceof JsonProcessingException
                    || refusal instanceof NotSupportedException) {
                return INVALID;
            }
            return DatabaseUnavailable.is(refusal) ? UNAVAILABLE : FAILED;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where submissions are posted ({@link CommentResource}'s path), JSON and form alike. */
    private static final Pattern SUBMISSIONS = Pattern.compile("/api/v1/articles/[^/]+/comments/?");

    private final Map<Verdict, Counter> outcomes = new EnumMap<>(Verdict.class);
    private final DistributionSummary batchSize;
    private final Timer batchCommit;

    SubmissionMetrics(MeterRegistry registry) {
        for (Verdict verdict : Verdict.values()) {
            outcomes.put(verdict, Counter.builder("commentdesk.submissions").tag("outcome", verdict.label())
                    .description("Submissions by how they ended").register(registry));
        }
        batchSize = DistributionSummary.builder("commentdesk.submission.batch.size").baseUnit("submissions")
                .description("Submissions stored by one writer transaction").register(registry);
        batchCommit = Timer.builder("commentdesk.submission.batch.duration")
                .description("Time of one writer transaction that committed, from begin to commit").register(registry);
    }

    /**
     * A submission refused before {@link CommentResource} saw it (too large, no or an unparsable Content-Type,
     * a body too slow, a replica stopping): counted here, so every submission ends under one outcome.
     */
    void refusedBefore(@Observes RequestRefused refused) {
        if ("POST".equals(refused.method()) && SUBMISSIONS.matcher(refused.path()).matches()) {
            ended(refused.status() == 503 ? Verdict.UNAVAILABLE : refused.status() >= 500 ? Verdict.FAILED : Verdict.INVALID);
        }
    }

    void ended(Verdict verdict) {
        outcomes.get(verdict).increment();
    }

    void ended(Throwable refusal) {
        ended(Verdict.of(refusal));
    }

    void batch(int size, long nanos) {
        batchSize.record(size);
        batchCommit.record(nanos, TimeUnit.NANOSECONDS);
    }
}
