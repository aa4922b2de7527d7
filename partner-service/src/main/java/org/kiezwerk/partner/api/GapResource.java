package org.kiezwerk.partner.api;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.partner.domain.AgeRange;
import org.kiezwerk.partner.domain.GapCell;
import org.kiezwerk.partner.domain.GapProvider;
import org.kiezwerk.partner.service.GapView;
import org.kiezwerk.commons.api.InvalidQueryException;
import org.kiezwerk.commons.api.Problem;
import org.kiezwerk.commons.api.QueryParams;
import org.kiezwerk.commons.api.Texts;

@Path("/api/v1/partners/gaps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partners")
public class GapResource {

    @Inject
    GapView gaps;

    @Schema(name = "AgeRange", description = "Ages in whole years, both ends included.")
    public record Ages(@Schema(examples = "30") int from, @Schema(examples = "59") int to) {

        static List<Ages> of(List<AgeRange> ranges) {
            return ranges.stream().map(r -> new Ages(r.from(), r.to())).toList();
        }
    }

    @Schema(name = "GapArea")
    public record Area(String code, String name,
            @Schema(description = "Active partners with an offer for each target group.") Map<String, Long> partners,
            @Schema(description = "Target groups no partner there serves.") List<String> gaps,
            @Schema(description = "Exactly the ages (0–120) no offer of an active partner there is for, as sorted maximal"
                    + " ranges; `GET /api/v1/partners?age=a&neighbourhood={code}` finds someone iff `a` is in none of them.")
            List<Ages> uncoveredAges,
            @Schema(description = "Active partners with an offer for some age in each band (0-2, 3-5, 6-11, 12-17, 18-26, 27-64, 65+).")
            Map<String, Long> ageBands,
            @Schema(description = "Bands with at least one uncovered age.") List<String> ageGaps,
            @Schema(description = "With ?nearest=n: for each gap, up to n nearest partners elsewhere that serve the group,"
                    + " within `nearestWithin`.")
            Map<String, List<Provider>> nearest) {
    }

    @Schema(name = "GapProvider")
    public record Provider(UUID id, String name,
            @Schema(description = "From the quarter's centre to the partner's nearest address.") long distanceMetres) {
    }

    @Schema(name = "GapReach", description = "How far nearest-partner suggestions reach.")
    public record Reach(long radiusMetres,
            @Schema(description = "Only partners in the quarter's own city (true unless `radius` is given).") boolean sameCity) {
    }

    @Schema(name = "Gaps")
    public record Gaps(String neighbourhood,
            @Schema(description = "The uncovered ages of the whole area, everything below it included.") List<Ages> uncoveredAges,
            @Schema(description = "Only with ?nearest=n.") Reach nearestWithin,
            List<Area> areas) {
    }

    @PermitAll
    @GET
    @Transactional
    @Operation(summary = "The gap view: quarters × target groups and ages",
            description = "For every quarter in the area (or the quarter itself), how many active partners have an offer for each"
                    + " target group, which groups nobody serves there, and exactly which ages no offer there is for — the brief's"
                    + " \"which target groups and ages have nothing nearby?\" An offer is for its own age range if it names one,"
                    + " else for its target groups' ranges; one that names no age (e.g. only `everyone`) counts for no age, as in"
                    + " the search's `age` filter.")
    @APIResponse(responseCode = "200", description = "The gaps of each quarter.")
    @APIResponse(responseCode = "400", description = "A parameter is invalid; `errors` names it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "There is no neighbourhood with this code.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Gaps gaps(@Parameter(description = "A neighbourhood code: a city, district or quarter; each includes its sub-areas.")
            @QueryParam("neighbourhood") String code,
            @Parameter(description = "1–10: also name, for each gap, this many nearest partners elsewhere that serve the group.")
            @QueryParam("nearest") String nearest,
            @Parameter(description = "With `nearest`: metres (100–500000) around the quarter to look in, in any city. Without it:"
                    + " the quarter's own city, within " + GapView.DEFAULT_RADIUS_METRES + " m.")
            @QueryParam("radius") String radius) {
        if (code == null || code.isBlank() || !code.strip().matches(Texts.CODE)) {
            throw new InvalidQueryException("neighbourhood", "is required: " + Texts.CODE_MESSAGE);
        }
        String area = code.strip();
        Integer perGap = nearest == null || nearest.isBlank() ? null : QueryParams.integer("nearest", nearest, 1, 10);
        Integer metres = QueryParams.integer("radius", radius, 100, 500_000);
        if (metres != null && perGap == null) {
            throw new InvalidQueryException("radius", "needs nearest=n");
        }
        // asking for a distance is asking to look beyond the city; by default suggestions stay local
        GapView.Reach reach = metres == null ? new GapView.Reach(GapView.DEFAULT_RADIUS_METRES, true) : new GapView.Reach(metres, false);
        Map<String, Area> areas = new LinkedHashMap<>();
        List<GapCell> cells = gaps.cells(area);
        GapView.AreaAges ages = gaps.ages(area);
        for (GapCell cell : cells) {
            Area entry = areas.computeIfAbsent(cell.areaCode(), c -> {
                GapView.Ages own = ages.of(c);
                return new Area(c, cell.areaName(), new LinkedHashMap<>(), new ArrayList<>(), Ages.of(own.uncovered()),
                        own.bands(), own.bandsWithGaps(), perGap == null ? null : new LinkedHashMap<>());
            });
            entry.partners().put(cell.targetGroup(), cell.partners());
            if (cell.partners() == 0) {
                entry.gaps().add(cell.targetGroup());
                if (perGap != null) {
                    // every gap is named, with an empty list when nobody within reach serves it
                    entry.nearest().put(cell.targetGroup(), new ArrayList<>());
                }
            }
        }
        if (perGap != null) {
            for (GapProvider provider : gaps.nearestProviders(area, perGap, reach)) {
                Area entry = areas.get(provider.areaCode());
                if (entry != null) {
                    entry.nearest().computeIfAbsent(provider.targetGroup(), g -> new ArrayList<>())
                            .add(new Provider(provider.id(), provider.name(), provider.distanceMetres()));
                }
            }
        }
        return new Gaps(area, Ages.of(ages.whole().uncovered()),
                perGap == null ? null : new Reach(reach.radiusMetres(), reach.sameCity()), List.copyOf(areas.values()));
    }
}
