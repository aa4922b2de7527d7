package org.kiezwerk.network.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Not ready before the city has been read once (CityGraphIT shows the service ready once it has). */
class CityCopyReadinessTest {

    @Test
    void notReadyWhileNoCopyHasBeenRead() {
        CityCopyReadiness readiness = new CityCopyReadiness();
        readiness.city = new CityGraph(); // nothing read: no graph to read from
        HealthCheckResponse response = readiness.call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("reading the city from the graph", response.getData().orElseThrow().get("state"));
    }
}
