package io.commentdesk.console;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.jwt.build.Jwt;

import io.commentdesk.identity.Moderator;
import io.commentdesk.web.InvalidInputException;

/** What the console page needs from the service before anyone is signed in. */
@Path("/moderate")
@Tag(name = "Console")
public class ConsoleResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,60}");

    private final ConsoleConfig config;
    private final String issuer;

    ConsoleResource(ConsoleConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer) {
        this.config = config;
        // Set wherever the development sign-in can be on (the embedded profile); unused elsewhere.
        this.issuer = issuer.orElse("");
    }

    @Schema(name = "ConsoleConfig")
    public record Config(@Schema(nullable = true) Oidc oidc, boolean devSignIn) {
    }

    @Schema(name = "ConsoleOidc")
    public record Oidc(String issuer, String clientId, String scope) {
    }

    @GET
    @Path("/config")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How the console signs moderators in", description = "The OpenID Connect provider and client id, "
            + "and whether the development sign-in is on (the embedded profile only).")
    public Response config() {
        Oidc oidc = config.oidcIssuer().map(i -> new Oidc(i, config.oidcClientId(), config.oidcScope())).orElse(null);
        return Response.ok(new Config(oidc, config.devSignIn())).header("Cache-Control", "no-store").build();
    }

    /** A name and a role, for the development sign-in. */
    public record DevSignIn(String name, String role) {
    }

    @Schema(name = "DevToken")
    public record Token(String token) {
    }

    @POST
    @Path("/dev-sign-in")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Development sign-in (embedded profile only)", description = "A bearer token for any name with the "
            + "role moderator or admin, signed with the public development key. 404 unless COMMENTS_CONSOLE_DEV_SIGN_IN is on, "
            + "which production refuses.")
    public Token devSignIn(DevSignIn body) {
        if (!config.devSignIn()) {
            throw new NotFoundException();
        }
        if (body == null || body.name() == null || !NAME.matcher(body.name().trim()).matches()) {
            throw new InvalidInputException("name", "1-60 letters, digits, '.', '_' or '-'");
        }
        Set<String> groups = switch (body.role() == null ? "" : body.role()) {
            case Moderator.ROLE -> Set.of(Moderator.ROLE);
            case Moderator.ADMIN -> Set.of(Moderator.ADMIN, Moderator.ROLE);
            default -> throw new InvalidInputException("role", "must be moderator or admin");
        };
        String name = body.name().trim();
        return new Token(Jwt.issuer(issuer).subject(name).claim("preferred_username", name).groups(groups)
                .expiresIn(Duration.ofHours(8)).sign());
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response withoutSlash() {
        // The page's relative links (console.js, console.css) need the trailing slash.
        return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create("/moderate/")).build();
    }
}
