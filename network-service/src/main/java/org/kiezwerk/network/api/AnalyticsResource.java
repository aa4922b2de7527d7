package org.kiezwerk.network.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.commons.api.InvalidQueryException;
import org.kiezwerk.commons.api.Problem;
import org.kiezwerk.network.domain.Health;
import org.kiezwerk.network.domain.PartnerRanking;
import org.kiezwerk.network.service.Areas;
import org.kiezwerk.network.service.NetworkAnalyses;
import org.kiezwerk.network.service.NetworkHealth;
import org.kiezwerk.network.service.Organisations;
import org.kiezwerk.network.service.PartnerSuggestions;

@Path("/api/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics", description = "Multipliers, brokers, articulation points and communities of the network.")
public class AnalyticsResource {

    @Inject
    NetworkAnalyses analyses;

    @Inject
    SecurityIdentity identity;

    @PermitAll
    @GET
    @Path("/key-actors")
    @Operation(summary = "Key actors: degree, weighted PageRank, betweenness, brokers and articulation points",
            description = "Over the organisations and their ties (so far: co-production from shared events), city-wide or in"
                    + " one neighbourhood (quarter or district code). Sorted by PageRank. A broker has ties into other"
                    + " communities; an articulation point's leaving would split the network. Betweenness is exact and"
                    + " normalised, with strong ties as short paths.")
    public NetworkAnalyses.KeyActors keyActors(
            @Parameter(description = "A neighbourhood code; none for the whole city.") @QueryParam("neighbourhood") String neighbourhood,
            @Parameter(description = "1–500, default 20.") @QueryParam("limit") String limit) {
        return analyses.keyActors(area(neighbourhood), limit(limit), CallerAccess.visibleScopes(identity));
    }

    @PermitAll
    @GET
    @Path("/communities")
    @Operation(summary = "Communities (label propagation) with their members and ties inside and to others")
    public NetworkAnalyses.Communities communities(@QueryParam("neighbourhood") String neighbourhood) {
        return analyses.communities(area(neighbourhood), CallerAccess.visibleScopes(identity));
    }

    @Inject
    PartnerSuggestions suggestions;

    @Inject
    Organisations organisations;

    @PermitAll
    @GET
    @Path("/partner-suggestions")
    @Operation(summary = "Likely partners for an organisation, near it, with the reasons and what each adds to the score",
            description = "Organisations without a tie to it yet, within `radius` metres of it (default 15000: its own city;"
                    + " where a location is unknown, those sharing one of its areas instead, with `distanceMetres` null)."
                    + " The score is a weighted sum of reasons: shared contacts (Adamic-Adar over the persons the caller may see"
                    + " and the organisations tied to both; weight 3), acquaintances between their people (1), target groups"
                    + " they serve that no one in its neighbourhoods serves (2 each), resources they need that it offers (1.5 each)"
                    + " and that they offer and it needs (1.5 each), proximity (1 − distance/radius; weight 1). Each suggestion"
                    + " lists its reasons with weight, value and contribution; the score is their sum.")
    public List<PartnerRanking.Suggestion> partnerSuggestions(
            @Parameter(description = "The organisation's id.") @QueryParam("for") String organisation,
            @Parameter(description = "Metres around the organisation: 100–1000000, default 15000.") @QueryParam("radius") String radius,
            @Parameter(description = "1–500, default 20.") @QueryParam("limit") String limit) {
        if (organisation == null || organisation.isBlank()) {
            throw new InvalidQueryException("for", "is required: an organisation id");
        }
        UUID id;
        try {
            id = UUID.fromString(organisation.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("for", "must be a UUID");
        }
        int metres = radius(radius);
        int most = limit(limit);
        organisations.actor(id);
        return suggestions.forOrganisation(id, metres, most, CallerAccess.visibleScopes(identity));
    }

    private static int radius(String radius) {
        if (radius == null || radius.isBlank()) {
            return PartnerSuggestions.DEFAULT_RADIUS_METRES;
        }
        try {
            int value = Integer.parseInt(radius.strip());
            if (value >= PartnerSuggestions.MIN_RADIUS_METRES
                    && value <= PartnerSuggestions.MAX_RADIUS_METRES) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidQueryException("radius", "must be a whole number of metres from 100 to 1000000");
    }

    @Inject
    NetworkHealth health;

    @PermitAll
    @GET
    @Path("/health")
    @Operation(summary = "Network health now: actors, ties, density, clustering, components, shares of confirmed ties and co-produced events")
    public Health.Snapshot health(@QueryParam("neighbourhood") String neighbourhood) {
        return health.now(area(neighbourhood), false);
    }

    @RolesAllowed({"analytics", "admin"})
    @POST
    @Path("/health/snapshots")
    @Operation(summary = "Store a snapshot of the network health now (one is also taken every night, city-wide)")
    @APIResponse(responseCode = "201", description = "The stored snapshot.",
            content = @Content(
                    schema = @Schema(implementation = Health.Snapshot.class)))
    @Consumes(MediaType.WILDCARD)
    public Response takeSnapshot(@QueryParam("neighbourhood") String neighbourhood, byte[] body) {
        // the scope is the query; a body means the caller expects something this operation does not do
        if (body != null && body.length > 0 && !new String(body, StandardCharsets.UTF_8).strip().equals("{}")) {
            throw new InvalidQueryException("body", "must be empty: the snapshot's scope is the neighbourhood parameter");
        }
        return Response.status(201).entity(health.snapshot(area(neighbourhood))).build();
    }

    @PermitAll
    @GET
    @Path("/health/snapshots")
    @Operation(summary = "Stored snapshots of a scope, oldest first, optionally between two moments (ISO date-times)")
    public Map<String, Object> snapshots(@QueryParam("neighbourhood") String neighbourhood,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", health.snapshots(area(neighbourhood), moment("from", from), moment("to", to)));
        page.put("nextCursor", null);
        return page;
    }

    @PermitAll
    @GET
    @Path("/health/change")
    @Operation(summary = "What changed between two moments: the latest snapshot at or before each, and the differences")
    @APIResponse(responseCode = "200", description = "Both snapshots and their differences.",
            content = @Content(
                    schema = @Schema(implementation = NetworkHealth.Change.class)))
    @APIResponse(responseCode = "404", description = "No snapshot of the scope at or before `from`.",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = Problem.class)))
    public NetworkHealth.Change change(@QueryParam("neighbourhood") String neighbourhood,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        if (from == null || to == null) {
            throw new InvalidQueryException(from == null ? "from" : "to", "is required: a date or date-time");
        }
        return health.change(area(neighbourhood), moment("from", from), moment("to", to))
                .orElseThrow(() -> new NotFoundException("no snapshot at or before " + from));
    }

    /** A date (meaning its end) or an ISO date-time with offset. */
    private static String moment(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).atTime(23, 59, 59).atOffset(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(value.strip()).toString();
            } catch (DateTimeParseException e) {
                throw new InvalidQueryException(name, "must be a date (2027-03-01) or a date-time with offset");
            }
        }
    }

    @Inject
    Areas areas;

    /** A known area (any level, sub-areas included), or null for the whole network. */
    private String area(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        if (!code.strip().matches("[a-z0-9][a-z0-9_-]{0,79}")) {
            throw new InvalidQueryException("neighbourhood", "must be a neighbourhood code");
        }
        return areas.known(code.strip());
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 20;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= 500) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidQueryException("limit", "must be a whole number from 1 to 500");
    }
}
