package org.kiezwerk.gateway.service;

import java.util.Optional;
import org.kiezwerk.gateway.domain.AccessDenied;
import org.kiezwerk.gateway.domain.Caller;
import org.kiezwerk.gateway.domain.Scope;

/**
 * Which scope a route needs. Reading the public directory, events, feeds and the public network
 * needs none; every write needs the scope of the service it changes. The services check again
 * (and check an editor's organisations, which only they can see).
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    public static Optional<Scope> required(String method, String path) {
        if (path.startsWith("/api/v1/admin")) {
            return Optional.of(Scope.ADMIN);
        }
        if (path.startsWith("/api/v1/webhooks")) {
            return Optional.of(Scope.READ); // the gateway's own; each key sees only its own subscriptions
        }
        boolean reading = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        if (reading) {
            if (path.startsWith("/api/v1/partners/imports")) {
                return Optional.of(Scope.WRITE_PARTNERS); // import reports carry rows not (yet) public
            }
            if (path.startsWith("/api/v1/analytics/cypher") || path.startsWith("/api/v1/analytics/saved-queries")) {
                return Optional.of(Scope.ANALYTICS);
            }
            return Optional.empty();
        }
        if (path.startsWith("/api/v1/events")) {
            return Optional.of(Scope.WRITE_EVENTS);
        }
        if (path.startsWith("/api/v1/network")) {
            return Optional.of(Scope.WRITE_NETWORK);
        }
        if (path.startsWith("/api/v1/analytics")) {
            return Optional.of(Scope.ANALYTICS);
        }
        return Optional.of(Scope.WRITE_PARTNERS);
    }

    /** Refuses with 401 when the route needs someone and nobody is calling, 403 when the caller lacks the scope. */
    public static void check(Caller caller, String method, String path) {
        Optional<Scope> needed = required(method, path);
        if (needed.isEmpty() || caller.may(needed.get())) {
            return;
        }
        throw refusal(caller, needed.get(), method, path);
    }

    /** Why a caller without the scope a request needs is refused: 401 for nobody, else 403. */
    public static AccessDenied refusal(Caller caller, Scope needed, String method, String path) {
        if (caller.anonymous()) {
            return AccessDenied.unauthenticated(method + " " + path + " needs an API key (X-API-Key) or a bearer token with the scope '"
                    + needed.code() + "'.");
        }
        return AccessDenied.forbidden("Your credentials lack the scope '" + needed.code() + "' that " + method + " "
                + path + " needs.");
    }
}
