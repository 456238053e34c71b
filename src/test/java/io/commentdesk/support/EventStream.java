package io.commentdesk.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A moderators' event stream read as the console reads it: a plain HTTP GET with the bearer token in the
 * Authorization header (java.net.http, not an EventSource), its {@code text/event-stream} body parsed
 * line by line on a thread of its own.
 */
public final class EventStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One event ({@code event:} and {@code data:}), or a comment line ({@code name} ":", its text as data). */
    public record Event(String name, String data) {

        public boolean isComment(String text) {
            return ":".equals(name) && text.equals(data);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + data, e);
            }
        }

        /** A {@code comments} event of this kind. */
        public boolean is(String kind) {
            return "comments".equals(name) && kind.equals(json().path("kind").asText());
        }

        public List<Long> ids() {
            List<Long> ids = new ArrayList<>();
            json().path("ids").forEach(id -> ids.add(id.asLong()));
            return ids;
        }
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread reader = new Thread(this::read, "event-stream-reader");
            reader.setDaemon(true);
            reader.start();
        } else {
            ended.countDown();
        }
    }

    public static EventStream open(URI uri, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build();
        return new EventStream(HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    public int status() {
        return response.statusCode();
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    /** Every line received so far, as it came. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The next event that matches, skipping others; fails if none comes in time. */
    public Event next(Predicate<Event> wanted, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
                throw new AssertionError("No such event within " + within + "; lines so far: " + tail());
            }
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** Whether the server ended the stream within {@code within}. */
    public boolean endsWithin(Duration within) throws InterruptedException {
        return ended.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String tail() {
        List<String> all = lines();
        return String.join("\\n", all.subList(Math.max(0, all.size() - 20), all.size()));
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(name == null ? "message" : name, data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    events.add(new Event(":", value(line.substring(1))));
                } else if (line.startsWith("event:")) {
                    name = value(line.substring(6));
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(value(line.substring(5)));
                }
            }
        } catch (IOException e) {
            // Closed by the test, or cut by the server: the stream has ended either way.
        } finally {
            ended.countDown();
        }
    }

    /** A field's value: as SSE parsers read it, without one leading space. */
    private static String value(String raw) {
        return raw.startsWith(" ") ? raw.substring(1) : raw;
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
