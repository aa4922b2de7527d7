package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.kiezwerk.network.domain.AnalystQueryRefusedException;
import org.kiezwerk.network.domain.AnalystQueryResult;
import org.kiezwerk.network.domain.QueryTimeoutException;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.DatabaseException;
import org.neo4j.driver.exceptions.TransientException;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Relationship;

/**
 * Runs an analyst's (already checked) Cypher in read access mode, so that the server refuses writes, with
 * a timeout and a row limit. Sealed person names come out as pseudonyms, consent notes and recorders not at all.
 */
@ApplicationScoped
public class AnalystQueryGraph {

    private static final Logger LOG = Logger.getLogger(AnalystQueryGraph.class);

    @Inject
    Driver driver;

    @Inject
    GraphDatabase database;

    /** The rows, or a refusal in the query's words: the graph's own refusal is the query's fault, not an outage. */
    public AnalystQueryResult read(String query, Map<String, Object> parameters, int limit, Duration timeout, String caller,
            String requestId) {
        TransactionConfig transaction = TransactionConfig.builder().withTimeout(timeout)
                .withMetadata(Map.of("app", "kiezwerk-analyst", "caller", caller, "requestId", requestId)).build();
        try (var s = driver.session(database.readSessions())) {
            // an explicit transaction: a query that ran out of time is not retried the way managed ones are
            try (var tx = s.beginTransaction(transaction)) {
                var answer = tx.run(query, parameters == null ? Map.of() : parameters);
                List<String> columns = answer.keys();
                List<Map<String, Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (answer.hasNext()) {
                    if (rows.size() == limit) {
                        truncated = true;
                        break;
                    }
                    rows.add(row(answer.next()));
                }
                tx.rollback(); // it only read
                return new AnalystQueryResult(columns, rows, truncated, 0);
            }
        } catch (ClientException | TransientException e) {
            String code = e.code() == null ? "" : e.code();
            LOG.infof("analyst query by %s (request %s) refused by the graph: %s", caller, requestId, code);
            if (code.contains("TransactionTimedOut") || code.contains("Terminated") || code.contains("Timeout")) {
                throw new QueryTimeoutException(timeout);
            }
            throw new AnalystQueryRefusedException(e.getMessage());
        } catch (DatabaseException e) {
            // the graph could not run what passed our checks (a form of query it refuses in a read
            // transaction): the query's fault, not an outage
            LOG.infof("analyst query by %s (request %s) failed in the graph: %s", caller, requestId, e.code());
            throw new AnalystQueryRefusedException("the graph could not run this query (" + e.code() + ")");
        }
    }

    private static Map<String, Object> row(Record record) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String key : record.keys()) {
            row.put(key, value(record.get(key)));
        }
        return row;
    }

    /** Plain JSON values; persons with their sealed names pseudonymised and their consent details left out. */
    static Object value(Value value) {
        if (value == null || value.isNull()) {
            return null;
        }
        Object plain = value.asObject();
        return plain(plain);
    }

    private static Object plain(Object value) {
        if (value instanceof Node node) {
            Map<String, Object> map = new LinkedHashMap<>();
            List<String> labels = new ArrayList<>();
            node.labels().forEach(labels::add);
            map.put("labels", labels);
            Map<String, Object> properties = new LinkedHashMap<>();
            node.asMap(v -> plain(v.asObject())).forEach(properties::put);
            if (labels.contains("Person")) {
                properties.remove("consentNote");
                properties.remove("consentRecordedBy");
            }
            map.put("properties", properties);
            return map;
        }
        if (value instanceof Relationship relationship) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", relationship.type());
            map.put("properties", relationship.asMap(v -> plain(v.asObject())));
            return map;
        }
        if (value instanceof Path path) {
            List<Object> steps = new ArrayList<>();
            path.nodes().forEach(node -> steps.add(plain(node)));
            return Map.of("nodes", steps, "length", path.length());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(AnalystQueryGraph::plain).toList();
        }
        if (value instanceof String text) {
            return PersonNames.isSealed(text) ? PersonNames.pseudonym(text) : text;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return String.valueOf(value); // dates, times, points
    }
}
