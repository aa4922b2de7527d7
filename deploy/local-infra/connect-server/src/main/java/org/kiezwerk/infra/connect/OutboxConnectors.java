package org.kiezwerk.infra.connect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one place where the outbox connectors are configured: every service that owns a database
 * (partner-service, event-service) gets the same Debezium PostgreSQL connector with the same outbox
 * event router; only the database name differs. The local worker registers these, and
 * {@link #main} prints them for the production manifests (docs/operators.md).
 *
 * <p>What the outbox table must look like (each service's migration): {@code outbox_message} with
 * {@code id} (the CloudEvents id), {@code aggregate_type} ({@code partner} routes to
 * {@code kiezwerk.partners.v1}, {@code event} to {@code kiezwerk.events.v1}), {@code aggregate_id}
 * (the Kafka key), {@code payload} (the JSON value; null for a tombstone), the header columns named in
 * {@link #HEADERS}, and the publication {@value #PUBLICATION} on just that table. A service inserts a
 * row and deletes it again in the same transaction: the WAL carries the insert to the connector, the
 * table stays empty.
 */
public final class OutboxConnectors {

    /** The publication each service's migration creates on its outbox table. */
    public static final String PUBLICATION = "kiezwerk_outbox";

    /**
     * Outbox columns placed as Kafka headers: the CloudEvents attributes in binary mode, the request
     * id and the W3C trace context of the request that wrote the row. Null columns (a tombstone's)
     * are left out.
     */
    public static final String HEADERS = String.join(",",
            "id:header:ce_id",
            "ce_specversion:header:ce_specversion",
            "ce_source:header:ce_source",
            "ce_type:header:ce_type",
            "ce_subject:header:ce_subject",
            "ce_time:header:ce_time",
            "content_type:header:content-type",
            "request_id:header:X-Request-Id",
            "trace_parent:header:traceparent");

    private OutboxConnectors() {
    }

    public static String connectorName(String database) {
        return database + "-outbox";
    }

    /** Replication slot names are cluster-wide: one per database. */
    public static String slotName(String database) {
        return database + "_outbox";
    }

    public static Map<String, String> config(String database, String host, int port, String user, String password) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        c.put("tasks.max", "1");
        c.put("database.hostname", host);
        c.put("database.port", Integer.toString(port));
        c.put("database.user", user);
        c.put("database.password", password);
        c.put("database.dbname", database);
        c.put("topic.prefix", "kiezwerk-" + database);
        // logical decoding with PostgreSQL's own plugin, over the slot the worker (or an operator)
        // created before the service first wrote, and the publication the service's migration created
        c.put("plugin.name", "pgoutput");
        c.put("slot.name", slotName(database));
        c.put("publication.name", PUBLICATION);
        c.put("publication.autocreate.mode", "disabled");
        c.put("table.include.list", "public.outbox_message");
        // the rows are deleted in the transaction that wrote them: nothing to snapshot, only inserts matter
        c.put("snapshot.mode", "no_data");
        c.put("skipped.operations", "u,d,t");
        c.put("tombstones.on.delete", "false");
        // latency: look for new changes every 10 ms instead of the default 500 ms
        c.put("poll.interval.ms", "10");
        // a lost database connection (PostgreSQL restarting) is retried, never given up
        c.put("errors.max.retries", "-1");
        c.put("retriable.restart.connector.wait.ms", "2000");
        c.put("transforms", "outbox,dropNullHeaders");
        c.put("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        c.put("transforms.outbox.table.field.event.id", "id");
        c.put("transforms.outbox.table.field.event.key", "aggregate_id");
        c.put("transforms.outbox.table.field.event.payload", "payload");
        c.put("transforms.outbox.route.by.field", "aggregate_type");
        c.put("transforms.outbox.route.topic.replacement", "kiezwerk.${routedByValue}s.v1");
        c.put("transforms.outbox.route.tombstone.on.empty.payload", "true");
        c.put("transforms.outbox.table.expand.json.payload", "false");
        c.put("transforms.outbox.table.fields.additional.placement", HEADERS);
        // the router adds a header for every column, null or not: a tombstone has none of the
        // CloudEvents headers, and a row written outside a request neither request id nor trace
        c.put("transforms.dropNullHeaders.type", DropNullHeaders.class.getName());
        // A record Kafka refuses for good (too large, say) must not stop the connector for ever
        // (KIP-779: with errors.tolerance=all a source task skips a record whose send failed with a
        // non-retriable error, and logs it); retriable errors (broker away) are still retried without
        // end. The services' aggregate limits keep every message well below the broker's limit.
        c.put("errors.tolerance", "all");
        c.put("errors.log.enable", "true");
        c.put("errors.log.include.messages", "false");
        // ... and what was skipped is parked, so that the service that wrote it sees it (ParkedRecords)
        c.put("producer.override.interceptor.classes", ParkedRecords.class.getName());
        return c;
    }

    /** A flat JSON object of strings (the connector config the Connect REST API takes). */
    public static String toJson(Map<String, String> config) {
        return config.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Prints a database's connector config as JSON (for production manifests): {@code <database> <host> <port> <user>}. */
    public static void main(String[] args) {
        String database = args.length > 0 ? args[0] : "partner";
        String host = args.length > 1 ? args[1] : "postgres";
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 5432;
        String user = args.length > 3 ? args[3] : "postgres";
        System.out.println(toJson(config(database, host, port, user, "${env:KIEZWERK_POSTGRES_PASSWORD}")));
    }
}
