package org.kiezwerk.partner.api;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import org.kiezwerk.partner.domain.Resource;
import org.kiezwerk.partner.domain.ResourceDirection;
import org.kiezwerk.partner.domain.ResourceKind;
import org.kiezwerk.partner.service.ResourceChange;
import org.kiezwerk.partner.service.ResourceService;
import org.kiezwerk.commons.api.Created;
import org.kiezwerk.commons.api.Cursors;
import org.kiezwerk.commons.api.MergePatch;
import org.kiezwerk.commons.api.Page;
import org.kiezwerk.commons.api.Problem;
import org.kiezwerk.commons.api.QueryParams;

@Path("/api/v1/resources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Resources", description = "What partners can lend each other and what they need.")
public class ResourceResource extends PartnerPartResource<Resource, ResourceChange, ResourceDraft, ResourceView> {

    static final String PATH = "/api/v1/resources/";

    @Inject
    ResourceService resources;

    public ResourceResource() {
        super(new Part<>(PATH, "the resources", ResourceDraft.class, ResourceDraft::of, ResourceDraft::toChange, ResourceView.class,
                ResourceView::of, ResourceView::id, ResourceView::version));
    }

    @Override
    ResourceService parts() {
        return resources;
    }

    @PermitAll
    @GET
    @Transactional
    @Operation(summary = "List resources", description = "In a stable order; filter by partner, direction (offered, needed) and kind.")
    public Page<ResourceView> list(@QueryParam("partnerId") String partnerId, @QueryParam("direction") String direction,
            @QueryParam("kind") String kind, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = Cursors.limit(QueryParams.integer("limit", limit, 1, 200));
        List<Resource> page = resources.page(QueryParams.uuid("partnerId", partnerId),
                direction == null ? null : QueryParams.oneEnum("direction", direction, ResourceDirection.class),
                kind == null ? null : QueryParams.oneEnum("kind", kind, ResourceKind.class), Cursors.decodeId(cursor), size + 1);
        String next = page.size() > size ? Cursors.encode(page.get(size - 1).id.toString()) : null;
        return new Page<>(page.stream().limit(size).map(ResourceView::of).toList(), next, null);
    }

    @RolesAllowed({"partners:write", "admin"})
    @POST
    @Operation(summary = "Add a resource a partner offers or needs")
    @APIResponse(responseCode = "201", description = "Added.", content = @Content(schema = @Schema(implementation = ResourceView.class)))
    @APIResponse(responseCode = "422", description = "Unknown partner.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @Parameter(description = "Makes retries safe (see the partners' POST).")
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) @Pattern(regexp = "[\\x21-\\x7e]*",
                    message = "must be printable ASCII without spaces") String idempotencyKey,
            @NotNull @Valid ResourceDraft draft) {
        return created(idempotencyKey, draft);
    }

    @PermitAll
    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Read a resource")
    @APIResponse(responseCode = "200", description = "The resource; ETag carries its version.",
            content = @Content(schema = @Schema(implementation = ResourceView.class)))
    public Response get(@PathParam("id") UUID id) {
        return read(id);
    }

    @RolesAllowed({"partners:write", "admin"})
    @PUT
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Replace a resource, or create it under this id")
    @APIResponse(responseCode = "200", description = "Replaced.", content = @Content(schema = @Schema(implementation = ResourceView.class)))
    @APIResponse(responseCode = "201", description = "Created under this id.", content = @Content(schema = @Schema(implementation = ResourceView.class)))
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ResourceDraft draft) {
        return replaced(id, ifMatch, draft);
    }

    @RolesAllowed({"partners:write", "admin"})
    @PATCH
    @Path("/{id}")
    @Transactional
    @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change some fields of a resource (JSON Merge Patch, RFC 7396)")
    @APIResponse(responseCode = "200", description = "Changed.", content = @Content(schema = @Schema(implementation = ResourceView.class)))
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Schema(implementation = Object.class) String patch) throws JsonProcessingException {
        return patched(id, ifMatch, patch);
    }

    @RolesAllowed({"partners:write", "admin"})
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a resource")
    @APIResponse(responseCode = "204", description = "Removed.")
    public Response remove(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return removed(id, ifMatch);
    }
}
