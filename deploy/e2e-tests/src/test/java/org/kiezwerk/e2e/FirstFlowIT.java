package org.kiezwerk.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.InfraSettings;
import org.kiezwerk.infra.LocalInfra;
import org.kiezwerk.infra.ManagedProcess;

/**
 * The first flow, end to end: POST a partner through the gateway, PostgreSQL and the outbox, Kafka,
 * the projection into Neo4j, and read the organisation back from the network through the gateway.
 * The services run as packaged, on their own ports (180xx), so a running local system is left alone.
 */
class FirstFlowIT {

    static final LocalInfra.ServicePorts PORTS = new LocalInfra.ServicePorts(18080, 18081, 18082, 18083);
    static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(60);

    static LocalInfra infra;
    static final List<ManagedProcess> started = new ArrayList<>();

    @BeforeAll
    static void startTheSystem() {
        infra = new LocalInfra(InfraSettings.fromEnvironment());
        started.addAll(infra.ensureRunning(EnumSet.allOf(LocalInfra.Server.class)));
        started.addAll(infra.startServices(PORTS));
    }

    @AfterAll
    static void stopWhatWeStarted() {
        if (infra != null) {
            infra.stop(started);
        }
    }

    @Test
    void aPartnerRegisteredThroughTheGatewayAppearsInTheNetwork() throws InterruptedException {
        String name = "Familienzentrum Lindenhof " + UUID.randomUUID();
        String id = given().baseUri(gateway()).contentType(ContentType.JSON).header("X-Request-Id", "e2e-first-flow")
                .body(Map.of("name", name, "kind", "community_centre", "neighbourhood", "Lindenhof"))
                .when().post("/api/v1/partners")
                .then().statusCode(201)
                .header("X-Request-Id", "e2e-first-flow")
                .body("name", is(name))
                .extract().path("id");
        given().baseUri(gateway()).when().get("/api/v1/partners/" + id)
                .then().statusCode(200).body("name", is(name));

        Instant deadline = Instant.now().plus(PROJECTION_DEADLINE);
        Response actor;
        do {
            actor = given().baseUri(gateway()).when().get("/api/v1/network/actors/" + id);
            if (actor.statusCode() == 200) {
                break;
            }
            assertEquals(404, actor.statusCode(), "until projected, the network answers 404: " + actor.asString());
            Thread.sleep(250);
        } while (Instant.now().isBefore(deadline));
        assertEquals(200, actor.statusCode(), "the organisation did not appear in the network within " + PROJECTION_DEADLINE);
        actor.then()
                .body("id", is(id))
                .body("type", is("organisation"))
                .body("name", is(name))
                .body("kind", is("community_centre"))
                .body("neighbourhood", is("Lindenhof"));
    }

    @Test
    void badInputThroughTheGatewayIsAProblemNotAnError() {
        given().baseUri(gateway()).contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400));
        given().baseUri(gateway()).when().get("/api/v1/network/actors/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void everyServiceIsHealthyAndDocumented() {
        for (LocalInfra.Service service : LocalInfra.Service.values()) {
            String base = "http://127.0.0.1:" + PORTS.of(service);
            given().baseUri(base).when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
            given().baseUri(base).when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
            given().baseUri(base).accept("application/json").when().get("/q/openapi")
                    .then().statusCode(200).body("openapi", startsWith("3."));
        }
        // readiness really covers the graph and the broker
        given().baseUri("http://127.0.0.1:" + PORTS.network()).when().get("/q/health/ready")
                .then().body("checks.name", hasItems(containsString("Neo4j"), containsString("Messaging")));
    }

    private static String gateway() {
        return "http://127.0.0.1:" + PORTS.gateway();
    }
}
