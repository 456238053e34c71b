package io.commentdesk.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

import io.commentdesk.db.DatabaseUnavailable;

/**
 * Every key id names one key for good. A replica records a check value of each key it starts with
 * (table {@code privacy_key}) and refuses to start when an id it is given already names another key in
 * this database: a new key under an old id would seal values no replica can open, or — worse, because
 * silently — hash rows that lookups then never find.
 */
@ApplicationScoped
public class KeyChecks {

    static final String ENCRYPTION = "ENCRYPTION";
    static final String HASH = "HASH";

    private static final Logger LOG = Logger.getLogger(KeyChecks.class);

    void check(@Observes StartupEvent event, PrivacyKeys keys, AgroalDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<String, Map<String, SecretKey>> kind : keys.byKind().entrySet()) {
                for (Map.Entry<String, SecretKey> key : kind.getValue().entrySet()) {
                    check(c, kind.getKey(), key.getKey(), checkValue(key.getValue()));
                }
            }
        } catch (SQLException e) {
            if (!DatabaseUnavailable.is(e)) {
                throw e;
            }
            // Only where nothing is stored either: a real start has just migrated the database (Flyway), and the
            // class-data training run (docker/write-app-cds.sh) has none.
            LOG.warn("Key ids not checked against the database: it is out of reach");
        }
    }

    private static void check(Connection c, String kind, String id, String value) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO privacy_key (kind, key_id, check_value, first_seen) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, kind);
            insert.setString(2, id);
            insert.setString(3, value);
            insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
        try (PreparedStatement read = c.prepareStatement("SELECT check_value FROM privacy_key WHERE kind = ? AND key_id = ?")) {
            read.setString(1, kind);
            read.setString(2, id);
            try (ResultSet row = read.executeQuery()) {
                if (row.next() && !row.getString(1).trim().equals(value)) {
                    String variables = kind.equals(HASH) ? "COMMENTS_EMAIL_HASH_KEY_ID or COMMENTS_EMAIL_RETIRED_HASH_KEYS"
                            : "COMMENTS_EMAIL_KEY_ID or COMMENTS_EMAIL_RETIRED_KEYS";
                    throw new IllegalStateException("The " + kind.toLowerCase(Locale.ROOT) + " key id " + id + " (" + variables
                            + ") names another key in this database: give a new key a new id (see the README, key rotation).");
                }
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** An HMAC of a fixed text under the key: equal for equal keys, and no help in finding the key. */
    static String checkValue(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal("commentdesk/key-check".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
