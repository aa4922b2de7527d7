package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.partner.service.MailCheck;

/**
 * The optional mail check (issue 17, freshness) against a real SMTP server the test starts: a
 * permanent refusal is recorded as a bounce with the server's answer, acceptance clears it, a
 * temporary refusal changes nothing, a changed e-mail drops the bounce, contacts are not asked again
 * before recheck-after, and no session ever reaches DATA.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
@WithTestResource(TestSmtpServer.class)
class MailCheckIT {

    @Inject
    MailCheck mailCheck;

    @Inject
    DataSource database;

    @Test
    void bouncesAreRecordedClearedAndKeptWithoutSendingMail() throws Exception {
        TestSmtpServer smtp = TestSmtpServer.running;
        Fixtures city = new Fixtures().build();
        String domain = "verein-" + city.suffix + ".example.org";
        String known = "info@" + domain;
        String gone = "alt@" + domain;
        String flaky = "wackel@" + domain;
        String quiet = "ruhig@" + domain;
        String rejected = "550 5.1.1 <" + gone + ">: Recipient address rejected: User unknown";
        smtp.answer(known, "250 2.1.5 OK");
        smtp.answer(gone, rejected);
        smtp.answer(flaky, "550 5.1.1 No such mailbox here");
        String accepted = partner(city, "Erreichbar " + city.suffix, known, null);
        String bounced = partner(city, "Verzogen " + city.suffix, gone, null);
        String later = partner(city, "Wackelig " + city.suffix, flaky, null);
        partner(city, "Ruht " + city.suffix, quiet, "inactive");

        rounds(List.of(known, gone, flaky));
        assertTrue(smtp.sessionsFor(quiet).isEmpty(), "an inactive partner is not probed");

        // the bounce is on the partner (with the server's answer), nothing on the accepted one
        JsonPath bounce = given().when().get("/api/v1/partners/" + bounced).then().statusCode(200).extract().jsonPath();
        assertEquals(rejected, bounce.getString("contactBounce.answer"));
        OffsetDateTime since = OffsetDateTime.parse(bounce.getString("contactBounce.since"));
        given().when().get("/api/v1/partners/" + accepted).then().statusCode(200).body("contactBounce", nullValue());

        // the stale report lists bouncing partners though they were just confirmed, and says why
        JsonPath report = given().queryParam("neighbourhood", city.city).queryParam("limit", 200).when()
                .get("/api/v1/partners/stale").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(bounced, later).stream().sorted().toList(),
                report.getList("items.id", String.class).stream().sorted().toList());
        Map<String, Object> entry = report.getMap("items.find { it.id == '" + bounced + "' }");
        assertEquals("partner", entry.get("type"));
        assertEquals(List.of("contact_bounced"), entry.get("reasons"));
        assertEquals(rejected, report.getString("items.find { it.id == '" + bounced + "' }.contact.emailBounceAnswer"));
        assertEquals(since.toInstant(), OffsetDateTime.parse(
                report.getString("items.find { it.id == '" + bounced + "' }.contact.emailBouncedAt")).toInstant());

        // not due again before recheck-after: a round asks nobody of these
        int sessionsBefore = smtp.sessions.size();
        mailCheck.runOnce();
        assertEquals(List.of(), smtp.sessions.subList(sessionsBefore, smtp.sessions.size()).stream()
                .filter(s -> s.stream().anyMatch(c -> c.toLowerCase().contains("@" + domain))).toList());

        // a month later: the lost mailbox is back (cleared); the other server says try later (kept, as it was)
        smtp.answer(gone, "250 2.1.5 OK");
        smtp.answer(flaky, "451 4.7.1 Greylisted, try again later");
        String bouncedAnswer = bounceRow(later)[1];
        OffsetDateTime bouncedSince = OffsetDateTime.parse(bounceRow(later)[0]);
        ageChecks(List.of(bounced, later));
        int goneSessions = smtp.sessionsFor(gone).size();
        int flakySessions = smtp.sessionsFor(flaky).size();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            mailCheck.runOnce();
            return smtp.sessionsFor(gone).size() > goneSessions && smtp.sessionsFor(flaky).size() > flakySessions;
        });
        given().when().get("/api/v1/partners/" + bounced).then().statusCode(200).body("contactBounce", nullValue());
        JsonPath kept = given().when().get("/api/v1/partners/" + later).then().statusCode(200).extract().jsonPath();
        assertEquals(bouncedAnswer, kept.getString("contactBounce.answer"), "a 4xx leaves the last final answer");
        assertEquals(bouncedSince.toInstant(), OffsetDateTime.parse(kept.getString("contactBounce.since")).toInstant());

        // a changed e-mail drops the bounce at once, and the new address is asked on the next round
        String fresh = "neu@" + domain;
        given().contentType("application/merge-patch+json").body(Map.of("email", fresh)).when()
                .patch("/api/v1/partners/" + later).then().statusCode(200).body("contactBounce", nullValue());
        assertFalse(given().queryParam("neighbourhood", city.city).queryParam("limit", 200).when().get("/api/v1/partners/stale")
                .then().statusCode(200).extract().jsonPath().getList("items.id").contains(later));
        rounds(List.of(fresh));
        given().when().get("/api/v1/partners/" + later).then().statusCode(200).body("contactBounce", nullValue());

        // every session was a probe: EHLO, MAIL FROM the configured sender, one RCPT, RSET, QUIT; never DATA
        for (String mailbox : List.of(known, gone, flaky, fresh)) {
            for (List<String> session : smtp.sessionsFor(mailbox)) {
                assertEquals(List.of("EHLO kiezwerk.test", "MAIL FROM:<pruefung@kiezwerk.test>", "RCPT TO:<" + mailbox + ">", "RSET",
                        "QUIT"), session);
            }
        }
        assertTrue(smtp.commands().stream().noneMatch(c -> c.toUpperCase().startsWith("DATA")), "no mail sent");
    }

    /** Rounds until the server has been asked for each of the mailboxes (other tests' partners share the database). */
    private void rounds(List<String> mailboxes) {
        TestSmtpServer smtp = TestSmtpServer.running;
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            mailCheck.runOnce();
            return mailboxes.stream().allMatch(m -> !smtp.sessionsFor(m).isEmpty());
        });
    }

    /** As if the last check were 31 days ago (recheck-after is P30D). */
    private void ageChecks(List<String> partners) throws Exception {
        for (String id : partners) {
            try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                    "update contact_mail_check set checked_at = checked_at - interval '31 days' where partner_id = ?")) {
                s.setObject(1, UUID.fromString(id));
                assertEquals(1, s.executeUpdate());
            }
        }
    }

    private String[] bounceRow(String id) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                "select bounced_at, answer from contact_mail_check where partner_id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), "a check was recorded");
                return new String[] {r.getObject(1, OffsetDateTime.class).toString(), r.getString(2)};
            }
        }
    }

    private static String partner(Fixtures city, String name, String email, String status) {
        Map<String, Object> body = new HashMap<>(city.partner(name, "association"));
        body.put("email", email);
        if (status != null) {
            body.put("status", status);
        }
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/partners?duplicateCheck=false")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
    }
}
