package org.kiezwerk.event.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kiezwerk.commons.api.Admission;
import org.kiezwerk.event.service.EventSearch;
import org.kiezwerk.infra.LocalInfraTestResource;

/**
 * Large iCalendar feeds (the whole city's) take one of {@code concurrent-large-feeds} places while they stream: while
 * every place is taken the next is 503 with Retry-After, and each feed gives its place back when it ends. Here every
 * feed counts as large and there is one place (a profile of its own).
 */
@QuarkusTest
@TestProfile(LargeFeedsIT.EveryFeedLarge.class)
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class LargeFeedsIT {

    public static class EveryFeedLarge implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kiezwerk.events.large-feed-series", "-1", "kiezwerk.events.concurrent-large-feeds", "1");
        }
    }

    @Inject
    EventSearch search;

    @Test
    void aLargeFeedWaitsForAPlaceAndGivesItBack() {
        try (Admission.Place taken = search.admitLargeFeed()) {
            given().when().get("/api/v1/events/calendar.ics").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "5").body("type", is("/problems/feeds-busy"));
        }
        for (int i = 0; i < 5; i++) {
            given().when().get("/api/v1/events/calendar.ics").then().statusCode(200)
                    .contentType(containsString("text/calendar")).body(containsString("END:VCALENDAR"));
        }
    }
}
