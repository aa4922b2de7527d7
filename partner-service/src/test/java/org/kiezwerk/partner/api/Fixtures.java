package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test data through the API. Every test class builds its own small city under a fresh suffix, so
 * that tests see only their own partners even in a database that earlier runs have filled.
 */
final class Fixtures {

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String city = "testcity-" + suffix;
    final String district = "district-" + suffix;
    final String quarter = "quarter-" + suffix;
    final String otherQuarter = "other-quarter-" + suffix;
    /** A place of this run's own, so that a database filled by earlier runs holds no namesake nearby. */
    final double lat = 47.5 + Math.random() * 6;
    final double lon = 6 + Math.random() * 8;

    Fixtures build() {
        area(city, "city", null, 50.10, 8.20);
        area(district, "district", city, 50.10, 8.21);
        area(quarter, "quarter", district, 50.099, 8.210);
        area(otherQuarter, "quarter", city, 50.120, 8.250);
        return this;
    }

    static String area(String code, String level, String parent, double lat, double lon) {
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "name", "Area " + code, "level", level,
                "centre", Map.of("lat", lat, "lon", lon)));
        body.put("parent", parent);
        String id = UUID.nameUUIDFromBytes(code.getBytes(StandardCharsets.UTF_8)).toString();
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/neighbourhoods/" + id)
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
        return id;
    }

    /** A minimal valid partner body. */
    Map<String, Object> partner(String name, String kind) {
        return partner(name, kind, quarter);
    }

    static Map<String, Object> partner(String name, String kind, String area) {
        return new HashMap<>(Map.of("name", name, "kind", kind, "neighbourhoods", List.of(area)));
    }

    static Map<String, Object> at(Map<String, Object> partner, double lat, double lon) {
        partner.put("addresses", List.of(Map.of("street", "Teststraße 1", "postcode", "65101", "city", "Auenstadt",
                "lat", lat, "lon", lon)));
        return partner;
    }

    /** Creates without the duplicate check: tests that are not about duplicates reuse names. */
    static String create(Map<String, Object> partner) {
        return given().contentType(ContentType.JSON).body(partner).when().post("/api/v1/partners?duplicateCheck=false")
                .then().statusCode(201).extract().path("id");
    }

    static String offer(String partnerId, String name, String category, List<String> targetGroups, Integer ageMin, Integer ageMax) {
        Map<String, Object> body = new HashMap<>(Map.of("partnerId", partnerId, "name", name, "category", category,
                "targetGroups", targetGroups));
        body.put("ageMin", ageMin);
        body.put("ageMax", ageMax);
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/offers")
                .then().statusCode(201).extract().path("id");
    }

    static String resource(String partnerId, String direction, String kind, String name) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("partnerId", partnerId, "direction", direction, "kind", kind, "name", name))
                .when().post("/api/v1/resources")
                .then().statusCode(201).extract().path("id");
    }
}
