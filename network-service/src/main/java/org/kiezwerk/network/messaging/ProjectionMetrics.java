package org.kiezwerk.network.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * How far the graph trails the topics ({@code kiezwerk_projection_lag_seconds}: from a message's
 * timestamp to its projection) and what went to a dead-letter topic ({@code kiezwerk_dead_letters_total},
 * by topic and reason), so that a rejected message is counted, never silent.
 */
@ApplicationScoped
public class ProjectionMetrics {

    private final MeterRegistry registry;

    ProjectionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void projected(ConsumerRecord<?, ?> record) {
        Timer.builder("kiezwerk.projection.lag").description("From a message's publication to its projection into the graph")
                .tag("topic", record.topic()).register(registry)
                .record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - record.timestamp())));
    }

    void deadLettered(ConsumerRecord<?, ?> record, Throwable reason) {
        Counter.builder("kiezwerk.dead.letters").description("Messages moved to the dead-letter topic, by reason")
                .tag("topic", record.topic()).tag("reason", reason.getClass().getSimpleName()).register(registry).increment();
        // where to look it up, and why: the count alone does not tell an operator which message or what went wrong
        LOG.warnf("message %s-%d@%d to the dead-letter topic: %s", record.topic(), record.partition(), record.offset(), reason.toString());
    }

    private static final Logger LOG = Logger.getLogger(ProjectionMetrics.class);
}
