package io.commentdesk.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

/**
 * The embed's budget, checked by the build: the script with its styles at most 10 KB gzipped (peers load
 * 20-60 KB), and nothing that a strict Content-Security-Policy or a reader's privacy would refuse.
 */
class EmbedBudgetTest {

    static final Path EMBED = Path.of("src/main/resources/META-INF/resources/embed.js");
    static final int BUDGET = 10 * 1024;

    @Test
    void staysUnderTenKilobytesGzipped() throws IOException {
        byte[] script = Files.readAllBytes(EMBED);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(script);
        }
        assertThat(zipped.size()).as("embed.js gzipped, styles included (raw %d bytes)", script.length).isLessThanOrEqualTo(BUDGET);
    }

    @Test
    void needsNoEvalNoCookieNoInlineStyleAndNoThirdParty() throws IOException {
        String script = Files.readString(EMBED, StandardCharsets.UTF_8);
        assertThat(script).doesNotContain("eval(").doesNotContain("new Function").doesNotContain("setTimeout('")
                .doesNotContain("document.cookie").doesNotContain("localStorage").doesNotContain(".style.")
                .doesNotContain("setAttribute('style'").doesNotContain("innerHTML =").doesNotContain("document.write");
        // Styles go through a constructed stylesheet, which a CSP without 'unsafe-inline' allows, not a <style> element.
        assertThat(script).contains("adoptedStyleSheets").doesNotContain("createElement('style')");
        // No address but the service's own (taken from the script's src): no third party is ever asked.
        assertThat(script.replace("http://www.w3.org", "")).doesNotContainPattern("https?://[a-z0-9.-]+\\.[a-z]{2,}");
    }
}
