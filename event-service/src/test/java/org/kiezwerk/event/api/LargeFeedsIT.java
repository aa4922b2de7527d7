package org.kiezwerk.event.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kiezwerk.commons.api.Admission;
import org.kiezwerk.event.service.EventSearch;
import org.kiezwerk.infra.LocalInfraTestResource;

/**
 * Large iCalendar feeds (the whole city's) take one of {@code concurrent-large-feeds} places while they stream: while
 * every place is taken the next is 503 with Retry-After, and each feed gives its place back when it ends. The tests
 * count every feed as large ({@code %test.kiezwerk.events.large-feed-series=-1}); there are two places. (Not a test
 * profile of its own: a second Quarkus application in the same JVM cannot load iCal4j's time zones again.)
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class LargeFeedsIT {

    @Inject
    EventSearch search;

    @Test
    void aLargeFeedWaitsForAPlaceAndGivesItBack() {
        try (Admission.Place one = search.admitLargeFeed(); Admission.Place two = search.admitLargeFeed()) {
            given().when().get("/api/v1/events/calendar.ics").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "5").body("type", is("/problems/feeds-busy"));
        }
        for (int i = 0; i < 5; i++) {
            given().when().get("/api/v1/events/calendar.ics").then().statusCode(200)
                    .contentType(containsString("text/calendar")).body(containsString("END:VCALENDAR"));
        }
    }

    @Test
    void theApiDocumentSaysAFeedCanBeBusy() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/events/calendar.ics'.get.responses.'503'.content.'application/problem+json'",
                        org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/events/calendar.ics'.get.responses.'200'.content.'text/calendar'", org.hamcrest.Matchers.notNullValue());
    }
}
