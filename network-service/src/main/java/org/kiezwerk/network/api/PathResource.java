package org.kiezwerk.network.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.commons.api.InvalidQueryException;
import org.kiezwerk.network.service.IntroductionPaths;

@Path("/api/v1/network/paths")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Actors")
public class PathResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    IntroductionPaths paths;

    @PermitAll
    @GET
    @Operation(summary = "Introduction paths: the k best chains between two actors",
            description = "Over cooperation, co-production, affiliations and acquaintances; strong and confirmed ties make short"
                    + " chains (cost = 1 / strength). Persons appear only if their consent scope lets the caller see them (public;"
                    + " network_members for callers with the read scope).")
    public List<IntroductionPaths.Path> between(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("k") String k) {
        UUID start = id("from", from);
        UUID end = id("to", to);
        int count = 3;
        if (k != null && !k.isBlank()) {
            try {
                count = Integer.parseInt(k.strip());
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > 10) {
                throw new InvalidQueryException("k", "must be a whole number from 1 to 10");
            }
        }
        return paths.between(start.toString(), end.toString(), count, CallerAccess.visibleScopes(identity));
    }

    private static UUID id(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidQueryException(field, "is required: an organisation or person id");
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(field, "must be a UUID");
        }
    }
}
