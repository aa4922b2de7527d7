package org.kiezwerk.network.messaging;

import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.network.Topics;
import static org.kiezwerk.network.Topics.await;
import static org.kiezwerk.network.Topics.event;
import static org.kiezwerk.network.Topics.send;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;

/**
 * The graph is a projection of the topics: deleting it and replaying both topics from the start
 * gives the same graph — nodes, properties and ties, derived co-production ties included — and
 * replaying once more changes nothing.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class ReplayIT {

    static final String PARTNERS = "kiezwerk.partners.v1";
    static final String EVENTS = "kiezwerk.events.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Driver driver;

    @Inject
    PartnerProjection partners;

    @Inject
    EventProjection events;

    @Test
    void deletingTheGraphAndReplayingBothTopicsGivesTheSameGraph() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String centre = UUID.randomUUID().toString();
        String parish = UUID.randomUUID().toString();
        String club = UUID.randomUUID().toString();
        String leaving = UUID.randomUUID().toString();
        String festival = UUID.randomUUID().toString();
        String talk = UUID.randomUUID().toString();
        String cancelled = UUID.randomUUID().toString();
        List<String> ids = List.of(centre, parish, club, leaving, festival, talk, cancelled);
        try (KafkaProducer<String, String> producer = Topics.producer(bootstrapServers)) {
            send(producer, PARTNERS, centre, "org.kiezwerk.partner.registered.v1", partner(centre, "Begegnungszentrum " + suffix, 0,
                    "quarter-" + suffix, List.of("seniors", "families"), "room", "volunteers"));
            send(producer, PARTNERS, parish, "org.kiezwerk.partner.registered.v1", partner(parish, "St. Markus " + suffix, 0,
                    "quarter-" + suffix, List.of("families"), "room", null));
            // an event before one of its partners: a placeholder first, filled in later
            send(producer, EVENTS, festival, "org.kiezwerk.event.scheduled.v1", event(festival, 0, "confirmed", centre, parish, club));
            send(producer, PARTNERS, club, "org.kiezwerk.partner.registered.v1", partner(club, "TSV " + suffix, 0,
                    "other-" + suffix, List.of("youth"), null, "room"));
            send(producer, PARTNERS, leaving, "org.kiezwerk.partner.registered.v1", partner(leaving, "Abschied " + suffix, 0,
                    "quarter-" + suffix, List.of(), null, null));
            send(producer, EVENTS, talk, "org.kiezwerk.event.scheduled.v1", event(talk, 0, "confirmed", centre, parish));
            send(producer, EVENTS, cancelled, "org.kiezwerk.event.scheduled.v1", event(cancelled, 0, "confirmed", parish, club));
            // changes, a redelivery, a cancellation and removals
            send(producer, PARTNERS, centre, "org.kiezwerk.partner.updated.v1", partner(centre, "Begegnungszentrum " + suffix, 1,
                    "quarter-" + suffix, List.of("seniors"), "room", null));
            send(producer, EVENTS, festival, "org.kiezwerk.event.updated.v1", event(festival, 1, "confirmed", centre, club));
            send(producer, EVENTS, festival, "org.kiezwerk.event.scheduled.v1", event(festival, 0, "confirmed", centre, parish, club));
            send(producer, EVENTS, cancelled, "org.kiezwerk.event.cancelled.v1", event(cancelled, 1, "cancelled", parish, club));
            send(producer, PARTNERS, leaving, "org.kiezwerk.partner.removed.v1", partner(leaving, "Abschied " + suffix, 1,
                    "quarter-" + suffix, List.of(), null, null));
            producer.send(new ProducerRecord<>(PARTNERS, leaving, null)).get();
            send(producer, EVENTS, talk, "org.kiezwerk.event.removed.v1", event(talk, 1, "confirmed", centre, parish));
            producer.send(new ProducerRecord<>(EVENTS, talk, null)).get();
        }
        await(() -> count("MATCH (o:Organisation {id: $id}) WHERE o.version = 1 RETURN count(o) AS n", centre) == 1
                && count("MATCH (e:SharedEvent {id: $id}) WHERE e.version = 1 RETURN count(e) AS n", cancelled) == 1
                && count("MATCH (e:SharedEvent {id: $id}) RETURN count(e) AS n", talk) == 0
                && count("MATCH (e:SharedEvent {id: $id}) WHERE e.version = 1 RETURN count(e) AS n", festival) == 1
                && count("MATCH (o:Organisation {id: $id}) WHERE o.version >= 0 RETURN count(o) AS n", leaving) == 0);
        List<String> projected = snapshot(ids);
        assertTrue(projected.stream().anyMatch(line -> line.contains("CO_PRODUCES")), String.join("\n", projected));
        assertTrue(projected.stream().anyMatch(line -> line.contains("LOCATED_IN")), String.join("\n", projected));

        try (var session = driver.session()) {
            session.run("MATCH (n) WHERE n.id IN $ids DETACH DELETE n", Map.of("ids", ids)).consume();
        }
        assertEquals(List.of(), snapshot(ids));

        List<ConsumerRecord<String, String>> history = fromTheStart(Set.copyOf(ids));
        replay(history);
        assertEquals(projected, snapshot(ids), "the replayed graph differs from the projected one");
        replay(history);
        assertEquals(projected, snapshot(ids), "a second replay changed the graph");
    }

    /**
     * Every message of both topics in the order they were published, as the projections receive them: a run
     * of messages on one topic in one batch, as one poll would bring them.
     */
    private void replay(List<ConsumerRecord<String, String>> history) {
        List<ConsumerRecord<String, String>> run = new ArrayList<>();
        for (ConsumerRecord<String, String> record : history) {
            if (!run.isEmpty() && !run.get(0).topic().equals(record.topic())) {
                project(run);
            }
            run.add(record);
        }
        project(run);
    }

    private void project(List<ConsumerRecord<String, String>> run) {
        if (run.isEmpty()) {
            return;
        }
        Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new LinkedHashMap<>();
        run.forEach(r -> byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), p -> new ArrayList<>()).add(r));
        KafkaCommitHandler nothingToCommit = new KafkaCommitHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
                return Uni.createFrom().voidItem();
            }
        };
        boolean partnerRun = run.get(0).topic().equals(PARTNERS);
        var batch = new IncomingKafkaRecordBatch<String, String>(new ConsumerRecords<>(byPartition, Map.of()),
                partnerRun ? "partners" : "events", 0, nothingToCommit, null, false, false);
        (partnerRun ? partners.project(batch) : events.project(batch)).toCompletableFuture().join();
        run.clear();
    }

    private List<ConsumerRecord<String, String>> fromTheStart(Set<String> keys) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(PARTNERS, EVENTS)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (keys.contains(r.key())) {
                        records.add(r);
                    }
                });
            }
        }
        records.sort(Comparator.comparingLong((ConsumerRecord<String, String> r) -> r.timestamp()));
        return records;
    }

    /** The graph around these ids, as sorted lines: labels and properties of each node, each tie with its properties. */
    private List<String> snapshot(List<String> ids) {
        try (var session = driver.session()) {
            return session.run("""
                    MATCH (n) WHERE n.id IN $ids
                    OPTIONAL MATCH (n)-[r]-(m)
                    RETURN labels(n) AS labels, n.id AS id, properties(n) AS props, type(r) AS type,
                           CASE WHEN r IS NULL THEN null ELSE properties(r) END AS tieProps,
                           CASE WHEN r IS NULL THEN null ELSE startNode(r) = n END AS outgoing,
                           coalesce(m.id, m.code, m.name) AS other
                    """, Map.of("ids", ids)).list().stream()
                    .map(r -> r.get("labels").asList(Value::asString).stream().sorted().toList() + " " + r.get("id").asString()
                            + " " + stable(r.get("props")) + (r.get("type").isNull() ? ""
                                    : (r.get("outgoing").asBoolean() ? " -[" : " <-[") + r.get("type").asString() + " "
                                            + stable(r.get("tieProps")) + "]- " + r.get("other").asString()))
                    .sorted().toList();
        }
    }

    /** Properties without the moments of projection (they differ by nature), in a fixed order. */
    private static String stable(Value properties) {
        Map<String, String> sorted = new TreeMap<>();
        properties.asMap(Value::toString).forEach((key, value) -> {
            if (!key.endsWith("At")) {
                sorted.put(key, value);
            }
        });
        return sorted.toString();
    }

    private long count(String cypher, String id) {
        try (var session = driver.session()) {
            return session.run(cypher, Map.of("id", id)).single().get("n").asLong();
        }
    }

    private static String partner(String id, String name, long version, String area, List<String> targetGroups, String offers,
            String needs) {
        StringBuilder resources = new StringBuilder();
        if (offers != null) {
            resources.append("{\"direction\":\"offered\",\"kind\":\"").append(offers).append("\"}");
        }
        if (needs != null) {
            resources.append(resources.isEmpty() ? "" : ",").append("{\"direction\":\"needed\",\"kind\":\"").append(needs).append("\"}");
        }
        String groups = String.join(",", targetGroups.stream().map(g -> "\"" + g + "\"").toList());
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"kind\":\"association\",\"neighbourhood\":\"" + area + "\","
                + "\"neighbourhoods\":[{\"code\":\"" + area + "\",\"name\":\"Area " + area + "\",\"level\":\"quarter\",\"parentCode\":\"city-"
                + area + "\"}],\"offers\":[{\"targetGroups\":[" + groups + "]}],\"resources\":[" + resources + "],\"version\":" + version + "}";
    }
}
