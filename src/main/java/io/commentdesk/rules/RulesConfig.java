package io.commentdesk.rules;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The anti-abuse rules a submission meets, each with its switch and numbers. */
@ConfigMapping(prefix = "comments.rules")
public interface RulesConfig {

    Honeypot honeypot();

    Flood flood();

    RateLimit rateLimit();

    Duplicates duplicates();

    Idempotency idempotency();

    /** A hidden form field people leave empty; bots fill it. */
    interface Honeypot {
        /** {@code COMMENTS_RULES_HONEYPOT_ENABLED} */
        @WithDefault("true")
        boolean enabled();

        /** {@code COMMENTS_RULES_HONEYPOT_FIELD}: the field's name in the form and in JSON. */
        @WithDefault("website2")
        String field();

        /** {@code COMMENTS_RULES_HONEYPOT_ACTION}: store the comment as SPAM (default), or drop it unstored. */
        @WithDefault("spam")
        HoneypotAction action();
    }

    /** What happens to a comment whose honeypot is filled; either way the sender is told it is pending. */
    enum HoneypotAction { SPAM, DROP }

    /** One comment per sender (IP or email) per interval, as WordPress's comment flood check. */
    interface Flood {
        /** {@code COMMENTS_RULES_FLOOD_ENABLED} */
        @WithDefault("true")
        boolean enabled();

        /** {@code COMMENTS_RULES_FLOOD_INTERVAL}: the default until an admin sets one in the rule settings. */
        @WithDefault("15s")
        Duration interval();
    }

    /** At most {@code max} comments per IP per window. */
    interface RateLimit {
        /** {@code COMMENTS_RULES_RATE_LIMIT_ENABLED} */
        @WithDefault("true")
        boolean enabled();

        /** {@code COMMENTS_RULES_RATE_LIMIT_MAX}: the default until an admin sets one in the rule settings. */
        @WithDefault("20")
        int max();

        /** {@code COMMENTS_RULES_RATE_LIMIT_WINDOW}: the default until an admin sets one in the rule settings. */
        @WithDefault("10m")
        Duration window();
    }

    /** The same comment twice from the same person, in the same place. */
    interface Duplicates {
        /** {@code COMMENTS_RULES_DUPLICATES_ENABLED} */
        @WithDefault("true")
        boolean enabled();
    }

    /** Replays of a client's Idempotency-Key. */
    interface Idempotency {
        /** {@code COMMENTS_RULES_IDEMPOTENCY_TTL} */
        @WithDefault("24h")
        Duration ttl();
    }
}
