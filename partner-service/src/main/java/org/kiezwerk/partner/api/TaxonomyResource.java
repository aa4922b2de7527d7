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
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.commons.api.NotForEditors;
import org.kiezwerk.partner.domain.Taxonomy;
import org.kiezwerk.partner.domain.TaxonomyTerm;
import org.kiezwerk.commons.idempotency.IdempotentCreation;
import org.kiezwerk.partner.service.Saved;
import org.kiezwerk.partner.service.TaxonomyService;
import org.kiezwerk.commons.api.Bodies;
import org.kiezwerk.commons.api.Conditions;
import org.kiezwerk.commons.api.Created;
import org.kiezwerk.commons.api.Cursors;
import org.kiezwerk.commons.api.MergePatch;
import org.kiezwerk.commons.api.Page;
import org.kiezwerk.commons.api.Problem;
import org.kiezwerk.commons.api.QueryParams;

@Path("/api/v1/taxonomies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Taxonomies", description = "Target groups and offer categories, in German and English; extendable.")
public class TaxonomyResource {

    static final String PATH = "/api/v1/taxonomies/";

    @Inject
    TaxonomyService taxonomies;

    @Inject
    IdempotentCreation idempotent;

    @Inject
    Bodies bodies;

    @Schema(name = "Taxonomy")
    public record TaxonomyView(String code, String nameEn, String nameDe, long terms) {
    }

    @PermitAll
    @GET
    @Transactional
    @Operation(summary = "The taxonomies")
    public Page<TaxonomyView> list() {
        return new Page<>(Arrays.stream(Taxonomy.values())
                .map(t -> new TaxonomyView(t.code, t.nameEn, t.nameDe, taxonomies.count(t))).toList(), null, null);
    }

    @PermitAll
    @GET
    @Path("/{taxonomy}")
    @Transactional
    @Operation(summary = "One taxonomy")
    public TaxonomyView get(@PathParam("taxonomy") String code) {
        Taxonomy taxonomy = TaxonomyService.taxonomy(code);
        return new TaxonomyView(taxonomy.code, taxonomy.nameEn, taxonomy.nameDe, taxonomies.count(taxonomy));
    }

    @PermitAll
    @GET
    @Path("/{taxonomy}/terms")
    @Transactional
    @Operation(summary = "The terms of a taxonomy, by code")
    public Page<TermView> terms(@PathParam("taxonomy") String code, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        int size = Cursors.limit(QueryParams.integer("limit", limit, 1, 200));
        List<TaxonomyTerm> page = taxonomies.page(TaxonomyService.taxonomy(code), Cursors.decode(cursor), size + 1);
        String next = page.size() > size ? Cursors.encode(page.get(size - 1).code) : null;
        return new Page<>(page.stream().limit(size).map(TermView::of).toList(), next, null);
    }

    @RolesAllowed({"partners:write", "admin"})
    @NotForEditors
    @POST
    @Path("/{taxonomy}/terms")
    @Operation(summary = "Add a term")
    @APIResponse(responseCode = "201", description = "Added.", content = @Content(schema = @Schema(implementation = TermView.class)))
    @APIResponse(responseCode = "409", description = "The code exists already.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@PathParam("taxonomy") String code,
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) @Pattern(regexp = "[\\x21-\\x7e]*",
                    message = "must be printable ASCII without spaces") String idempotencyKey,
            @NotNull @Valid TermDraft draft) {
        Taxonomy taxonomy = TaxonomyService.taxonomy(code);
        String path = PATH + taxonomy.code + "/terms/";
        IdempotentCreation.Answer<TermView> answer = idempotent.create(idempotencyKey, "POST " + path, draft, TermView.class,
                () -> TermView.of(taxonomies.create(taxonomy, draft.toChange())));
        TermView view = answer.view();
        return Created.answer(path + view.code(), view.version(), view, answer.replayed());
    }

    @PermitAll
    @GET
    @Path("/{taxonomy}/terms/{code}")
    @Transactional
    @Operation(summary = "Read a term")
    @APIResponse(responseCode = "200", description = "The term; ETag carries its version.", content = @Content(schema = @Schema(implementation = TermView.class)))
    public Response term(@PathParam("taxonomy") String taxonomy, @PathParam("code") String code) {
        TaxonomyTerm term = taxonomies.get(TaxonomyService.taxonomy(taxonomy), code);
        return Response.ok(TermView.of(term)).tag(Conditions.etag(term.version)).build();
    }

    @RolesAllowed({"partners:write", "admin"})
    @NotForEditors
    @PUT
    @Path("/{taxonomy}/terms/{code}")
    @Transactional
    @Operation(summary = "Replace a term, or create it under this code")
    @APIResponse(responseCode = "200", description = "Replaced.", content = @Content(schema = @Schema(implementation = TermView.class)))
    @APIResponse(responseCode = "201", description = "Created under this code.", content = @Content(schema = @Schema(implementation = TermView.class)))
    public Response replace(@PathParam("taxonomy") String taxonomy, @PathParam("code") String code,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid TermDraft draft) {
        Taxonomy which = TaxonomyService.taxonomy(taxonomy);
        Saved<TaxonomyTerm> saved = taxonomies.put(which, code, draft.toChange(), Conditions.expectedVersion(ifMatch));
        return Created.saved(PATH + which.code + "/terms/" + code, saved.value().version, TermView.of(saved.value()), saved.created());
    }

    @RolesAllowed({"partners:write", "admin"})
    @NotForEditors
    @PATCH
    @Path("/{taxonomy}/terms/{code}")
    @Transactional
    @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change some fields of a term (JSON Merge Patch, RFC 7396)")
    @APIResponse(responseCode = "200", description = "Changed.", content = @Content(schema = @Schema(implementation = TermView.class)))
    public Response patch(@PathParam("taxonomy") String taxonomy, @PathParam("code") String code,
            @HeaderParam("If-Match") String ifMatch, @Schema(implementation = Object.class) String patch) throws JsonProcessingException {
        Long expected = Conditions.expectedVersion(ifMatch);
        Taxonomy which = TaxonomyService.taxonomy(taxonomy);
        TaxonomyTerm current = taxonomies.get(which, code);
        TermDraft merged = bodies.patched(TermDraft.of(current), patch, TermDraft.class);
        Saved<TaxonomyTerm> saved = taxonomies.put(which, code, merged.toChange(),
                expected != null && expected >= 0 ? expected : current.version);
        return Response.ok(TermView.of(saved.value())).tag(Conditions.etag(saved.value().version)).build();
    }

    @RolesAllowed({"partners:write", "admin"})
    @NotForEditors
    @DELETE
    @Path("/{taxonomy}/terms/{code}")
    @Operation(summary = "Remove a term", description = "Only while no offer uses it (409 otherwise).")
    @APIResponse(responseCode = "204", description = "Removed.")
    public Response remove(@PathParam("taxonomy") String taxonomy, @PathParam("code") String code,
            @HeaderParam("If-Match") String ifMatch) {
        taxonomies.remove(TaxonomyService.taxonomy(taxonomy), code, Conditions.expectedVersion(ifMatch));
        return Response.noContent().build();
    }
}
