package io.commentdesk.rules;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.postgresql.PGConnection;

import io.commentdesk.db.CustomPlans;
import io.commentdesk.db.InList;
import io.commentdesk.web.TooManyRequestsException;

/**
 * The flood and rate rules, on state shared by every replica: each sender key (IP hash, email
 * hash) has a row that a submission locks while it is checked and stored, so two replicas cannot
 * both let the same sender through one window. A whole batch of submissions is gated at once:
 * the same few statements for one submission or for fifty.
 */
@ApplicationScoped
public class SenderGates {

    /**
     * Who sends a submission, as the gates know them: their IP's hashes (none when the address is not known)
     * and their address's, one under each hash key lookups accept (one, unless a hash key is rotated, when a
     * sender's gates and recent comments may be under either).
     */
    public record Sender(List<String> ipHashes, List<String> emailHashes) {

        List<String> keys() {
            if (ipHashes.isEmpty()) {
                return emailHashes;
            }
            List<String> keys = new ArrayList<>(ipHashes);
            keys.addAll(emailHashes);
            return keys;
        }
    }

    private final EntityManager em;
    private final RulesConfig config;
    private final SettingsService settings;

    SenderGates(EntityManager em, RulesConfig config, SettingsService settings) {
        this.em = em;
        this.config = config;
        this.settings = settings;
    }

    /**
     * Locks the gate rows of these senders (creating them first) and reads their recent comments, for
     * a transaction that will judge them one by one with {@link Passage#refusal} and {@link Passage#passed}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Passage open(Collection<Sender> senders, Instant now) {
        RulesConfig.Flood flood = config.flood();
        RulesConfig.RateLimit rate = config.rateLimit();
        RuleSettings.Limits limits = settings.current().limits();
        Passage passage = new Passage(now, flood.enabled() ? Duration.ofSeconds(limits.floodIntervalSeconds()) : null,
                rate.enabled() ? Duration.ofSeconds(limits.rateLimitWindowSeconds()) : null, limits.rateLimitMax());
        if (senders.isEmpty() || (!flood.enabled() && !rate.enabled())) {
            return passage;
        }
        // Sorted, so two transactions create and lock shared rows in the same order and never wait on each other in a cycle.
        TreeSet<String> keys = new TreeSet<>();
        TreeSet<String> ips = new TreeSet<>();
        for (Sender sender : senders) {
            keys.addAll(sender.keys());
            ips.addAll(sender.ipHashes());
        }
        // Plain JDBC on the transaction's connection: for these few small statements, Hibernate's query machinery
        // cost more CPU than the database did.
        em.unwrap(Session.class).doWork(connection -> {
            passage.created.addAll(create(connection, keys, now));
            // A row this transaction created is locked already and had no last comment; the others are locked here.
            TreeSet<String> existing = new TreeSet<>(keys);
            existing.removeAll(passage.created);
            if (!existing.isEmpty()) {
                List<String> padded = InList.padded(existing);
                try (PreparedStatement lock = CustomPlans.always(connection.prepareStatement(
                        "SELECT sender_key, last_at FROM sender_gate WHERE sender_key IN (" + InList.marks(padded.size())
                                + ") ORDER BY sender_key FOR UPDATE"))) {
                    InList.bind(lock, padded, 1);
                    try (ResultSet rows = lock.executeQuery()) {
                        while (rows.next()) {
                            OffsetDateTime last = rows.getObject(2, OffsetDateTime.class);
                            if (last != null) {
                                passage.lastAt.put(rows.getString(1).trim(), last.toInstant());
                            }
                        }
                    }
                }
            }
            if (rate.enabled() && !ips.isEmpty()) {
                List<String> addresses = InList.padded(ips);
                try (PreparedStatement counts = CustomPlans.always(connection.prepareStatement(
                        "SELECT ip_hash, count(*), min(created_at) FROM comment WHERE ip_hash IN ("
                                + InList.marks(addresses.size()) + ") AND created_at > ? GROUP BY ip_hash"))) {
                    int next = InList.bind(counts, addresses, 1);
                    counts.setObject(next, now.minus(passage.window).atOffset(ZoneOffset.UTC));
                    try (ResultSet rows = counts.executeQuery()) {
                        while (rows.next()) {
                            passage.recent.put(rows.getString(1).trim(),
                                    new Recent(rows.getLong(2), rows.getObject(3, OffsetDateTime.class).toInstant()));
                        }
                    }
                }
            }
        });
        passage.gated = true;
        return passage;
    }

    /**
     * Creates the rows of these keys that do not exist yet; returns the keys it created, when the
     * database can tell. On PostgreSQL a new row is written stamped {@code now}, as most senders are new and
     * pass: their submission then costs one statement here, not three ({@link Passage#stamp} unstamps those
     * that did not pass). Elsewhere (H2 has no {@code RETURNING}) rows are created blank, and locked and
     * stamped like the others.
     */
    private static Set<String> create(Connection connection, TreeSet<String> keys, Instant now) throws SQLException {
        // Sorted, and not padded: a key twice in one INSERT is not for every database to take.
        List<String> ordered = List.copyOf(keys);
        boolean tells = connection.isWrapperFor(PGConnection.class);
        String values = String.join(", ", Collections.nCopies(ordered.size(), tells ? "(?, ?)" : "(?, NULL)"));
        try (PreparedStatement create = connection.prepareStatement("INSERT INTO sender_gate (sender_key, last_at) VALUES "
                + values + " ON CONFLICT DO NOTHING" + (tells ? " RETURNING sender_key" : ""))) {
            if (!tells) {
                InList.bind(create, ordered, 1);
                create.executeUpdate();
                return Set.of();
            }
            OffsetDateTime stamp = now.atOffset(ZoneOffset.UTC);
            int index = 1;
            for (String key : ordered) {
                create.setString(index++, key);
                create.setObject(index++, stamp);
            }
            Set<String> created = new HashSet<>();
            try (ResultSet rows = create.executeQuery()) {
                while (rows.next()) {
                    created.add(rows.getString(1).trim());
                }
            }
            return created;
        }
    }

    /** Sets {@code last_at} of these rows. */
    private static void setLastAt(Connection connection, Set<String> keys, OffsetDateTime lastAt) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        List<String> padded = InList.padded(keys);
        try (PreparedStatement stamp = CustomPlans.always(connection.prepareStatement(
                "UPDATE sender_gate SET last_at = ? WHERE sender_key IN (" + InList.marks(padded.size()) + ")"))) {
            stamp.setObject(1, lastAt, Types.TIMESTAMP_WITH_TIMEZONE);
            InList.bind(stamp, padded, 2);
            stamp.executeUpdate();
        }
    }

    private record Recent(long count, Instant oldest) {
    }

    /**
     * The gates for one transaction. Senders are judged in order: one that passed counts for the
     * next ones, so two comments of one sender in one batch meet the flood rule as two requests would.
     */
    public final class Passage {

        private final Instant now;
        private final Duration interval;
        private final Duration window;
        private final int max;
        private final Map<String, Instant> lastAt = new HashMap<>();
        private final Map<String, Recent> recent = new HashMap<>();
        private final TreeSet<String> stamps = new TreeSet<>();
        /** Rows this transaction created already stamped {@code now}. */
        private final Set<String> created = new HashSet<>();
        private boolean gated;

        private Passage(Instant now, Duration interval, Duration window, int max) {
            this.now = now;
            this.interval = interval;
            this.window = window;
            this.max = max;
        }

        /** Why this sender may not post now, if so: a 429 with the wait. */
        public Optional<TooManyRequestsException> refusal(Sender sender) {
            if (!gated) {
                return Optional.empty();
            }
            if (interval != null) {
                Instant last = null;
                for (String key : sender.keys()) {
                    Instant at = lastAt.get(key);
                    if (at != null && (last == null || at.isAfter(last))) {
                        last = at;
                    }
                }
                Optional<Duration> wait = FloodCheck.floodWait(last, now, interval);
                if (wait.isPresent()) {
                    return Optional.of(new TooManyRequestsException("You are posting comments too quickly. Slow down.",
                            FloodCheck.retryAfterSeconds(wait.get())));
                }
            }
            if (window != null && !sender.ipHashes().isEmpty()) {
                Recent seen = recent(sender);
                Optional<Duration> wait = seen == null ? Optional.empty()
                        : FloodCheck.rateWait(seen.count(), seen.oldest(), now, max, window);
                if (wait.isPresent()) {
                    return Optional.of(new TooManyRequestsException(
                            "Too many comments from your network in a short time. Try again later.",
                            FloodCheck.retryAfterSeconds(wait.get())));
                }
            }
            return Optional.empty();
        }

        /** This sender's comment is being stored now. */
        public void passed(Sender sender) {
            if (!gated) {
                return;
            }
            for (String key : sender.keys()) {
                lastAt.put(key, now);
                stamps.add(key);
            }
            if (!sender.ipHashes().isEmpty()) {
                String ip = sender.ipHashes().get(0);
                Recent seen = recent.get(ip);
                recent.put(ip, seen == null ? new Recent(1, now)
                        : new Recent(seen.count() + 1, seen.oldest().isBefore(now) ? seen.oldest() : now));
            }
        }

        /** The sender's network's recent comments, under whichever hash key each was stored with. */
        private Recent recent(Sender sender) {
            Recent all = null;
            for (String ip : sender.ipHashes()) {
                Recent seen = recent.get(ip);
                if (seen != null) {
                    all = all == null ? seen : new Recent(all.count() + seen.count(),
                            seen.oldest().isBefore(all.oldest()) ? seen.oldest() : all.oldest());
                }
            }
            return all;
        }

        /** Stamps the senders that passed, and unstamps the new ones that did not; in the transaction that stores their comments. */
        public void stamp() {
            TreeSet<String> passedExisting = new TreeSet<>(stamps);
            passedExisting.removeAll(created);
            TreeSet<String> refusedCreated = new TreeSet<>(created);
            refusedCreated.removeAll(stamps);
            if (passedExisting.isEmpty() && refusedCreated.isEmpty()) {
                return;
            }
            em.unwrap(Session.class).doWork(connection -> {
                setLastAt(connection, passedExisting, now.atOffset(ZoneOffset.UTC));
                setLastAt(connection, refusedCreated, null);
            });
        }
    }
}
