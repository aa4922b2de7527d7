package org.kiezwerk.gateway.api;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.kiezwerk.gateway.config.GatewayConfig;

/**
 * The last handler: forwards a request to the service that owns it, streaming bodies both ways
 * (Vert.x's reverse proxy), over a pool of keep-alive connections, sending it once more where that is
 * safe, behind a circuit breaker per service. When a service is down or too slow, the caller gets a
 * problem+json that names it.
 */
@ApplicationScoped
public class ServiceProxy {

    /** Requests that may be sent twice without doing twice what they ask. */
    static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
    static final long RETRY_DELAY_MS = 250;
    /** How often a repeatable request is sent at most when pooled connections close under it. */
    private static final int SENDS = 3;
    private static final long CALLER_GONE_GRACE_MS = 5;
    private static final String NOT_COUNTED = "kiezwerk.not-counted";
    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);

    private final Vertx vertx;
    private final GatewayConfig config;
    private final FrontDoor door;
    /**
     * For requests that may be sent twice: keep-alive connections, a pool of its own for each event
     * loop. Vert.x hands out any idle pooled connection, whichever event loop it lives on; a request
     * served on one loop and sent on another's connection crosses threads twice (out and back), which
     * cost more latency at one caller than the proxying itself. Each loop's pool opens its connections
     * on that loop, so a request stays on one thread from the caller to the service and back.
     */
    private final Map<Thread, HttpClient> pooledByLoop = new ConcurrentHashMap<>();
    private final HttpClientOptions pooledOptions;
    /** Off an event loop (never on the proxy path): one shared pool. */
    private final HttpClient pooled;
    /** For the other writes: a connection of their own, where a pooled connection's close cannot race them. */
    private final HttpClient fresh;

    ServiceProxy(Vertx vertx, GatewayConfig config, FrontDoor door) {
        this.vertx = vertx;
        this.config = config;
        this.door = door;
        HttpClientOptions options = new HttpClientOptions()
                // no client span per proxied request: the gateway's server span is the services'
                // parent (AccessCheck passes its traceparent on); a second span per request cost
                // the gateway CPU for nothing a trace reader needs
                .setTracingPolicy(TracingPolicy.IGNORE)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.poolSize())
                // beyond the queue the excess is shed at once (503 + Retry-After), never everybody
                .setMaxWaitQueueSize(config.poolWaitQueue());
        // Requests that may be sent twice (reads, PUT, DELETE, writes with an Idempotency-Key, with a body
        // the gateway holds) use pooled keep-alive connections. A pooled connection can be closed by the
        // service just as it is handed out; such a request is then sent once more (see send). Other
        // writes get a connection of their own, where that race cannot happen.
        this.pooled = vertx.createHttpClient(new HttpClientOptions(options).setKeepAlive(true).setPipelining(false)
                .setKeepAliveTimeout((int) Math.max(1, config.poolKeepAlive().toSeconds())));
        // pool.size and pool.wait-queue are the gateway's per service, shared out among its event loops
        int loops = eventLoops(vertx);
        this.pooledOptions = new HttpClientOptions(options).setKeepAlive(true).setPipelining(false)
                .setKeepAliveTimeout((int) Math.max(1, config.poolKeepAlive().toSeconds()))
                .setMaxPoolSize(Math.max(1, divideUp(config.poolSize(), loops)))
                .setMaxWaitQueueSize(Math.max(1, divideUp(config.poolWaitQueue(), loops)));
        this.fresh = vertx.createHttpClient(new HttpClientOptions(options).setKeepAlive(false));
    }

    /** The pool of the event loop this request is served on (see {@link #pooledByLoop}). */
    private HttpClient pooledHere() {
        if (!Context.isOnEventLoopThread()) {
            return pooled;
        }
        return pooledByLoop.computeIfAbsent(Thread.currentThread(), loop -> vertx.createHttpClient(pooledOptions));
    }

    private static int eventLoops(Vertx vertx) {
        int loops = 0;
        for (EventExecutor ignored : ((VertxInternal) vertx).getEventLoopGroup()) {
            loops++;
        }
        return Math.max(1, loops);
    }

    private static int divideUp(int total, int parts) {
        return (total + parts - 1) / parts;
    }

    /**
     * Whether the gateway may send the request a second time: its method says so (RFC 9110 idempotent)
     * or it carries an Idempotency-Key (the service answers a repeat with the first answer), and its
     * body, if any, is held by the gateway (a streamed body cannot be sent again).
     */
    static boolean repeatable(String method, boolean idempotencyKey, boolean streamed) {
        return (IDEMPOTENT.contains(method) || idempotencyKey) && !streamed;
    }

    private boolean repeatable(HttpServerRequest request) {
        return repeatable(request.method().name(), request.headers().contains("Idempotency-Key"),
                FrontDoor.streamed(request, config.bufferLimit()));
    }

    /** The route's own timeout (longest matching prefix), else the general one. */
    static Duration timeoutFor(Duration general, Map<String, Duration> routes, String path) {
        String best = "";
        Duration timeout = general;
        for (Map.Entry<String, Duration> route : routes.entrySet()) {
            if (path.startsWith(route.getKey()) && route.getKey().length() > best.length()) {
                best = route.getKey();
                timeout = route.getValue();
            }
        }
        return timeout;
    }

    /** The handler that forwards to one service, with that service's circuit breaker. */
    Handler<RoutingContext> to(String service, URI origin) {
        SocketAddress address = SocketAddress.inetSocketAddress(origin.getPort(), origin.getHost());
        HttpProxy proxy = HttpProxy.reverseProxy(pooled).originRequestProvider((request, proxyClient) -> {
            HttpClient httpClient = repeatable(request) ? pooledHere() : fresh;
            RequestOptions options = new RequestOptions()
                    .setServer(address)
                    // the wait for a pooled connection, queue included; longer than a TCP
                    // connect may take, so that a service that does not accept fails first
                    .setConnectTimeout(config.connectTimeout().toMillis() * 3 / 2)
                    .setIdleTimeout(timeoutFor(config.responseTimeout(), config.routeTimeouts(), request.path()).toMillis());
            if (FrontDoor.streamed(request, config.bufferLimit())) {
                // a large body goes through as it arrives; if the caller stops halfway the exchange is
                // reset, and a connection that ended so must never serve the next request
                options.putHeader("Connection", "close");
            }
            Future<HttpClientRequest> attempt = httpClient.request(options);
            if (!IDEMPOTENT.contains(request.method().name())) {
                return attempt;
            }
            // a refused connection sent nothing: an idempotent request gets one more try (a service restarting)
            return attempt.recover(failure -> !UpstreamFailures.connectionRefused(failure)
                    ? Future.failedFuture(failure)
                    : vertx.timer(RETRY_DELAY_MS).compose(ignored -> httpClient.request(options)));
        });
        // counts only a service that cannot be reached or does not answer; its own 4xx/5xx pass through
        CircuitBreaker breaker = CircuitBreaker.create(service, vertx, new CircuitBreakerOptions()
                .setMaxFailures(config.circuitBreakerFailures())
                .setTimeout(-1) // the proxy's own timeouts apply
                // no event-bus notifications: nothing listens, and they kept a latency histogram of every request
                .setNotificationAddress(null)
                .setResetTimeout(config.circuitBreakerReset().toMillis()));
        breaker.openHandler(ignored -> LOG.warnf("%s: circuit open after %d failures in a row; answering 503 for %s",
                service, config.circuitBreakerFailures(), config.circuitBreakerReset()));
        breaker.closeHandler(ignored -> LOG.infof("%s: circuit closed again", service));
        proxy.addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                return forward(context, service, breaker);
            }
        });
        return ProxyHandler.create(proxy);
    }

    private Future<ProxyResponse> forward(ProxyContext context, String service, CircuitBreaker breaker) {
        Buffer read = door.takeBody(context.request().proxiedRequest());
        boolean repeatable = repeatable(context.request().proxiedRequest());
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
            if (result.failed() && !UpstreamFailures.countsAgainstService(result.cause(), callerClosed(context))) {
                context.set(NOT_COUNTED, result.cause());
                attempt.complete(null);
            } else {
                attempt.handle(result);
            }
        })).compose(response -> response != null ? Future.succeededFuture(response)
                : Future.failedFuture(context.get(NOT_COUNTED, Throwable.class)));
        return sent.recover(failure -> Future.succeededFuture(failed(context, service, failure)));
    }

    /** The answer for a request the service did not answer. */
    private ProxyResponse failed(ProxyContext context, String service, Throwable failure) {
        String path = context.request().getURI();
        if (UpstreamFailures.callerGone(failure, callerClosed(context))) {
            // 499, as nginx logs it: the caller closed the connection before the answer
            LOG.debugf("%s %s -> %s abandoned by the caller", context.request().getMethod(), path, service);
            return context.request().release().response().setStatusCode(499).setBody(Body.body(Buffer.buffer()));
        }
        String requestId = context.request().headers().get(RequestIds.HEADER);
        ProxyResponse response;
        if (UpstreamFailures.overload(failure)) {
            response = context.request().release().response().setStatusCode(503)
                    .putHeader("content-type", GatewayProblems.MEDIA_TYPE).putHeader("Retry-After", "1")
                    .setBody(Body.body(Buffer.buffer(GatewayProblems.overloaded(service, path))));
        } else {
            int status = UpstreamFailures.statusFor(failure);
            LOG.warnf("%s %s -> %s failed (%d): %s", context.request().getMethod(), path, service, status, failure);
            boolean paused = failure instanceof OpenCircuitException;
            response = context.request().release().response()
                    .setStatusCode(status)
                    .putHeader("content-type", GatewayProblems.MEDIA_TYPE)
                    .setBody(Body.body(Buffer.buffer(paused ? GatewayProblems.upstreamPaused(service, path)
                            : GatewayProblems.upstreamFailure(service, status, path))));
            if (paused) {
                response.putHeader("Retry-After", Long.toString(Math.max(1, config.circuitBreakerReset().toSeconds())));
            } else if (status == 503) {
                response.putHeader("Retry-After", "1");
            }
        }
        if (requestId != null) {
            response.putHeader(RequestIds.HEADER, requestId);
        }
        return response;
    }

    /**
     * Sends the request; a repeatable one again if its pooled connection was closed before any answer
     * came (the service closed it as the gateway took it; the request may not have arrived). Up to
     * {@link #SENDS} times: the next pooled connection may have been closed by the same service at the
     * same moment (an idle timeout closes several).
     */
    private Future<ProxyResponse> send(ProxyContext context, boolean repeatable) {
        return send(context, repeatable, SENDS);
    }

    private Future<ProxyResponse> send(ProxyContext context, boolean repeatable, int sends) {
        Future<ProxyResponse> sent = context.sendRequest();
        if (!repeatable || sends <= 1) {
            return sent;
        }
        return sent.recover(failure -> {
            if (!UpstreamFailures.closedBeforeAnswer(failure)) {
                return Future.failedFuture(failure);
            }
            // The exchange also ends in a reset when the proxy could not finish writing the body to the
            // closed connection, not only when the caller left; a caller who left has its connection
            // closed a moment later, and only a caller who is still there is served once more.
            return vertx.timer(CALLER_GONE_GRACE_MS).compose(ignored -> {
                if (callerClosed(context)) {
                    return Future.failedFuture(failure);
                }
                LOG.debugf("%s %s: the pooled connection was closed before an answer; sending again",
                        context.request().getMethod(), context.request().getURI());
                return send(context, true, sends - 1);
            });
        });
    }

    private static boolean callerClosed(ProxyContext context) {
        return context.request().proxiedRequest().response().closed();
    }
}
