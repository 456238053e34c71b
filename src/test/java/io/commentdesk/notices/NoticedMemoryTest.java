package io.commentdesk.notices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Trusted memory, and what is still known for when the database cannot be asked. */
class NoticedMemoryTest {

    @Test
    void keepsTheLastKnownValueAcrossGapsInListeningButTrustsItOnlyWhileListening() {
        NoticedMemory<String, Long> memory = new NoticedMemory<>(10, false, true);
        memory.listening();
        memory.learn(memory.mark(), "a", 3L, Math::max);
        assertThat(memory.known("a")).isEqualTo(3L);

        memory.deaf(); // the database restarts
        assertThat(memory.known("a")).isNull();
        assertThat(memory.lastKnown("a")).isEqualTo(3L);

        memory.listening(); // back, but changes may have been missed meanwhile
        assertThat(memory.known("a")).isNull();
        assertThat(memory.lastKnown("a")).isEqualTo(3L);

        memory.changed("a", 4L, Math::max);
        assertThat(memory.known("a")).isEqualTo(4L);
        assertThat(memory.lastKnown("a")).isEqualTo(4L);
        memory.changed("a", null, Math::max);
        assertThat(memory.lastKnown("a")).isNull();
    }

    @Test
    void learnsNothingWhileDeaf() {
        NoticedMemory<String, Long> memory = new NoticedMemory<>(10, false, true);
        memory.learn(memory.mark(), "a", 3L, Math::max);
        assertThat(memory.lastKnown("a")).isNull();
    }
}
