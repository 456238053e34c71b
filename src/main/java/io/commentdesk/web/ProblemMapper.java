package io.commentdesk.web;

import java.util.List;

import jakarta.enterprise.event.Event;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.jboss.logging.Logger;

import io.commentdesk.db.DatabaseOutage;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches the HTTP edge into an RFC 9457 problem, so clients see one
 * error format and never a stack trace, a class name or a submitted value.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** Seconds a client should wait before trying again while the database is out of reach: a restart takes a few. */
    static final int RETRY_AFTER_UNAVAILABLE = 5;

    private final AllowedMethods allowedMethods;
    private final DatabaseOutage outage;
    private final Event<RequestRefused> refused;

    ProblemMapper(AllowedMethods allowedMethods, DatabaseOutage outage, Event<RequestRefused> refused) {
        this.allowedMethods = allowedMethods;
        this.outage = outage;
        this.refused = refused;
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        List<FieldError> errors = e.errors();
        String detail = errors.size() == 1
                ? "The field " + errors.get(0).field() + " is invalid."
                : errors.size() + " fields are invalid.";
        return problem(Problem.of(ProblemType.INVALID_INPUT, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = problem(Problem.of(e.type(), e.getMessage(), path(uri)));
        if (e instanceof TooManyRequestsException tooMany) {
            return Response.fromResponse(response).header("Retry-After", tooMany.retryAfterSeconds()).build();
        }
        return response;
    }

    /** No or an invalid bearer token. Quarkus would answer an empty 401. */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(UriInfo uri) {
        return Response.fromResponse(problem(Problem.of(ProblemType.UNAUTHORIZED,
                "Send a valid bearer token (Authorization: Bearer <JWT>) from your identity provider.", path(uri))))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(Problem.of(ProblemType.FORBIDDEN, "Your token does not carry a role allowed here.", path(uri)));
    }

    @ServerExceptionMapper
    public Response malformedBody(MalformedBodyException e, UriInfo uri) {
        return problem(Problem.of(ProblemType.MALFORMED_BODY, e.getMessage(), path(uri)));
    }

    /** Broken JSON. Jackson's own message quotes the offending text, so only its position is kept. */
    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return problem(Problem.of(ProblemType.MALFORMED_BODY,
                "The request body is not a well-formed JSON document in UTF-8" + where + ".", path(uri)));
    }

    /** A JSON value of the wrong type or outside an enumeration: name the field, never quote the value. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (field.isEmpty()) {
            return problem(Problem.of(ProblemType.MALFORMED_BODY, "The request body does not have the expected shape.", path(uri)));
        }
        return invalidInput(new InvalidInputException(field.toString(), "has the wrong type or is not one of the allowed values"), uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(leafName(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
        return invalidInput(new InvalidInputException(errors), uri);
    }

    /** Errors raised by the framework itself (404, 405, 406, 415, 413 …): keep status and headers. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, Request request, ResourceInfo resource) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if ((resource == null || resource.getResourceMethod() == null) && uri != null) {
            // The framework's own refusal (a Content-Type no method of the path consumes): no resource saw it.
            refused.fire(new RequestRefused(request.getMethod(), uri.getRequestUri().getRawPath(), status));
        }
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return mismatchedInput(mismatch, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            // Quarkus REST wraps Jackson's parse errors; answer them as the malformed body they are.
            return malformedJson(json, uri);
        }
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        ProblemType type = ProblemType.forStatus(status);
        String title = type.title() != null ? type.title() : original.getStatusInfo().getReasonPhrase();
        Problem body = new Problem(type.uri(), title, status, detailFor(status), path(uri), List.of(),
                RequestIds.current().orElse(null));
        Response.ResponseBuilder builder = Response.status(status).entity(body).type(Problem.MEDIA_TYPE);
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        if (status == 405 && !original.getHeaders().containsKey("Allow") && uri != null) {
            String allow = allowedMethods.allowFor(uri.getRequestUri().getRawPath());
            if (allow != null) {
                builder.header("Allow", allow);
            }
        }
        return builder.build();
    }

    /** Anything else is our fault: log it for ops, tell the client nothing about its insides. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (clientWentAway(e)) {
            // The client closed the connection (or the body deadline did) while its body was being read:
            // nobody is left to answer, and it is no fault of ours.
            return problem(Problem.of(ProblemType.BAD_REQUEST, "The connection closed before the request was read.", path(uri)));
        }
        boolean known = outage.recent();
        if (outage.observed(e)) {
            // Not a bug, and not news to ops: readiness and the notices listener say so too. One line an outage, no trace.
            if (!known) {
                LOG.warnf("Database unavailable: answering 503 (%s)", e.getClass().getSimpleName());
            }
            return unavailable(path(uri));
        }
        LOG.error("Unexpected error while serving a request", e);
        return problem(Problem.of(ProblemType.INTERNAL_ERROR,
                "The service could not complete this request. It has been logged; please try again later.", path(uri)));
    }

    private static boolean clientWentAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.core.http.HttpClosedException || cause instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    static Response unavailable(String path) {
        return Response.fromResponse(problem(Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                "The service cannot reach its database just now; please try again shortly (with the same Idempotency-Key, if any).", path)))
                .header("Retry-After", RETRY_AFTER_UNAVAILABLE).build();
    }

    static Response problem(Problem problem) {
        Problem named = problem.requestId() == null ? problem.withRequestId(RequestIds.current().orElse(null)) : problem;
        return Response.status(named.status()).entity(named).type(Problem.MEDIA_TYPE).build();
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "No resource exists at this path.";
            case 405 -> "This path does not support that method; the Allow header lists those it does.";
            case 406 -> "This resource cannot answer in any media type the Accept header allows.";
            case 413 -> "The request body is larger than this service accepts.";
            case 415 -> "Send the body as application/json or, for HTML forms, application/x-www-form-urlencoded.";
            default -> "The request could not be served.";
        };
    }

    private static String leafName(ConstraintViolation<?> violation) {
        String name = null;
        for (Path.Node node : violation.getPropertyPath()) {
            name = node.getName();
        }
        return name == null ? "request" : name;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
