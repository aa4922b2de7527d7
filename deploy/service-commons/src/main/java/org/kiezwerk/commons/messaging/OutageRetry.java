package org.kiezwerk.commons.messaging;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A consumer's write while its store restarts: a readable message must not end up in the
 * dead-letter topic because the database or the graph is briefly away. The write is retried with a
 * growing pause (200 ms up to 5 s), the partition waiting and so keeping its order, for as long as
 * the failure is one the caller calls an outage and at most {@code within}; then the failure stands.
 */
public final class OutageRetry {

    private static final Logger LOG = Logger.getLogger(OutageRetry.class);

    public static <T> T untilBack(String store, Duration within, Predicate<RuntimeException> outage, Supplier<T> write) {
        long deadline = System.nanoTime() + within.toNanos();
        long pauseMillis = 200;
        while (true) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (!outage.test(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warnf("%s not available (%s); retrying in %d ms", store, e.getMessage(), pauseMillis);
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(pauseMillis * 2, 5_000);
            }
        }
    }

    /** The consumer's service began to stop while a write waited for its store: the message is neither done nor failed. */
    public static final class Stopped extends RuntimeException {

        public Stopped(Throwable cause) {
            super("stopped while waiting for the store", cause);
        }
    }

    /**
     * {@link #untilBack} without end: an outage is never a message's fault, so the partition waits as long as the
     * store is away, an error logged every {@code logEvery}. Other failures are thrown at once, except once the
     * service is {@code stopping} (or the thread is interrupted): then every failure is the stop ({@link Stopped}),
     * since a service that stops closes its connections under a waiting write without interrupting it, and the
     * failure that follows is not the message's. The caller leaves such a message unacknowledged, to be read again.
     */
    public static <T> T untilBackOrStopped(String store, Duration logEvery, Predicate<RuntimeException> outage,
            BooleanSupplier stopping, Supplier<T> write) {
        while (true) {
            try {
                return untilBack(store, logEvery, outage, write);
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    throw new Stopped(e);
                }
                if (!outage.test(e)) {
                    throw e;
                }
                LOG.errorf("%s still not available after %s (%s); the consumer keeps waiting", store, logEvery, e.getMessage());
            }
        }
    }

    private OutageRetry() {
    }
}
