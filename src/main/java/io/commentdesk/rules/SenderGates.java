package io.commentdesk.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.commentdesk.web.TooManyRequestsException;

/**
 * The flood and rate rules, on state shared by every replica: each sender key (IP hash, email
 * hash) has a row that a submission locks while it is checked and stored, so two replicas cannot
 * both let the same sender through one window.
 */
@ApplicationScoped
public class SenderGates {

    private final EntityManager em;
    private final RulesConfig config;
    private final SettingsService settings;

    SenderGates(EntityManager em, RulesConfig config, SettingsService settings) {
        this.em = em;
        this.config = config;
        this.settings = settings;
    }

    /**
     * @throws TooManyRequestsException with the wait, when the sender posted within the flood
     *         interval or is over the rate limit
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void pass(String ipHash, String emailHash, Instant now) {
        RulesConfig.Flood flood = config.flood();
        RulesConfig.RateLimit rate = config.rateLimit();
        if (!flood.enabled() && !rate.enabled()) {
            return;
        }
        TreeSet<String> keys = new TreeSet<>();
        if (ipHash != null) {
            keys.add(ipHash);
        }
        keys.add(emailHash);
        RuleSettings.Limits limits = settings.current().limits();
        Duration interval = Duration.ofSeconds(limits.floodIntervalSeconds());
        Duration window = Duration.ofSeconds(limits.rateLimitWindowSeconds());
        // Three round trips for both keys: create the rows once, lock them (in key order, so two submissions never
        // wait on each other in a cycle), and below, stamp them.
        String marks = keys.size() == 1 ? "?1" : "?1, ?2";
        var create = em.createNativeQuery("INSERT INTO sender_gate (sender_key, last_at) VALUES "
                + (keys.size() == 1 ? "(?1, NULL)" : "(?1, NULL), (?2, NULL)") + " ON CONFLICT DO NOTHING");
        var lock = em.createNativeQuery("SELECT last_at FROM sender_gate WHERE sender_key IN (" + marks + ") "
                + "ORDER BY sender_key FOR UPDATE", Instant.class);
        var stamp = em.createNativeQuery("UPDATE sender_gate SET last_at = ?" + (keys.size() + 1) + " WHERE sender_key IN ("
                + marks + ")");
        int position = 1;
        for (String key : keys) {
            create.setParameter(position, key);
            lock.setParameter(position, key);
            stamp.setParameter(position, key);
            position++;
        }
        create.executeUpdate();
        Instant last = null;
        for (Object at : lock.getResultList()) {
            if (at != null && (last == null || ((Instant) at).isAfter(last))) {
                last = (Instant) at;
            }
        }
        if (flood.enabled()) {
            Optional<Duration> wait = FloodCheck.floodWait(last, now, interval);
            if (wait.isPresent()) {
                throw new TooManyRequestsException("You are posting comments too quickly. Slow down.",
                        FloodCheck.retryAfterSeconds(wait.get()));
            }
        }
        if (rate.enabled() && ipHash != null) {
            Instant since = now.minus(window);
            List<?> row = em.createNativeQuery("SELECT count(*), min(created_at) FROM comment WHERE ip_hash = ?1 AND created_at > ?2")
                    .setParameter(1, ipHash).setParameter(2, since).getResultList();
            Object[] stats = (Object[]) row.get(0);
            long count = ((Number) stats[0]).longValue();
            Instant oldest = toInstant(stats[1]);
            Optional<Duration> wait = count == 0 ? Optional.empty()
                    : FloodCheck.rateWait(count, oldest, now, limits.rateLimitMax(), window);
            if (wait.isPresent()) {
                throw new TooManyRequestsException("Too many comments from your network in a short time. Try again later.",
                        FloodCheck.retryAfterSeconds(wait.get()));
            }
        }
        stamp.setParameter(keys.size() + 1, now).executeUpdate();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return null;
    }
}
