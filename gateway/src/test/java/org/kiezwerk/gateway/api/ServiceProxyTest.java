package org.kiezwerk.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which requests the proxy may send twice, and how long it waits for an answer. */
class ServiceProxyTest {

    @Test
    void idempotentMethodsAndWritesWithAnIdempotencyKeyMayBeSentTwiceUnlessTheirBodyIsStreamed() {
        for (String method : new String[] {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}) {
            assertTrue(ServiceProxy.repeatable(method, false, false), method);
        }
        assertFalse(ServiceProxy.repeatable("POST", false, false));
        assertFalse(ServiceProxy.repeatable("PATCH", false, false));
        assertTrue(ServiceProxy.repeatable("POST", true, false));
        assertFalse(ServiceProxy.repeatable("POST", true, true));
        assertFalse(ServiceProxy.repeatable("PUT", false, true));
    }

    @Test
    void theLongestMatchingRouteTimeoutElseTheGeneralOne() {
        Map<String, Duration> routes = Map.of("/api/v1/events", Duration.ofSeconds(5),
                "/api/v1/events/calendar.ics", Duration.ofSeconds(30));
        Duration general = Duration.ofSeconds(10);
        assertEquals(Duration.ofSeconds(30), ServiceProxy.timeoutFor(general, routes, "/api/v1/events/calendar.ics"));
        assertEquals(Duration.ofSeconds(5), ServiceProxy.timeoutFor(general, routes, "/api/v1/events/1"));
        assertEquals(general, ServiceProxy.timeoutFor(general, routes, "/api/v1/partners"));
    }
}
