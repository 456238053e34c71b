package io.commentdesk.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.ConfigMapping;

/**
 * The news frontends this service works for ({@code COMMENTS_ALLOWED_ORIGINS}): the only places a
 * form post may be redirected back to. An origin is scheme, host and port, as browsers compare them.
 */
@ApplicationScoped
public class FrontendOrigins {

    /** Configuration of the allowlist. */
    @ConfigMapping(prefix = "comments")
    public interface Config {
        /** Comma-separated origins such as {@code https://news.example.com}; none by default. */
        Optional<List<String>> allowedOrigins();
    }

    private final Set<String> allowed;

    FrontendOrigins(Config config) {
        this.allowed = config.allowedOrigins().orElse(List.of()).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(entry -> originOf(entry).orElseThrow(() -> new IllegalStateException(
                        "COMMENTS_ALLOWED_ORIGINS holds an entry that is not an http(s) origin such as https://news.example.com")))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether a browser's {@code Origin} header names one of the frontends. */
    public boolean allows(String origin) {
        return origin != null && originOf(origin).filter(allowed::contains).isPresent();
    }

    /** The URL itself, when it is an absolute http(s) URL on an allowed origin. */
    public Optional<URI> allowedTarget(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.trim());
            return originOf(uri).filter(allowed::contains).map(origin -> uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    static Optional<String> originOf(String url) {
        try {
            return originOf(new URI(url));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> originOf(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }
}
