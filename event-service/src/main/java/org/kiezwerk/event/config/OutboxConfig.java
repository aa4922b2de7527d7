package org.kiezwerk.event.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** How the outbox relay publishes to Kafka. */
@ConfigMapping(prefix = "kiezwerk.outbox")
public interface OutboxConfig {

    /** How often the relay looks for unsent messages (at least a second: the scheduler runs nothing more often). */
    Duration pollInterval();

    /** Rows locked and published per transaction. */
    int batchSize();

    /** How long to wait for the broker's acknowledgement before trying again later. */
    Duration sendTimeout();

    /** Attempts after which a row that failed for a lasting reason is parked (see docs/operators.md). */
    int maxAttempts();
}
