package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;

/** Fast: the services are stand-ins on loopback, no infrastructure needed. */
@QuarkusTest
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
class GatewayRoutingTest {

    @Test
    void forwardsMethodPathQueryBodyAndStatus() {
        given().contentType(ContentType.JSON).header("X-Request-Id", "req-1").header("X-API-Key", Credentials.adminKey())
                .body("{\"name\":\"Kita\"}")
                .when().post("/api/v1/partners?dryRun=true")
                .then().statusCode(201)
                .header("X-Request-Id", "req-1")
                .body("method", is("POST"))
                .body("uri", is("/api/v1/partners?dryRun=true"))
                .body("requestId", is("req-1"))
                .body("body", is("{'name':'Kita'}"));
        given().when().get("/api/v1/partners/missing")
                .then().statusCode(404)
                .body("uri", is("/api/v1/partners/missing"));
    }

    @Test
    void sendsTheWholeDirectoryToThePartnerService() {
        for (String path : new String[] {"/api/v1/neighbourhoods?within=lindenhof", "/api/v1/taxonomies/target_groups/terms",
                "/api/v1/offers/1", "/api/v1/resources", "/hsds/organizations?page=2"}) {
            given().when().get(path).then().statusCode(201).body("uri", is(path));
        }
    }

    @Test
    void givesEveryForwardedRequestAnId() {
        given().when().get("/api/v1/partners/123")
                .then().statusCode(201)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    /**
     * The service's span hangs under the gateway's server span, which continues the caller's trace:
     * the same trace id, the gateway's own span id (not the caller's) as the parent.
     */
    @Test
    void passesTheTraceOnUnderTheGatewaysOwnSpan() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        given().header("traceparent", "00-" + traceId + "-" + callerSpan + "-01").when().get("/api/v1/partners/traced")
                .then().statusCode(201)
                .body("traceparent", startsWith("00-" + traceId + "-"))
                .body("traceparent", not(containsString(callerSpan)))
                .body("traceparent", matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
    }

    @Test
    void namesTheServiceThatIsDown() {
        given().when().get("/api/v1/network/actors/123")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", is("/problems/upstream-503"))
                .body("status", is(503))
                .body("service", is("network-service"))
                .body("detail", containsString("network-service"))
                .body("instance", is("/api/v1/network/actors/123"));
    }

    @Test
    void analyticsBelongToTheNetworkService() {
        given().when().get("/api/v1/analytics/key-actors")
                .then().statusCode(503)
                .body("service", is("network-service"));
    }

    @Test
    void answers504WhenAServiceIsTooSlow() {
        given().when().get("/api/v1/events")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("service", is("event-service"));
    }

    @Test
    void unknownApiPathsAreProblems() {
        given().when().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("/problems/not-found"));
        given().when().get("/api/v1/partnersX")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void everyAnswerCarriesSecurityHeadersAndOnlyConfiguredOriginsMayCall() {
        given().when().get("/api/v1/partners/123").then().statusCode(201)
                .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY");
        given().when().get("/api/v1/nothing-here").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "if-match,content-type")
                .when().options("/api/v1/partners/123")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:5173");
        given().header("Origin", "https://evil.example").when().get("/api/v1/partners/123")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theApiDocumentNamesTheServicesItCouldNotReach() {
        // none of the stand-ins serves an OpenAPI document: the merged one says so instead of failing
        given().when().get("/openapi").then().statusCode(200)
                .body("info.title", is("Kiezwerk API"))
                .body("'x-kiezwerk-unavailable'", containsInAnyOrder("partner-service", "event-service", "network-service"));
    }

    @Test
    void isHealthyAndReportsEveryServiceBehindIt() {
        // the stand-ins are no healthy services: one echoes, one is too slow, one is not there
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.find { it.name == 'services behind the gateway' }.data.'partner-service'", startsWith("DOWN"))
                .body("checks.find { it.name == 'services behind the gateway' }.data.'event-service'", startsWith("DOWN"))
                .body("checks.find { it.name == 'services behind the gateway' }.data.'network-service'", startsWith("DOWN"));
    }

    @Test
    void servesTheWebFrontEndUnderItsOwnStrictPolicy() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Thread.currentThread().getContextClassLoader().getResource("META-INF/resources/index.html") != null,
                "built with -DskipWebui");
        given().when().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", startsWith("default-src 'self'"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("<div id=\"app\""));
        // the API keeps its stricter policy
        given().when().get("/api/v1/partners/1").then().header("Content-Security-Policy", startsWith("default-src 'none'"));
    }
}
