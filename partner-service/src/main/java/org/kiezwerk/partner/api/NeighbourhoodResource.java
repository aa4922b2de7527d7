package org.kiezwerk.partner.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.commons.api.NotForEditors;
import org.kiezwerk.partner.domain.Neighbourhood;
import org.kiezwerk.commons.idempotency.IdempotentCreation;
import org.kiezwerk.partner.service.NeighbourhoodService;
import org.kiezwerk.partner.service.Saved;
import org.kiezwerk.commons.api.Bodies;
import org.kiezwerk.commons.api.Conditions;
import org.kiezwerk.commons.api.Created;
import org.kiezwerk.commons.api.Cursors;
import org.kiezwerk.commons.api.MergePatch;
import org.kiezwerk.commons.api.Page;
import org.kiezwerk.commons.api.Problem;
import org.kiezwerk.commons.api.QueryParams;

@Path("/api/v1/neighbourhoods")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Neighbourhoods", description = "The managed hierarchy of areas: city → district → quarter.")
public class NeighbourhoodResource {

    static final String PATH = "/api/v1/neighbourhoods/";

    @Inject
    NeighbourhoodService neighbourhoods;

    @Inject
    IdempotentCreation idempotent;

    @Inject
    Bodies bodies;

    @Inject
    ObjectMapper json;

    @PermitAll
    @GET
    @Transactional
    @Operation(summary = "List neighbourhoods", description = "By code; `within` limits the list to an area and everything below it.")
    public Page<NeighbourhoodView> list(@Parameter(description = "A neighbourhood code.") @QueryParam("within") String within,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = Cursors.limit(QueryParams.integer("limit", limit, 1, 200));
        List<Neighbourhood> page = neighbourhoods.page(Cursors.decode(cursor), within == null || within.isBlank() ? null : within.strip(), size + 1);
        String next = page.size() > size ? Cursors.encode(page.get(size - 1).code) : null;
        return new Page<>(page.stream().limit(size).map(n -> NeighbourhoodView.of(n, json)).toList(), next, null);
    }

    @RolesAllowed({"partners:write", "admin"})
    @NotForEditors
    @POST
    @Transactional
    @Operation(summary = "Add a neighbourhood")
    @APIResponse(responseCode = "201", description = "Added.", content = @Content(schema = @Schema(implementation = NeighbourhoodView.class)))
    @APIResponse(responseCode = "409", description = "The code is taken.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown parent, or a parent on the same or a lower level.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) @Pattern(regexp = "[\\x21-\\x7e]*",
                    message = "must be printable ASCII without spaces") String idempotencyKey,
            @NotNull @Valid NeighbourhoodDraft draft) {
        IdempotentCreation.Answer<NeighbourhoodView> answer = idempotent.create(idempotencyKey, "POST " + PATH, draft, NeighbourhoodView.class,
                () -> NeighbourhoodView.of(neighbourhoods.create(draft.toChange()), json));
        NeighbourhoodView view = answer.view();
        return Created.answer(PATH + view.id(), view.version(), view, answer.replayed());
    }

    @PermitAll
    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Read a neighbourhood")
    @APIResponse(responseCode = "200", description = "The neighbourhood; ETag carries its version.", content = @Content(schema = @Schema(implementation = NeighbourhoodView.class)))
    public Response get(@PathParam("id") UUID id) {
        Neighbourhood area = neighbourhoods.get(id);
        return Response.ok(NeighbourhoodView.of(area, json)).tag(Conditions.etag(area.version)).build();
    }

    @RolesAllowed({"partners:write", "admin"})
    @NotForEditors
    @PUT
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Replace a neighbourhood, or create it under this id")
    @APIResponse(responseCode = "200", description = "Replaced.", content = @Content(schema = @Schema(implementation = NeighbourhoodView.class)))
    @APIResponse(responseCode = "201", description = "Created under this id.", content = @Content(schema = @Schema(implementation = NeighbourhoodView.class)))
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid NeighbourhoodDraft draft) {
        Saved<Neighbourhood> saved = neighbourhoods.put(id, draft.toChange(), Conditions.expectedVersion(ifMatch));
        return Created.saved(PATH + id, saved.value().version, NeighbourhoodView.of(saved.value(), json), saved.created());
    }

    @RolesAllowed({"partners:write", "admin"})
    @NotForEditors
    @PATCH
    @Path("/{id}")
    @Transactional
    @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change some fields of a neighbourhood (JSON Merge Patch, RFC 7396)")
    @APIResponse(responseCode = "200", description = "Changed.", content = @Content(schema = @Schema(implementation = NeighbourhoodView.class)))
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Schema(implementation = Object.class) String patch) throws JsonProcessingException {
        Long expected = Conditions.expectedVersion(ifMatch);
        Neighbourhood current = neighbourhoods.get(id);
        NeighbourhoodDraft merged = bodies.patched(NeighbourhoodDraft.of(current, json), patch, NeighbourhoodDraft.class);
        Saved<Neighbourhood> saved = neighbourhoods.put(id, merged.toChange(),
                expected != null && expected >= 0 ? expected : current.version);
        return Response.ok(NeighbourhoodView.of(saved.value(), json)).tag(Conditions.etag(saved.value().version)).build();
    }

    @RolesAllowed({"partners:write", "admin"})
    @NotForEditors
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a neighbourhood", description = "Only without sub-areas and partners (409 otherwise).")
    @APIResponse(responseCode = "204", description = "Removed.")
    @APIResponse(responseCode = "409", description = "It still has sub-areas or partners.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response remove(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        neighbourhoods.remove(id, Conditions.expectedVersion(ifMatch));
        return Response.noContent().build();
    }
}
