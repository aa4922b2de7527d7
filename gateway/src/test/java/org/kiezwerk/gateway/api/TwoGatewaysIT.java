package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;
import org.kiezwerk.infra.InfraSettings;
import org.kiezwerk.infra.LocalInfra;
import org.kiezwerk.infra.LocalSecrets;
import org.kiezwerk.infra.ManagedProcess;

/**
 * Two gateways on one key store: this test's gateway and a second one, the packaged gateway in a
 * process of its own (as a second replica would run), both on the tests' PostgreSQL database
 * {@code gateway} and in front of the same stand-in services. A key made through either works on
 * both, a revocation through either is refused by the other within a second, and keys created
 * through both at once are all there.
 */
@QuarkusTest
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
class TwoGatewaysIT {

    static LocalInfra infra;
    static final List<ManagedProcess> started = new ArrayList<>();
    static int secondPort;
    static String secondAdmin;

    @BeforeAll
    static void startASecondGateway() throws IOException {
        infra = new LocalInfra(InfraSettings.fromEnvironment());
        var config = ConfigProvider.getConfig();
        LocalInfra.ServicePorts services = new LocalInfra.ServicePorts(0,
                config.getValue("kiezwerk.gateway.partner-service-url", URI.class).getPort(),
                config.getValue("kiezwerk.gateway.event-service-url", URI.class).getPort(),
                config.getValue("kiezwerk.gateway.network-service-url", URI.class).getPort());
        try (ServerSocket socket = new ServerSocket(0)) {
            secondPort = socket.getLocalPort();
        }
        infra.startSecondInstance(LocalInfra.Service.GATEWAY, services, secondPort, started);
        // the second gateway runs like the local one: its bootstrap admin key is under var/secrets
        secondAdmin = new LocalSecrets(infra.settings().varDir()).adminKey();
    }

    @AfterAll
    static void stopTheSecondGateway() {
        if (infra != null) {
            infra.stop(started);
        }
    }

    private static RequestSpecification first() {
        return given();
    }

    private static RequestSpecification second() {
        return given().baseUri("http://127.0.0.1").port(secondPort);
    }

    private static Map<String, Object> create(RequestSpecification gateway, String admin, String name) {
        return gateway.header("X-API-Key", admin).contentType(ContentType.JSON)
                .body(Map.of("name", name, "scopes", List.of("partners:write")))
                .when().post("/api/v1/admin/api-keys")
                .then().statusCode(201).extract().jsonPath().getMap("");
    }

    /** A write that needs the key's scope: the stand-in partner-service answers 201 to what gets past the gateway. */
    private static int write(RequestSpecification gateway, String key) {
        return gateway.header("X-API-Key", key).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/partners").then().extract().statusCode();
    }

    @Test
    void aKeyWorksOnBothAndARevocationThroughEitherReachesTheOtherWithinASecond() throws Exception {
        revokedThroughOneRefusedByTheOther("made and revoked through the first", Credentials.adminKey(), true);
        revokedThroughOneRefusedByTheOther("made and revoked through the second", secondAdmin, false);
    }

    private void revokedThroughOneRefusedByTheOther(String name, String admin, boolean throughFirst) throws Exception {
        RequestSpecification[] gateways = throughFirst ? new RequestSpecification[] {first(), second()}
                : new RequestSpecification[] {second(), first()};
        Map<String, Object> key = create(gateways[0], admin, name);
        String secret = (String) key.get("key");
        // the other gateway knows the key at once, and now holds it in its cache
        assertEquals(201, write(throughFirst ? second() : first(), secret));
        assertEquals(201, write(throughFirst ? second() : first(), secret));
        assertEquals(201, write(throughFirst ? first() : second(), secret));

        (throughFirst ? first() : second()).header("X-API-Key", admin).when().delete("/api/v1/admin/api-keys/" + key.get("id"))
                .then().statusCode(204);
        long revoked = System.nanoTime();
        assertEquals(401, write(throughFirst ? first() : second(), secret), "at once on the gateway that revoked it");
        // A write the other gateway accepted must have been sent within a second of the revocation; a
        // write's own duration (slow on a loaded machine) does not count against the gateway.
        await().pollInterval(Duration.ofMillis(25)).atMost(Duration.ofSeconds(60)).until(() -> {
            long sent = System.nanoTime();
            int status = write(throughFirst ? second() : first(), secret);
            if (status != 401) {
                assertEquals(201, status);
                assertTrue(sent - revoked < 1_000_000_000L, name + ": the other gateway still accepts the revoked key a second after");
            }
            return status == 401;
        });
        await("and stays refused").during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(10))
                .until(() -> write(throughFirst ? second() : first(), secret) == 401);
    }

    @Test
    void keysCreatedThroughBothAtOnceAreAllThere() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Map<String, Object>>> creations = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                boolean throughFirst = i % 2 == 0;
                String name = "at once " + i;
                creations.add(pool.submit(() -> throughFirst ? create(first(), Credentials.adminKey(), name)
                        : create(second(), secondAdmin, name)));
            }
            List<Map<String, Object>> created = new ArrayList<>();
            for (Future<Map<String, Object>> creation : creations) {
                created.add(creation.get());
            }
            for (RequestSpecification gateway : List.of(first(), second())) {
                List<String> listed = gateway.header("X-API-Key", Credentials.adminKey())
                        .when().get("/api/v1/admin/api-keys").then().statusCode(200).extract().jsonPath().getList("items.id");
                Set<String> all = new HashSet<>(listed);
                for (Map<String, Object> key : created) {
                    assertTrue(all.contains((String) key.get("id")), key.get("name") + " is missing");
                }
            }
            // and each works on the gateway it was not made on
            for (int i = 0; i < created.size(); i++) {
                assertEquals(201, write(i % 2 == 0 ? second() : first(), (String) created.get(i).get("key")), "key " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
