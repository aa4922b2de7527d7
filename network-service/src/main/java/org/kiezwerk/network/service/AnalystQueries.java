package org.kiezwerk.network.service;

import io.micrometer.core.annotation.Timed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.kiezwerk.network.domain.AnalystQueryRefusedException;
import org.kiezwerk.network.domain.AnalystQueryResult;
import org.kiezwerk.network.graph.AnalystQueryGraph;

/**
 * Cypher for analysts, safely: read access mode (the server refuses writes), a timeout, a row
 * limit (AnalystQueryGraph), no LOAD CSV (no file or URL reads), only allow-listed procedures, no administration
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

    @Inject
    AnalystQueryGraph graph;

    /** Refuses (400) a query that is not a plain read. */
    public static void check(String query) {
        String code = withoutLiteralsAndComments(query);
        Matcher forbidden = FORBIDDEN.matcher(code);
        if (forbidden.find()) {
            throw new AnalystQueryRefusedException("analyst queries only read: '" + forbidden.group(1).toUpperCase(Locale.ROOT)
                    + "' is not allowed");
        }
        if (IN_TRANSACTIONS.matcher(code).find()) {
            throw new AnalystQueryRefusedException(
                    "CALL { … } IN TRANSACTIONS is not allowed: analyst queries run in one read transaction");
        }
        Matcher procedure = PROCEDURE.matcher(code.replace("`", ""));
        while (procedure.find()) {
            if (!ALLOWED_PROCEDURES.contains(procedure.group(1).toLowerCase(Locale.ROOT))) {
                throw new AnalystQueryRefusedException("the procedure " + procedure.group(1) + " is not allowed; allowed: "
                        + String.join(", ", new TreeSet<>(ALLOWED_PROCEDURES)));
            }
        }
    }

    @Timed(value = "kiezwerk.analysis", extraTags = {"analysis", "cypher"},
            description = "How long the network analyses take")
    public AnalystQueryResult run(String query, Map<String, Object> parameters, int limit, Duration timeout, String caller,
            String requestId) {
        check(query);
        long started = System.nanoTime();
        AnalystQueryResult result = graph.read(query, parameters, limit, timeout, caller, requestId);
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.infof("analyst query by %s (request %s): %d rows%s in %d ms: %s", caller, requestId, result.rows().size(),
                result.truncated() ? " (truncated)" : "", millis, query.replaceAll("\\s+", " "));
        return new AnalystQueryResult(result.columns(), result.rows(), result.truncated(), millis);
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
