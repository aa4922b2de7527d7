package org.kiezwerk.partner.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kiezwerk.partner.domain.InvalidReferenceException;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.PartnerHits;
import org.kiezwerk.partner.domain.PartnerQuery;
import org.kiezwerk.partner.domain.ResourceMatch;
import org.kiezwerk.partner.domain.Taxonomy;
import org.kiezwerk.partner.repository.NeighbourhoodRepository;
import org.kiezwerk.partner.repository.PartnerRepository;
import org.kiezwerk.partner.repository.PartnerSearchRepository;
import org.kiezwerk.partner.repository.ResourceMatchRepository;
import org.kiezwerk.partner.repository.TaxonomyTermRepository;

/** Finds partners; names in filters must exist, so that a typo in a code is an error, not an empty list. */
@ApplicationScoped
public class PartnerSearch {

    @Inject
    PartnerSearchRepository search;

    @Inject
    PartnerRepository partners;

    @Inject
    ResourceMatchRepository resourceMatches;

    @Inject
    NeighbourhoodRepository neighbourhoods;

    @Inject
    TaxonomyTermRepository terms;

    /** Keeps the facet counts that writes append to short (a read sums what is left since the last time). */
    @Scheduled(every = "${kiezwerk.directory.facet-count-compaction:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void compactFacetCounts() {
        search.compactFacetCounts();
    }

    @Transactional
    public PartnerHits find(PartnerQuery query) {
        List<InvalidReferenceException.FieldProblem> problems = new ArrayList<>();
        unknown("neighbourhood", query.neighbourhoods(),
                neighbourhoods.findByCodes(query.neighbourhoods()).stream().map(n -> n.code).collect(Collectors.toSet()), problems);
        unknown("targetGroup", query.targetGroups(), codes(Taxonomy.TARGET_GROUPS, query.targetGroups()), problems);
        unknown("category", query.categories(), codes(Taxonomy.OFFER_CATEGORIES, query.categories()), problems);
        if (!problems.isEmpty()) {
            throw new InvalidReferenceException(problems);
        }
        return search.search(query);
    }

    /** The partners of the hits, in the hits' order. */
    @Transactional
    public List<Partner> load(PartnerHits hits) {
        List<UUID> ids = hits.hits().stream().map(PartnerHits.Hit::id).toList();
        Map<UUID, Partner> byId = ids.isEmpty() ? Map.of()
                : partners.list("id in ?1", ids).stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** Who can meet the partner's needs and whose needs it can meet, nearest first. */
    @Transactional
    public List<ResourceMatch> resourceMatches(UUID partnerId,
            Integer radiusMetres, int limit) {
        return resourceMatches.matches(partnerId, radiusMetres, limit);
    }

    @Transactional
    public List<Partner> byIds(List<UUID> ids) {
        return ids.isEmpty() ? List.of() : partners.list("id in ?1", ids);
    }

    private Set<String> codes(Taxonomy taxonomy, List<String> codes) {
        return terms.findByCodes(taxonomy, codes).stream().map(t -> t.code).collect(Collectors.toSet());
    }

    private static void unknown(String field, List<String> given, Set<String> known,
            List<InvalidReferenceException.FieldProblem> problems) {
        Set<String> reported = new HashSet<>();
        for (String code : given) {
            if (!known.contains(code) && reported.add(code)) {
                problems.add(new InvalidReferenceException.FieldProblem(field, "there is no " + field + " with code '" + code + "'"));
            }
        }
    }
}
