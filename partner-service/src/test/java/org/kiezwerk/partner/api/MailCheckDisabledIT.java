package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.partner.service.MailCheck;

/** The mail check is off unless an operator sets its host: a round then probes nothing and records nothing. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class MailCheckDisabledIT {

    @Inject
    MailCheck mailCheck;

    @Inject
    DataSource database;

    @Test
    void withoutAHostNothingIsProbed() throws Exception {
        assertTrue(ConfigProvider.getConfig().getOptionalValue("kiezwerk.freshness.mail-check.host", String.class).isEmpty());
        assertFalse(mailCheck.enabled());
        Fixtures city = new Fixtures().build();
        Map<String, Object> body = new HashMap<>(city.partner("Stiller Verein " + city.suffix, "association"));
        body.put("email", "info@still-" + city.suffix + ".example.org");
        String id = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/partners?duplicateCheck=false")
                .then().statusCode(201).extract().path("id");
        assertEquals(new MailCheck.Round(0, 0, 0, 0), mailCheck.runOnce());
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from contact_mail_check where partner_id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertEquals(0, r.getInt(1));
            }
        }
        given().when().get("/api/v1/partners/" + id).then().statusCode(200)
                .body("contactBounce", org.hamcrest.Matchers.nullValue());
    }
}
