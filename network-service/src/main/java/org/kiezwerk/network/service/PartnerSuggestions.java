package org.kiezwerk.network.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kiezwerk.network.config.GraphConfig;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;

/**
 * "Who could bring such offers to our house?": organisations without a tie to this one yet, ranked
 * by shared acquaintances (Adamic-Adar over the combined ties), complementary resources (they need
 * what we offer, we need what they offer), target groups they serve that no one in our neighbourhood
 * serves, and proximity (the same neighbourhood). Every candidate comes with its reasons.
 */
@ApplicationScoped
public class PartnerSuggestions {

    public record Suggestion(String id, String name, String kind, double score, double adamicAdar, int sharedContacts,
            List<String> theyOffer, List<String> theyNeed, List<String> servesOurGaps, boolean sameNeighbourhood,
            List<String> reasons) {
    }

    @Inject
    Driver driver;

    @Inject
    GraphConfig config;

    @io.micrometer.core.annotation.Timed(value = "kiezwerk.analysis", extraTags = {"analysis", "partner-suggestions"},
            description = "How long the network analyses take")
    public List<Suggestion> forOrganisation(UUID id, int limit) {
        // in two steps that stay cheap at city scale: the organisations two ties away (shared contacts,
        // Adamic-Adar), then those whose profile complements mine (list checks only, no path expansion)
        QueryConfig query = QueryConfig.builder().withDatabase(config.database()).build();
        Map<String, Object> params = Map.of("id", id.toString());
        Map<String, Record> shared = new java.util.HashMap<>();
        driver.executableQuery("""
                MATCH (me:Organisation {id: $id})-[:COOPERATES|CO_PRODUCES]-(common:Organisation)-[:COOPERATES|CO_PRODUCES]-(other:Organisation)
                WHERE me.version >= 0 AND common.version >= 0 AND other.version >= 0 AND other <> me
                  AND NOT (me)-[:COOPERATES|CO_PRODUCES]-(other)
                WITH other, collect(DISTINCT common) AS commons
                RETURN other.id AS id, size(commons) AS sharedContacts,
                       reduce(s = 0.0, c IN commons | s + 1.0 / log(COUNT { (c)-[:COOPERATES|CO_PRODUCES]-() } + 1.0)) AS adamicAdar
                """).withParameters(params).withConfig(query).execute().records()
                .forEach(r -> shared.put(r.get("id").asString(), r));
        List<Record> rows = driver.executableQuery("""
                MATCH (me:Organisation {id: $id}) WHERE me.version >= 0
                // my own neighbourhoods: who is near, and which target groups are served there
                CALL (me) {
                  OPTIONAL MATCH (me)-[:LOCATED_IN]->(:Neighbourhood)<-[:LOCATED_IN]-(near:Organisation)
                  WHERE near.version >= 0
                  UNWIND coalesce(near.targetGroups, []) + [null] AS g
                  RETURN collect(DISTINCT near.id) AS nearIds, collect(DISTINCT g) AS servedNearby
                }
                MATCH (other:Organisation) WHERE other.version >= 0 AND other <> me
                WITH me, other, nearIds, servedNearby,
                     [k IN coalesce(other.resourcesOffered, []) WHERE k IN coalesce(me.resourcesNeeded, [])] AS theyOffer,
                     [k IN coalesce(other.resourcesNeeded, []) WHERE k IN coalesce(me.resourcesOffered, [])] AS theyNeed,
                     [g IN coalesce(other.targetGroups, []) WHERE NOT g IN servedNearby] AS gaps
                WHERE (other.id IN $shared OR size(theyOffer) > 0 OR size(theyNeed) > 0 OR size(gaps) > 0)
                  AND NOT (me)-[:COOPERATES|CO_PRODUCES]-(other)
                RETURN other.id AS id, other.name AS name, other.kind AS kind, theyOffer, theyNeed, gaps,
                       other.id IN nearIds AS sameNeighbourhood
                """).withParameters(Map.of("id", id.toString(), "shared", List.copyOf(shared.keySet())))
                .withConfig(query).execute().records();
        List<Suggestion> suggestions = new ArrayList<>();
        for (Record r : rows) {
            Record common = shared.get(r.get("id").asString());
            double adamicAdar = common == null ? 0 : common.get("adamicAdar").asDouble();
            int sharedContacts = common == null ? 0 : common.get("sharedContacts").asInt();
            List<String> theyOffer = r.get("theyOffer").asList(v -> v.asString());
            List<String> theyNeed = r.get("theyNeed").asList(v -> v.asString());
            List<String> gaps = r.get("gaps").asList(v -> v.asString());
            boolean near = r.get("sameNeighbourhood").asBoolean();
            double score = adamicAdar + 1.0 * theyOffer.size() + 0.75 * theyNeed.size() + 0.5 * gaps.size() + (near ? 0.5 : 0);
            List<String> reasons = new ArrayList<>();
            if (sharedContacts > 0) {
                reasons.add(sharedContacts + " shared contact(s)");
            }
            if (!theyOffer.isEmpty()) {
                reasons.add("offers what you need: " + String.join(", ", theyOffer));
            }
            if (!theyNeed.isEmpty()) {
                reasons.add("needs what you offer: " + String.join(", ", theyNeed));
            }
            if (!gaps.isEmpty()) {
                reasons.add("serves groups no one near you serves: " + String.join(", ", gaps));
            }
            if (near) {
                reasons.add("in your neighbourhood");
            }
            suggestions.add(new Suggestion(r.get("id").asString(), r.get("name").asString(), r.get("kind").asString(),
                    Math.round(score * 1000) / 1000.0, Math.round(adamicAdar * 1000) / 1000.0, sharedContacts,
                    theyOffer, theyNeed, gaps, near, reasons));
        }
        suggestions.sort(Comparator.comparingDouble(Suggestion::score).reversed().thenComparing(Suggestion::id));
        return suggestions.stream().limit(limit).toList();
    }
}
