package org.kiezwerk.network.config;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "kiezwerk.graph")
public interface GraphConfig {

    /** The Neo4j database that holds the actor graph. */
    String database();

    /** Apply the graph migrations (constraints, indexes) when the service starts. */
    boolean migrateAtStart();
}
