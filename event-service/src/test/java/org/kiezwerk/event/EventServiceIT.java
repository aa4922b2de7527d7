package org.kiezwerk.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.kiezwerk.event.config.EventsConfig;
import org.kiezwerk.infra.LocalInfraTestResource;

import static org.junit.jupiter.api.Assertions.*;

/** The skeleton against the real PostgreSQL: migrated, healthy, documented. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class EventServiceIT {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventsConfig config;

    @Test
    void isReadyWithItsDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem(containsString("Database connections")));
    }

    @Test
    void flywayCreatedTheOutboxInTheEventDatabase() throws Exception {
        try (var connection = dataSource.getConnection();
                ResultSet rs = connection.createStatement().executeQuery(
                        "select current_database(), to_regclass('outbox_message') is not null")) {
            assertTrue(rs.next());
            assertEquals("event", rs.getString(1));
            assertTrue(rs.getBoolean(2));
        }
    }

    @Test
    void unknownApiPathsAreProblems() {
        given().when().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("/problems/not-found"))
                .body("instance", is("/api/v1/nothing-here"));
    }

    @Test
    void publishesItsOpenApiDocument() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", is("Kiezwerk event-service"));
        assertEquals(ZoneId.of("Europe/Berlin"), config.defaultTimeZone());
    }
}
