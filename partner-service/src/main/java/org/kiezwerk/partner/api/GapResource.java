package org.kiezwerk.partner.api;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.partner.repository.GapRepository;
import org.kiezwerk.partner.service.GapView;

@Path("/api/v1/partners/gaps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partners")
public class GapResource {

    @Inject
    GapView gaps;

    @Schema(name = "GapArea")
    public record Area(String code, String name,
            @Schema(description = "Active partners with an offer for each target group.") Map<String, Long> partners,
            @Schema(description = "Target groups no partner there serves.") List<String> gaps,
            @Schema(description = "Active partners with an offer for each age band (0-2, 3-5, 6-11, 12-17, 18-26, 27-64, 65+).")
            Map<String, Long> ageBands,
            @Schema(description = "Age bands no offer there covers.") List<String> ageGaps,
            @Schema(description = "With ?nearest=n: for each gap, the n nearest partners elsewhere that serve the group.")
            Map<String, List<Provider>> nearest) {
    }

    @Schema(name = "GapProvider")
    public record Provider(java.util.UUID id, String name, long distanceMetres) {
    }

    @Schema(name = "Gaps")
    public record Gaps(String neighbourhood, List<Area> areas) {
    }

    @GET
    @Transactional
    @Operation(summary = "The gap view: quarters × target groups",
            description = "For every quarter in the area (or the quarter itself), how many active partners have an offer for each"
                    + " target group, and which groups nobody serves there — the brief's \"which target groups have nothing nearby?\"")
    public Gaps gaps(@Parameter(description = "A neighbourhood code: a city, district or quarter.") @QueryParam("neighbourhood") String code,
            @Parameter(description = "1–10: also name, for each gap, this many nearest partners elsewhere that serve the group.")
            @QueryParam("nearest") String nearest) {
        if (code == null || code.isBlank() || !code.strip().matches(Texts.CODE)) {
            throw new InvalidQueryException("neighbourhood", "is required: " + Texts.CODE_MESSAGE);
        }
        Integer perGap = nearest == null || nearest.isBlank() ? null : QueryParams.integer("nearest", nearest, 1, 10);
        Map<String, Area> areas = new LinkedHashMap<>();
        for (GapRepository.Cell cell : gaps.cells(code.strip())) {
            Area area = areas.computeIfAbsent(cell.areaCode(), c -> new Area(c, cell.areaName(), new LinkedHashMap<>(), new ArrayList<>(),
                    new LinkedHashMap<>(), new ArrayList<>(), perGap == null ? null : new LinkedHashMap<>()));
            area.partners().put(cell.targetGroup(), cell.partners());
            if (cell.partners() == 0) {
                area.gaps().add(cell.targetGroup());
            }
        }
        for (GapRepository.AgeCell cell : gaps.ageCells(code.strip())) {
            Area area = areas.get(cell.areaCode());
            if (area != null) {
                area.ageBands().put(cell.band(), cell.partners());
                if (cell.partners() == 0) {
                    area.ageGaps().add(cell.band());
                }
            }
        }
        if (perGap != null) {
            for (GapRepository.Provider provider : gaps.nearestProviders(code.strip(), perGap)) {
                Area area = areas.get(provider.areaCode());
                if (area != null) {
                    area.nearest().computeIfAbsent(provider.targetGroup(), g -> new ArrayList<>())
                            .add(new Provider(provider.id(), provider.name(), provider.distanceMetres()));
                }
            }
        }
        return new Gaps(code.strip(), List.copyOf(areas.values()));
    }
}
