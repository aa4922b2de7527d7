package org.kiezwerk.network.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.ServiceIdentity;
import org.kiezwerk.infra.TestCallerIdentity;

/** Who may call an operation is said on it: the scope, and whether editors of one organisation may. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class WhoMayCallIT {

    @Test
    void anonymousCallersAreAskedForTheScopeTheOperationNeeds() {
        TestCallerIdentity.anonymously(() -> {
            given().contentType(ContentType.JSON).body(Map.of("from", UUID.randomUUID(), "to", UUID.randomUUID(), "kind", "partnership"))
                    .when().post("/api/v1/network/ties").then().statusCode(401).contentType("application/problem+json")
                    .body("type", is("/problems/unauthenticated")).body("detail", containsString("'network:write'"));
            given().when().get("/api/v1/analytics/saved-queries").then().statusCode(401)
                    .body("detail", containsString("'analytics'"));
            given().when().get("/api/v1/analytics/health").then().statusCode(200);
        });
    }

    @Test
    void aWrongScopeIsForbiddenAndEditorsMayNotRecordPersons() {
        String analyst = "Bearer " + ServiceIdentity.forTests("analyst", Set.of("read", "analytics"), List.of());
        given().header("Authorization", analyst).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Frau Keller", "consent", Map.of("scope", "public", "recordedBy", "test")))
                .when().post("/api/v1/network/persons").then().statusCode(403).contentType("application/problem+json")
                .body("type", is("/problems/forbidden")).body("detail", containsString("'network:write'"));
        given().header("Authorization", analyst).when().get("/api/v1/analytics/saved-queries").then().statusCode(200);

        String writer = "Bearer " + ServiceIdentity.forTests("system", Set.of("read", "network:write"), List.of());
        given().header("Authorization", writer).when().get("/api/v1/analytics/saved-queries").then().statusCode(403)
                .body("detail", containsString("'analytics'"));

        String editor = "Bearer " + ServiceIdentity.forTests("editor", Set.of("read", "network:write"), List.of(UUID.randomUUID().toString()));
        given().header("Authorization", editor).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Herr Brandt", "consent", Map.of("scope", "public", "recordedBy", "test")))
                .when().post("/api/v1/network/persons").then().statusCode(403).contentType("application/problem+json")
                .body("type", is("/problems/forbidden"));
        given().header("Authorization", writer).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Herr Brandt", "consent", Map.of("scope", "public", "recordedBy", "test")))
                .when().post("/api/v1/network/persons").then().statusCode(201);
    }
}
