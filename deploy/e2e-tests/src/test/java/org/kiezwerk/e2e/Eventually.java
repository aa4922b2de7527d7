package org.kiezwerk.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The end-to-end tests' one way to wait for the system to catch up (a projection, a delivery, an
 * import): Awaitility polls, and a timeout fails with the last answer seen, which is what one needs
 * to tell "slow" from "wrong".
 */
final class Eventually {

    static final Duration POLL = Duration.ofMillis(250);

    /** Repeats {@code request} until {@code done} holds for its answer, and returns that answer. */
    static Response answer(String what, Duration within, Callable<Response> request, Predicate<Response> done) {
        return value(what, within, request, done, answer -> answer.statusCode() + " " + answer.asString());
    }

    /** Repeats {@code read} until {@code done} holds for its value, and returns that value. */
    static <T> T value(String what, Duration within, Callable<T> read, Predicate<T> done) {
        return value(what, within, read, done, String::valueOf);
    }

    private static <T> T value(String what, Duration within, Callable<T> read, Predicate<T> done,
            java.util.function.Function<T, String> describe) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            return Awaitility.await(what).atMost(within).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> {
                        T value = read.call();
                        last.set(value);
                        return value;
                    }, done::test);
        } catch (ConditionTimeoutException e) {
            T value = last.get();
            return fail(what + ": not within " + within + (value == null ? "" : "; last seen: " + describe.apply(value)));
        }
    }

    /** Waits until {@code condition} holds. */
    static void until(String what, Duration within, Callable<Boolean> condition) {
        value(what, within, condition, Boolean.TRUE::equals);
    }

    /**
     * Checks that {@code condition} holds all the time for {@code during}: what must not happen, does not.
     * The margin past {@code during} leaves room for a slow answer: with Neo4j down, network-service's
     * reads take 1-3 s to give up (the driver's one second of retries, with its back-off), and at least
     * three answers must come in for the condition to have held for the whole time.
     */
    static void throughout(String what, Duration during, Callable<Boolean> condition) {
        Awaitility.await(what).during(during).atMost(during.plusSeconds(15)).pollInterval(POLL).until(condition);
    }

    private Eventually() {
    }
}
