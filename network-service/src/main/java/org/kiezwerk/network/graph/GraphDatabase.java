package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.kiezwerk.network.config.GraphConfig;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.SessionConfig;

/** The database this service's graph lives in, as the driver wants it: built once, so every query and session names the same one. */
@ApplicationScoped
public class GraphDatabase {

    private final QueryConfig queries;
    private final SessionConfig sessions;

    @Inject
    GraphDatabase(GraphConfig config) {
        queries = QueryConfig.builder().withDatabase(config.database()).build();
        sessions = SessionConfig.forDatabase(config.database());
    }

    /** For {@code driver.executableQuery(…).withConfig(…)}. */
    public QueryConfig queries() {
        return queries;
    }

    /** For {@code driver.session(…)}: read and write transactions in this database. */
    public SessionConfig sessions() {
        return sessions;
    }
}
