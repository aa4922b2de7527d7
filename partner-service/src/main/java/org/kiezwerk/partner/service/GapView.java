package org.kiezwerk.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.kiezwerk.partner.domain.AgeRange;
import org.kiezwerk.partner.domain.GapCell;
import org.kiezwerk.partner.domain.GapProvider;
import org.kiezwerk.partner.domain.InvalidReferenceException;
import org.kiezwerk.partner.repository.GapRepository;
import org.kiezwerk.partner.repository.NeighbourhoodRepository;

/** Where the directory has nothing for a target group or an age. */
@ApplicationScoped
public class GapView {

    /** The fixed bands shown beside the exact uncovered ages, for a quick overview. */
    public static final Map<String, AgeRange> AGE_BANDS = bands();

    /** Without an explicit radius, suggestions come from the quarter's own city and this close. */
    public static final long DEFAULT_RADIUS_METRES = 15_000;

    @Inject
    GapRepository gaps;

    @Inject
    NeighbourhoodRepository neighbourhoods;

    /** The ages one area's active partners serve, and those nobody there does. */
    public record Ages(Map<String, Long> bands, List<String> bandsWithGaps, List<AgeRange> uncovered) {

        static Ages of(Map<UUID, List<AgeRange>> rangesByPartner) {
            List<AgeRange> all = rangesByPartner.values().stream().flatMap(List::stream).toList();
            List<AgeRange> uncovered = AgeRange.uncovered(all);
            Map<String, Long> bands = new LinkedHashMap<>();
            List<String> withGaps = new ArrayList<>();
            AGE_BANDS.forEach((label, band) -> {
                bands.put(label, rangesByPartner.values().stream()
                        .filter(ranges -> ranges.stream().anyMatch(band::overlaps)).count());
                if (uncovered.stream().anyMatch(band::overlaps)) {
                    withGaps.add(label);
                }
            });
            return new Ages(bands, withGaps, uncovered);
        }
    }

    /** The ages of the whole area (with everything below it) and of each neighbourhood in it. */
    public record AreaAges(Ages whole, Map<String, Ages> byNeighbourhood) {

        /** A quarter without a single aged offer has every age uncovered. */
        public Ages of(String code) {
            return byNeighbourhood.getOrDefault(code, Ages.of(Map.of()));
        }
    }

    /** How far nearest-partner suggestions may reach. */
    public record Reach(long radiusMetres, boolean sameCity) {
    }

    @Transactional
    public List<GapCell> cells(String code) {
        requireArea(code);
        return gaps.cells(code);
    }

    @Transactional
    public AreaAges ages(String code) {
        requireArea(code);
        Map<String, Map<UUID, Set<AgeRange>>> byArea = new LinkedHashMap<>();
        Map<UUID, Set<AgeRange>> whole = new LinkedHashMap<>();
        // one row per offer and aged target group: gather each offer's rows, then apply the rule once
        Map<UUID, List<GapRepository.OfferAges>> byOffer = gaps.offerAges(code).stream()
                .collect(Collectors.groupingBy(GapRepository.OfferAges::offerId, LinkedHashMap::new, Collectors.toList()));
        for (List<GapRepository.OfferAges> rows : byOffer.values()) {
            GapRepository.OfferAges first = rows.get(0);
            List<AgeRange> groups = rows.stream()
                    .map(r -> AgeRange.named(r.groupAgeMin(), r.groupAgeMax()))
                    .flatMap(Optional::stream).distinct().toList();
            List<AgeRange> ranges = AgeRange.ofOffer(first.ageMin(), first.ageMax(), groups);
            Set<String> seen = new HashSet<>();
            for (GapRepository.OfferAges row : rows) {
                if (seen.add(row.neighbourhoodCode())) {
                    byArea.computeIfAbsent(row.neighbourhoodCode(), c -> new LinkedHashMap<>())
                            .computeIfAbsent(row.partnerId(), p -> new HashSet<>()).addAll(ranges);
                }
            }
            whole.computeIfAbsent(first.partnerId(), p -> new HashSet<>()).addAll(ranges);
        }
        Map<String, Ages> ages = new LinkedHashMap<>();
        byArea.forEach((area, partners) -> ages.put(area, Ages.of(lists(partners))));
        return new AreaAges(Ages.of(lists(whole)), ages);
    }

    @Transactional
    public List<GapProvider> nearestProviders(String code, int perGap, Reach reach) {
        return gaps.nearestProviders(code, perGap, reach.radiusMetres(), reach.sameCity());
    }

    private void requireArea(String code) {
        if (neighbourhoods.findByCode(code).isEmpty()) {
            throw new InvalidReferenceException("neighbourhood", "there is no neighbourhood with code '" + code + "'");
        }
    }

    private static Map<UUID, List<AgeRange>> lists(Map<UUID, Set<AgeRange>> sets) {
        Map<UUID, List<AgeRange>> lists = new LinkedHashMap<>();
        sets.forEach((k, v) -> lists.put(k, List.copyOf(v)));
        return lists;
    }

    private static Map<String, AgeRange> bands() {
        Map<String, AgeRange> bands = new LinkedHashMap<>();
        bands.put("0-2", new AgeRange(0, 2));
        bands.put("3-5", new AgeRange(3, 5));
        bands.put("6-11", new AgeRange(6, 11));
        bands.put("12-17", new AgeRange(12, 17));
        bands.put("18-26", new AgeRange(18, 26));
        bands.put("27-64", new AgeRange(27, 64));
        bands.put("65+", new AgeRange(65, AgeRange.OLDEST));
        return Collections.unmodifiableMap(bands);
    }
}
