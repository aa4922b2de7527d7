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
import org.kiezwerk.network.config.GraphConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/** An outage outlasting {@code kiezwerk.graph.outage-retry} is still waited out; other failures are not retried. */
class GraphOutageRetryTest {

    private static GraphOutageRetry retryingFor(Duration outageRetry) {
        GraphOutageRetry retry = new GraphOutageRetry();
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
        Thread projection = new Thread(() -> {
            try {
                retryingFor(Duration.ofMillis(10)).untilGraphIsBack(() -> {
                    throw new ServiceUnavailableException("graph away");
                });
                ended.complete(null);
            } catch (Throwable t) {
                ended.complete(t);
            }
        });
        projection.start();
        Thread.sleep(300);
        projection.interrupt();
        Throwable thrown = ended.get(10, TimeUnit.SECONDS);
        assertTrue(thrown instanceof ProjectionStopped, "stopped, not failed: " + thrown);
    }
}
