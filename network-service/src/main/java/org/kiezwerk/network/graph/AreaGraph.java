package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.neo4j.driver.Driver;

/** The neighbourhoods the graph knows: quarters, districts and cities, nested by PART_OF. */
@ApplicationScoped
public class AreaGraph {

    @Inject
    Driver driver;

    @Inject
    GraphDatabase database;

    public boolean exists(String code) {
        return driver.executableQuery("MATCH (n:Neighbourhood {code: $code}) RETURN count(n) > 0 AS known")
                .withParameters(Map.of("code", code))
                .withConfig(database.queries())
                .execute().records().get(0).get("known").asBoolean();
    }

    /**
     * Whether the area is a city that holds every organisation: its questions are then the whole city's (the same
     * organisations and ties). Only a city-level area is counted (one pass over the organisations); any other is not.
     */
    public boolean holdsEveryOrganisation(String code) {
        return driver.executableQuery("""
                MATCH (n:Neighbourhood {code: $code}) WHERE n.level = 'city'
                CALL {
                  MATCH (o:Organisation) WHERE o.version >= 0
                  RETURN count(o) AS everyone, count(CASE WHEN $code IN coalesce(o.areas, []) THEN 1 END) AS inside
                }
                RETURN everyone = inside AS whole
                """).withParameters(Map.of("code", code)).withConfig(database.queries())
                .execute().records().stream().anyMatch(r -> r.get("whole").asBoolean());
    }
}
