package org.kiezwerk.network.graph;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.kiezwerk.network.config.GraphConfig;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.SessionConfig;

/** The database this service's graph lives in, as the driver wants it: built once, so every query and session names the same one. */
@Singleton // no client proxy: its fields are set once, in the constructor
public class GraphDatabase {

    private final QueryConfig queries;
    private final SessionConfig sessions;
    private final SessionConfig readSessions;

    @Inject
    GraphDatabase(GraphConfig config) {
        queries = QueryConfig.builder().withDatabase(config.database()).build();
        sessions = SessionConfig.forDatabase(config.database());
        readSessions = SessionConfig.builder().withDatabase(config.database()).withDefaultAccessMode(AccessMode.READ).build();
    }

    /** For {@code driver.executableQuery(…).withConfig(…)}. */
    public QueryConfig queries() {
        return queries;
    }

    /** For {@code driver.session(…)}: read and write transactions in this database. */
    public SessionConfig sessions() {
        return sessions;
    }

    /** For {@code driver.session(…)} in read access mode: the server refuses any write. */
    public SessionConfig readSessions() {
        return readSessions;
    }
}
