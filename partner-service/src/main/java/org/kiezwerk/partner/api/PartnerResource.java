package org.kiezwerk.partner.api;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.service.PartnerService;

@Path("/api/v1/partners")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Partners")
public class PartnerResource {

    @Inject
    PartnerService partners;

    @Inject
    RequestId requestId;

    @POST
    @Operation(summary = "Register a partner")
    @APIResponse(responseCode = "201", description = "Registered; Location names the new partner.",
            content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body; `errors` names each field.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@NotNull @Valid PartnerRegistration registration) {
        Partner partner = partners.register(registration.name(), registration.kind(), registration.neighbourhood(),
                requestId.value());
        // relative, so that it stays right behind the gateway
        return Response.status(Response.Status.CREATED)
                .header("Location", "/api/v1/partners/" + partner.id)
                .tag(etag(partner))
                .entity(PartnerView.of(partner))
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a partner")
    @APIResponse(responseCode = "200", description = "The partner; ETag carries its version.",
            content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "404", description = "No such partner.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Partner partner = partners.get(id);
        return Response.ok(PartnerView.of(partner)).tag(etag(partner)).build();
    }

    private static EntityTag etag(Partner partner) {
        return new EntityTag(Long.toString(partner.version));
    }
}
