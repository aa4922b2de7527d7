package org.kiezwerk.network.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;
import static org.kiezwerk.network.Topics.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.network.Topics;
import org.kiezwerk.network.graph.AnalysisGraph;

/** The network map's city-wide analysis is made ready in the background once the graph is quiet. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class NetworkAnalysesWarmUpIT {

    @Inject
    NetworkAnalyses analyses;

    @Inject
    AnalysisGraph graph;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void theCityWideAnalysisIsReadyOnceTheGraphHasStayedUnchanged() throws Exception {
        String id = UUID.randomUUID().toString();
        Topics.publishPartner(bootstrapServers, id,
                "{\"id\":\"" + id + "\",\"name\":\"Kinderhaus Regenbogen\",\"kind\":\"day_care\",\"version\":0}");
        await(() -> given().get("/api/v1/network/actors/" + id).statusCode() == 200);
        assertFalse(analyses.isReady(null, NetworkAnalyses.ANONYMOUS, graph.fingerprint()), "nobody asked since the change");

        // a round that sees a change only takes note of it; the next one with nothing new computes
        await(() -> {
            analyses.warmUp();
            return analyses.isReady(null, NetworkAnalyses.ANONYMOUS, graph.fingerprint());
        });
        // what anonymous readers get now is that analysis, with the new organisation in it
        assertTrue(analyses.keyActors(null, Integer.MAX_VALUE, NetworkAnalyses.ANONYMOUS).actors().stream()
                .anyMatch(actor -> actor.id().equals(id)));
    }
}
