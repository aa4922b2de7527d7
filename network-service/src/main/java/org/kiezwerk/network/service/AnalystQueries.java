package org.kiezwerk.network.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.kiezwerk.network.config.GraphConfig;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Relationship;
import org.kiezwerk.commons.api.InvalidQueryException;

/**
 * Cypher for analysts, safely: read access mode (the server refuses writes), a timeout, a row
 * limit, no LOAD CSV (no file or URL reads), only allow-listed procedures, no administration
 * commands, and every query logged with who asked. Sealed person names come out as pseudonyms,
 * consent notes and recorders not at all.
 */
@ApplicationScoped
public class AnalystQueries {

    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 10_000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Read-only schema procedures; nothing that reads files, the network or the server's settings. */
    static final Set<String> ALLOWED_PROCEDURES = Set.of("db.labels", "db.relationshiptypes", "db.propertykeys",
            "db.schema.visualization", "db.schema.nodetypeproperties", "db.schema.reltypeproperties");

    private static final Pattern PROCEDURE = Pattern.compile("\\bCALL\\s+([A-Za-z_][\\w.]*)\\s*(\\(|$|\\s|YIELD)",
            Pattern.CASE_INSENSITIVE);
    /** Batched subqueries write in transactions of their own; a read has no use for them. */
    private static final Pattern IN_TRANSACTIONS = Pattern.compile(
            "(?<![.\\w$])IN\\s+(?:\\S+\\s+)?(?:CONCURRENT\\s+)?TRANSACTIONS\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORBIDDEN = Pattern.compile(
            "(?<![.\\w$])(LOAD\\s+CSV|CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|USE|SHOW|GRANT|DENY|REVOKE|ALTER|RENAME|"
                    + "TERMINATE)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Logger LOG = Logger.getLogger(AnalystQueries.class);

    public record Result(List<String> columns, List<Map<String, Object>> rows, boolean truncated, long millis) {
    }

    /** The query ran too long. */
    public static class QueryTimeoutException extends RuntimeException {
        public QueryTimeoutException(Duration timeout) {
            super("The query ran longer than " + timeout.toSeconds() + " s and was stopped; narrow it down or raise timeoutSeconds (at most 60).");
        }
    }

    @Inject
    Driver driver;

    @Inject
    GraphConfig config;

    /** Refuses (400) a query that is not a plain read. */
    public static void check(String query) {
        String code = withoutLiteralsAndComments(query);
        Matcher forbidden = FORBIDDEN.matcher(code);
        if (forbidden.find()) {
            throw new InvalidQueryException("query", "analyst queries only read: '" + forbidden.group(1).toUpperCase(Locale.ROOT)
                    + "' is not allowed");
        }
        if (IN_TRANSACTIONS.matcher(code).find()) {
            throw new InvalidQueryException("query",
                    "CALL { … } IN TRANSACTIONS is not allowed: analyst queries run in one read transaction");
        }
        Matcher procedure = PROCEDURE.matcher(code.replace("`", ""));
        while (procedure.find()) {
            if (!ALLOWED_PROCEDURES.contains(procedure.group(1).toLowerCase(Locale.ROOT))) {
                throw new InvalidQueryException("query", "the procedure " + procedure.group(1) + " is not allowed; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(ALLOWED_PROCEDURES)));
            }
        }
    }

    @io.micrometer.core.annotation.Timed(value = "kiezwerk.analysis", extraTags = {"analysis", "cypher"},
            description = "How long the network analyses take")
    public Result run(String query, Map<String, Object> parameters, int limit, Duration timeout, String caller, String requestId) {
        check(query);
        long started = System.nanoTime();
        SessionConfig session = SessionConfig.builder().withDatabase(config.database())
                .withDefaultAccessMode(AccessMode.READ).build();
        TransactionConfig transaction = TransactionConfig.builder().withTimeout(timeout)
                .withMetadata(Map.of("app", "kiezwerk-analyst", "caller", caller, "requestId", requestId)).build();
        Result result;
        try (var s = driver.session(session)) {
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
                result = new Result(columns, rows, truncated, 0);
                tx.rollback(); // it only read
            }
        } catch (ClientException | org.neo4j.driver.exceptions.TransientException e) {
            String code = e.code() == null ? "" : e.code();
            LOG.infof("analyst query by %s (request %s) refused by the graph: %s", caller, requestId, code);
            if (code.contains("TransactionTimedOut") || code.contains("Terminated") || code.contains("Timeout")) {
                throw new QueryTimeoutException(timeout);
            }
            throw new InvalidQueryException("query", e.getMessage());
        } catch (org.neo4j.driver.exceptions.DatabaseException e) {
            // the graph could not run what passed our checks (a form of query it refuses in a read
            // transaction): the query's fault, not an outage
            LOG.infof("analyst query by %s (request %s) failed in the graph: %s", caller, requestId, e.code());
            throw new InvalidQueryException("query", "the graph could not run this query (" + e.code() + ")");
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.infof("analyst query by %s (request %s): %d rows%s in %d ms: %s", caller, requestId, result.rows().size(),
                result.truncated() ? " (truncated)" : "", millis, query.replaceAll("\\s+", " "));
        return new Result(result.columns(), result.rows(), result.truncated(), millis);
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
            return list.stream().map(AnalystQueries::plain).toList();
        }
        if (value instanceof String text) {
            return PersonNames.isSealed(text) ? PersonNames.pseudonym(text) : text;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return String.valueOf(value); // dates, times, points
    }

    /** The query with string literals emptied and comments removed, so keywords inside them do not count. */
    static String withoutLiteralsAndComments(String query) {
        StringBuilder code = new StringBuilder();
        int i = 0;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (c == '\'' || c == '"') {
                code.append(c).append(c);
                i++;
                while (i < query.length() && query.charAt(i) != c) {
                    i += query.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (c == '/' && i + 1 < query.length() && query.charAt(i + 1) == '/') {
                while (i < query.length() && query.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < query.length() && query.charAt(i + 1) == '*') {
                int end = query.indexOf("*/", i + 2);
                i = end < 0 ? query.length() : end + 2;
                code.append(' ');
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }
}
