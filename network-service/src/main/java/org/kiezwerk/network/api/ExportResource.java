package org.kiezwerk.network.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.commons.api.Admission;
import org.kiezwerk.commons.api.InvalidQueryException;
import org.kiezwerk.network.service.Areas;
import org.kiezwerk.network.service.NetworkAnswer;
import org.kiezwerk.network.service.NetworkExports;

@Path("/api/v1/network")
@Tag(name = "Exports", description = "The network for Gephi, yEd, Cytoscape, NetworkX or a spreadsheet.")
public class ExportResource {

    @Inject
    NetworkExports exports;

    @Inject
    SecurityIdentity identity;

    @Inject
    Areas areas;

    @Inject
    RoutingContext routing;

    @PermitAll
    @GET
    @Path("/export")
    @Operation(summary = "The organisations and their ties as GraphML, GEXF, Cytoscape.js JSON or a CSV edge list")
    @APIResponse(responseCode = "200", description = "The export, in the format asked for.", content = {
            @Content(mediaType = "application/graphml+xml"),
            @Content(mediaType = "application/gexf+xml"),
            @Content(mediaType = "application/json"),
            @Content(mediaType = "text/csv")})
    @APIResponse(responseCode = "503", description = "As many exports as the service writes at once are under way; try again"
            + " after Retry-After.", content = @Content(mediaType = "application/problem+json"))
    public Response export(@Parameter(description = "graphml (default), gexf, cytoscape or csv") @QueryParam("format") String format,
            @Parameter(description = "A neighbourhood code; none for the whole city.") @QueryParam("neighbourhood") String neighbourhood,
            @Parameter(description = "true: also the persons the caller may see (by their consent scope), with their"
                    + " affiliations and acquaintances") @QueryParam("persons") String persons) {
        NetworkExports.Format wanted = format(format);
        String area = neighbourhood == null || neighbourhood.isBlank() ? null : neighbourhood.strip();
        if (area != null && !area.matches("[a-z0-9][a-z0-9_-]{0,79}")) {
            throw new InvalidQueryException("neighbourhood", "must be a neighbourhood code");
        }
        area = areas.known(area);
        boolean withPersons = "true".equalsIgnoreCase(persons == null ? "" : persons.strip());
        if (persons != null && !withPersons && !"false".equalsIgnoreCase(persons.strip())) {
            throw new InvalidQueryException("persons", "must be true or false");
        }
        Set<String> scopes = withPersons ? CallerAccess.visibleScopes(identity) : null;
        // the place is given back when the answer has been written or the caller went away (the end of the exchange)
        Admission.Place permit = exports.admit();
        routing.addEndHandler(done -> permit.close());
        NetworkAnswer network = exports.network(area, scopes);
        StreamingOutput body = out -> network.write(wanted, out);
        String name = "kiezwerk-network" + (area == null ? "" : "-" + area);
        return switch (wanted) {
            case GRAPHML -> file(body, "application/graphml+xml", name + ".graphml");
            case GEXF -> file(body, "application/gexf+xml", name + ".gexf");
            case CYTOSCAPE -> Response.ok(body, "application/json").build();
            case CSV -> file(body, "text/csv; charset=utf-8", name + ".csv");
        };
    }

    private static NetworkExports.Format format(String format) {
        if (format == null || format.isBlank()) {
            return NetworkExports.Format.GRAPHML;
        }
        try {
            return NetworkExports.Format.valueOf(format.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("format", "must be graphml, gexf, cytoscape or csv");
        }
    }

    private static Response file(StreamingOutput body, String mediaType, String filename) {
        return Response.ok(body, mediaType).header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
