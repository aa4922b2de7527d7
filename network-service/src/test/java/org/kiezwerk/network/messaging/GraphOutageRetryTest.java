package org.kiezwerk.network.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.kiezwerk.commons.messaging.OutageRetry;
import org.kiezwerk.commons.messaging.ServiceStopping;
import org.kiezwerk.network.config.GraphConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/** An outage outlasting {@code kiezwerk.graph.outage-retry} is still waited out; other failures are not retried. */
class GraphOutageRetryTest {

    private static GraphOutageRetry retryingFor(Duration outageRetry) {
        GraphOutageRetry retry = new GraphOutageRetry();
        retry.stopping = new ServiceStopping();
        retry.graph = (GraphConfig) Proxy.newProxyInstance(GraphConfig.class.getClassLoader(), new Class<?>[] {GraphConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("outageRetry")) {
                        return outageRetry;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return retry;
    }

    @Test
    void anOutageLongerThanTheRetryWindowIsWaitedOutNotThrown() {
        AtomicInteger calls = new AtomicInteger();
        // a 10 ms window, failing for 4 tries (each round of retries ends past the window): still written
        retryingFor(Duration.ofMillis(10)).untilGraphIsBack(() -> {
            if (calls.incrementAndGet() <= 4) {
                throw new ServiceUnavailableException("graph away");
            }
        });
        assertEquals(5, calls.get());
    }

    @Test
    void aFailureThatIsNoOutageIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(ClientException.class, () -> retryingFor(Duration.ofMinutes(2)).untilGraphIsBack(() -> {
            calls.incrementAndGet();
            throw new ClientException("bad statement");
        }));
        assertEquals(1, calls.get(), "not retried");
    }

    @Test
    void stoppingWhileWaitingEndsTheWaitWithoutAFailureOfTheMessage() throws Exception {
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread projection = projection(retryingFor(Duration.ofMillis(10)), () -> {
            throw new ServiceUnavailableException("graph away");
        }, ended);
        Thread.sleep(300);
        projection.interrupt();
        Throwable thrown = ended.get(10, TimeUnit.SECONDS);
        assertTrue(thrown instanceof OutageRetry.Stopped, "stopped, not failed: " + thrown);
    }

    /**
     * As the service stops, Quarkus closes the Neo4j driver under a projection that waits for the graph, without
     * interrupting it: the next try fails with an error that is no outage. That must end the wait as a stop (the
     * messages are read again after the restart), not fail the message into the dead-letter topic.
     */
    @Test
    void aFailureOnceTheServiceStopsIsTheStopNotTheMessages() throws Exception {
        GraphOutageRetry retry = retryingFor(Duration.ofMillis(10));
        java.util.concurrent.atomic.AtomicBoolean driverClosed = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        projection(retry, () -> {
            if (driverClosed.get()) {
                throw new IllegalStateException("This driver instance has already been closed");
            }
            throw new ServiceUnavailableException("graph away");
        }, ended);
        Thread.sleep(300);
        retry.stopping.begin();
        driverClosed.set(true);
        Throwable thrown = ended.get(10, TimeUnit.SECONDS);
        assertTrue(thrown instanceof OutageRetry.Stopped, "stopped, not failed: " + thrown);

        // while the service runs, the same failure is the message's
        assertThrows(IllegalStateException.class, () -> retryingFor(Duration.ofMillis(10)).untilGraphIsBack(() -> {
            throw new IllegalStateException("This driver instance has already been closed");
        }));
    }

    /** A projection's thread waiting with this write; {@code ended} gets what ended the wait (null: written). */
    private static Thread projection(GraphOutageRetry retry, Runnable write, CompletableFuture<Throwable> ended) {
        Thread projection = new Thread(() -> {
            try {
                retry.untilGraphIsBack(write);
                ended.complete(null);
            } catch (Throwable t) {
                ended.complete(t);
            }
        });
        projection.start();
        return projection;
    }
}
