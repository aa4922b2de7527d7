package org.kiezwerk.network.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.neo4j.driver.Driver;

/**
 * The partner projection takes what one poll brings in one graph transaction. Against a model that applies
 * the same messages one at a time, in order, with the graph's rules (a version not newer changes nothing, a
 * removal deletes unless the graph holds a newer version): seeded random streams of registrations, updates,
 * removals and redelivered runs, cut into batches of random size, with unreadable and unappliable messages
 * among them, end in the same organisations, areas and target groups, and exactly the bad messages are
 * dead-lettered, each on its own.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class PartnerBatchIT {

    static final String TOPIC = "kiezwerk.partners.v1";
    static final List<String> GROUPS = List.of("seniors", "children", "families", "migrants", "youth");

    @Inject
    PartnerProjection partners;

    @Inject
    Driver driver;

    /** What the model says a partner's node holds. */
    record Node(long version, String name, Set<String> areas, Set<String> groups) {
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 19, 42})
    void batchesEndWhereOneMessageAtATimeEnds(long seed) {
        Random random = new Random(seed);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(UUID.randomUUID().toString());
        }

        // what partner-service publishes: per partner rising versions, a removal ends a partner
        List<ConsumerRecord<String, String>> published = new ArrayList<>();
        Map<String, Long> versions = new HashMap<>();
        Set<String> removed = new TreeSet<>();
        Set<String> bad = new TreeSet<>();
        for (int i = 0; i < 300; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            if (removed.contains(id)) {
                continue;
            }
            long version = versions.merge(id, 1L, Long::sum) - 1;
            if (version > 0 && random.nextInt(12) == 0) {
                published.add(record(id, "removed", partner(id, "Partner " + id.substring(0, 4) + " v" + version, version,
                        List.of(), List.of())));
                published.add(record(id, null, null)); // the tombstone after it
                removed.add(id);
            } else {
                published.add(record(id, version == 0 ? "registered" : "updated", partner(id,
                        "Partner " + id.substring(0, 4) + " v" + version, version, areas(random, run), groups(random))));
            }
            if (random.nextInt(40) == 0) { // messages the graph cannot take, each to the dead-letter topic alone
                String broken = UUID.randomUUID().toString();
                bad.add(broken);
                published.add(switch (random.nextInt(3)) {
                    case 0 -> record(broken, "registered", "{not json");
                    case 1 -> record(broken, "registered", partner(UUID.randomUUID().toString(), "Wrong key", 0, List.of(), List.of()));
                    default -> record(broken, "registered", partner(broken, "No resource kind", 0, List.of(), List.of())
                            .replace("\"resources\":[]", "\"resources\":[{\"direction\":\"offered\",\"kind\":null}]"));
                });
            }
        }
        // what the projection receives: a restarted consumer reads a run again from its last commit
        List<ConsumerRecord<String, String>> received = new ArrayList<>(published);
        for (int i = 0; i < 3; i++) {
            int from = random.nextInt(received.size());
            int to = Math.min(received.size(), from + 1 + random.nextInt(60));
            received.addAll(to, List.copyOf(received.subList(from, to)));
        }

        Map<String, Node> expected = model(received, bad);
        List<String> deadLetters = new ArrayList<>();
        int offset = 0;
        while (offset < received.size()) {
            int size = Math.min(received.size() - offset, 1 + random.nextInt(80));
            project(received.subList(offset, offset + size), offset, deadLetters);
            offset += size;
        }

        assertEquals(expected, graph(ids), "seed " + seed);
        long badReceived = received.stream().filter(r -> bad.contains(r.key())).count();
        assertEquals(badReceived, deadLetters.size(), "seed " + seed + ": every bad message received is dead-lettered once");
        assertEquals(bad, new TreeSet<>(deadLetters), "seed " + seed + ": only the bad messages are dead-lettered");
    }

    /** The same messages one at a time, in order, with the graph's version rules. */
    private static Map<String, Node> model(List<ConsumerRecord<String, String>> received, Set<String> bad) {
        Map<String, Node> nodes = new TreeMap<>();
        for (ConsumerRecord<String, String> r : received) {
            if (r.value() == null || bad.contains(r.key())) {
                continue;
            }
            JsonNode message = read(r.value());
            long version = message.get("version").asLong();
            Node node = nodes.get(r.key());
            if (header(r).equals("org.kiezwerk.partner.removed.v1")) {
                if (node != null && node.version() <= version) {
                    nodes.remove(r.key());
                }
            } else if (node == null || node.version() < version) {
                Set<String> areas = new TreeSet<>();
                message.get("neighbourhoods").forEach(a -> areas.add(a.get("code").asText()));
                Set<String> groups = new TreeSet<>();
                message.get("offers").forEach(o -> o.get("targetGroups").forEach(g -> groups.add(g.asText())));
                nodes.put(r.key(), new Node(version, message.get("name").asText(), areas, groups));
            }
        }
        return nodes;
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Node> graph(List<String> ids) {
        Map<String, Node> nodes = new TreeMap<>();
        driver.executableQuery("""
                MATCH (o:Organisation) WHERE o.id IN $ids AND o.version >= 0
                RETURN o.id AS id, o.version AS version, o.name AS name,
                       COLLECT { MATCH (o)-[:LOCATED_IN]->(n) RETURN n.code } AS areas,
                       COLLECT { MATCH (o)-[:SERVES]->(t) RETURN t.code } AS groups
                """).withParameters(Map.of("ids", ids)).execute().records().forEach(r -> nodes.put(r.get("id").asString(),
                        new Node(r.get("version").asLong(), r.get("name").asString(),
                                new TreeSet<>(r.get("areas").asList(v -> v.asString())),
                                new TreeSet<>(r.get("groups").asList(v -> v.asString())))));
        return nodes;
    }

    /** One poll's worth, through the projection as the connector hands it over; dead letters are noted. */
    private void project(List<ConsumerRecord<String, String>> records, int firstOffset, List<String> deadLetters) {
        List<ConsumerRecord<String, String>> positioned = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> r = records.get(i);
            positioned.add(new ConsumerRecord<>(TOPIC, 0, firstOffset + i, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                    0, 0, r.key(), r.value(), r.headers(), Optional.empty()));
        }
        KafkaCommitHandler nothingToCommit = new KafkaCommitHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
                return Uni.createFrom().voidItem();
            }
        };
        KafkaFailureHandler toDeadLetters = new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                deadLetters.add((String) record.getKey());
                return Uni.createFrom().voidItem();
            }
        };
        partners.project(new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(Map.of(new TopicPartition(TOPIC, 0), positioned),
                Map.of()), "partners", 0, nothingToCommit, toDeadLetters, false, false)).toCompletableFuture().join();
    }

    private static List<String> areas(Random random, String run) {
        List<String> areas = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            if (random.nextInt(3) == 0) {
                String district = "district-" + run + "-" + (q % 2);
                areas.add("{\"code\":\"quarter-" + run + "-" + q + "\",\"name\":\"Quartier " + q + "\",\"level\":\"quarter\","
                        + "\"ancestors\":[{\"code\":\"" + district + "\",\"name\":\"Bezirk\",\"level\":\"district\"},"
                        + "{\"code\":\"city-" + run + "\",\"name\":\"Stadt\",\"level\":\"city\"}]}");
            }
        }
        return areas;
    }

    private static List<String> groups(Random random) {
        return GROUPS.stream().filter(g -> random.nextBoolean()).map(g -> "{\"targetGroups\":[\"" + g + "\"]}").toList();
    }

    private static String partner(String id, String name, long version, List<String> areas, List<String> offers) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"kind\":\"club\",\"neighbourhood\":\"Lindenhof\","
                + "\"neighbourhoods\":[" + String.join(",", areas) + "],\"offers\":[" + String.join(",", offers)
                + "],\"resources\":[],\"version\":" + version + "}";
    }

    private static ConsumerRecord<String, String> record(String key, String kind, String value) {
        RecordHeaders headers = new RecordHeaders();
        if (kind != null) {
            headers.add("ce_type", ("org.kiezwerk.partner." + kind + ".v1").getBytes(StandardCharsets.UTF_8));
            headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>(TOPIC, 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, key, value, headers, Optional.empty());
    }

    private static String header(ConsumerRecord<String, String> r) {
        var h = r.headers().lastHeader("ce_type");
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
