package org.kiezwerk.gateway.api;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Before anything else: a request line or headers beyond the limits get a problem, not bare text. */
@ApplicationScoped
public class HeadLimits {

    /** The request line and the headers the gateway takes (below what Netty accepts, so that the answer is ours). */
    static final int MAX_REQUEST_TARGET = 4000;
    static final int MAX_HEADERS = 16 * 1024;

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        long size = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        int status = refusal(request.uri().length(), size);
        if (status == 0) {
            context.next();
            return;
        }
        String path = request.path() == null || request.path().length() > 200 ? "/" : request.path();
        context.response().setStatusCode(status).putHeader("content-type", GatewayProblems.MEDIA_TYPE)
                .putHeader("connection", "close").end(GatewayProblems.headTooLarge(status, path));
    }

    /** 414 for a request target too long, 431 for headers too large, else 0. */
    static int refusal(int targetLength, long headerBytes) {
        if (targetLength > MAX_REQUEST_TARGET) {
            return 414;
        }
        return headerBytes > MAX_HEADERS ? 431 : 0;
    }
}
