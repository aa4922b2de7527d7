package org.kiezwerk.gateway.api;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * What a failed exchange with a service means: the status the caller gets, whether it is sent once
 * more, and whether it counts against the service (its circuit breaker). Pure, so that it is tested
 * without a network.
 */
final class UpstreamFailures {

    private UpstreamFailures() {
    }

    /** 503 when the service refuses connections or drops one (down, restarting), 504 when it is too slow, 502 otherwise. */
    static int statusFor(Throwable failure) {
        if (failure instanceof OpenCircuitException) {
            return 503;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectTimeoutException || cause instanceof TimeoutException) {
                return 504;
            }
            // refused, or gone in the middle of the exchange (a service that crashed or is restarting):
            // unavailable, try again (a retried write is safe with Idempotency-Key or If-Match)
            if (cause instanceof ConnectException || cause instanceof HttpClosedException
                    || cause instanceof IOException && String.valueOf(cause.getMessage()).contains("reset")) {
                return 503;
            }
        }
        return 502;
    }

    /** The service cannot take more just now (the gateway's queue for it is full): shed, not its failure. */
    static boolean overload(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionPoolTooBusyException) {
                return true;
            }
            // waited in the queue for a pooled connection until the acquisition deadline: every
            // connection is busy with the service's earlier answers (a hung connect fails sooner, as
            // a ConnectTimeoutException, and counts against the service)
            if (cause instanceof TimeoutException && String.valueOf(cause.getMessage()).contains("when getting a connection")) {
                return true;
            }
        }
        return false;
    }

    /** A connection that could not be had sent nothing: an idempotent request may ask for one once more. */
    static boolean connectionRefused(Throwable failure) {
        return statusFor(failure) == 503 && !overload(failure);
    }

    /** The connection to the service ended before its answer: closed, or reset by the proxy. */
    static boolean closedBeforeAnswer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpClosedException || cause instanceof StreamResetException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the caller closed its connection before the answer (a cancelled type-ahead search, say).
     * The proxy then resets its request to the service at once, before the closed flag may be set; over
     * HTTP/1.1 only the gateway's own reset ends a request that way, so a reset means the caller left.
     */
    static boolean callerGone(Throwable failure, boolean callerConnectionClosed) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamResetException) {
                return true;
            }
        }
        return callerConnectionClosed;
    }

    /** Only the service's own failures count against it: not a caller who hung up, not the excess the gateway sheds. */
    static boolean countsAgainstService(Throwable failure, boolean callerConnectionClosed) {
        return !callerGone(failure, callerConnectionClosed) && !overload(failure);
    }
}
