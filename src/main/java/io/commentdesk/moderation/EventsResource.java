package io.commentdesk.moderation;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.commentdesk.identity.Moderator;
import io.commentdesk.web.Problem;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;

/** The queue as it changes, for moderators' consoles to follow without reloading. */
@Path("/api/v1/moderation/events")
@RolesAllowed({ Moderator.ROLE, Moderator.ADMIN })
@Tag(name = "Moderation")
@SecurityRequirement(name = "bearer")
public class EventsResource {

    private final EventStreams streams;
    private final JsonWebToken token;

    EventsResource(EventStreams streams, JsonWebToken token) {
        this.streams = streams;
        this.token = token;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow the queue live", description = """
            A text/event-stream of what happens in the queue on any replica, for a console to update itself \
            (read it with fetch: the bearer token goes in the Authorization header). Each event is an `event:` line \
            and a `data:` line of JSON:

            - `comments` `{"kind": "new", "ids": [..], "articleIds": [..]}`: comments stored PENDING or SPAM;
            - `comments` `{"kind": "decided", "ids": [..], "status": "APPROVED|REJECTED|SPAM|PENDING", "actor": "jane"}`: \
            a decision or restore committed (one event per comment of a bulk call);
            - `comments` `{"kind": "edited" | "claimed" | "released", "ids": [..], "actor": "jane"}`;
            - `resync` `{}`: this replica may have missed events (its database notice listener reconnected): reload.

            A big change may come as several events. A comment line `: connected` comes first, then `: keep-alive` \
            every 15 s. The stream ends when the replica shuts down and when the token expires, and is dropped when \
            the client falls 512 events behind: reconnect (and reload what is shown).""")
    @APIResponse(responseCode = "200", description = "The stream; it stays open.",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING,
                    example = "event: comments\ndata: {\"kind\":\"new\",\"ids\":[1051],\"articleIds\":[\"news-2026-11-28-minerals\"]}\n\n")))
    @APIResponse(responseCode = "401", description = "No valid bearer token.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the moderator role.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void follow(@Context SseEventSink sink, @Context RoutingContext ctx) {
        // Proxies must pass events on as they come (nginx buffers responses unless told), and keep none.
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        HttpServerRequest request = ctx.request();
        Runnable closeConnection = () -> {
            if (request.version() == HttpVersion.HTTP_2) {
                ctx.response().reset();
            } else {
                request.connection().close();
            }
        };
        io.vertx.core.Context context = ((HttpServerRequestInternal) request).context();
        long expires = token.getExpirationTime();
        EventStreams.Stream stream = streams.open(sink, closeConnection, action -> context.runOnContext(ignored -> action.run()),
                expires > 0 ? Instant.ofEpochSecond(expires) : null);
        // Ended by the client (or the connection lost) as much as by us.
        ctx.addEndHandler(ended -> stream.end(false));
    }
}
