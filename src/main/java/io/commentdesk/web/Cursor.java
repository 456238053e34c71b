package io.commentdesk.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

/**
 * A keyset position (created time, id) wrapped as an opaque token, with the scope it was issued
 * for, so a cursor from one listing is refused by another instead of silently skipping rows.
 */
public record Cursor(String scope, Instant createdAt, long id) {

    private static final Logger LOG = Logger.getLogger(Cursor.class);
    private static final Pattern FORMAT = Pattern.compile("v1\\|([^|]{0,300})\\|(-?\\d{1,19})\\|(\\d{1,19})");
    /**
     * The times a position may name: every row's time is in here, and every database can compare with
     * it (PostgreSQL's timestamps end in 294276, Java's instants much later; a forged cursor must not
     * reach the database with a time it cannot hold).
     */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public String encode() {
        long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
        String raw = "v1|" + scope + "|" + micros + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws InvalidInputException naming the {@code cursor} parameter when the token is not one we issued for this scope
     */
    public static Optional<Cursor> decode(String token, String scope) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            Matcher m = FORMAT.matcher(raw);
            if (m.matches() && m.group(1).equals(scope)) {
                long micros = Long.parseLong(m.group(2));
                Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
                if (!at.isBefore(EARLIEST) && !at.isAfter(LATEST)) {
                    return Optional.of(new Cursor(scope, at, Long.parseLong(m.group(3))));
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through: not a cursor of ours
        }
        // One line, no token: a forged cursor is the client's mistake (or probe), not a fault to trace.
        LOG.infof("Refused a cursor that is no position of a %s listing", scope.indexOf('/') < 0 ? scope : scope.substring(0, scope.indexOf('/')));
        throw new InvalidInputException("cursor", "is not a cursor issued for this listing; start again without it");
    }
}
