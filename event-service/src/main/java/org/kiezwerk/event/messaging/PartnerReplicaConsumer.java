package org.kiezwerk.event.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kiezwerk.event.service.PartnerReplicas;

/**
 * Keeps the local replica of partner ids and names from {@code kiezwerk.partners.v1}, in partition
 * order and idempotently (by version). A removal also cancels or changes the partner's future events.
 * An unreadable message goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class PartnerReplicaConsumer {

    @Inject
    ObjectMapper json;

    @Inject
    PartnerReplicas replicas;

    @Incoming("partners")
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, String> record) throws JsonProcessingException {
        if (record.value() == null) {
            return; // the tombstone after a removal: the removal message did the work
        }
        PartnerMessage partner = json.readValue(record.value(), PartnerMessage.class);
        partner.check(record.key());
        String requestId = header(record, "X-Request-Id");
        if (PartnerMessage.REMOVED.equals(header(record, "ce_type"))) {
            replicas.removed(partner.id(), partner.name(), partner.version(), requestId);
        } else {
            replicas.changed(partner.id(), partner.name(), partner.version());
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
