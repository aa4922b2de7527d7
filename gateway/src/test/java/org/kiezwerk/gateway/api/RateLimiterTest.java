package org.kiezwerk.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The token bucket's decisions, on a clock the test moves. */
class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstUpToTheCapacityThenTheWaitForTheNextToken() {
        RateLimiter limiter = new RateLimiter(3, 0.5);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.take("address:10.0.0.1", 0));
        }
        // one token every two seconds
        assertEquals(2, limiter.take("address:10.0.0.1", 0));
        assertEquals(1, limiter.take("address:10.0.0.1", SECOND));
        assertEquals(0, limiter.take("address:10.0.0.1", 2 * SECOND));
    }

    @Test
    void eachClientHasItsOwnBucketAndAnIdleOneRefillsOnlyToTheCapacity() {
        RateLimiter limiter = new RateLimiter(1, 1);
        assertEquals(0, limiter.take("key:a", 0));
        assertEquals(1, limiter.take("key:a", 0));
        assertEquals(0, limiter.take("key:b", 0));
        assertEquals(0, limiter.take("key:a", 3600 * SECOND));
        assertEquals(1, limiter.take("key:a", 3600 * SECOND));
    }

    @Test
    void aClientIsItsApiKeyElseItsAddress() {
        assertEquals("key:k1", RateLimiter.client("k1", "10.0.0.1"));
        assertEquals("address:10.0.0.1", RateLimiter.client(" ", "10.0.0.1"));
        assertEquals("address:10.0.0.1", RateLimiter.client(null, "10.0.0.1"));
        assertEquals("address:unknown", RateLimiter.client(null, null));
    }

    @Test
    void theBucketsStayBounded() {
        RateLimiter limiter = new RateLimiter(1, 1);
        for (int i = 0; i < RateLimiter.MAX_CLIENTS + 10; i++) {
            limiter.take("address:" + i, 0);
        }
        assertEquals(RateLimiter.MAX_CLIENTS, limiter.clients());
    }
}
