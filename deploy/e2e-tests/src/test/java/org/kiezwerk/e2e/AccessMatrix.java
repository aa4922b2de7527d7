package org.kiezwerk.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Who may do what through the gateway, against the running services: each route with each kind of
 * caller. "Refused" means 401 or 403 (from the gateway or, for editors, from the service); "let
 * through" means anything else (the service may still answer 404 or 422 for the data).
 */
final class AccessMatrix {

    record Route(String method, String path, Object body, Set<String> allowed) {
    }

    private final String gateway;
    private final Map<String, UnaryOperator<RequestSpecification>> callers = new LinkedHashMap<>();

    AccessMatrix(String gateway, String adminKey, String own) {
        this.gateway = gateway;
        callers.put("anonymous", spec -> spec);
        callers.put("admin key", spec -> spec.header("X-API-Key", adminKey));
        for (String scope : List.of("read", "partners:write", "events:write", "network:write", "analytics")) {
            String key = given().baseUri(gateway).header("X-API-Key", adminKey).contentType(ContentType.JSON)
                    .body(Map.of("name", "matrix " + scope, "scopes", List.of(scope)))
                    .when().post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("key");
            callers.put(scope + " key", spec -> spec.header("X-API-Key", key));
        }
        person("editor of own", adminKey, List.of("editor"), List.of(own));
        person("editor of another", adminKey, List.of("editor"), List.of(UUID.randomUUID().toString()));
        person("coordinator", adminKey, List.of("coordinator"), List.of());
        person("analyst", adminKey, List.of("analyst"), List.of());
        person("admin", adminKey, List.of("admin"), List.of());
    }

    private void person(String name, String adminKey, List<String> roles, List<String> organisations) {
        String token = given().baseUri(gateway).header("X-API-Key", adminKey).contentType(ContentType.JSON)
                .body(Map.of("subject", name.replace(' ', '-'), "roles", roles, "organisations", organisations))
                .when().post("/api/v1/admin/person-tokens").then().statusCode(201).extract().path("token");
        callers.put(name, spec -> spec.header("Authorization", "Bearer " + token));
    }

    Set<String> callers() {
        return callers.keySet();
    }

    /** Runs every route as every caller; returns the cells that came out otherwise than expected. */
    List<String> check(List<Route> routes) {
        List<String> wrong = new ArrayList<>();
        for (Route route : routes) {
            for (Map.Entry<String, UnaryOperator<RequestSpecification>> caller : callers.entrySet()) {
                // without the suite's default admin key: each caller brings only its own credentials
                RequestSpecification spec = caller.getValue().apply(given().noFilters().baseUri(gateway)
                        .header("X-Request-Id", "matrix-" + UUID.randomUUID()));
                if (route.body() != null) {
                    spec.contentType(route.method().equals("PATCH") ? "application/merge-patch+json" : "application/json").body(route.body());
                }
                int status = spec.when().request(route.method(), route.path()).then().extract().statusCode();
                boolean refused = status == 401 || status == 403;
                boolean expected = route.allowed().contains(caller.getKey());
                if (refused == expected || status >= 500 || (caller.getKey().equals("anonymous") && status == 403)) {
                    wrong.add(route.method() + " " + route.path() + " as " + caller.getKey() + ": " + status
                            + (expected ? " (should be let through)" : " (should be refused)"));
                }
            }
        }
        return wrong;
    }
}
