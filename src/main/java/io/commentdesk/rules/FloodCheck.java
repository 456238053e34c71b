package io.commentdesk.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The time rules, as pure functions: a new comment may follow the sender's last one only once the
 * interval has passed (exactly at the interval is allowed), and the rate limit allows {@code max}
 * comments per window.
 */
public final class FloodCheck {

    private FloodCheck() {
    }

    /** How long the sender must still wait, if at all. */
    public static Optional<Duration> floodWait(Instant last, Instant now, Duration interval) {
        if (last == null) {
            return Optional.empty();
        }
        Duration elapsed = Duration.between(last, now);
        return elapsed.compareTo(interval) >= 0 ? Optional.empty() : Optional.of(interval.minus(elapsed));
    }

    /**
     * @param inWindow how many comments the sender made in the window ending now
     * @param oldestInWindow the oldest of them
     * @return how long until one more is allowed, if it is not now
     */
    public static Optional<Duration> rateWait(long inWindow, Instant oldestInWindow, Instant now, int max, Duration window) {
        if (inWindow < max) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, oldestInWindow.plus(window));
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }

    /** Whole seconds for Retry-After, never 0 for a refusal. */
    public static long retryAfterSeconds(Duration wait) {
        long seconds = (wait.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }
}
