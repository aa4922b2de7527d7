package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kiezwerk.network.domain.SavedQuery;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/** Analysts' named, parameterised queries: {@code (:SavedQuery {name, description, query, parameters, savedBy, savedAt})}. */
@ApplicationScoped
public class SavedQueryGraph {

    @Inject
    Driver driver;

    @Inject
    GraphDatabase database;

    /** Saves (creates or replaces) the query; returns true when it is new. */
    public boolean save(SavedQuery query) {
        Map<String, Object> params = new HashMap<>();
        params.put("name", query.name());
        params.put("description", query.description());
        params.put("query", query.query());
        params.put("parameters", query.parameters());
        params.put("by", query.savedBy());
        try (var session = driver.session(database.sessions())) {
            return session.executeWrite(tx -> tx.run("""
                    OPTIONAL MATCH (old:SavedQuery {name: $name})
                    WITH old IS NULL AS created
                    MERGE (q:SavedQuery {name: $name})
                    SET q.description = $description, q.query = $query, q.parameters = $parameters,
                        q.savedBy = $by, q.savedAt = datetime()
                    RETURN created
                    """, params).single().get("created").asBoolean());
        }
    }

    public Optional<SavedQuery> find(String name) {
        try (var session = driver.session(database.sessions())) {
            return session.executeRead(tx -> tx.run("MATCH (q:SavedQuery {name: $name}) RETURN q", Map.of("name", name))
                    .list().stream().findFirst().map(SavedQueryGraph::savedQuery));
        }
    }

    public List<SavedQuery> all() {
        try (var session = driver.session(database.sessions())) {
            return session.executeRead(tx -> tx.run("MATCH (q:SavedQuery) RETURN q ORDER BY q.name").list().stream()
                    .map(SavedQueryGraph::savedQuery).toList());
        }
    }

    public boolean delete(String name) {
        try (var session = driver.session(database.sessions())) {
            return session.executeWrite(tx -> tx.run("MATCH (q:SavedQuery {name: $name}) DELETE q RETURN count(*) AS n",
                    Map.of("name", name)).single().get("n").asLong() > 0);
        }
    }

    private static SavedQuery savedQuery(Record record) {
        var q = record.get("q");
        return new SavedQuery(q.get("name").asString(), q.get("description").asString(null), q.get("query").asString(),
                q.get("parameters").isNull() ? List.of() : q.get("parameters").asList(v -> v.asString()),
                q.get("savedBy").asString(null), q.get("savedAt").isNull() ? null : q.get("savedAt").asZonedDateTime().toOffsetDateTime().toString());
    }
}
