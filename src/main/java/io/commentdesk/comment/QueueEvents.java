package io.commentdesk.comment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.jboss.logging.Logger;

import io.commentdesk.notices.Announcer;
import io.commentdesk.notices.Noticed;

/**
 * What happens in the moderation queue, told to every replica so moderators' consoles can follow it
 * live: comments stored for moderators (by the submission writers, hence here rather than in
 * moderation/), decisions, edits, claims and releases (by moderation/). Each is announced on the
 * PostgreSQL channel {@value #CHANNEL} in the transaction that makes the change, so every replica
 * hears it when, and only if, that transaction commits; on the embedded database it is handed on
 * in-process after the commit. A replica passes what it hears to its {@link Listener}s on the notice
 * thread: they must not block it.
 *
 * <p>An event carries comment ids and the moderator's name, never a reader's personal data.
 */
@ApplicationScoped
public class QueueEvents implements Noticed {

    /** Receives every event of any replica, as the one-line JSON object it was announced as. */
    public interface Listener {

        void heard(String json);

        /** Events may have been missed (the notice listener was cut off and is back): reload what was shown. */
        void missed();
    }

    /** One change to the queue. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(String kind, List<Long> ids, List<String> articleIds, CommentStatus status, String actor) {
    }

    static final String CHANNEL = "moderation";
    /**
     * PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; a bigger event is split into several,
     * each well under it.
     */
    static final int MAX_PAYLOAD_BYTES = 7_900;

    private static final Logger LOG = Logger.getLogger(QueueEvents.class);

    private final Announcer announcer;
    private final ObjectMapper json;
    private final ObjectReader strict;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** The notice listener lost its connection since it last listened: events may have gone unheard. */
    private volatile boolean gap;

    QueueEvents(Announcer announcer, ObjectMapper json) {
        this.announcer = announcer;
        this.json = json;
        // One JSON value and nothing after it: '{"kind":"x"} and more' is no event.
        this.strict = json.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /** Comments just stored; those moderators will see in the queue (pending or spam) are announced as {@code new}. */
    @Transactional(Transactional.TxType.MANDATORY)
    void stored(List<Comment> comments) {
        List<Comment> queued = comments.stream()
                .filter(c -> c.status == CommentStatus.PENDING || c.status == CommentStatus.SPAM).toList();
        announce(queued, some -> new Event("new", some.stream().map(c -> c.id).toList(),
                some.stream().map(c -> c.articleId).distinct().toList(), null, null));
    }

    /** A decision (or a restore) changed these comments' status. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void decided(List<Long> ids, CommentStatus status, String actor) {
        announce(ids, some -> new Event("decided", some, null, status, actor));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void edited(List<Long> ids, String actor) {
        announce(ids, some -> new Event("edited", some, null, null, actor));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void claimed(List<Long> ids, String actor) {
        announce(ids, some -> new Event("claimed", some, null, null, actor));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void released(List<Long> ids, String actor) {
        announce(ids, some -> new Event("released", some, null, null, actor));
    }

    /** Announces {@code event(items)}, split in halves until each payload fits a notice. */
    private <T> void announce(List<T> items, Function<List<T>, Event> event) {
        if (items.isEmpty()) {
            return;
        }
        String payload = write(event.apply(items));
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES && items.size() > 1) {
            int half = items.size() / 2;
            announce(new ArrayList<>(items.subList(0, half)), event);
            announce(new ArrayList<>(items.subList(half, items.size())), event);
            return;
        }
        // PostgreSQL: every replica, this one included, hears it through its notice listener.
        announcer.announce(CHANNEL, payload, announcer.postgres() ? () -> {
        } : () -> deliver(payload));
    }

    private String write(Event event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a queue event", e);
        }
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    /**
     * A notice of any replica. Read and written again, so only a JSON object on one line goes on to the
     * streams: whatever the notice held, it cannot break their framing.
     */
    @Override
    public void heard(String payload) {
        String event;
        try {
            JsonNode node = strict.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            event = json.writeValueAsString(node);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn("Ignoring a malformed moderation notice");
            return;
        }
        deliver(event);
    }

    private void deliver(String event) {
        for (Listener listener : listeners) {
            try {
                listener.heard(event);
            } catch (RuntimeException e) {
                LOG.error("A moderation event listener failed", e);
            }
        }
    }

    @Override
    public void deaf() {
        gap = true;
    }

    @Override
    public void listening() {
        if (gap) {
            gap = false;
            listeners.forEach(Listener::missed);
        }
    }
}
