package org.kiezwerk.network.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;
import static org.kiezwerk.network.Fixtures.tie;
import static org.kiezwerk.network.Topics.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.network.Topics;
import org.kiezwerk.network.graph.AnalysisGraph;
import org.kiezwerk.network.graph.CityGraph;
import org.kiezwerk.network.graph.PathGraph;
import org.neo4j.driver.Driver;

/**
 * The in-memory copy of the city answers exactly as Neo4j does, is never used past a change made
 * through the service, and notices a change made behind the service's back.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class CityGraphIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    CityGraph city;

    @Inject
    AnalysisGraph graph;

    @Inject
    IntroductionPaths paths;

    @Inject
    Driver driver;

    @Inject
    PathGraph pathGraph;

    private static final Set<String> PUBLIC = Set.of("public");

    @Test
    void theServiceIsReadyOnceTheCopyIsRead() {
        // the first read started with the service; a small test graph takes well under the wait
        long deadline = System.currentTimeMillis() + 30_000;
        while (!city.readOnce() && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'city copy' }.status", org.hamcrest.Matchers.is("UP"))
                .body("checks.find { it.name == 'city copy' }.data.state", org.hamcrest.Matchers.is("read"));
    }

    @Test
    void answersAsNeo4jDoesAndNeverPastAChange() throws Exception {
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orgs.add(UUID.randomUUID().toString());
            Topics.publishPartner(bootstrapServers, orgs.get(i),
                    "{\"id\":\"" + orgs.get(i) + "\",\"name\":\"Initiative " + i + "\",\"kind\":\"association\",\"version\":0}");
        }
        for (String org : orgs) {
            await(() -> given().get("/api/v1/network/actors/" + org).statusCode() == 200);
        }
        String start = orgs.get(0);
        String end = orgs.get(1);
        tie(start, end, 1, false); // cost 10
        tie(start, orgs.get(2), 5, true); // cost 1 + 1
        tie(orgs.get(2), end, 5, true);
        tie(start, orgs.get(3), 3, true); // cost 1.667 + 1.667 + 1
        tie(orgs.get(3), orgs.get(4), 3, true);
        String lastStep = tie(orgs.get(4), end, 5, true);
        tie(orgs.get(4), orgs.get(5), 2, false);

        await(() -> city.current().isPresent());
        CityGraph.Copy copy = city.current().orElseThrow();
        // the copy's ego networks are Neo4j's, tie for tie
        for (int depth = 1; depth <= 3; depth++) {
            for (double min : new double[] {0, 0.5}) {
                assertEquals(graph.egoNetwork(start, depth, min), copy.egoNetwork(start, depth, min), "depth " + depth + ", min " + min);
            }
        }
        assertEquals(graph.egoNetwork(UUID.randomUUID().toString(), 2, 0), copy.egoNetwork(UUID.randomUUID().toString(), 2, 0));
        // the city-wide network the analyses work on, too (these organisations' part of it)
        Set<String> ours = Set.copyOf(orgs);
        assertEquals(graph.load(null).ties().stream().filter(t -> ours.contains(t.a())).toList(),
                copy.organisations().ties().stream().filter(t -> ours.contains(t.a())).toList());
        // introduction paths from the copy, with the names read for the answer
        List<IntroductionPaths.Path> found = paths.between(start, end, 3, Set.of("public"));
        assertEquals(List.of(List.of(start, orgs.get(2), end), List.of(start, orgs.get(3), orgs.get(4), end), List.of(start, end)),
                found.stream().map(p -> p.steps().stream().map(IntroductionPaths.Step::id).toList()).toList());
        assertEquals("Initiative 2", found.get(0).steps().get(1).name());
        assertEquals(List.of(2.0, 4.333, 10.0), found.stream().map(IntroductionPaths.Path::cost).toList());

        // a change through the service: the very next answer has it
        given().when().delete("/api/v1/network/ties/" + lastStep).then().statusCode(204);
        assertEquals(List.of(List.of(start, orgs.get(2), end), List.of(start, end)),
                given().queryParam("from", start).queryParam("to", end).queryParam("k", 3).when().get("/api/v1/network/paths")
                        .then().statusCode(200).extract().path("steps.id"));

        // a change behind the service's back (another replica, say): seen once the check has run
        await(() -> city.current().isPresent());
        try (var session = driver.session()) {
            session.run("MATCH (:Organisation {id: $a})-[c:COOPERATES]-(:Organisation {id: $b}) DELETE c",
                    Map.of("a", start, "b", end)).consume();
        }
        await(() -> given().queryParam("from", start).queryParam("to", end).queryParam("k", 3).when().get("/api/v1/network/paths")
                .then().statusCode(200).extract().path("steps.id").equals(List.of(List.of(start, orgs.get(2), end))));
        String ego = given().queryParam("depth", 1).when().get("/api/v1/network/actors/" + start + "/network")
                .then().statusCode(200).extract().asString();
        assertFalse(ego.contains(start + "~" + end) || ego.contains(end + "~" + start), ego);
    }

    /**
     * After a series of tie changes through the API (asserted, confirmed, ended, removed; seeded, several
     * seeds), the copy — brought up to date in place, not read whole — answers ego networks and
     * introduction paths exactly as Neo4j's statements do.
     */
    @Test
    void afterEachChangeTheCopyAnswersAsNeo4jDoes() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            List<String> orgs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                orgs.add(UUID.randomUUID().toString());
                Topics.publishPartner(bootstrapServers, orgs.get(i),
                        "{\"id\":\"" + orgs.get(i) + "\",\"name\":\"Seed " + seed + " initiative " + i + "\",\"kind\":\"association\",\"version\":0}");
            }
            for (String org : orgs) {
                await(() -> given().get("/api/v1/network/actors/" + org).statusCode() == 200);
            }
            List<String> ties = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                ties.add(randomTie(random, orgs));
            }
            await(() -> city.current().isPresent());
            CityGraph.Reads before = city.reads();
            for (int change = 0; change < 12; change++) {
                String what;
                switch (random.nextInt(4)) {
                    case 0 -> {
                        ties.add(randomTie(random, orgs));
                        what = "asserted";
                    }
                    case 1 -> {
                        String id = ties.get(random.nextInt(ties.size()));
                        String other = given().get("/api/v1/network/ties/" + id).then().extract().path("to");
                        given().contentType(ContentType.JSON).body(Map.of("by", other)).when()
                                .post("/api/v1/network/ties/" + id + "/confirm"); // 409 once confirmed: no change, also fine
                        what = "confirmed " + id;
                    }
                    case 2 -> {
                        String id = ties.get(random.nextInt(ties.size()));
                        given().contentType(ContentType.JSON).body(Map.of("until", LocalDate.now().minusDays(1).toString())).when()
                                .post("/api/v1/network/ties/" + id + "/end").then().statusCode(200);
                        what = "ended " + id;
                    }
                    default -> {
                        String id = ties.remove(random.nextInt(ties.size()));
                        given().when().delete("/api/v1/network/ties/" + id).then().statusCode(204);
                        what = "removed " + id;
                    }
                }
                await(() -> city.current().isPresent());
                CityGraph.Copy copy = city.current().orElseThrow();
                String context = "seed " + seed + ", change " + change + " (" + what + ")";
                for (String centre : orgs) {
                    for (int depth = 1; depth <= 3; depth++) {
                        assertEquals(graph.egoNetwork(centre, depth, 0), copy.egoNetwork(centre, depth, 0),
                                context + ", ego network of " + centre + " depth " + depth);
                    }
                }
                for (int pair = 0; pair < 5; pair++) {
                    String from = orgs.get(random.nextInt(orgs.size()));
                    String to = orgs.get(random.nextInt(orgs.size()));
                    int k = 1 + random.nextInt(4);
                    samePaths(IntroductionPaths.between(from, to, k, IntroductionPaths.reader(pathGraph, PUBLIC)), paths.between(from, to, k, PUBLIC), k,
                            context + ", paths " + from + " → " + to + " k " + k);
                }
            }
            CityGraph.Reads after = city.reads();
            assertTrue(after.inPlace() > before.inPlace(), "the changes were brought in in place: " + before + " → " + after);
        }
    }

    @Inject
    NetworkAnalyses analyses;

    /**
     * Partners registered, renamed and given another kind (partner messages, seeded, several seeds), between tie
     * changes: the copy takes each in place — never read whole — and holds exactly the organisations and ties
     * Neo4j's city-wide statement gives. An edit keeps the city-wide analysis (only the names change, no
     * computation); a registration or a tie computes it again.
     */
    @Test
    void partnerChangesAreBroughtInPlaceAndAnEditKeepsTheAnalysis() throws Exception {
        Set<String> everyone = Set.of("public");
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(100 + seed);
            List<String> orgs = new ArrayList<>();
            Map<String, Long> versions = new java.util.HashMap<>();
            for (int i = 0; i < 8; i++) {
                register(orgs, versions, "Seed " + seed + " partner " + i);
            }
            List<String> ties = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ties.add(randomTie(random, orgs));
            }
            await(() -> city.current().isPresent());
            CityGraph.Reads before = city.reads();
            for (int change = 0; change < 14; change++) {
                NetworkAnalyses.KeyActors analysed = analyses.keyActors(null, 10_000, everyone);
                NetworkAnalyses.Counts counted = analyses.counts();
                String what;
                boolean edit = false;
                switch (random.nextInt(5)) {
                    case 0 -> {
                        register(orgs, versions, "Seed " + seed + " newcomer " + change);
                        what = "registered " + orgs.get(orgs.size() - 1);
                    }
                    case 1, 2 -> {
                        String id = orgs.get(random.nextInt(orgs.size()));
                        String kind = random.nextBoolean() ? "association" : "parish";
                        publish(id, versions.merge(id, 1L, Long::sum), "Seed " + seed + " renamed " + change, kind);
                        what = "edited " + id;
                        edit = true;
                    }
                    case 3 -> {
                        String id = orgs.get(random.nextInt(orgs.size()));
                        long version = versions.get(id);
                        publish(id, version, "an older name", "association"); // redelivered: nothing changes
                        what = "redelivered " + id;
                        edit = true;
                    }
                    default -> {
                        ties.add(randomTie(random, orgs));
                        what = "tie asserted";
                    }
                }
                await(() -> city.current().isPresent());
                CityGraph.Copy copy = city.current().orElseThrow();
                String context = "seed " + seed + ", change " + change + " (" + what + ")";
                AnalysisGraph.Network neo4j = graph.load(null);
                AnalysisGraph.Network held = copy.organisations();
                assertEquals(neo4j.nodes(), held.nodes(), context + ": organisations, names and kinds");
                assertEquals(neo4j.ties().size(), held.ties().size(), context);
                for (int t = 0; t < neo4j.ties().size(); t++) {
                    AnalysisGraph.Tie expected = neo4j.ties().get(t);
                    AnalysisGraph.Tie actual = held.ties().get(t);
                    assertEquals(expected.a() + "~" + expected.b(), actual.a() + "~" + actual.b(), context);
                    assertEquals(expected.strength(), actual.strength(), 1e-9, context);
                }
                NetworkAnalyses.KeyActors after = analyses.keyActors(null, 10_000, everyone);
                NetworkAnalyses.Counts now = analyses.counts();
                if (edit) {
                    assertEquals(counted.computed(), now.computed(), context + ": an edit computes nothing again");
                    assertEquals(figures(analysed), figures(after), context + ": the same figures");
                } else {
                    assertTrue(now.computed() > counted.computed(), context + ": computed again");
                }
                for (NetworkAnalyses.KeyActor actor : after.actors()) {
                    int i = copy.number(actor.id());
                    if (copy.person(i)) {
                        continue; // other tests' persons (public ones count as actors): untouched here
                    }
                    assertEquals(copy.name(i, n -> n), actor.name(), context + ": today's name");
                    assertEquals(copy.kind(i), actor.kind(), context);
                }
            }
            CityGraph.Reads after = city.reads();
            assertEquals(before.whole(), after.whole(), "seed " + seed + ": no partner change read the city whole");
            assertTrue(after.inPlace() > before.inPlace());
        }
    }

    /** Every figure of every actor, without the names and kinds. */
    private static List<String> figures(NetworkAnalyses.KeyActors actors) {
        return actors.actors().stream().map(a -> a.id() + " " + a.degree() + " " + a.weightedDegree() + " " + a.pageRank() + " "
                + a.betweenness() + " " + a.articulationPoint() + " " + a.community() + " " + a.communitiesReached()).toList();
    }

    private void register(List<String> orgs, Map<String, Long> versions, String name) throws Exception {
        String id = UUID.randomUUID().toString();
        orgs.add(id);
        versions.put(id, 0L);
        publish(id, 0, name, "association");
    }

    private void publish(String id, long version, String name, String kind) throws Exception {
        Topics.publishPartner(bootstrapServers, id,
                "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"kind\":\"" + kind + "\",\"version\":" + version + "}");
        await(() -> {
            var answer = given().get("/api/v1/network/actors/" + id);
            return answer.statusCode() == 200 && ((Number) answer.path("version")).longValue() >= version;
        });
    }

    private static String randomTie(Random random, List<String> orgs) {
        int a = random.nextInt(orgs.size());
        int b = (a + 1 + random.nextInt(orgs.size() - 1)) % orgs.size();
        return tie(orgs.get(a), orgs.get(b), 1 + random.nextInt(5), random.nextBoolean());
    }

    /**
     * The same costs, and the same chain wherever the ranking fixes it (chains of equal cost may come in
     * either order, and the k-th may be any of those tied with it).
     */
    private static void samePaths(List<IntroductionPaths.Path> expected, List<IntroductionPaths.Path> actual, int k, String context) {
        List<Double> costs = expected.stream().map(IntroductionPaths.Path::cost).toList();
        assertEquals(costs, actual.stream().map(IntroductionPaths.Path::cost).toList(), context);
        for (int i = 0; i < costs.size(); i++) {
            double cost = costs.get(i);
            boolean fixed = costs.stream().filter(c -> c == cost).count() == 1 && (costs.size() < k || cost != costs.get(costs.size() - 1));
            if (fixed) {
                assertEquals(chain(expected.get(i)), chain(actual.get(i)), context + ", chain " + i);
            }
        }
    }

    private static List<String> chain(IntroductionPaths.Path path) {
        return path.steps().stream().map(s -> s.id() + "/" + s.via()).toList();
    }
}
