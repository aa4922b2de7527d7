package org.kiezwerk.event.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.kiezwerk.commons.api.CallerRules;

/** Who may call what in event-service; the checks themselves are service-commons' {@link CallerRules}. */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class CallerAccess extends CallerRules {

    /** Editors change the events their organisations take part in (checked by the event resource), nothing else. */
    @Override
    protected void editorRule(String scope, String path) {
        if (!path.startsWith("/api/v1/events")) {
            requireUnbound(identity, "change " + path);
        }
    }

    @Override
    protected Optional<String> requiredScope(String method, String path) {
        boolean reading = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        if (reading) {
            return Optional.empty();
        }
        return path.startsWith("/api/v1/") ? Optional.of("events:write") : Optional.empty();
    }
}
