package io.commentdesk.personaldata;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.commentdesk.audit.AuditAction;
import io.commentdesk.audit.AuditLog;
import io.commentdesk.db.InList;
import io.commentdesk.identity.Moderator;
import io.commentdesk.privacy.FieldCipher;
import io.commentdesk.privacy.FieldCipher.Purpose;
import io.commentdesk.privacy.LookupHasher;
import io.commentdesk.rules.RuleSettings;
import io.commentdesk.rules.SettingsService;

/**
 * Everything kept about one address, as a JSON document streamed to the admin: its comments in any
 * status, their personal fields opened, their history from the audit, and the address's standing with
 * the rules (blocklist, trusted commenters). Comments are found by the address's keyed hash only (no
 * scan, nobody else's data opened) and read in keyset pages of {@link #PAGE}, each written out before
 * the next is read, so an address with 100,000 comments exports in the memory of one page.
 */
@ApplicationScoped
public class PersonalDataExport {

    static final int PAGE = 500;
    /** What the document says it is, so a later change of shape can be told apart. */
    static final String FORMAT = "commentdesk-personal-data/1";
    private static final Logger LOG = Logger.getLogger(PersonalDataExport.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final AgroalDataSource dataSource;
    private final FieldCipher cipher;
    private final LookupHasher hasher;
    private final AuditLog audit;
    private final EntityManager em;
    private final SettingsService settings;

    PersonalDataExport(AgroalDataSource dataSource, FieldCipher cipher, LookupHasher hasher, AuditLog audit, EntityManager em,
            SettingsService settings) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.hasher = hasher;
        this.audit = audit;
        this.em = em;
        this.settings = settings;
    }

    /**
     * Records the export in the audit (the address's hash, how many comments), then returns the writer of
     * the document, which runs as the answer is sent.
     */
    @Transactional
    public StreamingOutput open(String email, Moderator admin) {
        // Under every hash key lookups accept: while a hash key is rotated, a comment is hashed with either.
        List<String> hashes = hasher.emailHashes(email);
        long count = ((Number) em.createNativeQuery("SELECT count(*) FROM comment WHERE email_hash IN (:hashes)")
                .setParameter("hashes", hashes).getSingleResult()).longValue();
        audit.recordAboutAddress(hashes.get(0), admin, AuditAction.EXPORT, "comments=" + count);
        LOG.infof("Personal data export by %s: %d comments", admin.name(), count);
        Instant at = audit.now();
        RuleSettings.Trusted trusted = settings.current().trusted();
        return out -> write(out, email, hashes, at, trusted);
    }

    private void write(OutputStream out, String email, List<String> hashes, Instant at, RuleSettings.Trusted trusted)
            throws IOException {
        try (Connection c = dataSource.getConnection(); JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            // One read-only snapshot: every page, the counts and the blocklist agree with each other.
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                json.writeStartObject();
                json.writeStringField("format", FORMAT);
                json.writeStringField("exportedAt", at.toString());
                json.writeStringField("email", email);
                writeRules(c, json, hashes, at, trusted);
                json.writeArrayFieldStart("comments");
                long written = 0;
                for (String hash : hashes) {
                    // One key's comments after the other: in the snapshot, each comment is hashed with exactly one.
                    written += writeComments(c, json, hash);
                }
                json.writeEndArray();
                json.writeNumberField("commentCount", written);
                json.writeEndObject();
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            // The answer has begun: all that can be done is to cut it short, so the document is visibly incomplete.
            throw new UncheckedIOException(new IOException("Export failed while reading the database", e));
        }
    }

    private void writeRules(Connection c, JsonGenerator json, List<String> hashes, Instant at, RuleSettings.Trusted trusted)
            throws SQLException, IOException {
        json.writeObjectFieldStart("blocklist");
        boolean blocked = false;
        json.writeArrayFieldStart("entries");
        try (PreparedStatement st = c.prepareStatement(
                "SELECT created_at, expires_at, note, created_by FROM block WHERE kind = 'EMAIL' AND target IN ("
                        + InList.marks(hashes.size()) + ") ORDER BY id")) {
            InList.bind(st, hashes, 1);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Instant expires = instant(rs, 2);
                    boolean active = expires == null || expires.isAfter(at);
                    blocked |= active;
                    json.writeStartObject();
                    json.writeStringField("createdAt", instant(rs, 1).toString());
                    json.writeStringField("expiresAt", expires == null ? null : expires.toString());
                    json.writeBooleanField("active", active);
                    json.writeStringField("note", rs.getString(3));
                    json.writeStringField("createdBy", rs.getString(4));
                    json.writeEndObject();
                }
            }
        }
        json.writeEndArray();
        json.writeBooleanField("blocked", blocked);
        json.writeEndObject();

        long approved = 0;
        long spam = 0;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT status, count(*) FROM comment WHERE email_hash IN (" + InList.marks(hashes.size())
                        + ") AND status IN ('APPROVED', 'SPAM') GROUP BY status")) {
            InList.bind(st, hashes, 1);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if ("APPROVED".equals(rs.getString(1).trim())) {
                        approved += rs.getLong(2);
                    } else {
                        spam += rs.getLong(2);
                    }
                }
            }
        }
        json.writeObjectFieldStart("trustedCommenter");
        json.writeBooleanField("ruleEnabled", trusted.enabled());
        json.writeNumberField("minApproved", trusted.minApproved());
        json.writeNumberField("approvedComments", approved);
        json.writeNumberField("spamComments", spam);
        json.writeBooleanField("trusted", trusted.enabled() && approved >= trusted.minApproved() && spam == 0);
        json.writeEndObject();
    }

    private long writeComments(Connection c, JsonGenerator json, String hash) throws SQLException, IOException {
        long written = 0;
        long after = Long.MIN_VALUE;
        try (PreparedStatement page = c.prepareStatement("SELECT id, article_id, parent_id, parent_removed, status, content, author_name, "
                + "author_url, email_sealed, ip_sealed, user_agent_sealed, created_at, updated_at FROM comment "
                + "WHERE email_hash = ? AND id > ? ORDER BY id LIMIT " + PAGE)) {
            while (true) {
                page.setString(1, hash);
                page.setLong(2, after);
                List<Map<String, Object>> rows = new ArrayList<>(PAGE);
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
                if (rows.isEmpty()) {
                    return written;
                }
                Map<Long, List<Map<String, Object>>> history = history(c, rows);
                for (Map<String, Object> row : rows) {
                    writeComment(json, row, history.getOrDefault((Long) row.get("id"), List.of()));
                }
                written += rows.size();
                after = (Long) rows.get(rows.size() - 1).get("id");
                json.flush();
                if (rows.size() < PAGE) {
                    return written;
                }
            }
        }
    }

    private Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> row = new HashMap<>();
        row.put("id", rs.getLong(1));
        row.put("articleId", rs.getString(2));
        long parent = rs.getLong(3);
        row.put("parentId", rs.wasNull() ? null : parent);
        row.put("parentRemoved", rs.getBoolean(4));
        row.put("status", rs.getString(5).trim());
        row.put("content", rs.getString(6));
        row.put("authorName", rs.getString(7));
        row.put("authorUrl", rs.getString(8));
        row.put("email", open(Purpose.EMAIL, rs.getString(9)));
        row.put("ipAddress", open(Purpose.IP_ADDRESS, rs.getString(10)));
        row.put("userAgent", open(Purpose.USER_AGENT, rs.getString(11)));
        row.put("createdAt", instant(rs, 12).toString());
        row.put("updatedAt", instant(rs, 13).toString());
        return row;
    }

    private String open(Purpose purpose, String sealed) {
        return sealed == null ? null : cipher.open(purpose, sealed);
    }

    private static void writeComment(JsonGenerator json, Map<String, Object> row, List<Map<String, Object>> history) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", (Long) row.get("id"));
        json.writeStringField("articleId", (String) row.get("articleId"));
        if (row.get("parentId") == null) {
            json.writeNullField("parentId");
        } else {
            json.writeNumberField("parentId", (Long) row.get("parentId"));
        }
        json.writeBooleanField("parentRemoved", (Boolean) row.get("parentRemoved"));
        for (String field : List.of("status", "authorName", "email", "authorUrl", "content", "ipAddress", "userAgent", "createdAt",
                "updatedAt")) {
            json.writeStringField(field, (String) row.get(field));
        }
        json.writeArrayFieldStart("history");
        for (Map<String, Object> entry : history) {
            json.writeStartObject();
            for (String field : List.of("action", "fromStatus", "toStatus", "actor", "reason", "previousContent", "at")) {
                if (entry.get(field) != null) {
                    json.writeStringField(field, (String) entry.get(field));
                }
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** The audit entries of one page of comments, oldest first per comment: one statement per page. */
    private static Map<Long, List<Map<String, Object>>> history(Connection c, List<Map<String, Object>> rows) throws SQLException {
        Map<Long, List<Map<String, Object>>> history = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT comment_id, action, from_status, to_status, actor, reason, detail, "
                + "created_at FROM audit_entry WHERE comment_id IN (" + String.join(",", Collections.nCopies(rows.size(), "?"))
                + ") ORDER BY comment_id, created_at, id")) {
            for (int i = 0; i < rows.size(); i++) {
                st.setLong(i + 1, (Long) rows.get(i).get("id"));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> entry = new HashMap<>();
                    String action = rs.getString(2).trim();
                    entry.put("action", action);
                    entry.put("fromStatus", trim(rs.getString(3)));
                    entry.put("toStatus", trim(rs.getString(4)));
                    entry.put("actor", rs.getString(5));
                    entry.put("reason", rs.getString(6));
                    if (AuditAction.EDIT.name().equals(action)) {
                        // The commenter's own words before a moderator's edit; other details are moderators' notes.
                        entry.put("previousContent", rs.getString(7));
                    }
                    entry.put("at", instant(rs, 8).toString());
                    history.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(entry);
                }
            }
        }
        return history;
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
