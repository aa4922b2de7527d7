package org.kiezwerk.network.service;

import io.micrometer.core.annotation.Timed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.kiezwerk.network.domain.PartnerRanking;
import org.kiezwerk.network.graph.SuggestionGraph;

/**
 * "Who could bring such offers to our house?": organisations without a tie to this one yet, near it,
 * ranked by a weighted sum of reasons — shared contacts (persons the caller may see, and
 * organisations), acquaintances between their people, target groups they serve that no one in our
 * neighbourhoods serves, resources either side needs of the other, and proximity. The weights and
 * the rules are in {@link PartnerRanking}; every suggestion carries its reasons with their
 * contributions.
 */
@ApplicationScoped
public class PartnerSuggestions {

    /** Without {@code radius}: suggestions within 15 km of the organisation asked for (its own city). */
    public static final int DEFAULT_RADIUS_METRES = 15_000;
    public static final int MIN_RADIUS_METRES = 100;
    public static final int MAX_RADIUS_METRES = 1_000_000;

    @Inject
    SuggestionGraph graph;

    /** @param scopes the consent scopes of the persons the caller may see; no other person counts or is named */
    @Timed(value = "kiezwerk.analysis", extraTags = {"analysis", "partner-suggestions"},
            description = "How long the network analyses take")
    public List<PartnerRanking.Suggestion> forOrganisation(UUID id, int radiusMetres, int limit, Set<String> scopes) {
        return PartnerRanking.rank(graph.candidates(id, radiusMetres, scopes), radiusMetres, limit);
    }
}
