package io.commentdesk.identity;

import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.commentdesk.web.PlainText;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling the moderation API, as the audit records them. */
public record Moderator(String name, boolean admin) {

    public static final String ROLE = "moderator";
    public static final String ADMIN = "admin";
    private static final int MAX_NAME = 200;

    /** The caller of a request whose token {@link ModeratorTokens} accepted. */
    public static Moderator of(JsonWebToken jwt, SecurityIdentity identity) {
        String name = nameOf(jwt).orElseGet(() -> identity.getPrincipal().getName());
        return new Moderator(name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name, identity.hasRole(ADMIN));
    }

    /**
     * The name the audit records for a token: its {@code sub}, or its {@code preferred_username} when it
     * has no subject. None when the token names nobody: a {@code sub} that is present but blank, no name
     * at all, or one with control characters (the audit would record nobody, or what the database refuses).
     */
    static Optional<String> nameOf(JsonWebToken jwt) {
        String subject = jwt.getSubject();
        String name = subject != null ? subject : jwt.getClaim("preferred_username");
        if (name == null || name.isBlank() || !PlainText.Rule.holds(name)) {
            return Optional.empty();
        }
        return Optional.of(name);
    }
}
