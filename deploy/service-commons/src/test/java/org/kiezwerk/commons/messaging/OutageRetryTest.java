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

    @Test
    void withoutEndAnOutageLongerThanTheLogIntervalIsStillWaitedOut() {
        AtomicInteger attempts = new AtomicInteger();
        // a log interval of zero: every failed try ends a round, and the waiting goes on
        String written = OutageRetry.untilBackOrStopped("store", Duration.ZERO, e -> e instanceof Away, () -> false, () -> {
            if (attempts.incrementAndGet() < 4) {
                throw new Away();
            }
            return "written";
        });
        assertEquals("written", written);
        assertEquals(4, attempts.get());
        assertThrows(IllegalStateException.class, () -> OutageRetry.untilBackOrStopped("store", Duration.ZERO, e -> e instanceof Away,
                () -> false, () -> {
                    throw new IllegalStateException("unreadable");
                }));
    }

    /** A stopping service closes its connections under a waiting write: what fails then is the stop, not the message. */
    @Test
    void onceStoppingEveryFailureIsTheStop() {
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger attempts = new AtomicInteger();
        OutageRetry.Stopped stopped = assertThrows(OutageRetry.Stopped.class, () -> OutageRetry.untilBackOrStopped("store",
                Duration.ZERO, e -> e instanceof Away, stopping::get, () -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new Away();
                    }
                    stopping.set(true); // the service stops, and the pool is closed under the write
                    throw new IllegalStateException("pool closed");
                }));
        assertInstanceOf(IllegalStateException.class, stopped.getCause());
        assertEquals(3, attempts.get());
    }
}
