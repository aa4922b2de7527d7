package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the in-memory copy of the city ({@link CityGraph}) has been read after the start. Until then every
 * city-wide question (key actors, health, exports, and the ego networks and paths that go by the copy) waits for it
 * or reads the whole city from Neo4j itself: seconds at city scale, and a first read from a Neo4j that has just started
 * took 8–12 s for 20,000 organisations and 100,000 ties (docs/benchmarks/network-20k.md). A replica that is not ready
 * gets no traffic (Kubernetes' readiness probe, the local start), so a rolling update keeps the old one answering
 * meanwhile. Once read, the copy can go stale and be brought up to date without the service turning unready; with
 * Neo4j away, Neo4j's own check says so.
 */
@Readiness
@ApplicationScoped
public class CityCopyReadiness implements HealthCheck {

    @Inject
    CityGraph city;

    @Override
    public HealthCheckResponse call() {
        boolean read = city.readOnce();
        return HealthCheckResponse.named("city copy").status(read)
                .withData("state", read ? "read" : "reading the city from the graph")
                .build();
    }
}
