package org.kiezwerk.gateway.api;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.kiezwerk.gateway.config.GatewayConfig;
import org.kiezwerk.gateway.domain.AccessDenied;
import org.kiezwerk.gateway.domain.Caller;
import org.kiezwerk.gateway.repository.ApiKeyStore;
import org.kiezwerk.gateway.service.AccessPolicy;
import org.kiezwerk.gateway.service.Callers;
import org.kiezwerk.gateway.service.IdentityTokens;

/**
 * Forwards each API prefix to the service that owns it, streaming bodies both ways (Vert.x's
 * reverse proxy). When a service is down or too slow, the caller gets a problem+json that names it.
 */
@ApplicationScoped
public class ServiceRoutes {

    static final String REQUEST_ID = "X-Request-Id";
    private static final Logger LOG = Logger.getLogger(ServiceRoutes.class);

    void routes(@Observes Router router, Vertx vertx, GatewayConfig config, Callers callers, IdentityTokens identities) {
        ServiceRoutes.vertx = vertx;
        ServiceRoutes.callers = callers;
        ServiceRoutes.identities = identities;
        limiter = new RateLimiter(config.rateLimitCapacity(), config.rateLimitRefillPerSecond());
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.poolSize())
                // beyond the queue the excess is shed at once (503 + Retry-After), never everybody
                .setMaxWaitQueueSize(config.poolWaitQueue());
        // Requests that may be sent twice (reads, PUT, DELETE, writes with an Idempotency-Key, with a body
        // the gateway holds) use pooled keep-alive connections. A pooled connection can be closed by the
        // service just as it is handed out; such a request is then sent once more (see send). Other
        // writes get a connection of their own, where that race cannot happen.
        HttpClients clients = new HttpClients(
                vertx.createHttpClient(new HttpClientOptions(options).setKeepAlive(true).setPipelining(false)
                        .setKeepAliveTimeout((int) Math.max(1, config.poolKeepAlive().toSeconds()))),
                vertx.createHttpClient(new HttpClientOptions(options).setKeepAlive(false)));
        FrontDoor door = new FrontDoor(vertx, config);
        // before anything else: a request line or headers beyond the limits get a problem, not bare text
        router.route().order(Integer.MIN_VALUE).handler(ServiceRoutes::refuseOversizedHead);
        forward(router, clients, config, door, "partner-service", config.partnerServiceUrl(), PARTNER_SERVICE_PREFIXES);
        forward(router, clients, config, door, "event-service", config.eventServiceUrl(), List.of("/api/v1/events"));
        forward(router, clients, config, door, "network-service", config.networkServiceUrl(),
                List.of("/api/v1/network", "/api/v1/analytics"));
        // anything else under /api is no resource of ours
        router.route("/api/*").order(Integer.MAX_VALUE - 1).handler(ServiceRoutes::notFound);
    }

    /** The request line and the headers the gateway takes (below what Netty accepts, so that the answer is ours). */
    static final int MAX_REQUEST_TARGET = 4000;
    static final int MAX_HEADERS = 16 * 1024;

    static void refuseOversizedHead(io.vertx.ext.web.RoutingContext context) {
        io.vertx.core.http.HttpServerRequest request = context.request();
        int status = 0;
        if (request.uri().length() > MAX_REQUEST_TARGET) {
            status = 414;
        } else {
            long size = 0;
            for (java.util.Map.Entry<String, String> header : request.headers()) {
                size += header.getKey().length() + header.getValue().length() + 4;
            }
            if (size > MAX_HEADERS) {
                status = 431;
            }
        }
        if (status == 0) {
            context.next();
            return;
        }
        String path = request.path() == null || request.path().length() > 200 ? "/" : request.path();
        context.response().setStatusCode(status).putHeader("content-type", GatewayProblems.MEDIA_TYPE)
                .putHeader("connection", "close").end(GatewayProblems.headTooLarge(status, path));
    }

    /** The directory: partners and everything they are described by, and its Open Referral (HSDS) view. */
    static final List<String> PARTNER_SERVICE_PREFIXES = List.of("/api/v1/partners", "/api/v1/neighbourhoods",
            "/api/v1/taxonomies", "/api/v1/offers", "/api/v1/resources", "/hsds");

    /** Keep-alive connections for requests that may be sent twice, a connection each for the others. */
    record HttpClients(HttpClient pooled, HttpClient fresh) {
    }

    /**
     * Whether the gateway may send the request a second time: its method says so (RFC 9110 idempotent)
     * or it carries an Idempotency-Key (the service answers a repeat with the first answer), and its
     * body, if any, is held by the gateway (a streamed body cannot be sent again).
     */
    static boolean repeatable(io.vertx.core.http.HttpServerRequest request, long bufferLimit) {
        return (IDEMPOTENT.contains(request.method().name()) || request.headers().contains("Idempotency-Key"))
                && !FrontDoor.streamed(request, bufferLimit);
    }

    /**
     * Sends the request; a repeatable one once more if its pooled connection was closed before any
     * answer came (the service closed it as the gateway took it; the request may not have arrived).
     */
    static Future<ProxyResponse> send(ProxyContext context, boolean repeatable) {
        Future<ProxyResponse> first = context.sendRequest();
        if (!repeatable) {
            return first;
        }
        return first.recover(failure -> {
            if (!closedBeforeAnswer(failure)) {
                return Future.failedFuture(failure);
            }
            // The exchange also ends in a reset when the proxy could not finish writing the body to the
            // closed connection, not only when the caller left; a caller who left has its connection
            // closed a moment later, and only a caller who is still there is served once more.
            return vertx.timer(CALLER_GONE_GRACE_MS).compose(ignored -> {
                if (context.request().proxiedRequest().response().closed()) {
                    return Future.failedFuture(failure);
                }
                LOG.debugf("%s %s: the pooled connection was closed before an answer; sending once more",
                        context.request().getMethod(), context.request().getURI());
                return context.sendRequest();
            });
        });
    }

    private static final long CALLER_GONE_GRACE_MS = 5;

    /** The connection to the service ended before its answer: closed, or reset by the proxy. */
    static boolean closedBeforeAnswer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.core.http.HttpClosedException || cause instanceof io.vertx.core.http.StreamResetException) {
                return true;
            }
        }
        return false;
    }

    private static void forward(Router router, HttpClients clients, GatewayConfig config, FrontDoor door, String service,
            URI origin, List<String> prefixes) {
        SocketAddress address = SocketAddress.inetSocketAddress(origin.getPort(), origin.getHost());
        HttpProxy proxy = HttpProxy.reverseProxy(clients.pooled())
                .originRequestProvider((request, proxyClient) -> {
                    HttpClient httpClient = repeatable(request, config.bufferLimit()) ? clients.pooled() : clients.fresh();
                    RequestOptions options = new RequestOptions()
                            .setServer(address)
                            // the wait for a pooled connection, queue included; longer than a TCP
                            // connect may take, so that a service that does not accept fails first
                            .setConnectTimeout(config.connectTimeout().toMillis() * 3 / 2)
                            .setIdleTimeout(timeoutFor(config, request.path()).toMillis());
                    if (FrontDoor.streamed(request, config.bufferLimit())) {
                        // a large body goes through as it arrives; if the caller stops halfway the exchange is
                        // reset, and a connection that ended so must never serve the next request
                        options.putHeader("Connection", "close");
                    }
                    Future<io.vertx.core.http.HttpClientRequest> attempt = httpClient.request(options);
                    if (!IDEMPOTENT.contains(request.method().name())) {
                        return attempt;
                    }
                    // a refused connection sent nothing: an idempotent request gets one more try (a service restarting)
                    return attempt.recover(failure -> GatewayProblems.statusFor(failure) != 503 || GatewayProblems.overload(failure)
                            ? Future.failedFuture(failure)
                            : vertx.timer(RETRY_DELAY_MS).compose(ignored -> httpClient.request(options)));
                });
        // counts only a service that cannot be reached or does not answer; its own 4xx/5xx pass through
        CircuitBreaker breaker = CircuitBreaker.create(service, vertx, new CircuitBreakerOptions()
                .setMaxFailures(config.circuitBreakerFailures())
                .setTimeout(-1) // the proxy's own timeouts apply
                .setResetTimeout(config.circuitBreakerReset().toMillis()));
        breaker.openHandler(ignored -> LOG.warnf("%s: circuit open after %d failures in a row; answering 503 for %s",
                service, config.circuitBreakerFailures(), config.circuitBreakerReset()));
        breaker.closeHandler(ignored -> LOG.infof("%s: circuit closed again", service));
        proxy.addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                Buffer read = door.takeBody(context.request().proxiedRequest());
                boolean repeatable = repeatable(context.request().proxiedRequest(), config.bufferLimit());
                if (read != null) {
                    context.request().setBody(Body.body(read));
                } else if (repeatable) {
                    // no body at all (a streamed one is never repeatable): none to send, so that a second
                    // attempt does not wait for the caller's request stream, which has ended already
                    context.request().setBody(null);
                }
                // only the service's own failures count against it: not a caller who hung up, not the
                // excess the gateway sheds when the service's queue is full
                Future<ProxyResponse> sent = breaker.<ProxyResponse>execute(attempt -> send(context, repeatable).onComplete(result -> {
                    if (result.failed() && (callerGone(context, result.cause()) || GatewayProblems.overload(result.cause()))) {
                        context.set(NOT_COUNTED, result.cause());
                        attempt.complete(null);
                    } else {
                        attempt.handle(result);
                    }
                })).compose(response -> response != null ? Future.succeededFuture(response)
                        : Future.failedFuture(context.get(NOT_COUNTED, Throwable.class)));
                return sent.recover(failure -> {
                    String path = context.request().getURI();
                    if (callerGone(context, failure)) {
                        // 499, as nginx logs it: the caller closed the connection before the answer
                        LOG.debugf("%s %s -> %s abandoned by the caller", context.request().getMethod(), path, service);
                        return Future.succeededFuture(context.request().release().response().setStatusCode(499)
                                .setBody(Body.body(Buffer.buffer())));
                    }
                    if (GatewayProblems.overload(failure)) {
                        ProxyResponse shed = context.request().release().response().setStatusCode(503)
                                .putHeader("content-type", GatewayProblems.MEDIA_TYPE).putHeader("Retry-After", "1")
                                .setBody(Body.body(Buffer.buffer(GatewayProblems.overloaded(service, path))));
                        String requestId = context.request().headers().get(REQUEST_ID);
                        if (requestId != null) {
                            shed.putHeader(REQUEST_ID, requestId);
                        }
                        return Future.succeededFuture(shed);
                    }
                    int status = GatewayProblems.statusFor(failure);
                    LOG.warnf("%s %s -> %s failed (%d): %s", context.request().getMethod(), path, service, status, failure);
                    String requestId = context.request().headers().get(REQUEST_ID);
                    boolean paused = failure instanceof io.vertx.circuitbreaker.OpenCircuitException;
                    ProxyResponse response = context.request().release().response()
                            .setStatusCode(status)
                            .putHeader("content-type", GatewayProblems.MEDIA_TYPE)
                            .setBody(Body.body(Buffer.buffer(paused ? GatewayProblems.upstreamPaused(service, path)
                                    : GatewayProblems.upstreamFailure(service, status, path))));
                    if (paused) {
                        response.putHeader("Retry-After", Long.toString(Math.max(1, config.circuitBreakerReset().toSeconds())));
                    } else if (status == 503) {
                        response.putHeader("Retry-After", "1");
                    }
                    if (requestId != null) {
                        response.putHeader(REQUEST_ID, requestId);
                    }
                    return Future.succeededFuture(response);
                });
            }
        });
        ProxyHandler handler = ProxyHandler.create(proxy);
        for (String prefix : prefixes) {
            for (String path : List.of(prefix, prefix + "/*")) {
                router.route(path).handler(ServiceRoutes::withRequestId).handler(ServiceRoutes::limit)
                        .handler(door::admit).handler(ServiceRoutes::authorize).handler(door::readBody).handler(handler);
            }
        }
    }

    private static final String NOT_COUNTED = "kiezwerk.not-counted";

    /**
     * Whether the caller closed its connection before the answer (a cancelled type-ahead search, say).
     * The proxy then resets its request to the service at once, before the closed flag may be set; over
     * HTTP/1.1 only the gateway's own reset ends a request that way, so a reset means the caller left.
     */
    static boolean callerGone(ProxyContext context, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.core.http.StreamResetException) {
                return true;
            }
        }
        return context.request().proxiedRequest().response().closed();
    }

    /** Requests that may be sent twice without doing twice what they ask. */
    static final java.util.Set<String> IDEMPOTENT = java.util.Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
    static final long RETRY_DELAY_MS = 250;

    private static RateLimiter limiter;
    private static Vertx vertx;

    /** The route's own timeout (longest matching prefix), else the general one. */
    static java.time.Duration timeoutFor(GatewayConfig config, String path) {
        String best = "";
        java.time.Duration timeout = config.responseTimeout();
        for (java.util.Map.Entry<String, java.time.Duration> route : config.routeTimeouts().entrySet()) {
            if (path.startsWith(route.getKey()) && route.getKey().length() > best.length()) {
                best = route.getKey();
                timeout = route.getValue();
            }
        }
        return timeout;
    }
    private static Callers callers;
    private static IdentityTokens identities;
    private static final Logger ACCESS = Logger.getLogger("kiezwerk.access");

    /**
     * Who is calling and may they: credentials are checked here, then replaced by the identity the
     * gateway signs for the services (the caller's own key or token never travels further).
     */
    private static void authorize(RoutingContext context) {
        io.vertx.core.MultiMap headers = context.request().headers();
        String apiKey = headers.get("X-API-Key");
        String authorization = headers.get("Authorization");
        if (callers.needsLookup(apiKey, authorization)) {
            // a key not read within the cache interval: the key store's database is asked on a worker
            // thread, never on the event loop (the request stays paused meanwhile)
            vertx.executeBlocking(() -> callers.identify(apiKey, authorization), false).onComplete(identified -> {
                if (context.response().ended() || context.response().closed()) {
                    return;
                }
                if (identified.succeeded()) {
                    admit(context, identified.result());
                } else {
                    refuse(context, identified.cause());
                }
            });
            return;
        }
        Caller caller;
        try {
            caller = callers.identify(apiKey, authorization);
        } catch (RuntimeException e) {
            refuse(context, e);
            return;
        }
        admit(context, caller);
    }

    /** A refusal for whatever identifying the caller failed with: 401/403, or 503 when the key store is unreachable. */
    private static void refuse(RoutingContext context, Throwable failure) {
        if (failure instanceof AccessDenied denied) {
            refuse(context, denied);
            return;
        }
        if (!(failure instanceof ApiKeyStore.Unavailable)) {
            context.fail(failure);
            return;
        }
        LOG.warnf("%s %s: cannot check the API key: %s", context.request().method(), context.request().path(), failure.getMessage());
        String requestId = context.request().getHeader(REQUEST_ID);
        context.response().setStatusCode(503)
                .putHeader("content-type", GatewayProblems.MEDIA_TYPE)
                .putHeader("Retry-After", "1")
                .putHeader(REQUEST_ID, requestId != null ? requestId : UUID.randomUUID().toString())
                .end(GatewayProblems.keyStoreUnavailable(context.request().path()));
    }

    /** The caller is known: may they do this? Then their credentials are replaced by the signed identity. */
    private static void admit(RoutingContext context, Caller caller) {
        io.vertx.core.MultiMap headers = context.request().headers();
        try {
            AccessPolicy.check(caller, context.request().method().name(), context.request().path());
        } catch (AccessDenied denied) {
            refuse(context, denied);
            return;
        }
        headers.remove("X-API-Key");
        headers.remove("Authorization");
        // the caller's trace context is already the parent of this request's span; the proxy would copy
        // it on and hide the gateway's own client span, which the tracer puts in its place
        headers.remove("traceparent");
        headers.remove("tracestate");
        identities.forCaller(caller).ifPresent(token -> headers.set("Authorization", "Bearer " + token));
        context.put("caller", caller.subject());
        context.next();
    }

    static void refuse(RoutingContext context, AccessDenied denied) {
        String requestId = context.request().getHeader(REQUEST_ID);
        HttpServerResponse response = context.response().setStatusCode(denied.status())
                .putHeader("content-type", GatewayProblems.MEDIA_TYPE)
                .putHeader(REQUEST_ID, requestId != null ? requestId : UUID.randomUUID().toString());
        if (denied.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"kiezwerk\"");
        }
        response.end(GatewayProblems.accessDenied(denied.status(), denied.getMessage(), context.request().path()));
    }

    private static void limit(RoutingContext context) {
        limiter.handle(context);
    }

    /** The services echo X-Request-Id; the gateway makes sure there is one to echo. */
    private static void withRequestId(RoutingContext context) {
        String given = context.request().getHeader(REQUEST_ID);
        if (given == null || given.length() > 200 || !given.matches("[\\x21-\\x7e]+")) {
            context.request().headers().set(REQUEST_ID, UUID.randomUUID().toString());
        }
        org.jboss.logging.MDC.put("requestId", context.request().getHeader(REQUEST_ID));
        // the request's span carries it too: an operator given a request id finds the trace by it
        io.opentelemetry.api.trace.Span.current().setAttribute("kiezwerk.request_id", context.request().getHeader(REQUEST_ID));
        context.addHeadersEndHandler(ignored -> securityHeaders(context.response().headers()));
        long started = System.nanoTime();
        // the access log: one line per request, with its id and who asked
        context.addEndHandler(ignored -> ACCESS.infof("%s %s %d %d ms caller=%s request-id=%s",
                context.request().method(), context.request().path(),
                // a caller who hung up before the answer is logged as what it was
                context.response().closed() && !context.response().ended() ? 499 : context.response().getStatusCode(),
                (System.nanoTime() - started) / 1_000_000, context.get("caller", "anonymous"),
                context.request().getHeader(REQUEST_ID)));
        context.next();
    }

    /** On every answer that passes the gateway, whatever the service sent: no sniffing, no framing, no referrer leaks. */
    static void securityHeaders(io.vertx.core.MultiMap headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    private static void notFound(RoutingContext context) {
        String requestId = context.request().getHeader(REQUEST_ID);
        securityHeaders(context.response().headers());
        context.response().setStatusCode(404)
                .putHeader("content-type", GatewayProblems.MEDIA_TYPE)
                .putHeader(REQUEST_ID, requestId != null && requestId.matches("[\\x21-\\x7e]{1,200}")
                        ? requestId : UUID.randomUUID().toString())
                .end(GatewayProblems.notFound(context.request().path()));
    }
}
