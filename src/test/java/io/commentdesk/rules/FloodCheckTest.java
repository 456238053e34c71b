package io.commentdesk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FloodCheckTest {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final Duration FIFTEEN = Duration.ofSeconds(15);

    @Test
    void allowsTheNextCommentExactlyAtTheIntervalAndNotAMillisecondBefore() {
        assertThat(FloodCheck.floodWait(NOW.minus(FIFTEEN), NOW, FIFTEEN)).isEmpty();
        assertThat(FloodCheck.floodWait(NOW.minus(FIFTEEN).plusMillis(1), NOW, FIFTEEN)).contains(Duration.ofMillis(1));
        assertThat(FloodCheck.floodWait(null, NOW, FIFTEEN)).isEmpty();
    }

    @Test
    void allowsMaxCommentsPerWindowAndRefusesOneMore() {
        Duration window = Duration.ofMinutes(10);
        Instant oldest = NOW.minus(Duration.ofMinutes(4));
        assertThat(FloodCheck.rateWait(19, oldest, NOW, 20, window)).isEmpty();
        assertThat(FloodCheck.rateWait(20, oldest, NOW, 20, window)).contains(Duration.ofMinutes(6));
    }

    @Test
    void roundsRetryAfterUpToWholeSecondsAndNeverToZero() {
        assertThat(FloodCheck.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(FloodCheck.retryAfterSeconds(Duration.ofMillis(14_001))).isEqualTo(15);
        assertThat(FloodCheck.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
    }
}
