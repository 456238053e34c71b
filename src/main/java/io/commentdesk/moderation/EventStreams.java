package io.commentdesk.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;

import org.jboss.logging.Logger;

import io.commentdesk.comment.QueueEvents;
import io.commentdesk.web.ShutdownGate;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * The moderators' consoles' live feed, on each replica: every open stream gets every queue event of
 * any replica ({@link QueueEvents}), a {@code resync} when this replica may have missed some, and a
 * keep-alive comment every {@link #KEEP_ALIVE} so proxies keep it open ({@code commentdesk_moderation_streams}
 * counts them).
 *
 * <p>A stream writes one frame at a time, the next once its client has taken the last; frames that
 * come meanwhile wait in the stream's own buffer of {@value #BUFFER}. Handing a frame on never waits,
 * so the notice thread is never held by a client. A client that falls that far behind has its
 * connection closed (the console reconnects and reloads): one slow console holds up no other and
 * costs a bounded amount of memory. Streams end when the replica stops taking requests on shutdown,
 * and when the token they were opened with expires.
 */
@ApplicationScoped
public class EventStreams implements QueueEvents.Listener {

    /**
     * Frames a stream holds for a client that has not taken them yet; one more drops the stream. A frame is
     * made once and shared by every stream, so a buffer costs references; at most this many frames of at
     * most 8 kB are kept alive by the slowest client.
     */
    static final int BUFFER = 512;
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private static final Logger LOG = Logger.getLogger(EventStreams.class);
    private static final String COMMENTS = "comments";
    private static final SseFrame CONNECTED = SseFrame.comment("connected");
    private static final SseFrame KEEP = SseFrame.comment("keep-alive");
    private static final SseFrame RESYNC = SseFrame.event("resync", "{}");

    /** One open stream: its frames in order, one write at a time. */
    final class Stream {

        private final SseEventSink sink;
        private final Runnable closeConnection;
        private final Consumer<Runnable> onRequestContext;
        private final ArrayDeque<OutboundSseEvent> waiting = new ArrayDeque<>();
        private boolean writing;
        private boolean ended;
        private volatile long timer = -1;

        private Stream(SseEventSink sink, Runnable closeConnection, Consumer<Runnable> onRequestContext) {
            this.sink = sink;
            this.closeConnection = closeConnection;
            this.onRequestContext = onRequestContext;
        }

        void send(OutboundSseEvent frame) {
            boolean behind;
            synchronized (this) {
                if (ended) {
                    return;
                }
                behind = writing && waiting.size() >= BUFFER;
                if (writing && !behind) {
                    waiting.add(frame);
                    return;
                }
                writing = true;
            }
            if (behind) {
                LOG.infof("Dropped a moderators' event stream: its client fell %d events behind", BUFFER);
                end(true);
                return;
            }
            write(frame);
        }

        private void write(OutboundSseEvent frame) {
            CompletionStage<?> sent;
            try {
                sent = sink.send(frame);
            } catch (IllegalStateException closed) {
                end(false);
                return;
            }
            sent.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    // The client went away while it was being written to: nothing to report.
                    end(false);
                    return;
                }
                OutboundSseEvent next;
                synchronized (this) {
                    next = ended ? null : waiting.poll();
                    if (next == null) {
                        writing = false;
                        return;
                    }
                }
                write(next);
            });
        }

        /**
         * Ends the stream: the response ends as usual, or, for a client that stopped taking what it is sent, its
         * connection is closed (an end would only wait behind what it does not read).
         */
        void end(boolean closeConnection) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                waiting.clear();
            }
            open.remove(this);
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            // On the request's own context, whoever ends it (the notice thread, a timer, the shutdown): the
            // response's end handlers (the access log line, with its MDC fields) run where the request ran.
            onRequestContext.accept(() -> {
                if (closeConnection) {
                    this.closeConnection.run();
                } else if (!sink.isClosed()) {
                    sink.close();
                }
            });
        }
    }

    private final Vertx vertx;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    EventStreams(Vertx vertx) {
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event, QueueEvents events, ShutdownGate gate, MeterRegistry registry) {
        Gauge.builder("commentdesk.moderation.streams", open, Set::size)
                .description("Moderators' event streams open on this replica").register(registry);
        events.listen(this);
        gate.whenClosing(this::endAll);
        vertx.setPeriodic(KEEP_ALIVE.toMillis(), id -> sendAll(KEEP));
    }

    /**
     * A new stream, told at once that it is open (a comment line), then every event as it comes.
     *
     * @param closeConnection drops the client's connection (or its HTTP/2 stream)
     * @param onRequestContext runs an action on the request's Vert.x context
     * @param expiresAt when the caller's token expires, and with it the stream; {@code null} for never
     * @return the stream, for the caller to end when its response ends
     */
    Stream open(SseEventSink sink, Runnable closeConnection, Consumer<Runnable> onRequestContext, Instant expiresAt) {
        Stream stream = new Stream(sink, closeConnection, onRequestContext);
        open.add(stream);
        if (expiresAt != null) {
            stream.timer = vertx.setTimer(Math.max(1, Duration.between(Instant.now(), expiresAt).toMillis()), id -> stream.end(false));
        }
        stream.send(CONNECTED);
        if (closing) {
            // Opened as the replica stopped taking requests: endAll may have run before it was open.
            stream.end(false);
        }
        return stream;
    }

    /** How many streams are open on this replica. */
    int count() {
        return open.size();
    }

    @Override
    public void heard(String json) {
        sendAll(SseFrame.event(COMMENTS, json));
    }

    @Override
    public void missed() {
        sendAll(RESYNC);
    }

    private void sendAll(OutboundSseEvent frame) {
        for (Stream stream : open) {
            stream.send(frame);
        }
    }

    /** Shutdown: every stream ends now, so none holds the wait for requests in flight. */
    void endAll() {
        closing = true;
        for (Stream stream : open) {
            stream.end(false);
        }
    }
}
