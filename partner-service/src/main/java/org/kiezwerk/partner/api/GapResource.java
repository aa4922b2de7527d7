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
            @Schema(description = "Target groups no partner there serves.") List<String> gaps) {
    }

    @Schema(name = "Gaps")
    public record Gaps(String neighbourhood, List<Area> areas) {
    }

    @GET
    @Transactional
    @Operation(summary = "The gap view: quarters × target groups",
            description = "For every quarter in the area (or the quarter itself), how many active partners have an offer for each"
                    + " target group, and which groups nobody serves there — the brief's \"which target groups have nothing nearby?\"")
    public Gaps gaps(@Parameter(description = "A neighbourhood code: a city, district or quarter.") @QueryParam("neighbourhood") String code) {
        if (code == null || code.isBlank() || !code.strip().matches(Texts.CODE)) {
            throw new InvalidQueryException("neighbourhood", "is required: " + Texts.CODE_MESSAGE);
        }
        Map<String, Area> areas = new LinkedHashMap<>();
        for (GapRepository.Cell cell : gaps.cells(code.strip())) {
            Area area = areas.computeIfAbsent(cell.areaCode(), c -> new Area(c, cell.areaName(), new LinkedHashMap<>(), new ArrayList<>()));
            area.partners().put(cell.targetGroup(), cell.partners());
            if (cell.partners() == 0) {
                area.gaps().add(cell.targetGroup());
            }
        }
        return new Gaps(code.strip(), List.copyOf(areas.values()));
    }
}
