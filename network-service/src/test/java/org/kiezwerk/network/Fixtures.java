package org.kiezwerk.network;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;

/** What several ITs set up through the API the same way. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A partnership tie asserted by {@code from}, confirmed by {@code to} if asked; its id. */
    public static String tie(String from, String to, int strength, boolean confirm) {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("from", from, "to", to, "kind", "partnership", "strength", strength, "assertedBy", from))
                .when().post("/api/v1/network/ties").then().statusCode(201).extract().path("id");
        if (confirm) {
            given().contentType(ContentType.JSON).body(Map.of("by", to)).when().post("/api/v1/network/ties/" + id + "/confirm")
                    .then().statusCode(200);
        }
        return id;
    }
}
