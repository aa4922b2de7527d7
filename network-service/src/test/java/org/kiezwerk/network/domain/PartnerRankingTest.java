package org.kiezwerk.network.domain;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kiezwerk.network.domain.PartnerRanking.Acquaintance;
import org.kiezwerk.network.domain.PartnerRanking.Candidate;
import org.kiezwerk.network.domain.PartnerRanking.Contact;
import org.kiezwerk.network.domain.PartnerRanking.Named;
import org.kiezwerk.network.domain.PartnerRanking.Reason;
import org.kiezwerk.network.domain.PartnerRanking.Suggestion;

/** Fast: the ranking of partner candidates on small in-memory data — weights, reasons, tie-breaking, radius. */
class PartnerRankingTest {

    private static final double RADIUS = 15_000;

    private static Candidate candidate(String id, Double distance, List<String> theyNeed, List<String> gaps, List<Contact> contacts) {
        return new Candidate(id, "Org " + id, "association", distance, false, List.of(), theyNeed, gaps, contacts, List.of());
    }

    private static Contact person(String id, int degree) {
        return new Contact(id, "Person " + id, "person", degree);
    }

    @Test
    void theScoreIsTheSumOfTheReasonsContributionsEachItsWeightTimesItsValue() {
        Candidate planted = new Candidate("p", "Nachbarschaftsverein", "association", 3_000.0, false, List.of("volunteers"),
                List.of("room"), List.of("adults"), List.of(person("k", 2), new Contact("o", "St. Markus", "organisation", 4)),
                List.of(new Acquaintance(new Named("a", "Frau A."), new Named("b", "Herr B."), 3)));
        Suggestion s = PartnerRanking.rank(List.of(planted), RADIUS, 20).get(0);

        double adamicAdar = 1 / Math.log(3) + 1 / Math.log(5);
        assertEquals(PartnerRanking.round(adamicAdar), s.adamicAdar(), 1e-9);
        assertEquals(2, s.sharedContacts());
        assertEquals(List.of(new Named("k", "Person k")), s.sharedPersons());
        assertEquals(List.of(new Named("o", "St. Markus")), s.sharedOrganisations());
        assertEquals(3000L, s.distanceMetres());
        assertEquals(reason(s, "shared_contacts").weight(), PartnerRanking.SHARED_CONTACTS);
        assertEquals(PartnerRanking.round(adamicAdar), reason(s, "shared_contacts").value(), 1e-9);
        assertEquals(0.6, reason(s, "acquainted_contacts").value(), 1e-9);
        assertEquals(2.0, reason(s, "serves_our_gaps").contribution(), 1e-9);
        assertEquals(1.5, reason(s, "needs_what_we_offer").contribution(), 1e-9);
        assertEquals(1.5, reason(s, "offers_what_we_need").contribution(), 1e-9);
        assertEquals(0.8, reason(s, "proximity").value(), 1e-9);
        for (Reason r : s.reasons()) {
            assertEquals(PartnerRanking.round(r.weight() * r.value()), r.contribution(), 1e-9, r.code());
            assertFalse(r.detail().isBlank());
        }
        assertEquals(s.reasons().stream().mapToDouble(Reason::contribution).sum(), s.score(), 1e-9);
        // the reasons come largest contribution first
        for (int i = 1; i < s.reasons().size(); i++) {
            assertTrue(s.reasons().get(i - 1).contribution() >= s.reasons().get(i).contribution());
        }
        assertTrue(reason(s, "shared_contacts").detail().contains("Person k (person)"));
    }

    @Test
    void aSharedContactAndComplementsOutrankNearnessAloneAndAHubCountsLess() {
        Candidate planted = candidate("planted", 4_000.0, List.of("room"), List.of("adults"), List.of(person("k", 2)));
        Candidate nextDoor = candidate("next-door", 50.0, List.of(), List.of("young_old"), List.of());
        Candidate viaHub = candidate("via-hub", 4_000.0, List.of("room"), List.of("adults"),
                List.of(new Contact("hub", "Rathaus", "organisation", 40)));
        List<String> order = PartnerRanking.rank(List.of(nextDoor, viaHub, planted), RADIUS, 20).stream().map(Suggestion::id).toList();
        assertEquals(List.of("planted", "via-hub", "next-door"), order);
    }

    @Test
    void proximityAloneSuggestsNothingAndBeyondTheRadiusNothingCounts() {
        Candidate onlyNear = candidate("near", 10.0, List.of(), List.of(), List.of());
        Candidate far = candidate("far", 341_000.0, List.of("room"), List.of("adults"), List.of(person("k", 2)));
        assertTrue(PartnerRanking.rank(List.of(onlyNear, far), RADIUS, 20).isEmpty());
        Suggestion wide = PartnerRanking.rank(List.of(far), 400_000, 20).get(0);
        assertEquals(341_000L, wide.distanceMetres());
        assertEquals(PartnerRanking.round(1 - 341.0 / 400), reason(wide, "proximity").value(), 1e-9);
    }

    @Test
    void anUnknownLocationHasNoDistanceAndHalfTheProximityOnlyInOurNeighbourhood() {
        Candidate inOurs = new Candidate("ours", "A", "club", null, true, List.of(), List.of("room"), List.of(), List.of(), List.of());
        Candidate elsewhere = new Candidate("else", "B", "club", null, false, List.of(), List.of("room"), List.of(), List.of(), List.of());
        List<Suggestion> ranked = PartnerRanking.rank(List.of(elsewhere, inOurs), RADIUS, 20);
        assertEquals(List.of("ours", "else"), ranked.stream().map(Suggestion::id).toList());
        assertNull(ranked.get(0).distanceMetres());
        assertEquals(PartnerRanking.UNKNOWN_DISTANCE_SAME_NEIGHBOURHOOD, reason(ranked.get(0), "proximity").value(), 1e-9);
        assertTrue(ranked.get(1).reasons().stream().noneMatch(r -> r.code().equals("proximity")));
    }

    @Test
    void tiesGoToMoreSharedContactsThenTheNearerThenTheId() {
        Candidate a = candidate("a", 5_000.0, List.of("room"), List.of(), List.of());
        Candidate b = candidate("b", 5_000.0, List.of("room"), List.of(), List.of());
        Candidate c = candidate("c", null, List.of("room"), List.of(), List.of());
        Candidate d = new Candidate("d", "Org d", "association", null, false, List.of(), List.of("room"), List.of(), List.of(), List.of());
        List<Suggestion> ranked = PartnerRanking.rank(List.of(d, c, b, a), RADIUS, 20);
        assertEquals(List.of("a", "b", "c", "d"), ranked.stream().map(Suggestion::id).toList());
        // same score, a shared contact wins over nearness
        Suggestion withContact = PartnerRanking.suggest(candidate("x", 14_000.0, List.of(), List.of(), List.of(person("k", 2))), RADIUS);
        Suggestion without = new Suggestion("w", "w", "club", withContact.score(), 100L, false, 0, 0, List.of(), List.of(), List.of(),
                List.of(), List.of("room"), List.of(), List.of());
        assertEquals(List.of("x", "w"), java.util.stream.Stream.of(without, withContact).sorted(PartnerRanking.ORDER)
                .map(Suggestion::id).toList());
        assertEquals(2, PartnerRanking.rank(List.of(d, c, b, a), RADIUS, 2).size());
    }

    private static Reason reason(Suggestion s, String code) {
        return s.reasons().stream().filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " missing in " + s.reasons()));
    }

    @Test
    void onSeededCandidatesThePlantedPartnerComesFirstAndTheRestByScore() {
        for (long seed = 1; seed <= 20; seed++) {
            java.util.Random random = new java.util.Random(seed);
            List<Candidate> candidates = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                // at most one reason each, and a weak one: a hub as the only shared contact, one gap, one need
                List<Contact> contacts = random.nextBoolean() ? List.of(person("h" + i, 5 + random.nextInt(15))) : List.of();
                List<String> gaps = random.nextInt(3) == 0 ? List.of("seniors") : List.of();
                List<String> needs = random.nextInt(3) == 0 ? List.of("room") : List.of();
                double distance = random.nextInt(3) == 0 ? RADIUS + 1 + random.nextInt(5_000) : random.nextInt((int) RADIUS);
                candidates.add(candidate("c" + i, distance, needs, gaps, contacts));
            }
            Candidate planted = new Candidate("planted", "Nachbarschaftsverein", "association", 500.0, true, List.of("volunteers"),
                    List.of("room"), List.of("adults", "families"), List.of(person("k1", 2), person("k2", 2), person("k3", 3)),
                    List.of(new Acquaintance(new Named("a", "Frau A."), new Named("b", "Herr B."), 4)));
            candidates.add(random.nextInt(candidates.size()), planted);

            List<Suggestion> ranked = PartnerRanking.rank(candidates, RADIUS, 10);

            assertEquals("planted", ranked.get(0).id(), "seed " + seed);
            assertTrue(ranked.size() <= 10);
            for (int i = 1; i < ranked.size(); i++) {
                assertTrue(ranked.get(i - 1).score() >= ranked.get(i).score(), "seed " + seed);
            }
            for (Suggestion s : ranked) {
                assertTrue(s.distanceMetres() == null || s.distanceMetres() <= RADIUS, "seed " + seed + ": " + s.id());
            }
        }
    }
}
