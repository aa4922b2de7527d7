package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.kiezwerk.network.config.GraphConfig;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;

/** The neighbourhoods the graph knows: quarters, districts and cities, nested by PART_OF. */
@ApplicationScoped
public class AreaGraph {

    @Inject
    Driver driver;

    @Inject
    GraphConfig config;

    public boolean exists(String code) {
        return driver.executableQuery("MATCH (n:Neighbourhood {code: $code}) RETURN count(n) > 0 AS known")
                .withParameters(Map.of("code", code))
                .withConfig(QueryConfig.builder().withDatabase(config.database()).build())
                .execute().records().get(0).get("known").asBoolean();
    }
}
