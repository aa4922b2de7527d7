package org.kiezwerk.network.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * "Who could bring such offers to our house?" — the ranking of partner candidates, pure Java (no
 * graph, no CDI), so that it can be checked on small data. The score of a candidate is a weighted
 * sum of its reasons, and every suggestion carries each reason with its weight, value and
 * contribution ({@code weight × value}); the score is the sum of the contributions.
 *
 * <table>
 * <caption>reasons, values and weights</caption>
 * <tr><th>reason</th><th>value</th><th>weight</th></tr>
 * <tr><td>shared_contacts</td><td>Adamic–Adar over the contacts both have: Σ 1 / ln(1 + degree), a person
 * affiliated with both or an organisation tied to both, degree = the organisations it is tied to</td><td>3</td></tr>
 * <tr><td>acquainted_contacts</td><td>Σ strength / 5 over pairs where a person of ours knows a person of
 * theirs</td><td>1</td></tr>
 * <tr><td>serves_our_gaps</td><td>target groups it serves that no one in our neighbourhoods serves</td><td>2</td></tr>
 * <tr><td>needs_what_we_offer</td><td>resource kinds it needs that we offer</td><td>1.5</td></tr>
 * <tr><td>offers_what_we_need</td><td>resource kinds it offers that we need</td><td>1.5</td></tr>
 * <tr><td>proximity</td><td>1 − distance / radius; location unknown: 0.5 in one of our neighbourhoods, else 0</td><td>1</td></tr>
 * </table>
 *
 * Proximity alone makes no suggestion: a candidate needs at least one of the other reasons, and one
 * with a known distance beyond the radius is left out. Ties are broken by more shared contacts, then
 * the shorter distance (unknown last), then the id.
 */
public final class PartnerRanking {

    public static final double SHARED_CONTACTS = 3.0;
    public static final double ACQUAINTED_CONTACTS = 1.0;
    public static final double SERVES_OUR_GAPS = 2.0;
    public static final double NEEDS_WHAT_WE_OFFER = 1.5;
    public static final double OFFERS_WHAT_WE_NEED = 1.5;
    public static final double PROXIMITY = 1.0;
    /** The proximity value of a candidate whose distance is unknown but that shares one of our neighbourhoods. */
    public static final double UNKNOWN_DISTANCE_SAME_NEIGHBOURHOOD = 0.5;

    private PartnerRanking() {
    }

    /** Someone both sides are tied to: a person (affiliated with both) or an organisation (tied to both). */
    public record Contact(String id, String name, String type, int degree) {
    }

    /** A person or organisation as a suggestion names it. */
    public record Named(String id, String name) {
    }

    /** A person of ours who knows a person of theirs; {@code strength} 1–5. */
    public record Acquaintance(Named ours, Named theirs, int strength) {
    }

    /** What the graph says about one organisation we have no tie with yet; {@code distanceMetres} null when a location is unknown. */
    public record Candidate(String id, String name, String kind, Double distanceMetres, boolean sameNeighbourhood,
            List<String> theyOffer, List<String> theyNeed, List<String> servesOurGaps, List<Contact> sharedContacts,
            List<Acquaintance> acquaintances) {

        public Candidate {
            theyOffer = List.copyOf(theyOffer);
            theyNeed = List.copyOf(theyNeed);
            servesOurGaps = List.copyOf(servesOurGaps);
            sharedContacts = List.copyOf(sharedContacts);
            acquaintances = List.copyOf(acquaintances);
        }
    }

    /** One reason: {@code contribution = weight × value} (rounded to 3 decimals), with a sentence saying it. */
    public record Reason(String code, double weight, double value, double contribution, String detail) {
    }

    public record Suggestion(String id, String name, String kind, double score, Long distanceMetres, boolean sameNeighbourhood,
            int sharedContacts, double adamicAdar, List<Named> sharedPersons, List<Named> sharedOrganisations,
            List<Acquaintance> acquaintances, List<String> theyOffer, List<String> theyNeed, List<String> servesOurGaps,
            List<Reason> reasons) {
    }

    /** The candidates with a reason, best first, at most {@code limit}. */
    public static List<Suggestion> rank(List<Candidate> candidates, double radiusMetres, int limit) {
        List<Suggestion> suggestions = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (candidate.distanceMetres() != null && candidate.distanceMetres() > radiusMetres) {
                continue;
            }
            Suggestion suggestion = suggest(candidate, radiusMetres);
            if (suggestion.reasons().stream().anyMatch(r -> !r.code().equals("proximity"))) {
                suggestions.add(suggestion);
            }
        }
        suggestions.sort(ORDER);
        return suggestions.stream().limit(limit).toList();
    }

    /** Score descending, then more shared contacts, then nearer (unknown distance last), then the id. */
    static final Comparator<Suggestion> ORDER = Comparator.comparingDouble(Suggestion::score).reversed()
            .thenComparing(Comparator.comparingInt(Suggestion::sharedContacts).reversed())
            .thenComparing(Suggestion::distanceMetres, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Suggestion::id);

    static Suggestion suggest(Candidate c, double radiusMetres) {
        List<Reason> reasons = new ArrayList<>();
        double adamicAdar = adamicAdar(c.sharedContacts());
        if (!c.sharedContacts().isEmpty()) {
            reasons.add(reason("shared_contacts", SHARED_CONTACTS, adamicAdar, c.sharedContacts().size() + " shared contact"
                    + (c.sharedContacts().size() == 1 ? "" : "s") + ": " + String.join(", ",
                            c.sharedContacts().stream().map(k -> k.name() + " (" + k.type() + ")").toList())));
        }
        if (!c.acquaintances().isEmpty()) {
            double value = c.acquaintances().stream().mapToDouble(a -> Math.max(1, Math.min(5, a.strength())) / 5.0).sum();
            reasons.add(reason("acquainted_contacts", ACQUAINTED_CONTACTS, value, "people of ours know people of theirs: "
                    + String.join(", ", c.acquaintances().stream().map(a -> a.ours().name() + " knows " + a.theirs().name()).toList())));
        }
        if (!c.servesOurGaps().isEmpty()) {
            reasons.add(reason("serves_our_gaps", SERVES_OUR_GAPS, c.servesOurGaps().size(),
                    "serves groups no one in our neighbourhood serves: " + String.join(", ", c.servesOurGaps())));
        }
        if (!c.theyNeed().isEmpty()) {
            reasons.add(reason("needs_what_we_offer", NEEDS_WHAT_WE_OFFER, c.theyNeed().size(),
                    "needs what we offer: " + String.join(", ", c.theyNeed())));
        }
        if (!c.theyOffer().isEmpty()) {
            reasons.add(reason("offers_what_we_need", OFFERS_WHAT_WE_NEED, c.theyOffer().size(),
                    "offers what we need: " + String.join(", ", c.theyOffer())));
        }
        double proximity = proximity(c.distanceMetres(), c.sameNeighbourhood(), radiusMetres);
        if (proximity > 0) {
            reasons.add(reason("proximity", PROXIMITY, proximity, c.distanceMetres() == null
                    ? "location unknown, in one of our neighbourhoods"
                    : kilometres(c.distanceMetres()) + " away (radius " + kilometres(radiusMetres) + ")"));
        }
        reasons.sort(Comparator.comparingDouble(Reason::contribution).reversed().thenComparing(Reason::code));
        double score = round(reasons.stream().mapToDouble(Reason::contribution).sum());
        List<Named> persons = c.sharedContacts().stream().filter(k -> k.type().equals("person")).map(k -> new Named(k.id(), k.name())).toList();
        List<Named> organisations = c.sharedContacts().stream().filter(k -> k.type().equals("organisation"))
                .map(k -> new Named(k.id(), k.name())).toList();
        return new Suggestion(c.id(), c.name(), c.kind(), score,
                c.distanceMetres() == null ? null : Math.round(c.distanceMetres()), c.sameNeighbourhood(),
                c.sharedContacts().size(), round(adamicAdar), persons, organisations, c.acquaintances(),
                c.theyOffer(), c.theyNeed(), c.servesOurGaps(), List.copyOf(reasons));
    }

    /** Σ 1 / ln(1 + degree): a contact tied to few counts more than a hub tied to everyone. */
    static double adamicAdar(List<Contact> contacts) {
        // a contact is tied to both sides, so its degree is at least 2
        return contacts.stream().mapToDouble(k -> 1.0 / Math.log(1.0 + Math.max(2, k.degree()))).sum();
    }

    /** 1 at the same place, 0 at the radius; an unknown distance is 0.5 within one of our neighbourhoods, else 0. */
    static double proximity(Double distanceMetres, boolean sameNeighbourhood, double radiusMetres) {
        if (distanceMetres == null) {
            return sameNeighbourhood ? UNKNOWN_DISTANCE_SAME_NEIGHBOURHOOD : 0;
        }
        return Math.max(0, 1 - distanceMetres / radiusMetres);
    }

    private static Reason reason(String code, double weight, double value, String detail) {
        double shown = round(value);
        return new Reason(code, weight, shown, round(weight * shown), Objects.requireNonNull(detail));
    }

    private static String kilometres(double metres) {
        return String.format(Locale.ROOT, "%.1f km", metres / 1000);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
