package org.kiezwerk.partner.api.hsds;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.commons.api.Admission;
import org.kiezwerk.commons.api.InvalidQueryException;
import org.kiezwerk.commons.api.QueryParams;
import org.kiezwerk.partner.config.HsdsConfig;
import org.kiezwerk.partner.domain.HsdsServiceFilter;
import org.kiezwerk.partner.domain.NotFoundException;
import org.kiezwerk.partner.domain.Offer;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.ServiceStamp;
import org.kiezwerk.partner.domain.Taxonomy;
import org.kiezwerk.partner.domain.TaxonomyTerm;
import org.kiezwerk.partner.service.HsdsDirectory;

/**
 * The directory as Open Referral HSDS 3.0 (read only): organizations, services,
 * service_at_locations, taxonomies and taxonomy_terms, with the paths and parameters of the
 * standard's API document (schema/openapi.json) and HSDS paging. Every answer validates against the
 * standard's compiled schemas (see HsdsConformanceIT).
 */
@Path("/hsds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Open Referral HSDS 3.0", description = "The directory in the Human Services Data Specification, read only.")
public class HsdsResource {

    static final String NDJSON = "application/x-ndjson";

    /** What every list answers (list(...): a page, or with format=ndjson all matches streamed). */
    private static final String LIST = "A page of matches; with format=ndjson every match, one a line.";
    private static final String LIST_BUSY = "format=ndjson only: as many ndjson answers as the service writes at once are under way;"
            + " try again after Retry-After.";

    @Inject
    HsdsDirectory directory;

    @Inject
    HsdsMapper mapper;

    @Inject
    HsdsConfig config;

    @Inject
    ObjectMapper json;

    @Context
    UriInfo uri;

    @Inject
    RoutingContext routing;

    @PermitAll
    @GET
    @Operation(summary = "Which HSDS version and profile this is, and where its API document is")
    public Hsds.Root root() {
        return new Hsds.Root("3.0", config.profile(), uri.getBaseUri().resolve("/q/openapi").toString());
    }

    @PermitAll
    @GET
    @Path("/organizations")
    @Transactional
    @Operation(summary = "Organizations (partners), by name")
    @APIResponse(responseCode = "200", description = LIST)
    @APIResponse(responseCode = "503", description = LIST_BUSY, content = @Content(mediaType = "application/problem+json"))
    public Response organizations(@Parameter(description = "Full text, as in the partner search.") @QueryParam("search") String search,
            @Parameter(description = "true: each organization in full, with its services nested in full.")
            @QueryParam("full_service") String fullService,
            @Parameter(description = "true: each organization in full (locations, phones; services flat).")
            @QueryParam("full") String full,
            @QueryParam("page") String page, @QueryParam("per_page") String perPage,
            @Parameter(description = "json (default) or ndjson: all matches, one per line, without paging.")
            @QueryParam("format") String format) {
        Paging paging = Paging.of(page, perPage);
        boolean withServices = QueryParams.flag("full_service", fullService);
        boolean whole = QueryParams.flag("full", full) || withServices;
        String text = text(search);
        return list(paging, format, (number, size) -> {
            HsdsDirectory.Found<Partner> found = directory.organizations(text, number, size);
            return new Loaded(found.items().stream().map(p -> whole ? mapper.organization(p, withServices ? HsdsMapper.Services.FULL
                    : HsdsMapper.Services.FLAT) : mapper.organizationFlat(p)).toList(), found.total());
        });
    }

    @PermitAll
    @GET
    @Path("/organizations/{id}")
    @Transactional
    @Operation(summary = "One organization with its locations, phones and services")
    public Hsds.Organization organization(@PathParam("id") String id,
            @Parameter(description = "true: its services in full (schedules, languages, service_at_locations, ...), not flat.")
            @QueryParam("full_service") String fullService) {
        boolean withServices = QueryParams.flag("full_service", fullService);
        Partner partner = directory.organization(uuid(id)).orElseThrow(() -> new NotFoundException("organization", id));
        return mapper.organization(partner, withServices ? HsdsMapper.Services.FULL : HsdsMapper.Services.FLAT);
    }

    @PermitAll
    @GET
    @Path("/services")
    @Transactional
    @Operation(summary = "Services (offers), by name")
    @APIResponse(responseCode = "200", description = LIST)
    @APIResponse(responseCode = "503", description = LIST_BUSY, content = @Content(mediaType = "application/problem+json"))
    public Response services(@QueryParam("search") String search,
            @Parameter(description = "A taxonomy term id: the offer's category or one of its target groups.")
            @QueryParam("taxonomy_term_id") String termId, @QueryParam("taxonomy_id") String taxonomyId,
            @QueryParam("organization_id") String organizationId,
            @Parameter(description = "ISO-8601 time with offset: services changed at or after it.") @QueryParam("modified_after") String modifiedAfter,
            @Parameter(description = "true: only each service's id and last_modified (per_page up to 10000, default 1000).")
            @QueryParam("minimal") String minimal,
            @Parameter(description = "true: each service in full, with its organization, schedules, languages, costs, terms"
                    + " and service_at_locations.") @QueryParam("full") String full,
            @QueryParam("page") String page, @QueryParam("per_page") String perPage,
            @Parameter(description = "json (default) or ndjson: all matches, one per line, without paging.")
            @QueryParam("format") String format) {
        boolean onlyIds = QueryParams.flag("minimal", minimal);
        boolean whole = QueryParams.flag("full", full);
        if (onlyIds && whole) {
            throw new InvalidQueryException("minimal", "cannot be combined with full=true");
        }
        Paging paging = onlyIds ? Paging.of(page, perPage, 10_000, 1000) : Paging.of(page, perPage);
        HsdsServiceFilter filter = filter(search, termId, taxonomyId, organizationId, modifiedAfter, null, null);
        return list(paging, format, (number, size) -> {
            if (onlyIds) {
                HsdsDirectory.Found<ServiceStamp> found = directory.serviceStamps(filter, number, size);
                return new Loaded(found.items().stream().map(HsdsMapper::serviceMinimal).toList(), found.total());
            }
            HsdsDirectory.Found<Offer> found = directory.services(filter, number, size);
            return new Loaded(found.items().stream().map(o -> whole ? mapper.service(o, true, true) : mapper.serviceFlat(o, true)).toList(),
                    found.total());
        });
    }

    @PermitAll
    @GET
    @Path("/services/{id}")
    @Transactional
    @Operation(summary = "One service with its organization, schedules, languages, costs, taxonomy terms and locations")
    public Hsds.Service service(@PathParam("id") String id) {
        Offer offer = directory.service(uuid(id)).orElseThrow(() -> new NotFoundException("service", id));
        return mapper.service(offer, true, true);
    }

    @PermitAll
    @GET
    @Path("/service_at_locations")
    @Transactional
    @Operation(summary = "Services at their locations: where their import placed them, else at their organization's first")
    @APIResponse(responseCode = "200", description = LIST)
    @APIResponse(responseCode = "503", description = LIST_BUSY, content = @Content(mediaType = "application/problem+json"))
    public Response serviceAtLocations(@QueryParam("search") String search, @QueryParam("taxonomy_term_id") String termId,
            @QueryParam("taxonomy_id") String taxonomyId, @QueryParam("organization_id") String organizationId,
            @Parameter(description = "ISO-8601 time with offset: services changed at or after it.")
            @QueryParam("modified_after") String modifiedAfter,
            @Parameter(description = "true: each in full, with the location and the service in full.") @QueryParam("full") String full,
            @Parameter(description = "Only at addresses with this postcode (or around it, with proximity).") @QueryParam("postcode") String postcode,
            @Parameter(description = "Metres around the centre of the postcode's addresses.") @QueryParam("proximity") String proximity,
            @QueryParam("page") String page, @QueryParam("per_page") String perPage,
            @Parameter(description = "json (default) or ndjson: all matches, one per line, without paging.")
            @QueryParam("format") String format) {
        Paging paging = Paging.of(page, perPage);
        boolean whole = QueryParams.flag("full", full);
        Integer metres = QueryParams.integer("proximity", proximity, 1, 50_000);
        String area = text(postcode);
        if (metres != null && area == null) {
            throw new InvalidQueryException("proximity", "needs a postcode to measure from");
        }
        if (area != null && !area.matches("[A-Za-z0-9 -]{1,20}")) {
            throw new InvalidQueryException("postcode", "must be a postcode");
        }
        HsdsServiceFilter filter = filter(search, termId, taxonomyId, organizationId, modifiedAfter, area, metres);
        return list(paging, format, (number, size) -> {
            HsdsDirectory.Found<HsdsDirectory.Placed> found = directory.serviceAtLocations(filter, number, size);
            List<Hsds.ServiceAtLocation> contents = new ArrayList<>();
            for (HsdsDirectory.Placed placed : found.items()) {
                Offer offer = placed.offer();
                Optional<HsdsMapper.At> at = placed.salId() == null
                        ? HsdsMapper.places(offer).stream().findFirst() : HsdsMapper.at(offer, placed.salId());
                at.ifPresent(place -> contents.add(whole ? mapper.serviceAtLocation(offer, place)
                        : mapper.serviceAtLocationFlat(offer, place)));
            }
            return new Loaded(contents, found.total());
        });
    }

    @PermitAll
    @GET
    @Path("/service_at_locations/{id}")
    @Transactional
    @Operation(summary = "One service at a location, with both in full")
    public Hsds.ServiceAtLocation serviceAtLocation(@PathParam("id") String id) {
        UUID wanted = uuid(id);
        Offer offer = directory.serviceAt(wanted, HsdsMapper.offerIdOf(wanted)).orElse(null);
        HsdsMapper.At at = offer == null ? null : HsdsMapper.at(offer, wanted).orElse(null);
        if (at == null) {
            throw new NotFoundException("service_at_location", id);
        }
        return mapper.serviceAtLocation(offer, at);
    }

    @PermitAll
    @GET
    @Path("/taxonomies")
    @Transactional
    @Operation(summary = "The taxonomies: target groups and offer categories")
    @APIResponse(responseCode = "200", description = LIST)
    @APIResponse(responseCode = "503", description = LIST_BUSY, content = @Content(mediaType = "application/problem+json"))
    public Response taxonomies(@QueryParam("search") String search, @QueryParam("page") String page,
            @QueryParam("per_page") String perPage,
            @Parameter(description = "json (default) or ndjson: all matches, one per line, without paging.")
            @QueryParam("format") String format) {
        Paging paging = Paging.of(page, perPage);
        String wanted = text(search);
        List<Hsds.Taxonomy> all = Arrays.stream(Taxonomy.values()).map(HsdsMapper::taxonomy)
                .filter(t -> wanted == null || (t.name() + " " + t.description()).toLowerCase(Locale.ROOT)
                        .contains(wanted.toLowerCase(Locale.ROOT)))
                .toList();
        return list(paging, format, (number, size) -> new Loaded(all.stream().skip((long) (number - 1) * size).limit(size)
                .toList(), all.size()));
    }

    @PermitAll
    @GET
    @Path("/taxonomies/{id}")
    @Operation(summary = "One taxonomy")
    public Hsds.Taxonomy taxonomy(@PathParam("id") String id) {
        return HsdsMapper.taxonomy(taxonomyOf(id, "taxonomy"));
    }

    @PermitAll
    @GET
    @Path("/taxonomy_terms")
    @Transactional
    @Operation(summary = "Taxonomy terms, in German with the English name as description")
    @APIResponse(responseCode = "200", description = LIST)
    @APIResponse(responseCode = "503", description = LIST_BUSY, content = @Content(mediaType = "application/problem+json"))
    public Response taxonomyTerms(@QueryParam("search") String search, @QueryParam("taxonomy_id") String taxonomyId,
            @Parameter(description = "true: only terms at the top of their taxonomy. Kiezwerk's terms do not nest: all are.")
            @QueryParam("top_only") String topOnly,
            @Parameter(description = "Only the terms below this term. Kiezwerk's terms do not nest: none are.")
            @QueryParam("parent_id") String parentId,
            @QueryParam("page") String page, @QueryParam("per_page") String perPage,
            @Parameter(description = "json (default) or ndjson: all matches, one per line, without paging.")
            @QueryParam("format") String format) {
        Paging paging = Paging.of(page, perPage);
        QueryParams.flag("top_only", topOnly); // checked; every term is at the top, so it leaves nothing out
        boolean below = QueryParams.uuid("parent_id", parentId) != null;
        String taxonomy = text(taxonomyId) == null ? null : taxonomyOf(taxonomyId.strip(), "taxonomy_id").code;
        String text = text(search);
        return list(paging, format, (number, size) -> {
            if (below) {
                return new Loaded(List.of(), 0);
            }
            HsdsDirectory.Found<TaxonomyTerm> found = directory.terms(text, taxonomy, number, size);
            return new Loaded(found.items().stream().map(HsdsMapper::term).toList(), found.total());
        });
    }

    @PermitAll
    @GET
    @Path("/taxonomy_terms/{id}")
    @Transactional
    @Operation(summary = "One taxonomy term")
    public Hsds.TaxonomyTerm taxonomyTerm(@PathParam("id") String id) {
        TaxonomyTerm term = directory.term(uuid(id)).orElseThrow(() -> new NotFoundException("taxonomy_term", id));
        return HsdsMapper.term(term);
    }

    // ---- helpers

    record Paging(int page, int perPage) {
        static Paging of(String page, String perPage) {
            return of(page, perPage, 200, 20);
        }

        static Paging of(String page, String perPage, int max, int fallback) {
            Integer number = QueryParams.integer("page", page, 1, 1_000_000);
            Integer size = QueryParams.integer("per_page", perPage, 1, max);
            return new Paging(number == null ? 1 : number, size == null ? fallback : size);
        }
    }

    /** One page of a list and how many there are in all. */
    record Loaded(List<?> contents, long total) {
    }

    interface Loader {
        Loaded load(int page, int perPage);
    }

    /** ndjson answers are read in batches of this size. */
    private static final int BATCH = 200;

    /**
     * A page as HSDS JSON; or, with format=ndjson, all matches one per line, without paging (as the
     * API document has it).
     */
    private Response list(Paging paging, String format, Loader loader) {
        String wanted = text(format);
        if (wanted == null || wanted.equals("json")) {
            Loaded page = loader.load(paging.page(), paging.perPage());
            return Response.ok(Hsds.Page.of(page.contents(), page.total(), paging.page(), paging.perPage()),
                    MediaType.APPLICATION_JSON).build();
        }
        if (!wanted.equals("ndjson")) {
            throw new InvalidQueryException("format", "must be json or ndjson");
        }
        // every match, written as it is read, in batches from one snapshot (HsdsDirectory.inOneSnapshot); the place
        // among the answers being written is given back when the exchange ends (written, failed or abandoned)
        Admission.Place permit = directory.admitExport();
        routing.addEndHandler(done -> permit.close());
        StreamingOutput body = out -> {
            BufferedOutputStream lines = new BufferedOutputStream(out, 64 * 1024);
            try {
                directory.inOneSnapshot(() -> {
                    for (int page = 1; ; page++) {
                        Loaded batch = loader.load(page, BATCH);
                        try {
                            for (Object item : batch.contents()) {
                                lines.write(json.writeValueAsBytes(item));
                                lines.write('\n');
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e); // the caller went away: the transaction ends
                        }
                        directory.forgetLoaded(); // what is written need not stay in memory
                        if (batch.contents().isEmpty() || (long) page * BATCH >= batch.total()) {
                            break;
                        }
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            lines.flush();
        };
        return Response.ok(body, NDJSON).build();
    }

    private HsdsServiceFilter filter(String search, String termId, String taxonomyId, String organizationId,
            String modifiedAfter, String postcode, Integer proximity) {
        String taxonomy = text(taxonomyId) == null ? null : taxonomyOf(taxonomyId.strip(), "taxonomy_id").code;
        OffsetDateTime after = QueryParams.time("modified_after", modifiedAfter);
        return new HsdsServiceFilter(text(search), QueryParams.uuid("taxonomy_term_id", termId), taxonomy,
                QueryParams.uuid("organization_id", organizationId), after, postcode, proximity);
    }

    private static Taxonomy taxonomyOf(String id, String field) {
        return Arrays.stream(Taxonomy.values()).filter(t -> HsdsMapper.taxonomyId(t).toString().equals(id)).findFirst()
                .orElseThrow(() -> "taxonomy".equals(field) ? new NotFoundException("taxonomy", id)
                        : new InvalidQueryException(field, "is not the id of a taxonomy (see /hsds/taxonomies)"));
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
