package io.commentdesk.personaldata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

import io.commentdesk.db.InList;
import io.commentdesk.db.OneReplica;
import io.commentdesk.privacy.FieldCipher;
import io.commentdesk.privacy.FieldCipher.Purpose;
import io.commentdesk.privacy.LookupHasher;
import io.commentdesk.privacy.PrivacyKeys;

/**
 * Brings every comment to the current keys after a rotation: values sealed with an older encryption key
 * are sealed again with the current one, and hashes made with an older hash key are made again from the
 * decrypted address, IP and text. Every replica schedules it; one runs it at a time ({@link OneReplica}).
 * It walks the table by id, finding the rows to change with one read that locks nothing, and changes them
 * in batches of {@code comments.privacy.rekey-batch}, each its own short transaction taking its rows with
 * {@code SKIP LOCKED}: a row a moderator holds is left for the next run, and nobody waits for the job.
 * Neither the comment's version nor its revision moves: readers and moderators see nothing change.
 */
// Created at start, so its counters are scraped (as zero) before its first run.
@Startup
@ApplicationScoped
public class KeyRotationJob {

    /** The advisory lock's key: "CmDkReky" as a number. */
    static final long LOCK_KEY = 0x436d446b52656b79L;

    private static final Logger LOG = Logger.getLogger(KeyRotationJob.class);

    /** What one run changed: comments sealed again with the current key, comments hashed again, comments left for the next run. */
    @Schema(name = "KeyRotationRun")
    public record Run(
            @Schema(description = "Comments whose email, IP or user agent were sealed again with the current key.") long resealed,
            @Schema(description = "Comments whose hashes were made again with the current hash key.") long rehashed,
            @Schema(description = "Comments left for the next run: held by a moderator meanwhile, or sealed with a key this "
                    + "replica was not given.") long left) {
    }

    private final AgroalDataSource dataSource;
    private final OneReplica oneReplica;
    private final FieldCipher cipher;
    private final LookupHasher hasher;
    private final PrivacyKeys keys;
    private final KeyRotationConfig config;
    private final boolean postgres;
    private final Counter resealed;
    private final Counter rehashed;
    private volatile boolean stopping;

    KeyRotationJob(AgroalDataSource dataSource, OneReplica oneReplica, FieldCipher cipher, LookupHasher hasher, PrivacyKeys keys,
            KeyRotationConfig config, MeterRegistry registry, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.dataSource = dataSource;
        this.oneReplica = oneReplica;
        this.cipher = cipher;
        this.hasher = hasher;
        this.keys = keys;
        this.config = config;
        this.postgres = dbKind.startsWith("postgres");
        this.resealed = rows(registry, "resealed");
        this.rehashed = rows(registry, "rehashed");
    }

    private static Counter rows(MeterRegistry registry, String work) {
        return Counter.builder("commentdesk.key.rotation.rows").tag("work", work)
                .description("Comments the key rotation job changed: resealed (values encrypted again with the current key), "
                        + "rehashed (hashes made again with the current hash key)")
                .register(registry);
    }

    @Scheduled(identity = "privacy-key-rotation", every = "${comments.privacy.rekey-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warnf("Key rotation run failed (%s%s); the next run goes on", e.getClass().getSimpleName(), OneReplica.sqlState(e));
        }
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Runs the job once if no other replica is running it; empty when one is. */
    public Optional<Run> run() {
        return oneReplica.run(LOCK_KEY, this::work);
    }

    private Run work() {
        long began = System.nanoTime();
        Run total = new Run(0, 0, 0);
        long after = Long.MIN_VALUE;
        try (Connection c = dataSource.getConnection()) {
            while (!stopping) {
                List<Long> ids = behind(c, after);
                if (ids.isEmpty()) {
                    break;
                }
                after = ids.get(ids.size() - 1);
                Run batch = rekey(c, ids);
                total = new Run(total.resealed() + batch.resealed(), total.rehashed() + batch.rehashed(),
                        total.left() + batch.left());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Key rotation stopped", e);
        }
        if (total.resealed() + total.rehashed() + total.left() > 0) {
            LOG.infof("Key rotation run: %d comments re-encrypted with key %s, %d re-hashed with key %s, %d left for the next run,"
                    + " in %d ms", total.resealed(), keys.currentKeyId(), total.rehashed(), hasher.keyId(), total.left(),
                    (System.nanoTime() - began) / 1_000_000);
        }
        return total;
    }

    /** The next ids after {@code after} with a value sealed or hashed with another key than the current: a read, no lock. */
    private List<Long> behind(Connection c, long after) throws SQLException {
        String keyId = keys.currentKeyId();
        String prefix = keyId + ":";
        List<Long> ids = new ArrayList<>();
        c.setAutoCommit(true);
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM comment WHERE id > ? AND (hash_key_id <> ? "
                + "OR LEFT(email_sealed, " + prefix.length() + ") <> ? OR LEFT(ip_sealed, " + prefix.length() + ") <> ? "
                + "OR LEFT(user_agent_sealed, " + prefix.length() + ") <> ?) ORDER BY id LIMIT " + config.rekeyBatch())) {
            st.setLong(1, after);
            st.setString(2, hasher.keyId());
            st.setString(3, prefix);
            st.setString(4, prefix);
            st.setString(5, prefix);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** One short transaction: the rows still behind, locked unless someone holds them, brought to the current keys. */
    private Run rekey(Connection c, List<Long> ids) throws SQLException {
        c.setAutoCommit(false);
        long sealedAgain = 0;
        long hashedAgain = 0;
        long locked = 0;
        long unreadable = 0;
        try {
            List<Long> padded = InList.padded(ids);
            try (PreparedStatement select = c.prepareStatement("SELECT id, email_sealed, ip_sealed, user_agent_sealed, content, "
                    + "email_hash, ip_hash, content_hash, hash_key_id FROM comment WHERE id IN (" + InList.marks(padded.size())
                    + ") ORDER BY id FOR UPDATE" + (postgres ? " SKIP LOCKED" : ""));
                    PreparedStatement update = c.prepareStatement("UPDATE comment SET email_sealed = ?, ip_sealed = ?, "
                            + "user_agent_sealed = ?, email_hash = ?, ip_hash = ?, content_hash = ?, hash_key_id = ? WHERE id = ?")) {
                for (int i = 0; i < padded.size(); i++) {
                    select.setLong(i + 1, padded.get(i));
                }
                int seen = 0;
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        seen++;
                        Row row = new Row(rs);
                        boolean resealing;
                        boolean rehashing = !hasher.keyId().equals(row.hashKeyId);
                        try {
                            resealing = row.resealed(cipher, keys.currentKeyId());
                            if (rehashing) {
                                row.rehash(cipher, hasher);
                            }
                        } catch (IllegalStateException e) {
                            // Sealed with a key this replica was not given (dropped too early?): left as it is, counted.
                            unreadable++;
                            continue;
                        }
                        if (!resealing && !rehashing) {
                            continue; // brought up to date since it was found (a replica on the new keys, an erasure)
                        }
                        row.bind(update);
                        update.addBatch();
                        sealedAgain += resealing ? 1 : 0;
                        hashedAgain += rehashing ? 1 : 0;
                    }
                }
                locked = ids.size() - seen;
                update.executeBatch();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        resealed.increment(sealedAgain);
        rehashed.increment(hashedAgain);
        return new Run(sealedAgain, hashedAgain, locked + unreadable);
    }

    /** One comment's keyed columns, as read and as they will be written. */
    private static final class Row {

        final long id;
        String emailSealed;
        String ipSealed;
        String userAgentSealed;
        final String content;
        String emailHash;
        String ipHash;
        String contentHash;
        String hashKeyId;

        Row(ResultSet rs) throws SQLException {
            id = rs.getLong(1);
            emailSealed = rs.getString(2);
            ipSealed = rs.getString(3);
            userAgentSealed = rs.getString(4);
            content = rs.getString(5);
            emailHash = rs.getString(6);
            ipHash = rs.getString(7);
            contentHash = rs.getString(8);
            hashKeyId = rs.getString(9).trim();
        }

        /** Seals again, with the current key, each value sealed with another; whether any was. */
        boolean resealed(FieldCipher cipher, String keyId) {
            String before = emailSealed + ipSealed + userAgentSealed;
            emailSealed = reseal(cipher, Purpose.EMAIL, emailSealed, keyId);
            ipSealed = reseal(cipher, Purpose.IP_ADDRESS, ipSealed, keyId);
            userAgentSealed = reseal(cipher, Purpose.USER_AGENT, userAgentSealed, keyId);
            return !before.equals(emailSealed + ipSealed + userAgentSealed);
        }

        private static String reseal(FieldCipher cipher, Purpose purpose, String sealed, String keyId) {
            if (sealed == null || sealed.startsWith(keyId + ":")) {
                return sealed;
            }
            return cipher.seal(purpose, cipher.open(purpose, sealed));
        }

        /**
         * Makes each hash the row has again with the current hash key, from what it hashes. A hash the row
         * no longer has (erased, or the IP removed by retention) stays absent. The text's hash is made from
         * the text as it is now, which is the submitted text unless a moderator edited it.
         */
        void rehash(FieldCipher cipher, LookupHasher hasher) {
            emailHash = emailHash == null || emailSealed == null ? null : hasher.emailHash(cipher.open(Purpose.EMAIL, emailSealed));
            ipHash = ipHash == null || ipSealed == null ? null : hasher.ipHash(cipher.open(Purpose.IP_ADDRESS, ipSealed));
            contentHash = contentHash == null ? null : hasher.keyed("content", content);
            hashKeyId = hasher.keyId();
        }

        void bind(PreparedStatement update) throws SQLException {
            update.setString(1, emailSealed);
            update.setString(2, ipSealed);
            update.setString(3, userAgentSealed);
            update.setString(4, emailHash);
            update.setString(5, ipHash);
            update.setString(6, contentHash);
            update.setString(7, hashKeyId);
            update.setLong(8, id);
        }
    }
}
