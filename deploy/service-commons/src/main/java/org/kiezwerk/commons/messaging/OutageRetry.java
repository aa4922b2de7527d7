package org.kiezwerk.commons.messaging;

import java.time.Duration;
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

    private OutageRetry() {
    }
}
