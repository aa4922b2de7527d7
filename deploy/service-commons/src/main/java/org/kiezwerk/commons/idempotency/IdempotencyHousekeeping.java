package org.kiezwerk.commons.idempotency;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Forgets first answers once their retention has passed. */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class IdempotencyHousekeeping {

    @Inject
    IdempotentRequestRepository requests;

    @Inject
    IdempotencyConfig config;

    @Scheduled(every = "1h", delayed = "1m")
    @Transactional
    void forgetExpired() {
        requests.forgetOlderThan(config.retention());
    }
}
