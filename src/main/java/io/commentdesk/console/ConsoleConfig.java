package io.commentdesk.console;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How moderators sign in to the console at /moderate/. */
@ConfigMapping(prefix = "comments.console")
public interface ConsoleConfig {

    /**
     * The newsroom's OpenID Connect provider ({@code COMMENTS_CONSOLE_OIDC_ISSUER}, e.g.
     * {@code https://sso.example.com/realms/newsroom}): the page signs moderators in there (authorization code
     * flow with PKCE) and sends the access token to the API, which checks it with MP_JWT_VERIFY_*.
     */
    Optional<String> oidcIssuer();

    /** The console's public client id at the provider ({@code COMMENTS_CONSOLE_OIDC_CLIENT_ID}). */
    @WithDefault("comment-desk-console")
    String oidcClientId();

    /** What the page asks the provider for ({@code COMMENTS_CONSOLE_OIDC_SCOPE}). */
    @WithDefault("openid profile")
    String oidcScope();

    /**
     * A one-click sign-in with a name and a role, signed with the public development key
     * ({@code COMMENTS_CONSOLE_DEV_SIGN_IN}): on the embedded profile only; prod refuses to start with it.
     */
    @WithDefault("false")
    boolean devSignIn();
}
