package org.kiezwerk.network.messaging;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.kiezwerk.network.domain.Tie;
import org.kiezwerk.network.graph.TieOutbox;

/** Fast: the tie message and its record, without servers. */
class TieMessageTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final UUID centre = UUID.randomUUID();
    final UUID parish = UUID.randomUUID();
    final Tie tie = new Tie(UUID.randomUUID(), centre, "Begegnungszentrum", parish, "St. Markus", "shared_premises", 4,
            LocalDate.parse("2025-09-01"), null, centre, true, 1);

    @Test
    void thePayloadIsTheTieWithTheAreasOfBothSidesAndValidAgainstItsSchema() throws Exception {
        JsonNode value = JSON.readTree(TieMessage.payload(tie, List.of("lindenhof", "auenstadt-sued", "lindenhof", ""), List.of()));
        assertEquals(tie.id().toString(), value.path("id").asText());
        assertEquals(centre.toString(), value.path("from").asText());
        assertEquals("St. Markus", value.path("toName").asText());
        assertEquals(List.of("auenstadt-sued", "lindenhof"), JSON.convertValue(value.path("fromNeighbourhoods"), List.class),
                "sorted, once each, no blanks");
        assertTrue(value.path("toNeighbourhoods").isArray() && value.path("toNeighbourhoods").isEmpty());
        assertEquals("2025-09-01", value.path("since").asText());
        assertTrue(value.path("until").isNull());
        assertTrue(value.path("confirmed").asBoolean());
        assertEquals(1, value.path("version").asInt());

        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(
                Path.of(System.getProperty("kiezwerk.root", "../")).resolve("docs/schemas/tie-message.v1.schema.json").toUri());
        var errors = schema.validate(value);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aMessageCarriesTheCloudEventsAttributesAndATombstoneNone() {
        TieOutbox.Pending message = new TieOutbox.Pending("3f0c2b9e-8b4e-4d8a-9a53-5d8f1d6e0a11", 7, TieMessage.TOPIC, tie.id().toString(),
                TieMessage.CONFIRMED, "{}", "2026-12-06T03:00:00Z", "req-1", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        ProducerRecord<String, String> record = TieOutboxRelay.record(message);
        assertEquals("kiezwerk.ties.v1", record.topic());
        assertEquals(tie.id().toString(), record.key());
        assertEquals("1.0", header(record, "ce_specversion"));
        assertEquals(message.id(), header(record, "ce_id"));
        assertEquals("/network-service", header(record, "ce_source"));
        assertEquals(TieMessage.CONFIRMED, header(record, "ce_type"));
        assertEquals(tie.id().toString(), header(record, "ce_subject"));
        assertEquals("2026-12-06T03:00:00Z", header(record, "ce_time"));
        assertEquals("application/json", header(record, "content-type"));
        assertEquals("req-1", header(record, "X-Request-Id"));
        assertEquals(message.traceParent(), header(record, "traceparent"));

        ProducerRecord<String, String> tombstone = TieOutboxRelay.record(new TieOutbox.Pending("x", 8, TieMessage.TOPIC, tie.id().toString(),
                null, null, "2026-12-06T03:00:00Z", null, null));
        assertNull(tombstone.value());
        assertFalse(tombstone.headers().iterator().hasNext(), "a tombstone has no CloudEvents headers");
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
