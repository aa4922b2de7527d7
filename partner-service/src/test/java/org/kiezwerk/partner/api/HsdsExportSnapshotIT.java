package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.kiezwerk.commons.api.Admission;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.service.HsdsDirectory;

/**
 * An HSDS answer with every match (format=ndjson) is read in batches by page; all batches come from one snapshot, so a
 * partner added meanwhile neither shifts a match into the next batch twice nor out of it. At read committed (before)
 * each batch saw its own moment: a partner whose name sorts first, added between two batches, repeated the last match
 * of the first batch at the head of the second.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class HsdsExportSnapshotIT {

    @Inject
    HsdsDirectory directory;

    @Test
    void batchesOfOneAnswerReadOneSnapshotWhilePartnersAreAdded() {
        Fixtures city = new Fixtures().build();
        for (int i = 0; i < 12; i++) {
            Fixtures.create(city.partner("Snapshot " + city.suffix + " " + i, "association"));
        }
        List<UUID> before = QuarkusTransaction.requiringNew().call(() -> ids(directory.organizations(null, 1, 10)));
        long totalBefore = QuarkusTransaction.requiringNew().call(() -> directory.organizations(null, 1, 1).total());
        AtomicReference<List<UUID>> first = new AtomicReference<>();
        AtomicReference<List<UUID>> second = new AtomicReference<>();
        AtomicReference<Long> totalInside = new AtomicReference<>();
        String[] added = new String[1];
        directory.inOneSnapshot(() -> {
            first.set(ids(directory.organizations(null, 1, 5)));
            // meanwhile, another request adds a partner whose name sorts before every other (its own transaction)
            // (a later run's name sorts before an earlier run's: the test database may hold those)
            added[0] = Fixtures.create(city.partner("0000 " + (Long.MAX_VALUE - System.currentTimeMillis()) + " Snapshot " + city.suffix,
                    "association"));
            HsdsDirectory.Found<Partner> page = directory.organizations(null, 2, 5);
            second.set(ids(page));
            totalInside.set(page.total());
        });
        List<UUID> both = new ArrayList<>(first.get());
        both.addAll(second.get());
        assertEquals(10, new HashSet<>(both).size(), "no match twice: " + both);
        assertEquals(before, both, "the answer of the moment it began");
        assertEquals(totalBefore, totalInside.get().longValue());
        assertFalse(both.contains(UUID.fromString(added[0])));
        // and the next answer has it, first
        List<UUID> after = QuarkusTransaction.requiringNew().call(() -> ids(directory.organizations(null, 1, 10)));
        assertEquals(UUID.fromString(added[0]), after.get(0));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> directory.organizations(null, 1, 1).total()) == totalBefore + 1);
    }

    /** At most two such answers at once (kiezwerk.hsds.concurrent-exports): a third is 503 until one ends; each gives its place back. */
    @Test
    void atMostTwoAnswersWithEveryMatchAtOnce() {
        try (Admission.Place one = directory.admitExport(); Admission.Place two = directory.admitExport()) {
            given().queryParam("format", "ndjson").when().get("/hsds/organizations").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5").body("type", is("/problems/exports-busy"));
            given().when().get("/hsds/organizations").then().statusCode(200); // a page needs no place
        }
        for (int i = 0; i < 5; i++) {
            given().queryParam("format", "ndjson").when().get("/hsds/organizations").then().statusCode(200)
                    .contentType(containsString("ndjson"));
        }
    }

    private static List<UUID> ids(HsdsDirectory.Found<Partner> found) {
        return found.items().stream().map(p -> p.id).toList();
    }

    @Test
    void theApiDocumentSaysWhichListsCanBeBusy() {
        for (String list : List.of("organizations", "services", "service_at_locations", "taxonomies", "taxonomy_terms")) {
            given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                    .body("paths.'/hsds/" + list + "'.get.responses.'503'.content.'application/problem+json'", org.hamcrest.Matchers.notNullValue())
                    .body("paths.'/hsds/" + list + "'.get.responses.'200'.description", containsString("ndjson"));
        }
    }
}
