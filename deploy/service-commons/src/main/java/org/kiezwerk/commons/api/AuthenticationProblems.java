package org.kiezwerk.commons.api;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** A forged, expired or foreign identity token: 401 problem, not an empty answer. */
@Singleton
public class AuthenticationProblems {

    void install(@Observes Router router) {
        router.route().order(-1).failureHandler(context -> {
            if (context.failure() instanceof AuthenticationFailedException) {
                context.response().setStatusCode(401).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("WWW-Authenticate", "Bearer")
                        .end(Json.encode(new Problem("/problems/unauthenticated", "Authentication required", 401,
                                "The identity token is invalid or has expired; call through the gateway.", context.request().path(), null)));
            } else {
                context.next();
            }
        });
    }
}
