package org.kiezwerk.partner.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kiezwerk.commons.api.CallerRules;

/** Who may call what in the directory; the checks themselves are service-commons' {@link CallerRules}. */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class CallerAccess extends CallerRules {

    private static final Pattern ONE_PARTNER = Pattern.compile("/api/v1/partners/([0-9a-fA-F-]{36})(?:/confirmation)?");

    /**
     * Editors change (and confirm) their own partner record, offers and resources (checked by the
     * resources), nothing else.
     */
    @Override
    protected void editorRule(String scope, String path) {
        Matcher partner = ONE_PARTNER.matcher(path);
        if (partner.matches()) {
            requireMayEdit(identity, Set.of(UUID.fromString(partner.group(1))), "the record");
        } else if (!path.startsWith("/api/v1/offers") && !path.startsWith("/api/v1/resources")) {
            requireUnbound(identity, "change " + path);
        }
    }

    @Override
    protected Optional<String> requiredScope(String method, String path) {
        boolean reading = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        if (reading) {
            // import reports carry rows that are not (yet) public
            return path.startsWith("/api/v1/partners/imports") ? Optional.of("partners:write") : Optional.empty();
        }
        return path.startsWith("/api/v1/") || path.startsWith("/hsds") ? Optional.of("partners:write") : Optional.empty();
    }
}
