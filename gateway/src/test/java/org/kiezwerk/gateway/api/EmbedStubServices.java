package org.kiezwerk.gateway.api;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A real HTTP server standing in for partner-service's public directory: one public partner (whose name
 * carries markup), the area lindenhof, and 404 problems for everything else. What it was asked, and
 * with which Authorization, is kept: the embeds ask as an anonymous caller.
 */
public class EmbedStubServices implements QuarkusTestResourceLifecycleManager {

    static final String PARTNER = "9f32d001-59a8-4643-b98c-83c6b6228d6b";
    static final String PARTNER_NAME = "Begegnungszentrum <Lindenhof> & \"Freunde\"";
    static final Queue<String> ASKED = new ConcurrentLinkedQueue<>();

    private HttpServer partner;

    @Override
    public Map<String, String> start() {
        try {
            partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            partner.createContext("/", exchange -> {
                String uri = exchange.getRequestURI().toString();
                ASKED.add(exchange.getRequestMethod() + " " + uri + " authorization=" + exchange.getRequestHeaders().getFirst("Authorization"));
                int status = 404;
                String body = "{\"type\":\"/problems/not-found\",\"title\":\"Not found\",\"status\":404}";
                if (uri.equals("/api/v1/partners/" + PARTNER)) {
                    status = 200;
                    body = "{\"id\":\"" + PARTNER + "\",\"name\":\"" + PARTNER_NAME.replace("\"", "\\\"") + "\",\"kind\":\"community_centre\"}";
                } else if (uri.startsWith("/api/v1/neighbourhoods?") && uri.contains("within=lindenhof")) {
                    status = 200;
                    body = "{\"items\":[{\"id\":\"5b0a1c8e-0000-4000-8000-000000000001\",\"code\":\"lindenhof\",\"name\":\"Lindenhof\","
                            + "\"level\":\"quarter\"}],\"nextCursor\":null}";
                } else if (uri.startsWith("/api/v1/neighbourhoods?")) {
                    status = 200;
                    body = "{\"items\":[],\"nextCursor\":null}";
                }
                byte[] answer = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            partner.start();
            int nobody;
            try (ServerSocket socket = new ServerSocket(0)) {
                nobody = socket.getLocalPort();
            }
            return Map.of(
                    "kiezwerk.gateway.partner-service-url", "http://127.0.0.1:" + partner.getAddress().getPort(),
                    "kiezwerk.gateway.event-service-url", "http://127.0.0.1:" + nobody,
                    "kiezwerk.gateway.network-service-url", "http://127.0.0.1:" + nobody);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (partner != null) {
            partner.stop(0);
        }
    }
}
