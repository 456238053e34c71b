package io.commentdesk.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The end of a graceful stop. On SIGTERM Quarkus turns readiness DOWN and keeps serving for
 * {@code quarkus.shutdown.delay}, then waits for the requests in flight; but it still serves any that
 * arrive afterwards on open keep-alive connections, while the HTTP server and the application below
 * are being torn down: such a request could be stored and its connection closed unanswered, and a
 * load balancer would send it again to another replica (a comment stored twice). So, just before the
 * delay ends, this gate starts answering every new request 503 with {@code Connection: close}
 * (nothing done: safe to send elsewhere), and the stop waits until the requests it let in have been
 * answered before the submission writers and the database pool go. Responses that would not end by
 * themselves (moderators' event streams) are ended as it closes ({@link #whenClosing}), so neither wait
 * is held up by them.
 */
@ApplicationScoped
public class ShutdownGate {

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);
    /**
     * At most this long for requests in flight: Quarkus's graceful wait (QUARKUS_SHUTDOWN_TIMEOUT) has
     * already waited for them; this covers those that slipped in as it ended. Delay, timeout, this and the
     * writers' 10 s stay within the 30 s grace period the README asks of an orchestrator.
     */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    /** Closed this long before the delay ends, so no request is admitted after Quarkus's own wait has ended. */
    private static final Duration MARGIN = Duration.ofMillis(250);

    private final ObjectMapper json;
    private final Event<RequestRefused> refused;
    private final Vertx vertx;
    private final Duration delay;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Runnable> whenClosing = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    ShutdownGate(ObjectMapper json, Vertx vertx, @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay,
            Event<RequestRefused> refused) {
        this.json = json;
        this.refused = refused;
        this.vertx = vertx;
        this.delay = delay.orElse(Duration.ZERO);
    }

    /** SIGTERM: readiness is DOWN now; load balancers have the delay to notice, then the gate closes. */
    void delayStarted(@Observes ShutdownDelayInitiatedEvent event) {
        long millis = delay.minus(MARGIN).toMillis();
        if (millis < 1) {
            close();
        } else {
            vertx.setTimer(millis, id -> close());
        }
    }

    /**
     * Runs {@code action} when the gate closes: before Quarkus waits for the requests in flight, so an open
     * stream ended here never holds that wait (or this gate's own) for its whole timeout.
     */
    public void whenClosing(Runnable action) {
        whenClosing.add(action);
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            closing = true;
            LOG.info("Shutting down: taking no new requests (503)");
            for (Runnable action : whenClosing) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("Could not end an open response while shutting down", e);
                }
            }
        }
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::admit);
    }

    private void admit(RoutingContext ctx) {
        if (closing) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close").putHeader("Retry-After", "1");
            RequestPrechecks.answer(ctx, json, Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                    "This replica is shutting down and took nothing of this request; send it again.", ctx.request().path()));
            refused.fire(new RequestRefused(ctx.request().method().name(), ctx.request().path(), 503));
            return;
        }
        inFlight.incrementAndGet();
        ctx.addEndHandler(ignored -> inFlight.decrementAndGet());
        ctx.next();
    }

    /** First of the observers of the stop: the writers and the pool stop only once every admitted request is answered. */
    void drain(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        close();
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (inFlight.get() > 0) {
            LOG.warnf("Stopping with %d requests still in flight after %s", inFlight.get(), DRAIN);
        }
    }
}
