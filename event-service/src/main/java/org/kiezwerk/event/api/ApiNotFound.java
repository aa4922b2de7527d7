package org.kiezwerk.event.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Paths under /api that no resource serves answer with a 404 problem+json, not Quarkus' HTML page.
 * (JAX-RS answers what its resources serve; this route only sees what none of them matched.)
 */
@ApplicationScoped
public class ApiNotFound {

    void routes(@Observes Router router) {
        router.route("/api/*").order(Integer.MAX_VALUE - 1).handler(context -> {
            String path = context.request().path();
            context.response().setStatusCode(404)
                    .putHeader("content-type", "application/problem+json")
                    .end(new JsonObject().put("type", "/problems/not-found").put("title", "Not found")
                            .put("status", 404).put("detail", "There is no API resource at " + path + ".")
                            .put("instance", path).encode());
        });
    }
}
