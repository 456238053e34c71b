package io.commentdesk.moderation;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.commentdesk.audit.AuditAction;
import io.commentdesk.notices.Announcer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Moderators' decisions and edits as ops count them ({@code commentdesk_decisions_total{action}}).
 * Counted once their transaction committed: a decision that failed or was rolled back is no decision.
 * A decision that changed nothing (a retry, a double click) is not counted, as it is not audited.
 */
// Created at start, so every series is scraped (as zero) before anything happened.
@Startup
@ApplicationScoped
class DecisionMetrics {

    private final Announcer announcer;
    private final Map<AuditAction, Counter> actions = new EnumMap<>(AuditAction.class);

    DecisionMetrics(Announcer announcer, MeterRegistry registry) {
        this.announcer = announcer;
        for (DecisionAction decision : DecisionAction.values()) {
            register(registry, decision.audit());
        }
        register(registry, AuditAction.EDIT);
    }

    private void register(MeterRegistry registry, AuditAction action) {
        actions.put(action, Counter.builder("commentdesk.decisions").tag("action", action.name().toLowerCase(Locale.ROOT))
                .description("Moderators' decisions and edits that changed a comment, by action").register(registry));
    }

    /** Called inside the transaction that applies {@code action}; counts it if that transaction commits. */
    void applied(AuditAction action) {
        announcer.afterCommit(actions.get(action)::increment);
    }
}
