package io.commentdesk.personaldata;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One run of the retention job as an admin sees it: when, where, how much it removed, under which settings. */
@Schema(name = "RetentionRun")
public record RetentionRun(
        @Schema(description = "When the last run began; null until the job has run once.", example = "2026-12-05T07:00:00Z")
        Instant startedAt,
        @Schema(description = "When it ended.", example = "2026-12-05T07:00:01.250Z") Instant finishedAt,
        @Schema(description = "The replica (host name) that did the work.", example = "comment-desk-7d9f-2") String replica,
        @Schema(description = "What it removed; null until the job has run once.") Counts counts,
        @Schema(description = "The retention periods it applied (ISO-8601 durations); before the first run, the configured ones.")
        Settings settings) {

    /** How many rows each part of the run changed. */
    @Schema(name = "RetentionCounts")
    public record Counts(
            @Schema(description = "Comments whose IP address and user agent were removed.", example = "120") long ip,
            @Schema(description = "REJECTED and SPAM comments deleted.", example = "35") long decided,
            @Schema(description = "Sender gates (flood and rate state) pruned.", example = "410") long gates,
            @Schema(description = "Idempotency-Key records pruned.", example = "12") long idempotency) {

        Counts plus(Counts other) {
            return new Counts(ip + other.ip, decided + other.decided, gates + other.gates, idempotency + other.idempotency);
        }
    }

    /** The periods a run applied. */
    @Schema(name = "RetentionSettings")
    public record Settings(
            @Schema(description = "COMMENTS_PRIVACY_IP_RETENTION", example = "PT720H") String ipRetention,
            @Schema(description = "COMMENTS_PRIVACY_DECIDED_RETENTION", example = "PT720H") String decidedRetention) {
    }
}
