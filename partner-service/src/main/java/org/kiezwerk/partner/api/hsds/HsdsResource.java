package org.kiezwerk.partner.api.hsds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.partner.api.InvalidQueryException;
import org.kiezwerk.partner.api.QueryParams;
import org.kiezwerk.partner.domain.NotFoundException;
import org.kiezwerk.partner.domain.Offer;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.Taxonomy;
import org.kiezwerk.partner.domain.TaxonomyTerm;
import org.kiezwerk.partner.repository.HsdsRepository;
import org.kiezwerk.partner.repository.OfferRepository;
import org.kiezwerk.partner.repository.PartnerRepository;
import org.kiezwerk.partner.repository.TaxonomyTermRepository;
import org.kiezwerk.partner.config.HsdsConfig;

/**
 * The directory as Open Referral HSDS 3.0 (read only): organizations, services,
 * service_at_locations, taxonomies and taxonomy_terms, with HSDS paging and filters. Every answer
 * validates against the standard's compiled schemas (see HsdsConformanceIT).
 */
@Path("/hsds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Open Referral HSDS 3.0", description = "The directory in the Human Services Data Specification, read only.")
public class HsdsResource {

    static final String NDJSON = "application/x-ndjson";

    @Inject
    HsdsRepository hsds;

    @Inject
    HsdsMapper mapper;

    @Inject
    PartnerRepository partners;

    @Inject
    OfferRepository offers;

    @Inject
    TaxonomyTermRepository terms;

    @Inject
    HsdsConfig config;

    @Inject
    ObjectMapper json;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Which HSDS version and profile this is, and where its API document is")
    public Hsds.Root root() {
        return new Hsds.Root("3.0", config.profile(), uri.getBaseUri().resolve("/q/openapi").toString());
    }

    @GET
    @Path("/organizations")
    @Transactional
    @Operation(summary = "Organizations (partners), by name")
    public Response organizations(@Parameter(description = "Full text, as in the partner search.") @QueryParam("search") String search,
            @QueryParam("page") String page, @QueryParam("per_page") String perPage, @QueryParam("format") String format) {
        Paging paging = Paging.of(page, perPage);
        HsdsRepository.IdPage ids = hsds.organizations(text(search), paging.page(), paging.perPage());
        return answer(load(ids.ids(), list -> partners.list("id in ?1", list), p -> p.id).stream().map(mapper::organizationFlat).toList(),
                ids.total(), paging, format);
    }

    @GET
    @Path("/organizations/{id}")
    @Transactional
    @Operation(summary = "One organization with its locations, phones and services")
    public Hsds.Organization organization(@PathParam("id") String id) {
        Partner partner = partners.findByIdOptional(uuid(id)).orElseThrow(() -> new NotFoundException("organization", id));
        return mapper.organization(partner, true);
    }

    @GET
    @Path("/services")
    @Transactional
    @Operation(summary = "Services (offers), by name")
    public Response services(@QueryParam("search") String search,
            @Parameter(description = "A taxonomy term id: the offer's category or one of its target groups.")
            @QueryParam("taxonomy_term_id") String termId, @QueryParam("taxonomy_id") String taxonomyId,
            @QueryParam("organization_id") String organizationId,
            @Parameter(description = "ISO-8601 time with offset.") @QueryParam("modified_after") String modifiedAfter,
            @QueryParam("page") String page, @QueryParam("per_page") String perPage, @QueryParam("format") String format) {
        Paging paging = Paging.of(page, perPage);
        HsdsRepository.IdPage ids = hsds.services(filter(search, termId, taxonomyId, organizationId, modifiedAfter, false,
                null, null), paging.page(), paging.perPage());
        return answer(load(ids.ids(), list -> offers.list("id in ?1", list), o -> o.id).stream().map(o -> mapper.serviceFlat(o, true)).toList(),
                ids.total(), paging, format);
    }

    @GET
    @Path("/services/{id}")
    @Transactional
    @Operation(summary = "One service with its organization, schedules, languages, costs and taxonomy terms")
    public Hsds.Service service(@PathParam("id") String id) {
        Offer offer = offers.findByIdOptional(uuid(id)).orElseThrow(() -> new NotFoundException("service", id));
        return mapper.service(offer, true);
    }

    @GET
    @Path("/service_at_locations")
    @Transactional
    @Operation(summary = "Services at the location of their organization")
    public Response serviceAtLocations(@QueryParam("search") String search, @QueryParam("taxonomy_term_id") String termId,
            @QueryParam("taxonomy_id") String taxonomyId, @QueryParam("organization_id") String organizationId,
            @QueryParam("modified_after") String modifiedAfter,
            @Parameter(description = "Only at addresses with this postcode (or around it, with proximity).") @QueryParam("postcode") String postcode,
            @Parameter(description = "Metres around the centre of the postcode's addresses.") @QueryParam("proximity") String proximity,
            @QueryParam("page") String page, @QueryParam("per_page") String perPage, @QueryParam("format") String format) {
        Paging paging = Paging.of(page, perPage);
        Integer metres = QueryParams.integer("proximity", proximity, 1, 50_000);
        String area = text(postcode);
        if (metres != null && area == null) {
            throw new InvalidQueryException("proximity", "needs a postcode to measure from");
        }
        if (area != null && !area.matches("[A-Za-z0-9 -]{1,20}")) {
            throw new InvalidQueryException("postcode", "must be a postcode");
        }
        HsdsRepository.IdPage ids = hsds.services(filter(search, termId, taxonomyId, organizationId, modifiedAfter, true,
                area, metres), paging.page(), paging.perPage());
        return answer(load(ids.ids(), list -> offers.list("id in ?1", list), o -> o.id).stream().map(mapper::serviceAtLocationFlat).toList(),
                ids.total(), paging, format);
    }

    @GET
    @Path("/service_at_locations/{id}")
    @Transactional
    @Operation(summary = "One service at a location, with both in full")
    public Hsds.ServiceAtLocation serviceAtLocation(@PathParam("id") String id) {
        Offer offer = offers.findByIdOptional(HsdsMapper.offerIdOf(uuid(id)))
                .filter(o -> !o.partner.addresses.isEmpty())
                .orElseThrow(() -> new NotFoundException("service_at_location", id));
        return mapper.serviceAtLocation(offer);
    }

    @GET
    @Path("/taxonomies")
    @Operation(summary = "The taxonomies: target groups and offer categories")
    public Response taxonomies(@QueryParam("search") String search, @QueryParam("page") String page,
            @QueryParam("per_page") String perPage, @QueryParam("format") String format) {
        Paging paging = Paging.of(page, perPage);
        String wanted = text(search);
        List<Hsds.Taxonomy> all = Arrays.stream(Taxonomy.values()).map(HsdsMapper::taxonomy)
                .filter(t -> wanted == null || (t.name() + " " + t.description()).toLowerCase(Locale.ROOT)
                        .contains(wanted.toLowerCase(Locale.ROOT)))
                .toList();
        List<Hsds.Taxonomy> page1 = all.stream().skip((long) (paging.page() - 1) * paging.perPage()).limit(paging.perPage()).toList();
        return answer(page1, all.size(), paging, format);
    }

    @GET
    @Path("/taxonomies/{id}")
    @Operation(summary = "One taxonomy")
    public Hsds.Taxonomy taxonomy(@PathParam("id") String id) {
        return HsdsMapper.taxonomy(taxonomyOf(id, "taxonomy"));
    }

    @GET
    @Path("/taxonomy_terms")
    @Transactional
    @Operation(summary = "Taxonomy terms, in German with the English name as description")
    public Response taxonomyTerms(@QueryParam("search") String search, @QueryParam("taxonomy_id") String taxonomyId,
            @QueryParam("page") String page, @QueryParam("per_page") String perPage, @QueryParam("format") String format) {
        Paging paging = Paging.of(page, perPage);
        String taxonomy = text(taxonomyId) == null ? null : taxonomyOf(taxonomyId.strip(), "taxonomy_id").code;
        HsdsRepository.IdPage ids = hsds.terms(text(search), taxonomy, paging.page(), paging.perPage());
        return answer(load(ids.ids(), list -> terms.list("id in ?1", list), t -> t.id).stream().map(HsdsMapper::term).toList(), ids.total(), paging, format);
    }

    @GET
    @Path("/taxonomy_terms/{id}")
    @Transactional
    @Operation(summary = "One taxonomy term")
    public Hsds.TaxonomyTerm taxonomyTerm(@PathParam("id") String id) {
        TaxonomyTerm term = terms.findByIdOptional(uuid(id)).orElseThrow(() -> new NotFoundException("taxonomy_term", id));
        return HsdsMapper.term(term);
    }

    // ---- helpers

    record Paging(int page, int perPage) {
        static Paging of(String page, String perPage) {
            Integer number = QueryParams.integer("page", page, 1, 1_000_000);
            Integer size = QueryParams.integer("per_page", perPage, 1, 200);
            return new Paging(number == null ? 1 : number, size == null ? 20 : size);
        }
    }

    /** A page as HSDS JSON, or its contents one per line with format=ndjson. */
    private Response answer(List<?> contents, long total, Paging paging, String format) {
        String wanted = text(format);
        if (wanted == null || wanted.equals("json")) {
            return Response.ok(Hsds.Page.of(contents, total, paging.page(), paging.perPage()), MediaType.APPLICATION_JSON).build();
        }
        if (!wanted.equals("ndjson")) {
            throw new InvalidQueryException("format", "must be json or ndjson");
        }
        StringBuilder lines = new StringBuilder();
        for (Object item : contents) {
            try {
                lines.append(json.writeValueAsString(item)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return Response.ok(lines.toString(), NDJSON).build();
    }

    private HsdsRepository.ServiceFilter filter(String search, String termId, String taxonomyId, String organizationId,
            String modifiedAfter, boolean atLocationOnly, String postcode, Integer proximity) {
        String taxonomy = text(taxonomyId) == null ? null : taxonomyOf(taxonomyId.strip(), "taxonomy_id").code;
        java.time.OffsetDateTime after = QueryParams.time("modified_after", modifiedAfter);
        return new HsdsRepository.ServiceFilter(text(search), QueryParams.uuid("taxonomy_term_id", termId), taxonomy,
                QueryParams.uuid("organization_id", organizationId), after, atLocationOnly, postcode, proximity);
    }

    private static Taxonomy taxonomyOf(String id, String field) {
        return Arrays.stream(Taxonomy.values()).filter(t -> HsdsMapper.taxonomyId(t).toString().equals(id)).findFirst()
                .orElseThrow(() -> "taxonomy".equals(field) ? new NotFoundException("taxonomy", id)
                        : new InvalidQueryException(field, "is not the id of a taxonomy (see /hsds/taxonomies)"));
    }

    private static <T> List<T> load(List<UUID> ids, Function<List<UUID>, List<T>> query, Function<T, UUID> idOf) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // keep the repository's order; "in" returns rows in any order
        Map<UUID, T> byId = query.apply(ids).stream().collect(Collectors.toMap(idOf, Function.identity()));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("There is nothing with id " + id + ".");
        }
    }
}
