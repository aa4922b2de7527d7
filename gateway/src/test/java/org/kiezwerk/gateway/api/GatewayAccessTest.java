package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;

/** Fast: who may call what through the gateway, with the services as stand-ins. */
@QuarkusTest
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
class GatewayAccessTest {

    @Test
    void anonymousCallersReadButDoNotWrite() {
        given().when().get("/api/v1/partners/1").then().statusCode(201)
                .body("authorization", is("null"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/partners")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", is("/problems/unauthenticated"))
                .body("detail", containsString("partners:write"));
        given().when().get("/api/v1/partners/imports/1").then().statusCode(401);
        given().when().get("/api/v1/admin/api-keys").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theCallersCredentialsAreReplacedByASignedIdentity() throws Exception {
        String forwarded = given().header("X-API-Key", Credentials.adminKey()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/partners")
                .then().statusCode(201).body("apiKey", is("null"))
                .extract().path("authorization");
        assertTrue(forwarded.startsWith("Bearer "), forwarded);
        JsonWebToken identity = verify(forwarded.substring(7), "identity-public.pem", "kiezwerk-gateway");
        assertTrue(identity.getSubject().startsWith("key:"));
        assertTrue(identity.getGroups().contains("admin"));
        assertEquals("bootstrap admin", identity.getName());
        // signed by the gateway, not by the people's identity provider
        assertThrows(ParseException.class, () -> verify(forwarded.substring(7), "people-public.pem", "kiezwerk-gateway"));
    }

    @Test
    void eachScopeOpensOnlyItsOwnWrites() {
        String reader = (String) Credentials.newKey("reader", "read").get("key");
        String events = (String) Credentials.newKey("event calendar sync", "events:write").get("key");
        given().header("X-API-Key", reader).contentType(ContentType.JSON).body("{}").when().post("/api/v1/partners")
                .then().statusCode(403).contentType("application/problem+json").body("type", is("/problems/forbidden"));
        given().header("X-API-Key", reader).when().get("/api/v1/partners/7").then().statusCode(201);
        given().header("X-API-Key", events).contentType(ContentType.JSON).body("{}").when().put("/api/v1/partners/1")
                .then().statusCode(403);
        given().header("X-API-Key", events).when().delete("/api/v1/admin/api-keys/" + UUID.randomUUID()).then().statusCode(403);
        // event-service is the slow stand-in: getting past the gateway's check means a 504 here
        given().header("X-API-Key", events).contentType(ContentType.JSON).body("{}").when().post("/api/v1/events")
                .then().statusCode(504);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnceAndStaysListed() {
        Map<String, Object> key = Credentials.newKey("to be revoked", "partners:write");
        String secret = (String) key.get("key");
        assertTrue(secret.startsWith("kw_") && secret.length() > 40);
        given().header("X-API-Key", secret).contentType(ContentType.JSON).body("{}").when().post("/api/v1/partners")
                .then().statusCode(201);
        given().header("X-API-Key", Credentials.adminKey()).when().delete("/api/v1/admin/api-keys/" + key.get("id"))
                .then().statusCode(204);
        given().header("X-API-Key", secret).contentType(ContentType.JSON).body("{}").when().post("/api/v1/partners")
                .then().statusCode(401).body("detail", containsString("revoked"));
        given().header("X-API-Key", Credentials.adminKey()).when().get("/api/v1/admin/api-keys")
                .then().statusCode(200)
                .body("items.find { it.id == '" + key.get("id") + "' }.active", is(false))
                .body("items.find { it.id == '" + key.get("id") + "' }.revokedAt", notNullValue())
                .body("items.key", everyItem(nullValue()))
                .body("items.prefix", hasItem(secret.substring(0, 8)));
    }

    @Inject
    AgroalDataSource database;

    @Test
    void keysAreStoredOnlyAsHashesInTheDatabase() throws Exception {
        String secret = (String) Credentials.newKey("hash check", "read").get("key");
        StringBuilder stored = new StringBuilder();
        try (var connection = database.getConnection(); var rows = connection.createStatement().executeQuery("select * from api_key")) {
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    stored.append(rows.getString(column)).append('|');
                }
            }
        }
        assertTrue(stored.toString().contains(secret.substring(0, 8)), "the prefix to recognise a key by");
        assertFalse(stored.toString().contains(secret));
        assertFalse(stored.toString().contains(Credentials.adminKey()));
        // the JSON file of earlier versions is no longer written
        assertFalse(Files.exists(Path.of("target/test-secrets/api-keys.json")));
    }

    @Test
    void peoplesTokensCarryRolesAndAnEditorsOrganisations() throws Exception {
        UUID own = UUID.randomUUID();
        String token = given().header("X-API-Key", Credentials.adminKey()).contentType(ContentType.JSON)
                .body(Map.of("subject", "ayse", "name", "Ayşe", "roles", List.of("editor"), "organisations", List.of(own)))
                .when().post("/api/v1/admin/person-tokens").then().statusCode(201).extract().path("token");
        String forwarded = given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .when().put("/api/v1/partners/" + own)
                .then().statusCode(201).extract().path("authorization");
        JsonWebToken identity = verify(forwarded.substring(7), "identity-public.pem", "kiezwerk-gateway");
        assertEquals("person:ayse", identity.getSubject());
        assertTrue(identity.getGroups().containsAll(List.of("partners:write", "events:write", "network:write", "read")));
        assertFalse(identity.getGroups().contains("analytics"));
        assertTrue(identity.getClaim("organisations").toString().contains(own.toString()));
        // an editor is no analyst and no admin
        given().auth().oauth2(token).when().get("/api/v1/admin/api-keys").then().statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").when().post("/api/v1/analytics/cypher")
                .then().statusCode(403);
    }

    @Test
    void forgedExpiredOrMalformedCredentialsAreRefused() throws Exception {
        // signed with a key the identity provider does not have
        String forged = Jwt.issuer("kiezwerk-local").subject("mallory").groups(java.util.Set.of("admin"))
                .sign(KeyUtils.decodePrivateKey(Files.readString(Path.of("src/test/resources/security/identity-private.pem"))));
        given().auth().oauth2(forged).when().get("/api/v1/partners/1").then().statusCode(401)
                .body("detail", containsString("invalid"));
        String expired = Jwt.issuer("kiezwerk-local").subject("late").groups(java.util.Set.of("admin"))
                .expiresAt(java.time.Instant.now().minusSeconds(600))
                .sign(KeyUtils.decodePrivateKey(Files.readString(Path.of("src/test/resources/security/people-private.pem"))));
        given().auth().oauth2(expired).when().get("/api/v1/partners/1").then().statusCode(401);
        given().header("Authorization", "Basic YTpi").when().get("/api/v1/partners/1").then().statusCode(401);
        given().header("X-API-Key", "kw_nonsense").when().get("/api/v1/partners/1").then().statusCode(401);
        given().header("X-API-Key", Credentials.adminKey()).auth().oauth2(forged).when().get("/api/v1/partners/1")
                .then().statusCode(401);
    }

    @Test
    void badAdministrationRequestsAreProblems() {
        given().header("X-API-Key", Credentials.adminKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "scopes", List.of("superuser")))
                .when().post("/api/v1/admin/api-keys").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("scopes[0]"));
        given().header("X-API-Key", Credentials.adminKey()).contentType(ContentType.JSON).body("{\"name\":")
                .when().post("/api/v1/admin/api-keys").then().statusCode(400).contentType("application/problem+json");
        given().header("X-API-Key", Credentials.adminKey()).contentType(ContentType.JSON)
                .body(Map.of("subject", "x", "roles", List.of("editor")))
                .when().post("/api/v1/admin/person-tokens").then().statusCode(400).body("errors[0].field", is("organisations"));
        given().header("X-API-Key", Credentials.adminKey()).when().delete("/api/v1/admin/api-keys/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static JsonWebToken verify(String token, String publicKey, String issuer) throws Exception {
        RSAPublicKey key = (RSAPublicKey) KeyUtils.decodePublicKey(Files.readString(Path.of("src/test/resources/security/" + publicKey)));
        JWTAuthContextInfo info = new JWTAuthContextInfo(key, issuer);
        return new DefaultJWTParser(info).parse(token);
    }
}
