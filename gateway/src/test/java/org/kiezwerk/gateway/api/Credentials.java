package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The bootstrap admin key the gateway wrote on start, and keys made with it. */
final class Credentials {

    private Credentials() {
    }

    static String adminKey() {
        try {
            return Files.readString(Path.of("target/test-secrets/admin-api-key")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> newKey(String name, String... scopes) {
        return given().header("X-API-Key", adminKey()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "scopes", java.util.List.of(scopes)))
                .when().post("/api/v1/admin/api-keys")
                .then().statusCode(201).extract().jsonPath().getMap("");
    }
}
