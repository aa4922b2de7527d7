package org.kiezwerk.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What a failed exchange with a service means for the caller and for the service's circuit breaker. */
class UpstreamFailuresTest {

    @Test
    void theStatusTheCallerGets() {
        assertEquals(503, UpstreamFailures.statusFor(new ConnectException("Connection refused")));
        assertEquals(503, UpstreamFailures.statusFor(new RuntimeException(new HttpClosedException("closed"))));
        assertEquals(503, UpstreamFailures.statusFor(new IOException("Connection reset by peer")));
        assertEquals(503, UpstreamFailures.statusFor(OpenCircuitException.INSTANCE));
        assertEquals(504, UpstreamFailures.statusFor(new ConnectTimeoutException("connect timed out")));
        assertEquals(504, UpstreamFailures.statusFor(new TimeoutException("idle")));
        assertEquals(502, UpstreamFailures.statusFor(new IllegalStateException("garbage")));
    }

    @Test
    void aFullQueueIsOverloadNotAFailure() {
        assertTrue(UpstreamFailures.overload(new ConnectionPoolTooBusyException("queue full")));
        assertTrue(UpstreamFailures.overload(new TimeoutException("The timeout of 1500 ms has been exceeded when getting a connection to x")));
        assertFalse(UpstreamFailures.overload(new TimeoutException("idle")));
        assertFalse(UpstreamFailures.overload(new ConnectException("refused")));
    }

    @Test
    void onlyARefusedConnectionIsAskedForOnceMore() {
        assertTrue(UpstreamFailures.connectionRefused(new ConnectException("refused")));
        assertFalse(UpstreamFailures.connectionRefused(new ConnectionPoolTooBusyException("queue full")));
        assertFalse(UpstreamFailures.connectionRefused(new ConnectTimeoutException("slow")));
        assertFalse(UpstreamFailures.connectionRefused(new IllegalStateException("garbage")));
    }

    @Test
    void aCallerWhoHangsUpNeverCountsAgainstTheService() {
        assertFalse(UpstreamFailures.countsAgainstService(new StreamResetException(8), false));
        assertFalse(UpstreamFailures.countsAgainstService(new RuntimeException(new StreamResetException(8)), false));
        // whatever the exchange ended with, if the caller's connection is closed the caller left
        assertFalse(UpstreamFailures.countsAgainstService(new ConnectException("refused"), true));
        assertFalse(UpstreamFailures.countsAgainstService(new TimeoutException("idle"), true));
        assertTrue(UpstreamFailures.callerGone(new StreamResetException(8), false));
        assertFalse(UpstreamFailures.callerGone(new ConnectException("refused"), false));
    }

    @Test
    void theExcessTheGatewaySheds() {
        assertFalse(UpstreamFailures.countsAgainstService(new ConnectionPoolTooBusyException("queue full"), false));
    }

    @Test
    void theServicesOwnFailuresCount() {
        assertTrue(UpstreamFailures.countsAgainstService(new ConnectException("refused"), false));
        assertTrue(UpstreamFailures.countsAgainstService(new ConnectTimeoutException("slow"), false));
        assertTrue(UpstreamFailures.countsAgainstService(new TimeoutException("idle"), false));
        assertTrue(UpstreamFailures.countsAgainstService(new HttpClosedException("closed"), false));
    }

    @Test
    void aConnectionClosedOrResetBeforeTheAnswer() {
        assertTrue(UpstreamFailures.closedBeforeAnswer(new HttpClosedException("closed")));
        assertTrue(UpstreamFailures.closedBeforeAnswer(new RuntimeException(new StreamResetException(8))));
        assertFalse(UpstreamFailures.closedBeforeAnswer(new ConnectException("refused")));
    }
}
