package org.kiezwerk.commons.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads what the outbox connector parked (docs/operators.md, "A parked message") and keeps this
 * service's entries until their aggregate is sent again; {@link OutboxHealth} reports them.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class ParkedMessages {

    private static final Logger LOG = Logger.getLogger(ParkedMessages.class);

    @Inject
    ObjectMapper json;

    @Inject
    OutboxRepository outbox;

    @ConfigProperty(name = "kiezwerk.outbox.source")
    String source;

    @Incoming("outbox-parked")
    @Blocking
    public void park(String value) {
        ParkedMessage parked;
        try {
            parked = value == null ? null : json.readValue(value, ParkedMessage.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("an unreadable entry on kiezwerk.outbox.parked is ignored: %s", e.getOriginalMessage());
            return;
        }
        if (parked != null && parked.isFrom(source)) {
            LOG.errorf("outbox message %s (%s of %s) was not delivered to %s and is parked: %s",
                    parked.id(), parked.type(), parked.subject(), parked.topic(), parked.reason());
            keep(parked);
        }
    }

    /** Kept for sure: with the database away this waits (the offset is committed only afterwards). */
    private void keep(ParkedMessage parked) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> outbox.park(parked));
                return;
            } catch (RuntimeException e) {
                if (attempt == 1) {
                    LOG.warnf("parked message %s not yet kept, retrying: %s", parked.id(), e.getMessage());
                }
                try {
                    Thread.sleep(Math.min(attempt, 10) * 1000L);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
