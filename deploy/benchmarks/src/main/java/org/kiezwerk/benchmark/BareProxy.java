package org.kiezwerk.benchmark;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.httpproxy.HttpProxy;

/**
 * The floor the gateway is measured against: a reverse proxy with nothing but Vert.x and its proxy
 * module (the gateway's own), one event loop per core, each with its own server and its own pool
 * of keep-alive connections to the service. No routing, checks, logs or traces. What this costs
 * over calling the service directly is what one more hop costs on this machine.
 *
 * <p>Run by {@link GatewayBenchmark} as a process of its own on the gateway's classpath:
 * {@code BareProxy <port> <service port>}.
 */
public final class BareProxy extends AbstractVerticle {

    private final int port;
    private final int servicePort;

    private BareProxy(int port, int servicePort) {
        this.port = port;
        this.servicePort = servicePort;
    }

    @Override
    public void start(Promise<Void> started) {
        HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64)))
                .origin(servicePort, "127.0.0.1");
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
                .requestHandler(proxy).listen().<Void>mapEmpty().onComplete(started);
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int servicePort = Integer.parseInt(args[1]);
        int loops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        vertx.deployVerticle(() -> new BareProxy(port, servicePort), new DeploymentOptions().setInstances(loops))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }
}
