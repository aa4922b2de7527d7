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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.commons.api.Bodies;
import org.kiezwerk.commons.api.Conditions;
import org.kiezwerk.commons.api.Created;
import org.kiezwerk.commons.api.Cursors;
import org.kiezwerk.commons.api.InvalidQueryException;
import org.kiezwerk.commons.api.MergePatch;
import org.kiezwerk.commons.api.NotForEditors;
import org.kiezwerk.commons.api.Page;
import org.kiezwerk.commons.api.Problem;
import org.kiezwerk.commons.api.QueryParams;
import org.kiezwerk.commons.api.RequestId;
import org.kiezwerk.commons.api.Texts;
import org.kiezwerk.commons.idempotency.IdempotentCreation;
import org.kiezwerk.partner.domain.MailBounce;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.PartnerHits;
import org.kiezwerk.partner.domain.PartnerKind;
import org.kiezwerk.partner.domain.PartnerQuery;
import org.kiezwerk.partner.domain.PartnerStatus;
import org.kiezwerk.partner.domain.ResourceKind;
import org.kiezwerk.partner.domain.ResourceMatch;
import org.kiezwerk.partner.service.MailCheck;
import org.kiezwerk.partner.service.OfferService;
import org.kiezwerk.partner.service.PartnerSearch;
import org.kiezwerk.partner.service.PartnerService;
import org.kiezwerk.partner.service.ResourceService;
import org.kiezwerk.partner.service.Saved;
import org.kiezwerk.partner.service.StaleReport;

@Path("/api/v1/partners")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Partners", description = "The directory of organisations: search, read and write.")
public class PartnerResource {

    static final String PATH = "/api/v1/partners/";

    @Inject
    PartnerService partners;

    @Inject
    PartnerSearch search;

    @Inject
    OfferService offers;

    @Inject
    ResourceService resources;

    @Inject
    IdempotentCreation idempotent;

    @Inject
    StaleReport staleReport;

    @Inject
    MailCheck mailChecks;

    /** The partner as the API shows it, with the mail check's bounce of its contact e-mail if there is one. */
    private PartnerView view(Partner partner) {
        return PartnerView.of(partner, null, mailChecks.bounces(List.of(partner.id)).get(partner.id));
    }

    @Inject
    Bodies bodies;

    @Inject
    RequestId requestId;

    @PermitAll
    @GET
    @Transactional
    @Operation(summary = "Search partners", description = "Without filters: all active partners by name. Offer filters"
            + " (targetGroup, age, category) must hold for one and the same offer. Lists take repeated parameters or"
            + " comma-separated values.")
    @APIResponse(responseCode = "200", description = "One page of partners.",
            content = @Content(schema = @Schema(implementation = PartnerSearchPage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid; `errors` names it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A code in a filter does not exist.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PartnerSearchPage search(
            @Parameter(description = "Full text; German and English stemming, tolerant of typos and umlaut spellings.")
            @QueryParam("q") String q,
            @Parameter(description = "Neighbourhood codes; each includes its sub-areas.") @QueryParam("neighbourhood") List<String> neighbourhood,
            @Parameter(description = "Partner kinds, e.g. parish,day_care_centre.") @QueryParam("kind") List<String> kind,
            @Parameter(description = "Target group codes of an offer.") @QueryParam("targetGroup") List<String> targetGroup,
            @Parameter(description = "Has an offer for someone of this age.") @QueryParam("age") String age,
            @Parameter(description = "Offer category codes.") @QueryParam("category") List<String> category,
            @Parameter(description = "Resource kinds it can lend.") @QueryParam("resourceOffered") List<String> resourceOffered,
            @Parameter(description = "Resource kinds it needs.") @QueryParam("resourceNeeded") List<String> resourceNeeded,
            @Parameter(description = "`lat,lon` (WGS 84): only partners within `radius`, nearest first.", example = "50.099,8.210")
            @QueryParam("near") String near,
            @Parameter(description = "Metres around `near`; default 2000, at most 50000.") @QueryParam("radius") String radius,
            @Parameter(description = "Only partners changed after this time (ISO-8601 with offset).") @QueryParam("modifiedSince") String modifiedSince,
            @Parameter(description = "active (default), inactive or any; with modifiedSince the default is any.") @QueryParam("status") String status,
            @Parameter(description = "name, relevance (default with q), distance (default with near), modified, or fresh:"
                    + " the most recently confirmed first (confirmedAt descending, then id).") @QueryParam("sort") String sort,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Parameter(description = "Also count all matches.") @QueryParam("count") String count,
            @Parameter(description = "Also count matches per neighbourhood, kind, target group and offer category.")
            @QueryParam("facets") String facets) {
        PartnerQuery.Near point = near(near, radius);
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && (text.length() > 200 || !text.matches(Texts.PLAIN))) {
            throw new InvalidQueryException("q", "must be at most 200 characters without control characters");
        }
        PartnerQuery.Sort order = sort == null || sort.isBlank()
                ? (point != null ? PartnerQuery.Sort.DISTANCE : text != null ? PartnerQuery.Sort.RELEVANCE : PartnerQuery.Sort.NAME)
                : QueryParams.oneEnum("sort", sort.strip(), PartnerQuery.Sort.class);
        if (order == PartnerQuery.Sort.DISTANCE && point == null) {
            throw new InvalidQueryException("sort", "distance needs near=lat,lon");
        }
        if (order == PartnerQuery.Sort.RELEVANCE && text == null) {
            throw new InvalidQueryException("sort", "relevance needs q");
        }
        // a change feed (modifiedSince) shows every status unless told otherwise: a partner set inactive is a change a
        // synchronising system must see (with active as the default it never did)
        boolean changeFeed = modifiedSince != null && !modifiedSince.isBlank();
        PartnerStatus wanted = status == null || status.isBlank() ? (changeFeed ? null : PartnerStatus.ACTIVE)
                : "any".equalsIgnoreCase(status.strip()) ? null : QueryParams.oneEnum("status", status.strip(), PartnerStatus.class);
        PartnerQuery query = new PartnerQuery(text, QueryParams.values(neighbourhood),
                QueryParams.enums("kind", kind, PartnerKind.class), QueryParams.values(targetGroup),
                QueryParams.integer("age", age, 0, 120), QueryParams.values(category),
                QueryParams.enums("resourceOffered", resourceOffered, ResourceKind.class),
                QueryParams.enums("resourceNeeded", resourceNeeded, ResourceKind.class), point,
                QueryParams.time("modifiedSince", modifiedSince), wanted, order, position(cursor, order),
                Cursors.limit(QueryParams.integer("limit", limit, 1, 200)), QueryParams.flag("count", count),
                QueryParams.flag("facets", facets));
        PartnerHits hits = search.find(query);
        List<Partner> found = search.load(hits);
        List<PartnerView> items = new ArrayList<>();
        Map<UUID, MailBounce> bounces = mailChecks.bounces(found.stream().map(p -> p.id).toList());
        for (int i = 0; i < found.size(); i++) {
            items.add(PartnerView.of(found.get(i), hits.hits().get(i).distanceMetres(), bounces.get(found.get(i).id)));
        }
        PartnerQuery.Position next = hits.next();
        return new PartnerSearchPage(items,
                next == null ? null : Cursors.encode(next.sort().name() + "\n" + next.key() + "\n" + next.id()),
                hits.total(), hits.facets());
    }

    private static PartnerQuery.Near near(String near, String radius) {
        if (near == null || near.isBlank()) {
            if (radius != null && !radius.isBlank()) {
                throw new InvalidQueryException("radius", "needs near=lat,lon");
            }
            return null;
        }
        String[] parts = near.split(",");
        try {
            if (parts.length == 2) {
                double lat = Double.parseDouble(parts[0].strip());
                double lon = Double.parseDouble(parts[1].strip());
                if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
                    Integer metres = QueryParams.integer("radius", radius, 1, 50_000);
                    return new PartnerQuery.Near(lat, lon, metres == null ? 2_000 : metres);
                }
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidQueryException("near", "must be lat,lon in degrees (WGS 84), such as 50.099,8.210");
    }

    private static PartnerQuery.Position position(String cursor, PartnerQuery.Sort sort) {
        String position = Cursors.decode(cursor);
        if (position == null) {
            return null;
        }
        String[] parts = position.split("\n", -1);
        try {
            if (parts.length == 3 && parts[0].equals(sort.name())) {
                return new PartnerQuery.Position(sort, parts[1], UUID.fromString(parts[2]));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new InvalidQueryException("cursor", "is not a cursor from an earlier answer to this search");
    }

    @RolesAllowed({"partners:write", "admin"})
    @NotForEditors
    @POST
    @Operation(summary = "Register a partner")
    @APIResponse(responseCode = "201", description = "Registered; Location names the new partner, ETag its version.",
            content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body; `errors` names each field.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A partner with a very similar name is near the same place; `candidates` names them.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown neighbourhood codes, or an Idempotency-Key used before with another body.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @Parameter(description = "Makes retries safe: the same key with the same body returns the first"
                    + " answer (kept 48 hours), the same key with another body is a 422.")
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) @Pattern(regexp = "[\\x21-\\x7e]*",
                    message = "must be printable ASCII without spaces") String idempotencyKey,
            @Parameter(description = "false registers even a likely duplicate (default true: a 409 names the candidates).")
            @QueryParam("duplicateCheck") String duplicateCheck,
            @NotNull @Valid PartnerDraft draft) {
        boolean check = duplicateCheck == null || duplicateCheck.isBlank() || QueryParams.flag("duplicateCheck", duplicateCheck);
        IdempotentCreation.Answer<PartnerView> answer = idempotent.create(idempotencyKey, "POST " + PATH, draft, PartnerView.class,
                () -> PartnerView.of(partners.create(draft.toChange(), requestId.value(), check)));
        PartnerView view = answer.view();
        return Created.answer(PATH + view.id(), view.version(), view, answer.replayed());
    }

    @PermitAll
    @GET
    @Path("/stale")
    @Operation(summary = "Stale entries of an area",
            description = "Active partners linked to the area or an area below it, and their offers, that nobody has confirmed"
                    + " (written through the API, POST .../confirmation, imported) for `months` months; oldest confirmation first,"
                    + " then by id. Each names the partner's public contact, whom to ask. When the operator configured the"
                    + " mail check, active partners whose contact e-mail bounces are listed too, however recently confirmed"
                    + " (`reasons` says why each entry is listed; `contact.emailBouncedAt` since when it bounces).")
    @APIResponse(responseCode = "200", description = "One page of stale entries.")
    @APIResponse(responseCode = "400", description = "No neighbourhood, or a bad `months`, `limit` or `cursor`; `errors` names it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No neighbourhood with that code.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<StaleEntryView> stale(
            @Parameter(description = "Neighbourhood code (required); its sub-areas are included.") @QueryParam("neighbourhood") String neighbourhood,
            @Parameter(description = "Not confirmed for this many months: 1 to 120, default 12.") @QueryParam("months") String months,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        if (neighbourhood == null || neighbourhood.isBlank()) {
            throw new InvalidQueryException("neighbourhood", "is required: the code of the area to report on");
        }
        if (neighbourhood.length() > 100 || !neighbourhood.matches(Texts.PLAIN)) {
            throw new InvalidQueryException("neighbourhood", "must be a neighbourhood code");
        }
        Integer n = QueryParams.integer("months", months, 1, 120);
        int size = Cursors.limit(QueryParams.integer("limit", limit, 1, 200));
        OffsetDateTime afterAt = null;
        UUID afterId = null;
        String position = Cursors.decode(cursor);
        if (position != null) {
            String[] parts = position.split("\n", -1);
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException();
                }
                afterAt = OffsetDateTime.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw new InvalidQueryException("cursor", "is not a cursor from an earlier answer to this report");
            }
        }
        var found = staleReport.find(neighbourhood.strip(), n == null ? 12 : n, afterAt, afterId, size + 1);
        String next = null;
        if (found.size() > size) {
            var last = found.get(size - 1);
            next = Cursors.encode(last.confirmedAt() + "\n" + last.id());
        }
        return new Page<>(found.stream().limit(size).map(StaleEntryView::of).toList(), next, null);
    }

    @PermitAll
    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Read a partner")
    @APIResponse(responseCode = "200", description = "The partner; ETag carries its version.",
            content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "404", description = "No such partner.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Partner partner = partners.get(id);
        return Response.ok(view(partner)).tag(Conditions.etag(partner.version)).build();
    }

    @RolesAllowed({"partners:write", "admin"})
    @OwnRecordOnly
    @PUT
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Replace a partner, or create it under this id",
            description = "With If-Match, only if the partner is still at that version (412 otherwise).")
    @APIResponse(responseCode = "200", description = "Replaced.", content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "201", description = "Created under this id.", content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an old version.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid PartnerDraft draft) {
        Saved<Partner> saved = partners.put(id, draft.toChange(), Conditions.expectedVersion(ifMatch), requestId.value());
        return Created.saved(PATH + id, saved.value().version, view(saved.value()), saved.created());
    }

    @RolesAllowed({"partners:write", "admin"})
    @OwnRecordOnly
    @PATCH
    @Path("/{id}")
    @Transactional
    @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change some fields of a partner (JSON Merge Patch, RFC 7396)",
            description = "null removes a field; the result must be valid as a whole. With If-Match, only at that version.")
    @APIResponse(responseCode = "200", description = "Changed.", content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an old version.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Schema(implementation = Object.class) String patch) throws JsonProcessingException {
        Long expected = Conditions.expectedVersion(ifMatch);
        Partner current = partners.get(id);
        PartnerDraft merged = bodies.patched(PartnerDraft.of(current), patch, PartnerDraft.class);
        // the merge was made on this version: a concurrent change in between must not be overwritten
        Saved<Partner> saved = partners.put(id, merged.toChange(), expected != null && expected >= 0 ? expected : current.version,
                requestId.value());
        return Response.ok(view(saved.value())).tag(Conditions.etag(saved.value().version)).build();
    }

    @RolesAllowed({"partners:write", "admin"})
    @OwnRecordOnly
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a partner with its offers and resources",
            description = "Announced as org.kiezwerk.partner.removed.v1 followed by a tombstone.")
    @APIResponse(responseCode = "204", description = "Removed.")
    @APIResponse(responseCode = "404", description = "No such partner.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an old version.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response remove(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        partners.remove(id, Conditions.expectedVersion(ifMatch), requestId.value());
        return Response.noContent().build();
    }

    @RolesAllowed({"partners:write", "admin"})
    @OwnRecordOnly
    @POST
    @Path("/{id}/confirmation")
    @Transactional
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Confirm that a partner's entry is still right",
            description = "No body. The caller says the entry is still right: confirmedAt becomes now, confirmedBy the caller."
                    + " Like any change it raises the version (new ETag) and is announced on the partner topic; with If-Match only"
                    + " at that version. Editors may confirm only their own organisations' entries.")
    @APIResponse(responseCode = "200", description = "Confirmed; the partner with its new version (ETag).",
            content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "403", description = "An editor of another organisation.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such partner.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an old version.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response confirm(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        Partner partner = partners.confirm(id, Conditions.expectedVersion(ifMatch), requestId.value());
        return Response.ok(view(partner)).tag(Conditions.etag(partner.version)).build();
    }

    @Schema(name = "PartnerMerge")
    public record MergeRequest(@NotNull @Schema(description = "The partner to fold into this one; it is removed.") UUID duplicateId) {
    }

    @RolesAllowed({"partners:write", "admin"})
    @NotForEditors
    @POST
    @Path("/{id}/merge")
    @Transactional
    @Operation(summary = "Fold a duplicate into this partner",
            description = "The duplicate's offers and resources move here; its names, neighbourhoods, addresses and languages"
                    + " are added and empty contact fields filled; then it is removed (announced with a tombstone).")
    @APIResponse(responseCode = "200", description = "The partner after the merge.",
            content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an old version of this partner.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No such duplicate, or the partner itself.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response merge(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid MergeRequest merge) {
        Partner partner = partners.merge(id, merge.duplicateId(), Conditions.expectedVersion(ifMatch), requestId.value());
        return Response.ok(view(partner)).tag(Conditions.etag(partner.version)).build();
    }

    @PermitAll
    @GET
    @Path("/{id}/matches")
    @Transactional
    @Operation(summary = "Resource matching: who can meet this partner's needs, and whose needs it can meet",
            description = "Active partners offering a kind of resource this partner needs, or needing a kind it offers;"
                    + " nearest first, then by how much matches. E.g. the centre with free rooms and an audience finds the"
                    + " club that wants a room for talks.")
    public Page<ResourceMatchView> matches(@PathParam("id") UUID id,
            @Parameter(description = "Only within this many metres (needs coordinates on both sides).") @QueryParam("radius") String radius,
            @QueryParam("limit") String limit) {
        partners.get(id);
        int size = Cursors.limit(QueryParams.integer("limit", limit, 1, 200));
        List<ResourceMatch> found =
                search.resourceMatches(id, QueryParams.integer("radius", radius, 1, 100_000), size);
        Map<UUID, Partner> byId = new HashMap<>();
        search.byIds(found.stream().map(ResourceMatch::partnerId).toList())
                .forEach(p -> byId.put(p.id, p));
        return new Page<>(found.stream().map(m -> {
            Partner p = byId.get(m.partnerId());
            PartnerView view = PartnerView.of(p);
            return new ResourceMatchView(p.id, p.name, p.kind.name().toLowerCase(Locale.ROOT), view.neighbourhoods(),
                    m.theyOffer(), m.theyNeed(), m.distanceMetres() == null ? null : Math.round(m.distanceMetres()));
        }).toList(), null, null);
    }

    @PermitAll
    @GET
    @Path("/{id}/offers")
    @Transactional
    @Operation(summary = "A partner's offers")
    public List<OfferView> offersOf(@PathParam("id") UUID id) {
        partners.get(id);
        return offers.page(id, null, 1_000).stream().map(OfferView::of).toList();
    }

    @PermitAll
    @GET
    @Path("/{id}/resources")
    @Transactional
    @Operation(summary = "What a partner can lend and what it needs")
    public List<ResourceView> resourcesOf(@PathParam("id") UUID id) {
        partners.get(id);
        return resources.page(id, null, null, null, 1_000).stream().map(ResourceView::of).toList();
    }
}
