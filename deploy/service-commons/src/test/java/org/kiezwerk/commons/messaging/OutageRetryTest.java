package org.kiezwerk.commons.messaging;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutageRetryTest {

    static class Away extends RuntimeException {
    }

    @Test
    void anOutageIsWaitedOutAndTheWriteHappensOnce() {
        AtomicInteger attempts = new AtomicInteger();
        String written = OutageRetry.untilBack("store", Duration.ofSeconds(5), e -> e instanceof Away, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new Away();
            }
            return "written";
        });
        assertEquals("written", written);
        assertEquals(3, attempts.get());
    }

    @Test
    void anyOtherFailureStandsAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> OutageRetry.untilBack("store", Duration.ofSeconds(5), e -> e instanceof Away, () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("unreadable");
        }));
        assertEquals(1, attempts.get());
    }

    @Test
    void anOutageLongerThanTheLimitStands() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(Away.class, () -> OutageRetry.untilBack("store", Duration.ZERO, e -> e instanceof Away, () -> {
            attempts.incrementAndGet();
            throw new Away();
        }));
        assertTrue(attempts.get() <= 2, "attempts: " + attempts.get());
    }
}
