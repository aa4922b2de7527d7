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
}
