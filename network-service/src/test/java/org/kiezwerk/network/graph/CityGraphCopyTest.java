package org.kiezwerk.network.graph;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-memory copy reads ties by the same rules as the Cypher statements it stands in for (CityGraphIT compares the two). */
class CityGraphCopyTest {

    private static final LocalDate YESTERDAY = LocalDate.now().minusDays(1);

    private static CityGraph.Copy city() {
        CityGraph.Builder city = new CityGraph.Builder();
        for (String org : List.of("a", "b", "c", "d", "e")) {
            city.actor(org, false, "Org " + org, "association", null);
        }
        city.actor("p", true, "sealed:v1:x", null, "analysts");
        city.actor("q", true, "Frau Q.", null, "public");
        city.tie("a", "b", "cooperation", 0.6, null);
        city.tie("b", "a", "co_production", 1.5, null); // the same pair: combined 2.1, for paths capped at 1
        city.tie("b", "c", "cooperation", 0.4, null);
        city.tie("c", "d", "cooperation", 1.0, YESTERDAY); // ended: in no answer
        city.tie("d", "e", "cooperation", 0.2, null);
        city.tie("p", "a", "affiliation", 0.8, null);
        city.tie("q", "c", "affiliation", 1.0, null);
        city.tie("p", "q", "acquaintance", 0.6, null);
        return city.build(0, LocalDate.now(), new AnalysisGraph.Fingerprint(Map.of()));
    }

    @Test
    void theEgoNetworkFollowsCurrentCombinedTiesOfAtLeastTheMinimum() {
        AnalysisGraph.Network depth2 = city().egoNetwork("a", 2, 0);
        assertEquals(List.of("a", "b", "c"), depth2.nodes().stream().map(AnalysisGraph.Node::id).toList(), "not d: that tie ended");
        assertEquals(List.of(new AnalysisGraph.Tie("a", "b", 2.1, "combined"), new AnalysisGraph.Tie("b", "c", 0.4, "combined")),
                depth2.ties());
        assertEquals(List.of("a", "b"), city().egoNetwork("a", 3, 0.5).nodes().stream().map(AnalysisGraph.Node::id).toList());
        assertTrue(city().egoNetwork("p", 1, 0).nodes().isEmpty(), "a person has no ego network of organisations");
        assertTrue(city().egoNetwork("unknown", 1, 0).nodes().isEmpty());
        assertEquals(List.of("d", "e"), city().egoNetwork("e", 3, 0).nodes().stream().map(AnalysisGraph.Node::id).toList());
    }

    @Test
    void linksAreTheCurrentTiesOfWhomTheCallerMaySee() {
        List<PathGraph.Link> links = city().links(List.of("a"), List.of("p"), Set.of("public"));
        assertEquals(List.of("a-b cooperation 0.6", "a-b co_production 1.0"), links.stream()
                .map(l -> l.from() + "-" + l.to().id() + " " + l.kind() + " " + l.strength()).toList(),
                "the hidden person is neither read around nor reached");
        List<PathGraph.Link> all = city().links(List.of("c"), List.of("p"), Set.of("public", "analysts"));
        assertEquals(Set.of("c-b cooperation 0.4", "c-q affiliation 1.0", "p-a affiliation 0.8", "p-q acquaintance 0.6"), Set.copyOf(all.stream()
                .map(l -> l.from() + "-" + l.to().id() + " " + l.kind() + " " + l.strength()).toList()));
        assertEquals(List.of("a", "q"), city().actors(List.of("a", "p", "q", "x"), Set.of("public")).stream().map(PathGraph.Actor::id).toList());
    }

    @Test
    void theCityWideNetworkHasOneCombinedTiePerPairAndThePersonsByScope() {
        assertEquals(List.of(new AnalysisGraph.Tie("a", "b", 2.1, "combined"), new AnalysisGraph.Tie("b", "c", 0.4, "combined"),
                new AnalysisGraph.Tie("d", "e", 0.2, "combined")), city().organisations().ties());
        AnalysisGraph.Network persons = city().persons(Set.of("public", "analysts"), name -> name.replace("sealed:v1:x", "Herr P."));
        assertEquals(List.of(new AnalysisGraph.Node("p", "Herr P.", "person"), new AnalysisGraph.Node("q", "Frau Q.", "person")),
                persons.nodes());
        assertEquals(Set.of(new AnalysisGraph.Tie("p", "a", 0.8, "affiliation"), new AnalysisGraph.Tie("q", "c", 1.0, "affiliation"),
                new AnalysisGraph.Tie("p", "q", 0.6, "acquaintance")), Set.copyOf(persons.ties()));
        assertEquals(List.of(new AnalysisGraph.Tie("q", "c", 1.0, "affiliation")), city().persons(Set.of("public"), n -> n).ties());
    }

    @Test
    void aTieChangeIsBroughtInPlaceOnlyWhenTheFingerprintMovedByJustThat() {
        CityGraph.Builder built = new CityGraph.Builder();
        for (String org : List.of("a", "b", "c")) {
            built.actor(org, false, "Org " + org, "association", null);
        }
        built.tie("a", "b", "cooperation", 0.6, null, 2);
        built.tie("b", "c", "cooperation", 0.4, null, 1);
        CityGraph.Copy copy = built.build(0, LocalDate.now(), new AnalysisGraph.Fingerprint(
                Map.of("cooperations", 2L, "cooperationVersions", 3L, "persons", 0L)));
        // a-b confirmed (version 3, full strength), a-c asserted (version 0): as the refresh reads them around a and c
        List<Object[]> around = List.of(new Object[] {"a", "b", "cooperation", 1.0, null, 3L},
                new Object[] {"a", "c", "cooperation", 0.2, null, 0L}, new Object[] {"b", "c", "cooperation", 0.4, null, 1L});
        AnalysisGraph.Fingerprint moved = new AnalysisGraph.Fingerprint(Map.of("cooperations", 3L, "cooperationVersions", 4L, "persons", 0L));

        CityGraph.Copy refreshed = copy.with(Set.of("a", "c"), around, 2, moved).orElseThrow();

        assertEquals(List.of(new AnalysisGraph.Tie("a", "b", 1.0, "combined"), new AnalysisGraph.Tie("a", "c", 0.2, "combined"),
                new AnalysisGraph.Tie("b", "c", 0.4, "combined")), refreshed.organisations().ties());
        assertEquals(List.of(new AnalysisGraph.Tie("a", "b", 0.6, "combined"), new AnalysisGraph.Tie("b", "c", 0.4, "combined")),
                copy.organisations().ties(), "the old copy stays as it was");
        // something else changed as well (a person appeared): only a full read brings that in
        assertTrue(copy.with(Set.of("a", "c"), around, 2, new AnalysisGraph.Fingerprint(
                Map.of("cooperations", 3L, "cooperationVersions", 4L, "persons", 1L))).isEmpty());
        // another replica confirmed b-c meanwhile: the versions do not add up
        assertTrue(copy.with(Set.of("a", "c"), around, 2, new AnalysisGraph.Fingerprint(
                Map.of("cooperations", 3L, "cooperationVersions", 5L, "persons", 0L))).isEmpty());
        assertTrue(copy.with(Set.of("a", "x"), List.of(), 2, moved).isEmpty(), "an actor the copy does not hold: read whole");
    }
    @Test
    void aPartnerEditOrRegistrationIsBroughtInPlaceAndOnlyAnEditKeepsTheStructure() {
        CityGraph.Builder built = new CityGraph.Builder();
        for (String org : List.of("a", "b", "c")) {
            built.actor(org, false, "Org " + org, "association", null);
        }
        built.actor("p", true, "Frau P.", null, "public");
        built.tie("a", "b", "cooperation", 0.6, null, 2);
        built.tie("p", "c", "affiliation", 0.8, null);
        Map<String, Object> values = Map.of("organisations", 3L, "versions", 7L, "cooperations", 1L, "cooperationVersions", 2L);
        CityGraph.Copy copy = built.build(0, LocalDate.now(), new AnalysisGraph.Fingerprint(values));
        List<Object[]> aroundB = java.util.Collections.singletonList(new Object[] {"a", "b", "cooperation", 0.6, null, 2L});

        // b renamed (version 4 → 5): its node read again, its relationships the same
        CityGraph.Copy renamed = copy.with(new CityGraph.Touch(Set.of("b"), Set.of("b"), 0, 1),
                java.util.Collections.<Object[]>singletonList(new Object[] {"b", "Stadtteilladen", "initiative"}), aroundB, 1,
                new AnalysisGraph.Fingerprint(Map.of("organisations", 3L, "versions", 8L, "cooperations", 1L, "cooperationVersions", 2L)))
                .orElseThrow();
        assertEquals(List.of(new AnalysisGraph.Node("a", "Org a", "association"), new AnalysisGraph.Node("b", "Stadtteilladen", "initiative"),
                new AnalysisGraph.Node("c", "Org c", "association")), renamed.organisations().nodes());
        assertEquals(copy.organisations().ties(), renamed.organisations().ties());
        assertSame(copy.structure(), renamed.structure(), "only a name and a kind changed: the analyses' input is the same");
        assertEquals("Org b", copy.organisations().nodes().get(1).name(), "the old copy stays as it was");

        // d registered (version 0) with a co-production it had as a placeholder: added, and a new structure
        List<Object[]> aroundD = java.util.Collections.singletonList(new Object[] {"d", "a", "co_production", 1.5, null, 0L});
        CityGraph.Copy registered = renamed.with(new CityGraph.Touch(Set.of("d"), Set.of("d"), 1, 0),
                java.util.Collections.<Object[]>singletonList(new Object[] {"d", "Kita Sonnenschein", "day_care"}), aroundD, 2,
                new AnalysisGraph.Fingerprint(Map.of("organisations", 4L, "versions", 8L, "cooperations", 1L, "cooperationVersions", 2L)))
                .orElseThrow();
        assertEquals(List.of("a", "b", "c", "d"), registered.organisations().nodes().stream().map(AnalysisGraph.Node::id).toList());
        assertEquals(List.of(new AnalysisGraph.Tie("a", "b", 0.6, "combined"), new AnalysisGraph.Tie("a", "d", 1.5, "combined")),
                registered.organisations().ties());
        assertEquals(List.of("a", "b", "d"), registered.egoNetwork("d", 2, 0).nodes().stream().map(AnalysisGraph.Node::id).toList());
        assertEquals(List.of(new AnalysisGraph.Tie("p", "c", 0.8, "affiliation")), registered.persons(Set.of("public"), n -> n).ties(),
                "the person keeps its tie, though the organisation came after it");
        assertNotSame(renamed.structure(), registered.structure());

        // a tie's strength changed with an edit: a new structure too
        CityGraph.Copy stronger = copy.with(new CityGraph.Touch(Set.of("b"), Set.of("b"), 0, 1),
                java.util.Collections.<Object[]>singletonList(new Object[] {"b", "Org b", "association"}), java.util.Collections.<Object[]>singletonList(new Object[] {"a", "b", "cooperation", 1.0, null, 3L}), 1,
                new AnalysisGraph.Fingerprint(Map.of("organisations", 3L, "versions", 8L, "cooperations", 1L, "cooperationVersions", 3L)))
                .orElseThrow();
        assertNotSame(copy.structure(), stronger.structure());

        // the fingerprint moved by more than the edit (another replica registered someone): read whole
        assertTrue(copy.with(new CityGraph.Touch(Set.of("b"), Set.of("b"), 0, 1), java.util.Collections.<Object[]>singletonList(new Object[] {"b", "B", "initiative"}),
                aroundB, 1, new AnalysisGraph.Fingerprint(Map.of("organisations", 4L, "versions", 8L, "cooperations", 1L,
                        "cooperationVersions", 2L))).isEmpty());
        // an organisation the copy holds is no actor any more (removed meanwhile): read whole
        assertTrue(copy.with(new CityGraph.Touch(Set.of("b"), Set.of("b"), 0, 1), List.of(), aroundB, 1,
                new AnalysisGraph.Fingerprint(Map.of("organisations", 3L, "versions", 8L, "cooperations", 1L, "cooperationVersions", 2L)))
                .isEmpty());
    }
    @Test
    void aWriteDoesNotWaitForTheCopysFingerprintForLong() throws Exception {
        CityGraph city = new CityGraph();
        city.writes.writeLock().lock(); // the copy taking its fingerprint, and Neo4j not answering
        try {
            var writer = java.util.concurrent.CompletableFuture.runAsync(() -> {
                city.writeStarts();
                city.writeEnds(); // without the lock: must not throw IllegalMonitorStateException
            });
            writer.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            city.writes.writeLock().unlock();
        }
        city.writeStarts(); // free again: held, and given back
        assertEquals(1, city.writes.getReadLockCount());
        city.writeEnds();
        assertEquals(0, city.writes.getReadLockCount());
    }
}
