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
import org.kiezwerk.commons.api.CallerRules;
import org.kiezwerk.commons.api.Conditions;
import org.kiezwerk.commons.api.Created;
import org.kiezwerk.commons.api.Cursors;
import org.kiezwerk.commons.api.MergePatch;
import org.kiezwerk.commons.api.Page;
import org.kiezwerk.commons.api.Problem;
import org.kiezwerk.commons.api.QueryParams;
import org.kiezwerk.partner.domain.Offer;
import org.kiezwerk.partner.service.OfferChange;
import org.kiezwerk.partner.service.OfferService;

@Path("/api/v1/offers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Offers", description = "What partners run for people (services in HSDS terms).")
public class OfferResource extends PartnerPartResource<Offer, OfferChange, OfferDraft, OfferView> {

    static final String PATH = "/api/v1/offers/";

    @Inject
    OfferService offers;

    public OfferResource() {
        super(new Part<>(PATH, "the offers", OfferDraft.class, OfferDraft::of, OfferDraft::toChange, OfferView.class,
                OfferView::of, OfferView::id, OfferView::version));
    }

    @Override
    OfferService parts() {
        return offers;
    }

    @PermitAll
    @GET
    @Transactional
    @Operation(summary = "List offers", description = "In a stable order, optionally of one partner.")
    public Page<OfferView> list(@QueryParam("partnerId") String partnerId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        int size = Cursors.limit(QueryParams.integer("limit", limit, 1, 200));
        List<Offer> page = offers.page(QueryParams.uuid("partnerId", partnerId), Cursors.decodeId(cursor), size + 1);
        String next = page.size() > size ? Cursors.encode(page.get(size - 1).id.toString()) : null;
        return new Page<>(page.stream().limit(size).map(OfferView::of).toList(), next, null);
    }

    @RolesAllowed({"partners:write", "admin"})
    @POST
    @Operation(summary = "Add an offer to a partner")
    @APIResponse(responseCode = "201", description = "Added.", content = @Content(schema = @Schema(implementation = OfferView.class)))
    @APIResponse(responseCode = "422", description = "Unknown partner, category or target group.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @Parameter(description = "Makes retries safe (see the partners' POST).")
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) @Pattern(regexp = "[\\x21-\\x7e]*",
                    message = "must be printable ASCII without spaces") String idempotencyKey,
            @NotNull @Valid OfferDraft draft) {
        return created(idempotencyKey, draft);
    }

    @PermitAll
    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Read an offer")
    @APIResponse(responseCode = "200", description = "The offer; ETag carries its version.",
            content = @Content(schema = @Schema(implementation = OfferView.class)))
    public Response get(@PathParam("id") UUID id) {
        return read(id);
    }

    @RolesAllowed({"partners:write", "admin"})
    @PUT
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Replace an offer, or create it under this id")
    @APIResponse(responseCode = "200", description = "Replaced.", content = @Content(schema = @Schema(implementation = OfferView.class)))
    @APIResponse(responseCode = "201", description = "Created under this id.", content = @Content(schema = @Schema(implementation = OfferView.class)))
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid OfferDraft draft) {
        return replaced(id, ifMatch, draft);
    }

    @RolesAllowed({"partners:write", "admin"})
    @PATCH
    @Path("/{id}")
    @Transactional
    @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change some fields of an offer (JSON Merge Patch, RFC 7396)")
    @APIResponse(responseCode = "200", description = "Changed.", content = @Content(schema = @Schema(implementation = OfferView.class)))
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Schema(implementation = Object.class) String patch) throws JsonProcessingException {
        return patched(id, ifMatch, patch);
    }

    @RolesAllowed({"partners:write", "admin"})
    @POST
    @Path("/{id}/confirmation")
    @Transactional
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Confirm that an offer is still right",
            description = "No body. The caller says the offer is still right: confirmedAt becomes now, confirmedBy the caller."
                    + " Like any change it raises the version (new ETag) and is announced on the partner topic; with If-Match only"
                    + " at that version. Editors may confirm only their own organisations' entries.")
    @APIResponse(responseCode = "200", description = "Confirmed; the offer with its new version (ETag).",
            content = @Content(schema = @Schema(implementation = OfferView.class)))
    @APIResponse(responseCode = "403", description = "An editor of another organisation.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such offer.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an old version.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response confirm(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        Offer offer = offers.confirm(id, Conditions.expectedVersion(ifMatch), CallerRules.editor(identity), requestId.value());
        return Response.ok(OfferView.of(offer)).tag(Conditions.etag(offer.version)).build();
    }

    @RolesAllowed({"partners:write", "admin"})
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an offer")
    @APIResponse(responseCode = "204", description = "Removed.")
    public Response remove(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return removed(id, ifMatch);
    }
}
