package io.commentdesk.moderation;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling the moderation API, as the audit records them. */
public record Moderator(String name, boolean admin) {

    public static final String ROLE = "moderator";
    public static final String ADMIN = "admin";

    /** The token's {@code sub}, or its {@code preferred_username} when it has no subject. */
    public static Moderator of(JsonWebToken jwt, SecurityIdentity identity) {
        String name = jwt.getSubject();
        if (name == null || name.isBlank()) {
            name = jwt.getClaim("preferred_username");
        }
        if (name == null || name.isBlank()) {
            name = identity.getPrincipal().getName();
        }
        return new Moderator(name.length() > 200 ? name.substring(0, 200) : name, identity.hasRole(ADMIN));
    }
}
