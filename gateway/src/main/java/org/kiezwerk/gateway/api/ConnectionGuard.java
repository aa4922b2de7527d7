package org.kiezwerk.gateway.api;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.kiezwerk.gateway.config.GatewayConfig;

/**
 * Puts {@link HeadTimeout} on the gateway's HTTP server. Quarkus creates that server and offers no
 * hook for its connections, so the first request the server serves arms it (its connection knows
 * the server's channel); the gateway sends itself that request as soon as it listens.
 */
@Singleton
public class ConnectionGuard implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class);

    private final GatewayConfig config;

    ConnectionGuard(GatewayConfig config) {
        this.config = config;
    }

    /**
     * HTTP/1.1 only in clear text: no h2c (browsers never use it over plain HTTP), so that Vert.x sets
     * each connection up as it is accepted and the head clock can sit behind its HTTP decoder.
     */
    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::arm);
    }

    private void arm(RoutingContext context) {
        if (context.request().connection() instanceof ConnectionBase connection
                && HeadTimeout.arm(connection.channel(), config.headTimeout(), config.keepAliveTimeout())) {
            LOG.infof("request heads must arrive within %s, kept-alive connections may idle for %s",
                    config.headTimeout(), config.keepAliveTimeout());
        }
        context.next();
    }

    /** Arms the server before any caller comes: one request to itself. */
    void listening(@ObservesAsync HttpServerStart start, Vertx vertx) {
        int port = start.options().getPort();
        if (port <= 0) {
            return; // a random port (tests): the first caller arms it
        }
        String host = start.options().getHost();
        if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        var client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000).setKeepAlive(false));
        String target = host;
        client.request(HttpMethod.GET, port, target, "/q/health/live")
                .compose(request -> request.send())
                .compose(response -> response.body())
                .onComplete(done -> {
                    if (done.failed()) {
                        LOG.warnf("could not arm the head timeout by a request to %s:%d (%s); the first caller will",
                                target, port, done.cause().toString());
                    }
                    client.close();
                });
    }
}
