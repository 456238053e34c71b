package io.commentdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FrontendOriginsTest {

    private static FrontendOrigins allowing(String... origins) {
        return new FrontendOrigins(() -> Optional.of(List.of(origins)));
    }

    private final FrontendOrigins origins = allowing("https://news.example.com", " http://localhost:3000 ");

    @Test
    void allowsPagesOnAnAllowedOrigin() {
        assertThat(origins.allowedTarget("https://news.example.com/2026/11/28/story?x=1")).isPresent();
        assertThat(origins.allowedTarget("https://NEWS.example.com:443/a")).isPresent();
        assertThat(origins.allowedTarget("http://localhost:3000/a")).isPresent();
    }

    @Test
    void refusesOtherOriginsSchemesAndTricks() {
        assertThat(origins.allowedTarget("http://news.example.com/a")).isEmpty(); // other scheme
        assertThat(origins.allowedTarget("https://news.example.com:8443/a")).isEmpty(); // other port
        assertThat(origins.allowedTarget("https://news.example.com.evil.example/a")).isEmpty();
        assertThat(origins.allowedTarget("https://news.example.com@evil.example/a")).isEmpty();
        assertThat(origins.allowedTarget("//news.example.com/a")).isEmpty();
        assertThat(origins.allowedTarget("javascript:alert(1)")).isEmpty();
        assertThat(origins.allowedTarget("/relative")).isEmpty();
        assertThat(origins.allowedTarget("https://news.example.com/a b")).isEmpty();
        assertThat(origins.allowedTarget(null)).isEmpty();
    }

    @Test
    void refusesAMisconfiguredAllowlistAtStartup() {
        assertThatThrownBy(() -> allowing("news.example.com")).hasMessageContaining("COMMENTS_ALLOWED_ORIGINS");
    }
}
