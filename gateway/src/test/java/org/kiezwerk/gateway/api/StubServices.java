package org.kiezwerk.gateway.api;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A real HTTP server standing in for partner-service (echoes what it received) and event-service
 * (answers too slowly); network-service points at a port where nothing listens.
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {

    private HttpServer partner;
    private HttpServer slow;

    /** What partner-service's stand-in saw: the connections (by the gateway's port) and the paths. */
    static final java.util.Set<Integer> PARTNER_CONNECTIONS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static final java.util.Queue<String> PARTNER_PATHS = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Override
    public Map<String, String> start() {
        try {
            partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            partner.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            partner.createContext("/", exchange -> {
                PARTNER_CONNECTIONS.add(exchange.getRemoteAddress().getPort());
                PARTNER_PATHS.add(exchange.getRequestURI().getPath());
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestURI().getPath().contains("/slow")) {
                    try {
                        Thread.sleep(100); // long enough for a caller to give up first
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                String echo = "{\"method\":\"" + exchange.getRequestMethod() + "\",\"uri\":\"" + exchange.getRequestURI()
                        + "\",\"requestId\":\"" + exchange.getRequestHeaders().getFirst("X-Request-Id")
                        + "\",\"authorization\":\"" + exchange.getRequestHeaders().getFirst("Authorization")
                        + "\",\"apiKey\":\"" + exchange.getRequestHeaders().getFirst("X-API-Key")
                        + "\",\"traceparent\":\"" + exchange.getRequestHeaders().getFirst("traceparent")
                        + "\",\"body\":\"" + new String(body, StandardCharsets.UTF_8).replace("\"", "'") + "\"}";
                byte[] answer = echo.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-Request-Id", exchange.getRequestHeaders().getFirst("X-Request-Id"));
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/missing") ? 404 : 201, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            partner.start();
            slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            slow.createContext("/", exchange -> {
                try {
                    Thread.sleep(5_000); // the behaviour under test: a service too slow to answer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            slow.start();
            int nobody;
            try (ServerSocket socket = new ServerSocket(0)) {
                nobody = socket.getLocalPort(); // closed again: nothing listens there
            }
            return Map.of(
                    "kiezwerk.gateway.partner-service-url", "http://127.0.0.1:" + partner.getAddress().getPort(),
                    "kiezwerk.gateway.event-service-url", "http://127.0.0.1:" + slow.getAddress().getPort(),
                    "kiezwerk.gateway.network-service-url", "http://127.0.0.1:" + nobody,
                    "kiezwerk.gateway.response-timeout", "1s");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (partner != null) {
            partner.stop(0);
        }
        if (slow != null) {
            slow.stop(0);
        }
    }
}
