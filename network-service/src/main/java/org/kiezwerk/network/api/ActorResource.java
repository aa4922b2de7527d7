package org.kiezwerk.network.api;

import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.commons.api.Admission;
import org.kiezwerk.commons.api.InvalidQueryException;
import org.kiezwerk.commons.api.Problem;
import org.kiezwerk.network.config.GraphConfig;
import org.kiezwerk.network.domain.Organisation;
import org.kiezwerk.network.domain.TieKinds;
import org.kiezwerk.network.service.NetworkAnswer;
import org.kiezwerk.network.service.NetworkExports;
import org.kiezwerk.network.service.Organisations;
import org.kiezwerk.network.service.SharedEvents;
import org.kiezwerk.network.service.Ties;

@Path("/api/v1/network/actors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Actors")
public class ActorResource {

    @Inject
    RoutingContext routing;

    @Inject
    GraphConfig config;

    @Inject
    Organisations organisations;

    @Inject
    SharedEvents sharedEvents;

    @Inject
    Ties ties;

    @PermitAll
    @GET
    @Path("/{id}")
    @Operation(summary = "Read an actor of the network")
    @APIResponse(responseCode = "200", description = "The actor; ETag carries the version it reflects.",
            content = @Content(schema = @Schema(implementation = ActorView.class)))
    @APIResponse(responseCode = "404", description = "No such actor (yet: projection takes a moment).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        return getActor(id);
    }

    @PermitAll
    @GET
    @Path("/{id}/co-production-ties")
    @Operation(summary = "The organisations this actor put on shared events with",
            description = "Derived from the event topic: per partner the number of shared events that were not cancelled,"
                    + " when they last did one, and a weight in which recent events count most (0.5 per year of age).")
    public List<Map<String, Object>> coProductionTies(@PathParam("id") UUID id) {
        return sharedEvents.coProductionTies(id);
    }

    @PermitAll
    @GET
    @Path("/{id}/ties")
    @Operation(summary = "The cooperation ties of an organisation (both directions, ended ones included)")
    public List<TieResource.TieView> ties(@PathParam("id") UUID id) {
        return ties.ofActor(id).stream().map(TieResource.TieView::of).toList();
    }

    @PermitAll
    @GET
    @Path("/{id}/network")
    @Operation(summary = "An organisation's ego network (Cytoscape.js JSON)",
            description = "Everyone within depth 1–3 ties, over ties of at least minStrength (the combined strength used by the"
                    + " analyses), with the ties among them.")
    @APIResponse(responseCode = "200", description = "The ego network.", content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "503", description = "A large ego network (more organisations and ties than"
            + " kiezwerk.graph.whole-answer-elements) while as many exports as the service writes at once are under way;"
            + " try again after Retry-After.", content = @Content(mediaType = "application/problem+json"))
    public Response egoNetwork(@PathParam("id") UUID id, @QueryParam("depth") String depth,
            @QueryParam("minStrength") String minStrength,
            @Parameter(description = "Tie kinds, comma-separated:"
                    + " co_production, partnership, referral, shared_premises, joint_project, umbrella_membership, funding")
            @QueryParam("kind") String kind,
            @Parameter(description = "With to: only ties alive in this"
                    + " period (cooperation by since/until, co-production from the events shared in it); a date")
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        organisations.known(id);
        int hops = 1;
        if (depth != null && !depth.isBlank()) {
            hops = switch (depth.strip()) {
                case "1" -> 1;
                case "2" -> 2;
                case "3" -> 3;
                default -> throw new InvalidQueryException("depth", "must be 1, 2 or 3");
            };
        }
        double min = 0;
        if (minStrength != null && !minStrength.isBlank()) {
            try {
                min = Double.parseDouble(minStrength.strip());
            } catch (NumberFormatException e) {
                throw new InvalidQueryException("minStrength", "must be a number");
            }
        }
        if (kind == null && from == null && to == null) {
            return cytoscape(exports.egoNetwork(id.toString(), hops, min));
        }
        Set<String> kinds = new TreeSet<>(TieKinds.ALL);
        if (kind != null && !kind.isBlank()) {
            kinds.clear();
            for (String k : kind.split(",")) {
                if (!TieKinds.ALL.contains(k.strip())) {
                    throw new InvalidQueryException("kind", "unknown tie kind '" + k.strip() + "'; allowed: "
                            + String.join(", ", new TreeSet<>(TieKinds.ALL)));
                }
                kinds.add(k.strip());
            }
        }
        LocalDate start = date("from", from, LocalDate.now());
        LocalDate end = date("to", to, start.isAfter(LocalDate.now()) ? start : LocalDate.now());
        if (end.isBefore(start)) {
            throw new InvalidQueryException("to", "must not be before from");
        }
        return cytoscape(exports.egoNetwork(id.toString(), hops, min, kinds, start, end));
    }

    /**
     * An ego network as Cytoscape.js JSON. A larger one (three ties out from a hub reach much of the city: some 20 MB)
     * is written as it goes and takes one of the exports' places while it streams (503 with Retry-After when none is
     * free): built whole, a handful of them at once ran the service out of heap.
     */
    private Response cytoscape(NetworkAnswer network) {
        if (network.elements() <= config.wholeAnswerElements()) {
            return Response.ok(network.written(NetworkExports.Format.CYTOSCAPE), "application/json").build();
        }
        Admission.Place place = exports.admit();
        routing.addEndHandler(done -> place.close());
        StreamingOutput body = out -> network.write(NetworkExports.Format.CYTOSCAPE, out);
        return Response.ok(body, "application/json").build();
    }

    private static LocalDate date(String name, String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(name, "must be a date like 2027-03-01");
        }
    }

    @Inject
    NetworkExports exports;

    private Response getActor(UUID id) {
        Organisation organisation = organisations.actor(id);
        return Response.ok(ActorView.of(organisation))
                .tag(new EntityTag(Long.toString(organisation.version())))
                .build();
    }
}
