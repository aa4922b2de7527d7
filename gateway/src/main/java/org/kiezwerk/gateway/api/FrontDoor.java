package org.kiezwerk.gateway.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.kiezwerk.gateway.config.GatewayConfig;

/**
 * What a request must get past before it may hold a connection to a service: a cap on the requests
 * one client has in flight at once, and its body arriving in time. Small bodies are read whole
 * before anything is forwarded, so that a caller who sends one byte a second holds no upstream
 * connection; larger ones (imports) are streamed but must keep a minimum pace. A caller who dawdles
 * gets 408, one who opens too many requests at once 429 — both problem+json, and neither costs
 * anybody else their connection.
 */
@ApplicationScoped
public class FrontDoor {

    /** The slowest pace a streamed body may keep (bytes per second) beyond the body timeout. */
    static final long MIN_STREAM_RATE = 64 * 1024;

    private final Vertx vertx;
    private final GatewayConfig config;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    /** Bodies read whole, handed to the proxy for its request to the service. */
    private final Map<HttpServerRequest, Buffer> bodies = new ConcurrentHashMap<>();

    FrontDoor(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** The requests one client (its API key or token, else its address) may have in flight at once. */
    void admit(RoutingContext context) {
        String client = client(context.request());
        AtomicInteger count = inFlight.computeIfAbsent(client, c -> new AtomicInteger());
        if (count.incrementAndGet() > config.clientConcurrency()) {
            release(client);
            GatewayProblems.send(context, 429, GatewayProblems.tooManyAtOnce(context.request().path(), config.clientConcurrency()),
                    "Retry-After", "1");
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        context.addEndHandler(ignored -> {
            if (released.compareAndSet(false, true)) {
                release(client);
            }
        });
        context.next();
    }

    /** Reads a small body whole (within the body timeout) before the request goes on; streams a large one at a minimum pace. */
    void readBody(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!hasBody(request)) {
            context.next();
            return;
        }
        long declared = contentLength(request);
        if (declared > config.bufferLimit()) {
            long deadline = config.bodyTimeout().toMillis() + declared * 1000 / MIN_STREAM_RATE;
            long timer = vertx.setTimer(deadline, id -> tooSlow(context));
            context.addEndHandler(ignored -> vertx.cancelTimer(timer));
            context.next();
            return;
        }
        long timer = vertx.setTimer(config.bodyTimeout().toMillis(), id -> tooSlow(context));
        // the router paused the request; reading it whole resumes it
        request.body().onComplete(read -> {
            vertx.cancelTimer(timer);
            if (context.response().ended() || context.response().closed()) {
                return;
            }
            if (read.failed()) {
                // the caller went away or sent something the server could not read
                context.request().connection().close();
                return;
            }
            bodies.put(request, read.result());
            context.addEndHandler(ignored -> bodies.remove(request));
            context.next();
        });
        request.resume();
    }

    /** The body read for this request, if it was read whole; the proxy sends it on. */
    Buffer takeBody(HttpServerRequest request) {
        return bodies.remove(request);
    }

    /** Whether the request's body is streamed to the service: declared larger than what is read whole. */
    static boolean streamed(HttpServerRequest request, long bufferLimit) {
        return contentLength(request) > bufferLimit;
    }

    int inFlight(String client) {
        AtomicInteger count = inFlight.get(client);
        return count == null ? 0 : count.get();
    }

    static String client(HttpServerRequest request) {
        String apiKey = request.getHeader("X-API-Key");
        if (apiKey != null && !apiKey.isBlank()) {
            return "key:" + apiKey;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            return "token:" + authorization.hashCode();
        }
        return "address:" + (request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
    }

    private void release(String client) {
        inFlight.computeIfPresent(client, (c, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private void tooSlow(RoutingContext context) {
        if (!context.response().headWritten() && !context.response().closed()) {
            GatewayProblems.send(context, 408, GatewayProblems.bodyTooSlow(context.request().path(), config.bodyTimeout()),
                    "Connection", "close");
        }
        context.request().connection().close();
    }

    private static boolean hasBody(HttpServerRequest request) {
        if (request.isEnded()) {
            return false;
        }
        String length = request.getHeader("Content-Length");
        if (length != null) {
            return contentLength(request) > 0;
        }
        return request.getHeader("Transfer-Encoding") != null
                || request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT || request.method() == HttpMethod.PATCH;
    }

    private static long contentLength(HttpServerRequest request) {
        try {
            String length = request.getHeader("Content-Length");
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
