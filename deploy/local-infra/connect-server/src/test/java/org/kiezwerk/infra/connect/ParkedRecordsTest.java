package org.kiezwerk.infra.connect;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Fast: which refusals are parked, and what a parked entry says. */
class ParkedRecordsTest {

    @Test
    void onlyFinalRefusalsAreParked() {
        assertTrue(ParkedRecords.isFinal(new RecordTooLargeException("too large")));
        // retried by the producer, or re-sent by the worker from its last offset: never parked
        assertFalse(ParkedRecords.isFinal(new TimeoutException("broker away")));
        assertFalse(ParkedRecords.isFinal(new NotEnoughReplicasException("replicas away")));
        assertFalse(ParkedRecords.isFinal(new KafkaException("Producer is closed forcefully.")));
        assertFalse(ParkedRecords.isFinal(null));
    }

    @Test
    void anEntryNamesTheMessageAndTheReasonAndLeavesOutWhatIsMissing() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", "b3fbb4cd-a8f9-4fdd-8032-679c189df99f".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", "/partner-service".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", "org.kiezwerk.partner.updated.v1".getBytes(StandardCharsets.UTF_8));
        String entry = ParkedRecords.entry("kiezwerk.partners.v1", headers, new RecordTooLargeException("1200421 bytes \"too\" large"),
                Instant.parse("2026-12-06T03:04:07Z"));
        assertEquals("{\"id\":\"b3fbb4cd-a8f9-4fdd-8032-679c189df99f\",\"source\":\"/partner-service\","
                + "\"type\":\"org.kiezwerk.partner.updated.v1\",\"topic\":\"kiezwerk.partners.v1\","
                + "\"reason\":\"RecordTooLargeException: 1200421 bytes \\\"too\\\" large\",\"parkedAt\":\"2026-12-06T03:04:07Z\"}", entry);
    }
}
