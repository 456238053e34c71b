// Load client for the fault scripts (src/it/fault-*.sh). A JDK 17 single-file program with no
// dependencies: java src/it/Load.java MODE [options]. Every request is recorded, one tab-separated
// line per answer (or per failed connection), so a script can compare the answers with the database.
//
//   submit    --base URL --threads N --out FILE [--article ID] [--stop-file F] [--seconds S] [--max N] [--idempotency-key true]
//             N threads post distinct JSON comments (a UUID in the content and in the email; with
//             --idempotency-key true, the UUID is also sent as Idempotency-Key, as a careful frontend would).
//             Lines: S thread seq startMs endMs status id uuid retryAfter
//   read      --url LABEL=URL [--url ...] --out FILE [--threads N] [--interval-ms MS] [--stop-file F] [--seconds S]
//             N threads per URL GET it, one request per interval each. Lines: R label thread seq startMs endMs status bytes
//   moderate  --base URL --moderators a,b,c --out FILE [--limit N] [--stop-file F] [--seconds S] [--key PEM]
//             One thread per moderator: claim up to N, decide each claimed comment (If-Match its version),
//             repeat; ends once the stop file exists and a claim comes back empty (or after --seconds).
//             Lines: C moderator commentId version startMs endMs 200          (one per claimed comment)
//                    CN moderator - - startMs endMs 200                        (a claim that got nothing)
//                    CE moderator - - startMs endMs status                     (a claim that failed)
//                    D moderator commentId action startMs endMs status newStatus newVersion
//   token     NAME [--groups moderator,admin] [--key PEM]   prints an RS256 bearer token (8 hours)
//
// status is the HTTP status, or ERR:<exception> when there was no answer (refused, reset, timed out).
// On exit a summary goes to stderr. --stop-file: the load runs until that file exists; --seconds: at most
// that long. In-flight requests are always finished and recorded before the program exits.

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

public class Load {

    static final String ISSUER = "https://comment-desk.dev/embedded";

    final Map<String, List<String>> opts = new LinkedHashMap<>();
    final List<String> positional = new ArrayList<>();
    BufferedWriter out;
    final Map<String, LongAdder> summary = new ConcurrentHashMap<>();
    HttpClient http;
    String mode;
    long deadline = Long.MAX_VALUE;
    Path stopFile;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java src/it/Load.java submit|read|moderate|token [options] (see the file's header)");
            System.exit(2);
        }
        Load load = new Load();
        load.mode = args[0];
        load.parse(args);
        switch (args[0]) {
            case "submit" -> load.submit();
            case "read" -> load.read();
            case "moderate" -> load.moderate();
            case "token" -> System.out.println(load.token(load.positional.get(0),
                    List.of(load.opt("groups", "moderator").split(","))));
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }

    void parse(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                opts.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
    }

    String opt(String name, String fallback) {
        List<String> values = opts.get(name);
        return values == null ? fallback : values.get(values.size() - 1);
    }

    String required(String name) {
        String value = opt(name, null);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    void setUp() throws IOException {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        out = Files.newBufferedWriter(Path.of(required("out")), StandardCharsets.UTF_8);
        if (opts.containsKey("stop-file")) {
            stopFile = Path.of(opt("stop-file", null));
        }
        if (opts.containsKey("seconds")) {
            deadline = System.currentTimeMillis() + (long) (Double.parseDouble(opt("seconds", "0")) * 1000);
        }
        if (stopFile == null && deadline == Long.MAX_VALUE) {
            throw new IllegalArgumentException("give --stop-file or --seconds");
        }
    }

    boolean stopRequested() {
        return System.currentTimeMillis() >= deadline || (stopFile != null && Files.exists(stopFile));
    }

    synchronized void record(String... fields) {
        try {
            out.write(String.join("\t", fields));
            out.newLine();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    void count(String key) {
        summary.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    void finish(List<Thread> threads) throws Exception {
        for (Thread t : threads) {
            t.join();
        }
        out.close();
        StringBuilder line = new StringBuilder();
        new TreeMap<>(summary).forEach((k, v) -> line.append(line.length() == 0 ? "" : ", ").append(k).append('=').append(v.sum()));
        System.err.println("load " + mode + " done: " + line);
    }

    /** What an exception says in one token, for the status column. */
    static String error(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String name = e.getClass().getSimpleName();
        if (root != e) {
            name += "/" + root.getClass().getSimpleName();
        }
        return "ERR:" + name;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ─── submit ─────────────────────────────────────────────────────────────────────────────────

    void submit() throws Exception {
        setUp();
        String base = required("base");
        int threads = Integer.parseInt(opt("threads", "16"));
        String article = opt("article", "fault-load");
        long max = Long.parseLong(opt("max", Long.toString(Long.MAX_VALUE)));
        AtomicLong sent = new AtomicLong();
        boolean idempotencyKeys = Boolean.parseBoolean(opt("idempotency-key", "false"));
        URI uri = URI.create(base + "/api/v1/articles/" + article + "/comments");
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (long seq = 0; !stopRequested() && sent.incrementAndGet() <= max; seq++) {
                    String uuid = UUID.randomUUID().toString();
                    String body = "{\"authorName\":\"Load reader " + thread + "\",\"authorEmail\":\"r" + uuid.replace("-", "")
                            + "@example.com\",\"content\":\"Load comment " + uuid + ": the figures in the second chart need a source.\"}";
                    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
                    if (idempotencyKeys) {
                        builder.header("Idempotency-Key", uuid);
                    }
                    HttpRequest request = builder.build();
                    long start = System.currentTimeMillis();
                    String status;
                    String id = "-";
                    String retryAfter = "-";
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        status = Integer.toString(response.statusCode());
                        if (response.statusCode() == 202) {
                            id = idOf(response.body());
                        }
                        retryAfter = response.headers().firstValue("Retry-After").orElse("-");
                    } catch (IOException e) {
                        status = error(e);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long end = System.currentTimeMillis();
                    record("S", Integer.toString(thread), Long.toString(seq), Long.toString(start), Long.toString(end), status, id,
                            uuid, retryAfter);
                    count(status);
                    if (status.startsWith("ERR")) {
                        pause(20); // no answer: do not spin on a dead port
                    }
                }
            }, "submit-" + t);
            worker.start();
            workers.add(worker);
        }
        finish(workers);
    }

    /** The comment's id in a 202's body, or "?" when the body is no JSON object with an id. */
    static String idOf(String body) {
        try {
            Object json = Json.parse(body);
            return json instanceof Map<?, ?> m && m.get("id") != null ? m.get("id").toString() : "?";
        } catch (RuntimeException e) {
            return "?";
        }
    }

    // ─── read ───────────────────────────────────────────────────────────────────────────────────

    void read() throws Exception {
        setUp();
        int threads = Integer.parseInt(opt("threads", "1"));
        long interval = Long.parseLong(opt("interval-ms", "50"));
        List<Thread> workers = new ArrayList<>();
        for (String spec : opts.getOrDefault("url", List.of())) {
            int eq = spec.indexOf('=');
            String label = spec.substring(0, eq);
            URI uri = URI.create(spec.substring(eq + 1));
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    for (long seq = 0; !stopRequested(); seq++) {
                        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
                        long start = System.currentTimeMillis();
                        String status;
                        String bytes = "-";
                        try {
                            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            status = Integer.toString(response.statusCode());
                            bytes = Integer.toString(response.body().length);
                        } catch (IOException e) {
                            status = error(e);
                        } catch (InterruptedException e) {
                            return;
                        }
                        long end = System.currentTimeMillis();
                        record("R", label, Integer.toString(thread), Long.toString(seq), Long.toString(start), Long.toString(end),
                                status, bytes);
                        count(label + ":" + status);
                        pause(Math.max(1, interval - (end - start)));
                    }
                }, "read-" + label + "-" + t);
                worker.start();
                workers.add(worker);
            }
        }
        finish(workers);
    }

    // ─── moderate ───────────────────────────────────────────────────────────────────────────────

    /** Deterministic mix: 60% approved, 30% rejected, 10% spam. */
    static String actionFor(long id) {
        long r = Math.floorMod(id * 2654435761L, 10);
        return r < 6 ? "APPROVE" : r < 9 ? "REJECT" : "SPAM";
    }

    void moderate() throws Exception {
        setUp();
        String base = required("base");
        int limit = Integer.parseInt(opt("limit", "10"));
        List<Thread> workers = new ArrayList<>();
        for (String name : required("moderators").split(",")) {
            String bearer = "Bearer " + token(name, List.of("moderator"));
            Thread worker = new Thread(() -> {
                while (true) {
                    if (System.currentTimeMillis() >= deadline) {
                        return;
                    }
                    boolean stopping = stopRequested();
                    HttpRequest claim = HttpRequest.newBuilder(URI.create(base + "/api/v1/moderation/claims"))
                            .timeout(Duration.ofSeconds(30)).header("Authorization", bearer).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"limit\":" + limit + "}")).build();
                    long start = System.currentTimeMillis();
                    List<long[]> items = new ArrayList<>();
                    try {
                        HttpResponse<String> response = http.send(claim, HttpResponse.BodyHandlers.ofString());
                        long end = System.currentTimeMillis();
                        count("claim:" + response.statusCode());
                        if (response.statusCode() != 200) {
                            record("CE", name, "-", "-", Long.toString(start), Long.toString(end), Integer.toString(response.statusCode()));
                            pause(50);
                            continue;
                        }
                        @SuppressWarnings("unchecked")
                        List<Object> claimed = (List<Object>) ((Map<String, Object>) Json.parse(response.body())).get("items");
                        for (Object o : claimed) {
                            Map<?, ?> item = (Map<?, ?>) o;
                            long id = ((Number) item.get("id")).longValue();
                            long version = ((Number) item.get("version")).longValue();
                            items.add(new long[] { id, version });
                            record("C", name, Long.toString(id), Long.toString(version), Long.toString(start), Long.toString(end), "200");
                        }
                    } catch (IOException e) {
                        record("CE", name, "-", "-", Long.toString(start), Long.toString(System.currentTimeMillis()), error(e));
                        count("claim:" + error(e));
                        pause(50);
                        continue;
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        record("CE", name, "-", "-", Long.toString(start), Long.toString(System.currentTimeMillis()), "BADBODY");
                        count("claim:BADBODY");
                        pause(50);
                        continue;
                    }
                    if (items.isEmpty()) {
                        record("CN", name, "-", "-", Long.toString(start), Long.toString(System.currentTimeMillis()), "200");
                        if (stopping) {
                            return; // the queue is drained and no more is coming
                        }
                        pause(50);
                        continue;
                    }
                    for (long[] item : items) {
                        decide(base, bearer, name, item[0], item[1]);
                    }
                }
            }, "moderator-" + name);
            worker.start();
            workers.add(worker);
        }
        finish(workers);
    }

    void decide(String base, String bearer, String name, long id, long version) {
        String action = actionFor(id);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/moderation/comments/" + id + "/decision"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", bearer).header("Content-Type", "application/json")
                .header("If-Match", "\"" + version + "\"")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"" + action + "\",\"reason\":\"fault test\"}")).build();
        long start = System.currentTimeMillis();
        String status;
        String newStatus = "-";
        String newVersion = "-";
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = Integer.toString(response.statusCode());
            if (response.statusCode() == 200) {
                try {
                    Map<?, ?> comment = (Map<?, ?>) Json.parse(response.body());
                    newStatus = String.valueOf(comment.get("status"));
                    newVersion = String.valueOf(comment.get("version"));
                } catch (RuntimeException e) {
                    newStatus = "?";
                }
            }
        } catch (IOException e) {
            status = error(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        record("D", name, Long.toString(id), action, Long.toString(start), Long.toString(System.currentTimeMillis()), status,
                newStatus, newVersion);
        count("decision:" + status);
    }

    // ─── tokens ─────────────────────────────────────────────────────────────────────────────────

    /** An RS256 JWT signed with the development private key (PKCS#8 PEM), as src/dev/token.sh prints. */
    String token(String name, List<String> groups) throws Exception {
        String pem = Files.readString(Path.of(opt("key", "src/main/resources/dev-jwt/privateKey.pem")));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        long now = System.currentTimeMillis() / 1000;
        StringBuilder groupsJson = new StringBuilder("[");
        for (String g : groups) {
            groupsJson.append(groupsJson.length() > 1 ? "," : "").append('"').append(g).append('"');
        }
        groupsJson.append(']');
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + name + "\",\"preferred_username\":\"" + name + "\",\"groups\":"
                + groupsJson + ",\"iat\":" + now + ",\"exp\":" + (now + 8 * 3600) + "}");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    // ─── a minimal JSON reader (objects, arrays, strings, numbers, booleans, null) ─────────────

    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.i != text.length()) {
                throw new IllegalArgumentException("trailing characters at " + json.i);
            }
            return value;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            space();
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    Map<String, Object> map = new LinkedHashMap<>();
                    i++;
                    space();
                    if (s.charAt(i) == '}') {
                        i++;
                        return map;
                    }
                    while (true) {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        map.put(key, value());
                        space();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return map;
                        }
                    }
                }
                case '[': {
                    List<Object> list = new ArrayList<>();
                    i++;
                    space();
                    if (s.charAt(i) == ']') {
                        i++;
                        return list;
                    }
                    while (true) {
                        list.add(value());
                        space();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return list;
                        }
                    }
                }
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default: {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    String number = s.substring(start, i);
                    if (number.isEmpty()) {
                        throw new IllegalArgumentException("unexpected '" + c + "' at " + start);
                    }
                    return number.matches("-?\\d+") ? (Number) Long.valueOf(number) : (Number) Double.valueOf(number);
                }
            }
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, i)) {
                throw new IllegalArgumentException("bad literal at " + i);
            }
            i += word.length();
            return value;
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
            i++;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }
    }
}
