package io.commentdesk.moderation;

import java.lang.reflect.Type;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;

/**
 * One frame of an event stream, made once and written to every stream: a named event with one line of
 * data, or a comment line. Values start with a space, as servers usually write them
 * ({@code event: comments}, {@code data: {...}}, {@code : keep-alive}); a parser drops that one space.
 * The data goes out as it is (text), so a JSON object is written once, not quoted again per stream.
 */
record SseFrame(String name, String data, String comment) implements OutboundSseEvent {

    static SseFrame event(String name, String json) {
        return new SseFrame(" " + name, " " + json, null);
    }

    static SseFrame comment(String text) {
        return new SseFrame(null, null, " " + text);
    }

    @Override
    public Class<?> getType() {
        return String.class;
    }

    @Override
    public Type getGenericType() {
        return String.class;
    }

    @Override
    public MediaType getMediaType() {
        return MediaType.TEXT_PLAIN_TYPE;
    }

    @Override
    public Object getData() {
        return data;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getId() {
        return null;
    }

    @Override
    public String getComment() {
        return comment;
    }

    @Override
    public long getReconnectDelay() {
        return RECONNECT_NOT_SET;
    }

    @Override
    public boolean isReconnectDelaySet() {
        return false;
    }
}
