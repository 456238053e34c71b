package io.commentdesk.identity;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Refuses, at authentication (401), a bearer token that names nobody the audit could record
 * ({@link Moderator#nameOf}): every action is someone's, never an empty actor's.
 */
@ApplicationScoped
public class ModeratorTokens implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && Moderator.nameOf(jwt).isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("The token names no subject"));
        }
        return Uni.createFrom().item(identity);
    }
}
