package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;

/** Fast: a too long request line or too large headers get a problem+json answer, not bare text. */
@QuarkusTest
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
class HeadLimitTest {

    @Test
    void aTooLongRequestTargetIsA414Problem() {
        given().queryParam("q", "x".repeat(5_000))
                .when().get("/api/v1/partners")
                .then().statusCode(414)
                .contentType("application/problem+json")
                .body("type", is("/problems/uri-too-long"))
                .body("status", is(414));
        // far beyond what the gateway takes, but within what its HTTP server reads: still ours
        given().queryParam("q", "x".repeat(60_000))
                .when().get("/api/v1/partners")
                .then().statusCode(414)
                .contentType("application/problem+json");
    }

    @Test
    void tooLargeHeadersAreA431Problem() {
        given().header("X-Padding", "y".repeat(20_000))
                .when().get("/api/v1/partners")
                .then().statusCode(431)
                .contentType("application/problem+json")
                .body("type", is("/problems/headers-too-large"));
    }

    @Test
    void ordinaryRequestsPass() {
        given().queryParam("q", "x".repeat(3_000)).header("X-Padding", "y".repeat(6_000))
                .when().get("/api/v1/partners")
                .then().statusCode(201);
    }
}
