package io.commentdesk.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.commentdesk.web.ProblemException;
import io.commentdesk.web.ProblemType;

/**
 * The admin-editable settings, stored in one database row. Each replica keeps a copy for at most
 * {@link #REFRESH}, so a change takes effect on every replica within that time.
 */
@ApplicationScoped
public class SettingsService {

    /** How stale a replica's copy may be. */
    public static final Duration REFRESH = Duration.ofSeconds(3);

    /** The settings and their version (the ETag). */
    public record Versioned(RuleSettings settings, long version) {
    }

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile Versioned cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    private final RulesConfig config;

    SettingsService(EntityManager em, ObjectMapper json, Clock clock, RulesConfig config) {
        this.config = config;
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    /** The settings as this replica knows them, at most {@link #REFRESH} old. */
    public RuleSettings current() {
        Instant now = clock.instant();
        Versioned copy = cached;
        if (copy == null || cachedAt.plus(REFRESH).isBefore(now)) {
            copy = read();
            cached = copy;
            cachedAt = now;
        }
        return copy.settings();
    }

    @Transactional
    public Versioned read() {
        Object[] row = (Object[]) em.createNativeQuery("SELECT body, version FROM rule_settings WHERE id = 1").getSingleResult();
        return new Versioned(parse((String) row[0]), ((Number) row[1]).longValue());
    }

    /**
     * @throws ProblemException 412 when the settings changed since {@code expectedVersion}
     */
    @Transactional
    public Versioned replace(RuleSettings settings, Long expectedVersion, String admin) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT body, version FROM rule_settings WHERE id = 1 FOR UPDATE")
                .getSingleResult();
        long version = ((Number) row[1]).longValue();
        if (expectedVersion != null && expectedVersion != version) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The settings changed since version " + expectedVersion + " (they are at " + version + "); reload them.");
        }
        RuleSettings clean = new RuleSettings(trimmed(settings.disallowedTerms()), trimmed(settings.holdTerms()),
                settings.maxLinks(), settings.trusted(), settings.limits() == null ? configuredLimits() : settings.limits());
        try {
            em.createNativeQuery("UPDATE rule_settings SET body = ?1, version = version + 1, updated_at = ?2, updated_by = ?3 WHERE id = 1")
                    .setParameter(1, json.writeValueAsString(clean))
                    .setParameter(2, clock.instant().truncatedTo(ChronoUnit.MICROS)).setParameter(3, admin).executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        cached = null;
        return new Versioned(clean, version + 1);
    }

    private RuleSettings.Limits configuredLimits() {
        return new RuleSettings.Limits((int) config.flood().interval().toSeconds(), config.rateLimit().max(),
                (int) config.rateLimit().window().toSeconds());
    }

    private static List<String> trimmed(List<String> terms) {
        return terms.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
    }

    private RuleSettings parse(String body) {
        try {
            RuleSettings stored = json.readValue(body, RuleSettings.class);
            RuleSettings defaults = RuleSettings.defaults(configuredLimits());
            return new RuleSettings(
                    stored.disallowedTerms() == null ? defaults.disallowedTerms() : stored.disallowedTerms(),
                    stored.holdTerms() == null ? defaults.holdTerms() : stored.holdTerms(),
                    stored.maxLinks() == null ? defaults.maxLinks() : stored.maxLinks(),
                    stored.trusted() == null ? defaults.trusted() : stored.trusted(),
                    stored.limits() == null ? defaults.limits() : stored.limits());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored rule settings cannot be read", e);
        }
    }
}
