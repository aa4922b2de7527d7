package org.kiezwerk.partner.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.HeaderParam;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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

    @Inject
    ObjectMapper json;

    @POST
    @Operation(summary = "Register a partner")
    @APIResponse(responseCode = "201", description = "Registered; Location names the new partner.",
            content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body; `errors` names each field.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with another body.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(
            @Parameter(description = "Makes retries safe: the same key with the same body returns the first"
                    + " answer (kept 48 hours), the same key with another body is a 422.")
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) @Pattern(regexp = "[\\x21-\\x7e]*",
                    message = "must be printable ASCII without spaces") String idempotencyKey,
            @NotNull @Valid PartnerRegistration registration) throws JsonProcessingException {
        PartnerService.Registration outcome = partners.register(registration.name(), registration.kind(),
                registration.neighbourhood(), requestId.value(), idempotencyKey, sha256(json.writeValueAsString(registration)),
                partner -> write(PartnerView.of(partner)));
        PartnerView view = outcome.created() != null
                ? PartnerView.of(outcome.created())
                : json.readValue(outcome.firstAnswer(), PartnerView.class);
        // relative, so that it stays right behind the gateway
        Response.ResponseBuilder answer = Response.status(Response.Status.CREATED)
                .header("Location", "/api/v1/partners/" + view.id())
                .tag(new EntityTag(Long.toString(view.version())))
                .entity(view);
        if (outcome.created() == null) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.build();
    }

    private String write(PartnerView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
