package io.commentdesk.identity;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** The moderator or admin making the current request, as the audit names them. */
@RequestScoped
public class CurrentModerator {

    private final JsonWebToken jwt;
    private final SecurityIdentity identity;

    CurrentModerator(JsonWebToken jwt, SecurityIdentity identity) {
        this.jwt = jwt;
        this.identity = identity;
    }

    public Moderator get() {
        return Moderator.of(jwt, identity);
    }
}
