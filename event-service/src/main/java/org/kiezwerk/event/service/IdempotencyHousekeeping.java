package org.kiezwerk.event.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.kiezwerk.event.config.IdempotencyConfig;
import org.kiezwerk.event.repository.IdempotentRequestRepository;

/** Forgets first answers once their retention has passed. */
@ApplicationScoped
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
