package org.kiezwerk.e2e.neighbourhoods;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A synthetic neighbourhood for one seed: two cities (city → district → quarter), clusters of organisations
 * with offers and resources, key persons with every consent scope, ties, and shared events with
 * co-production phases — and the answers to the brief's six questions that it planted.
 *
 * <p>The seed decides the structure (how many organisations, which offers, ages, ties, phases); the run
 * {@code tag} makes every code and name unique, because the graph and the directory are shared by every
 * end-to-end class of a run and by earlier runs.
 *
 * <p>What is planted, in city A:
 * <ul>
 * <li>a quarter ({@link #gapQuarter}) whose offers leave exactly the ages 30–59 uncovered and serve no
 * {@code adults}; its community centre ({@link #centre}) lends a room and an audience and needs volunteers;
 * <li>an organisation in another quarter of the same city ({@link #filler}) that serves {@code adults}
 * (30–59), needs a room, has no tie with the centre and shares a public key person ({@link #keyPerson}) with
 * it — the best partner the centre could be suggested. Everything else in the city is kept below its score by
 * construction (see {@link #plantedScoreFloor()}), and city B, with a look-alike ({@link #farLookAlike}), lies
 * 30–40 km away;
 * <li>two clusters of tied organisations (one per district) joined only by one public person ({@link #bridge}):
 * an articulation point and a broker for every caller who cannot see a second, hidden bridge
 * ({@link #hiddenBridge}, consent scope {@code analysts});
 * <li>a parish in the second cluster, to be reached from the centre only over the bridge;
 * <li>a person with scope {@code network_members}, a person whose consent is withdrawn after loading, and a
 * person without consent (refused by the API) — each must be absent where the caller may not see them.
 * </ul>
 */
public final class SyntheticNeighbourhood {

    public static final double EARTH_RADIUS_METRES = 6371008.8;
    /** Target groups served in the centre's quarter: every group the generator uses except {@code adults}. */
    static final List<String> GROUPS = List.of("toddlers", "children", "young_people", "young_adults", "young_old", "seniors",
            "parents", "families", "migrants");
    static final List<String> CATEGORIES = List.of("family_education", "youth_work", "senior_work", "counselling", "sports",
            "culture", "meeting_place", "health", "neighbourhood_help");
    static final List<String> KINDS = List.of("association", "initiative", "day_care_centre", "school", "municipal_office");
    /** Resources others may lend or need: never a room or an audience (only the centre lends those, only the filler needs a room). */
    /**
     * How likely two members of a cluster are tied beyond the ring. Dense enough that label propagation (the
     * network's communities) keeps the two clusters apart whatever order it visits them in: with 0.35 it merged
     * parts of them across the bridge in 2 of 960 simulated cases, with 0.7 in none.
     */
    static final double CHORDS = 0.7;
    static final List<String> OTHER_RESOURCES = List.of("equipment", "expertise", "funding");

    public record Area(String id, String code, String name, String level, String parent, double[] centre) {
    }

    public record Offer(String id, String name, String category, int ageMin, int ageMax, List<String> targetGroups) {
    }

    public record Resource(String direction, String kind, String name) {
    }

    public record Organisation(String id, String name, String kind, String city, String quarter, double[] at, List<Offer> offers,
            List<Resource> resources) {

        public boolean serves(String group) {
            return offers.stream().anyMatch(o -> o.targetGroups().contains(group));
        }

        public boolean coversAge(int age) {
            return offers.stream().anyMatch(o -> o.ageMin() <= age && age <= o.ageMax());
        }
    }

    public record Tie(String from, String to, String kind, int strength, boolean confirmed) {
    }

    /** {@code scope} null: a person without consent, which the API must refuse. {@code withdrawn}: consent withdrawn after loading. */
    public record Person(String name, String scope, List<String> organisations, boolean withdrawn) {
    }

    public record Acquaintance(String personA, String personB) {
    }

    /** Citizens per phase (0: the phase is not recorded). */
    public record Event(String id, String title, String city, String neighbourhood, String start, List<String[]> partners,
            int coCommissioning, int coDesign, int coDelivery, int coAssessment) {

        /** The ladder of participation: the highest phase citizens took part in (none 0 … co-commissioning 4). */
        public int depth() {
            return coCommissioning > 0 ? 4 : coDesign > 0 ? 3 : coAssessment > 0 ? 2 : coDelivery > 0 ? 1 : 0;
        }

        public boolean shared() {
            return partners.stream().map(p -> p[0]).distinct().count() > 1;
        }
    }

    public final long seed;
    public final String tag;
    public final Random random;
    public final List<Area> areas = new ArrayList<>();
    public final Map<String, Organisation> organisations = new LinkedHashMap<>();
    public final List<Tie> ties = new ArrayList<>();
    public final Map<String, Person> persons = new LinkedHashMap<>();
    public final List<Acquaintance> acquaintances = new ArrayList<>();
    public final List<Event> events = new ArrayList<>();

    public final String cityA;
    public final String cityB;
    public String gapQuarter;
    public String centre;
    public String firstTie;
    public String filler;
    public String farLookAlike;
    public String parish;
    public String bridge;
    public String hiddenBridge;
    public String member;
    public String withdrawn;
    public String withoutConsent;
    public String keyPerson;
    public final List<String> clusterOne = new ArrayList<>();
    public final List<String> clusterTwo = new ArrayList<>();

    private int counter;

    public SyntheticNeighbourhood(long seed, String tag) {
        this.seed = seed;
        this.tag = tag;
        this.random = new Random(seed);
        // where on the map: the seed and the run, well away from the demo city (Auenstadt, about 50.1 N 8.2 E)
        Random place = new Random(seed * 31 + tag.hashCode());
        double[] here = {51.2 + place.nextDouble() * 2.5, 10.5 + place.nextDouble() * 3.0};
        double[] there = destination(here, 30_000 + random.nextDouble() * 10_000, random.nextDouble() * 360);
        cityA = "sa-" + seed + "-" + tag;
        cityB = "sb-" + seed + "-" + tag;
        city(cityA, "Seestadt " + seed + " " + tag, here, 2, 2);
        city(cityB, "Bergdorf " + seed + " " + tag, there, 1, 2);
        plantCityA();
        plantCityB();
    }

    // ---- the areas

    private void city(String code, String name, double[] at, int districts, int quarters) {
        areas.add(new Area(uuid("area", code), code, name, "city", null, at));
        for (int d = 0; d < districts; d++) {
            String district = code + "-d" + d;
            double[] districtAt = destination(at, 2_500, d * 180 + 90 + random.nextDouble() * 30);
            areas.add(new Area(uuid("area", district), district, "Bezirk " + (d + 1) + " " + name, "district", code, districtAt));
            for (int q = 0; q < quarters; q++) {
                String quarter = district + "-q" + q;
                double[] quarterAt = destination(districtAt, 1_200, q * 180 + random.nextDouble() * 40);
                areas.add(new Area(uuid("area", quarter), quarter, "Quartier " + (char) ('A' + d * quarters + q) + " " + name,
                        "quarter", district, quarterAt));
            }
        }
    }

    public Area area(String code) {
        return areas.stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
    }

    public List<Area> quarters(String city) {
        return areas.stream().filter(a -> a.level().equals("quarter") && cityOf(a.code()).equals(city)).toList();
    }

    public String cityOf(String code) {
        Area area = area(code);
        while (area.parent() != null) {
            area = area(area.parent());
        }
        return area.code();
    }

    // ---- city A: the planted answers

    private void plantCityA() {
        String q0 = cityA + "-d0-q0";
        String q1 = cityA + "-d0-q1";
        String q2 = cityA + "-d1-q0";
        String q3 = cityA + "-d1-q1";
        gapQuarter = q0;
        // the centre serves every group but adults, and no age from 30 to 59
        List<Offer> centreOffers = new ArrayList<>();
        centreOffers.add(offer("Krabbelgruppe", "family_education", 1, 3, List.of("toddlers", "parents", "families")));
        centreOffers.add(offer("Kindertreff", "youth_work", 4, 11 + random.nextInt(3), List.of("children", "migrants")));
        centreOffers.add(offer("Jugendcafé", "youth_work", 12, 17 + random.nextInt(3), List.of("young_people")));
        centreOffers.add(offer("Offener Seniorentreff", "senior_work", 60, 99, List.of("young_old", "seniors")));
        centreOffers.add(offer("Junge Erwachsene", "meeting_place", 18, 29, List.of("young_adults")));
        centre = organisation("Begegnungszentrum", "community_centre", cityA, q0, 200, centreOffers,
                List.of(new Resource("offered", "room", "Großer Saal"), new Resource("offered", "audience", "Unser Publikum"),
                        new Resource("needed", "volunteers", "Helfende für den Abend")));
        firstTie = organisation("Familienzentrum", "day_care_centre", cityA, q0, 600, offersAvoiding(30, 59), otherResources());
        clusterOne.add(centre);
        clusterOne.add(firstTie);
        // the filler: another quarter of the same city, 2–5 km from the centre, serves adults and needs a room
        double[] fillerAt = destination(organisations.get(centre).at(), 2_000 + random.nextDouble() * 3_000, random.nextDouble() * 360);
        filler = put(new Organisation(uuid("org", "filler"), "Nachbarschaftsverein " + tag + " " + seed, "association", cityA, q1,
                fillerAt, List.of(offer("Abendgespräche", "counselling", 30, 59, List.of("adults")),
                        offer("Elterncafé", "family_education", 25, 45, List.of("parents"))),
                List.of(new Resource("needed", "room", "Ein Raum für Vorträge"))));
        clusterOne.add(filler);
        int more = 6 + random.nextInt(4);
        for (int i = 0; i < more; i++) {
            String quarter = random.nextBoolean() ? q0 : q1;
            clusterOne.add(organisation("Initiative " + i, pick(KINDS), cityA, quarter, 900,
                    quarter.equals(q0) ? offersAvoiding(30, 59) : offersAnyAge(), otherResources()));
        }
        parish = organisation("Kirchengemeinde St. Markus", "parish", cityA, q2, 900, offersAnyAge(), otherResources());
        clusterTwo.add(parish);
        int others = 7 + random.nextInt(4);
        for (int i = 0; i < others; i++) {
            String quarter = random.nextBoolean() ? q2 : q3;
            List<Offer> offers = offersAnyAge();
            if (i < 2) {
                // elsewhere in the city, others serve adults too (nearer or farther than the filler)
                offers.add(offer("Sprechstunde", "counselling", 27 + random.nextInt(4), 60 + random.nextInt(10), List.of("adults")));
            }
            clusterTwo.add(organisation("Verein " + i, pick(KINDS), cityA, quarter, 900, offers, otherResources()));
        }
        // a few without any tie, one in the gap quarter
        organisation("Tafel", "initiative", cityA, q0, 900, offersAvoiding(30, 59), otherResources());
        for (int i = 0; i < 2 + random.nextInt(2); i++) {
            String quarter = pick(List.of(q1, q2, q3));
            organisation("Einzelkämpfer " + i, pick(KINDS), cityA, quarter, 900, offersAnyAge(), otherResources());
        }

        // cluster one: the centre is tied to the first tie only; the rest form a ring with chords
        ties.add(new Tie(centre, firstTie, "partnership", 4, true));
        List<String> ringOne = clusterOne.stream().filter(id -> !id.equals(centre)).toList();
        ring(ringOne);
        ring(clusterTwo);
        // the bridge: a public person at one organisation of each cluster (neither the centre nor its first tie)
        String b1 = ringOne.get(2 + random.nextInt(ringOne.size() - 2));
        String b2 = clusterTwo.get(1 + random.nextInt(clusterTwo.size() - 1));
        bridge = person("Brückenbauerin", "public", List.of(b1, b2), false);
        hiddenBridge = person("Verborgener Vermittler", "analysts",
                List.of(ringOne.get(1 + random.nextInt(ringOne.size() - 1)), clusterTwo.get(random.nextInt(clusterTwo.size()))), false);
        keyPerson = person("Frau K.", "public", List.of(centre, filler), false);
        member = person("Netzwerkmitglied", "network_members", List.of(clusterTwo.get(random.nextInt(clusterTwo.size()))), false);
        // withdrawn: would bridge the clusters too, had it stayed
        withdrawn = person("Zurückgezogen", "public", List.of(ringOne.get(1), parish), true);
        withoutConsent = person("Ohne Einwilligung", null, List.of(centre, parish), false);
        String helper = person("Helfer im Seniorentreff", "public", List.of(ringOne.get(random.nextInt(ringOne.size()))), false);
        String neighbour = person("Nachbarin", "network_members", List.of(ringOne.get(random.nextInt(ringOne.size()))), false);
        acquaintances.add(new Acquaintance(helper, neighbour));

        // shared events inside each cluster, with co-production phases of the seed
        event("Sommerfest", cityA, q0, List.of(new String[] {centre, "host"}, new String[] {firstTie, "co_host"}));
        List<String> two = pickDistinct(ringOne.stream().filter(id -> !id.equals(firstTie) && !id.equals(filler)).toList(), 2);
        event("Stadtteilkonferenz", cityA, organisations.get(two.get(0)).quarter(),
                List.of(new String[] {two.get(0), "host"}, new String[] {two.get(1), "co_host"}));
        List<String> three = new ArrayList<>(List.of(parish));
        three.addAll(pickDistinct(clusterTwo.subList(1, clusterTwo.size()), 2));
        event("Gemeindeabend", cityA, q2, List.of(new String[] {three.get(0), "host"}, new String[] {three.get(1), "co_host"},
                new String[] {three.get(2), "contributor"}));
        event("Einzelveranstaltung", cityA, organisations.get(clusterTwo.get(1)).quarter(),
                List.<String[]>of(new String[] {clusterTwo.get(1), "host"}));
    }

    private void plantCityB() {
        String b0 = cityB + "-d0-q0";
        String b1 = cityB + "-d0-q1";
        // looks perfect on paper (adults, needs a room), but 30–40 km away in another city
        farLookAlike = put(new Organisation(uuid("org", "far"), "Perfekt aber weit " + tag + " " + seed, "association", cityB, b0,
                near(area(b0).centre(), 500), List.of(offer("Abendkurse", "counselling", 30, 59, List.of("adults"))),
                List.of(new Resource("needed", "room", "Ein Raum"))));
        List<String> cluster = new ArrayList<>(List.of(farLookAlike));
        int count = 9 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            cluster.add(organisation("Dorfverein " + i, pick(KINDS), cityB, random.nextBoolean() ? b0 : b1, 900, offersAnyAge(),
                    otherResources()));
        }
        ring(cluster);
        person("Dorfsprecher", "public", List.of(cluster.get(1), cluster.get(2)), false);
        event("Dorffest", cityB, b0, List.of(new String[] {cluster.get(1), "host"}, new String[] {cluster.get(2), "co_host"}));
    }

    // ---- building blocks

    private String organisation(String name, String kind, String city, String quarter, double within, List<Offer> offers,
            List<Resource> resources) {
        String id = uuid("org", "o" + (++counter));
        return put(new Organisation(id, name + " " + tag + " " + seed + "-" + counter, kind, city, quarter,
                near(area(quarter).centre(), within), offers, resources));
    }

    private String put(Organisation organisation) {
        organisations.put(organisation.id(), organisation);
        return organisation.id();
    }

    private Offer offer(String name, String category, int ageMin, int ageMax, List<String> groups) {
        return new Offer(uuid("offer", "s" + (++counter)), name, category, ageMin, ageMax, List.copyOf(groups));
    }

    /** One to three offers with ages outside {@code from}–{@code to} and never for adults. */
    private List<Offer> offersAvoiding(int from, int to) {
        List<Offer> offers = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            boolean young = random.nextBoolean();
            int min = young ? random.nextInt(from) : to + 1 + random.nextInt(20);
            int max = young ? min + random.nextInt(from - min) : min + random.nextInt(121 - min);
            offers.add(offer("Angebot " + i, pick(CATEGORIES), min, max, List.of(pick(GROUPS))));
        }
        return offers;
    }

    /** One to three offers of any ages (never for the target group adults: only the planted ones serve it). */
    private List<Offer> offersAnyAge() {
        List<Offer> offers = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            int min = random.nextInt(100);
            int max = min + random.nextInt(121 - min);
            offers.add(offer("Angebot " + i, pick(CATEGORIES), min, max, List.of(pick(GROUPS))));
        }
        return offers;
    }

    private List<Resource> otherResources() {
        List<Resource> resources = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            resources.add(new Resource("offered", "volunteers", "Ehrenamtliche"));
        }
        if (random.nextBoolean()) {
            resources.add(new Resource(random.nextBoolean() ? "offered" : "needed", pick(OTHER_RESOURCES), "Sonstiges"));
        }
        return resources;
    }

    /** A ring through all of them with chords ({@link #CHORDS}): connected, and still connected without any one of them. */
    private void ring(List<String> members) {
        for (int i = 0; i < members.size(); i++) {
            tie(members.get(i), members.get((i + 1) % members.size()));
        }
        for (int a = 0; a < members.size(); a++) {
            for (int b = a + 2; b < members.size(); b++) {
                if (random.nextDouble() < CHORDS) {
                    tie(members.get(a), members.get(b));
                }
            }
        }
    }

    private void tie(String a, String b) {
        boolean known = ties.stream().anyMatch(t -> (t.from().equals(a) && t.to().equals(b)) || (t.from().equals(b) && t.to().equals(a)));
        if (!known && !a.equals(b)) {
            ties.add(new Tie(a, b, pick(List.of("partnership", "joint_project", "referral")), 2 + random.nextInt(4), random.nextBoolean()));
        }
    }

    private String person(String name, String scope, List<String> at, boolean gone) {
        String full = name + " " + tag + " " + seed + "-" + (++counter);
        persons.put(full, new Person(full, scope, List.copyOf(at), gone));
        return full;
    }

    private void event(String title, String city, String neighbourhood, List<String[]> partners) {
        int month = 2 + random.nextInt(8);
        int day = 1 + random.nextInt(27);
        String start = String.format("2026-%02d-%02dT%02d:00", month, day, 10 + random.nextInt(9));
        // each phase with citizens or not: the seed decides
        int commissioning = random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 0;
        int design = random.nextInt(3) == 0 ? 1 + random.nextInt(8) : 0;
        int delivery = random.nextBoolean() ? 1 + random.nextInt(12) : 0;
        int assessment = random.nextInt(3) == 0 ? 1 + random.nextInt(6) : 0;
        events.add(new Event(uuid("event", title + (++counter)), title + " " + tag + " " + seed, city, neighbourhood, start,
                List.copyOf(partners), commissioning, design, delivery, assessment));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private List<String> pickDistinct(List<String> values, int n) {
        List<String> copy = new ArrayList<>(values);
        java.util.Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, n));
    }

    private double[] near(double[] at, double within) {
        return destination(at, 50 + random.nextDouble() * within, random.nextDouble() * 360);
    }

    String uuid(String kind, String name) {
        return UUID.nameUUIDFromBytes((tag + ":" + seed + ":" + kind + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---- the answers it planted

    public List<Organisation> in(String area) {
        return organisations.values().stream().filter(o -> isWithin(o.quarter(), area)).toList();
    }

    public boolean isWithin(String code, String area) {
        Area a = area(code);
        while (a != null) {
            if (a.code().equals(area)) {
                return true;
            }
            a = a.parent() == null ? null : area(a.parent());
        }
        return false;
    }

    /** The ages 0–120 no offer in the area is for, as sorted maximal ranges {from, to}. */
    public List<int[]> uncoveredAges(String area) {
        boolean[] covered = new boolean[121];
        for (Organisation o : in(area)) {
            for (Offer offer : o.offers()) {
                for (int age = offer.ageMin(); age <= offer.ageMax(); age++) {
                    covered[age] = true;
                }
            }
        }
        List<int[]> gaps = new ArrayList<>();
        for (int age = 0; age <= 120; age++) {
            if (!covered[age]) {
                int from = age;
                while (age < 120 && !covered[age + 1]) {
                    age++;
                }
                gaps.add(new int[] {from, age});
            }
        }
        return gaps;
    }

    /** The organisations in the area with an offer for someone of that age. */
    public Set<String> servingAge(String area, int age) {
        Set<String> ids = new TreeSet<>();
        in(area).stream().filter(o -> o.coversAge(age)).forEach(o -> ids.add(o.id()));
        return ids;
    }

    /** The organisations of the quarter's city (outside it) that serve the group, nearest to the quarter's centre first. */
    public List<Organisation> nearestServing(String quarter, String group) {
        double[] at = area(quarter).centre();
        return in(cityOf(quarter)).stream().filter(o -> !o.quarter().equals(quarter) && o.serves(group))
                .filter(o -> haversine(at, o.at()) <= 15_000)
                .sorted(Comparator.comparingDouble(o -> haversine(at, o.at()))).toList();
    }

    /** The persons a caller with these consent scopes may see, still with consent. */
    public Set<String> visiblePersons(Set<String> scopes) {
        Set<String> names = new LinkedHashSet<>();
        persons.values().stream().filter(p -> p.scope() != null && !p.withdrawn() && scopes.contains(p.scope()))
                .forEach(p -> names.add(p.name()));
        return names;
    }

    public List<Event> eventsIn(String area) {
        return events.stream().filter(e -> isWithin(e.neighbourhood(), area)).toList();
    }

    /** co-production depthScore as documented: the mean ladder step of the events divided by 4. */
    public static double depthScore(List<Event> events) {
        return events.stream().mapToInt(Event::depth).average().orElse(0) / 4.0;
    }

    /**
     * The least the filler scores for the centre: a shared contact of degree 2 (3 × 1/ln 3), the gap it serves
     * (2 × 1), the room it needs (1.5 × 1) and its proximity. Every other organisation of city A scores at most
     * 3 × 1/ln 3 (through the centre's only tie) + 1.5 (volunteers) + 1 (proximity) + 2 × 0 (only the
     * filler and cluster two's adult services serve adults; those share no contact) — less, by construction.
     */
    public double plantedScoreFloor() {
        double distance = haversine(organisations.get(centre).at(), organisations.get(filler).at());
        return 3 / Math.log(3) + 2 + 1.5 + (1 - distance / 15_000);
    }

    // ---- the directory's HSDS 3.0 package

    /** The organisations of both cities as an HSDS 3.0 package: organizations with services, locations and addresses. */
    public List<Map<String, Object>> hsdsPackage() {
        List<Map<String, Object>> file = new ArrayList<>();
        for (Organisation o : organisations.values()) {
            Map<String, Object> org = new LinkedHashMap<>();
            org.put("id", o.id());
            org.put("name", o.name());
            org.put("description", "Synthetisch, Seed " + seed + ".");
            // kindBy=legal_status: a value that is a kind decides
            org.put("legal_status", o.kind());
            String locationId = uuid("location", o.id());
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("id", uuid("address", o.id()));
            address.put("address_1", "Hauptstraße " + (1 + Math.abs(o.id().hashCode() % 200)));
            address.put("city", area(o.city()).name());
            address.put("region", o.quarter()); // areaBy=region: the quarter, by code
            address.put("state_province", o.city().equals(cityA) ? "Niedersachsen" : "Sachsen-Anhalt");
            address.put("postal_code", o.city().equals(cityA) ? "38100" : "39100");
            address.put("country", "DE");
            address.put("address_type", "physical");
            Map<String, Object> location = new LinkedHashMap<>();
            location.put("id", locationId);
            location.put("location_type", "physical");
            location.put("name", o.name());
            location.put("latitude", round6(o.at()[0]));
            location.put("longitude", round6(o.at()[1]));
            location.put("addresses", List.of(address));
            org.put("locations", List.of(location));
            List<Map<String, Object>> services = new ArrayList<>();
            for (Offer offer : o.offers()) {
                Map<String, Object> service = new LinkedHashMap<>();
                service.put("id", offer.id());
                service.put("name", offer.name());
                service.put("description", offer.name() + " für " + offer.ageMin() + "–" + offer.ageMax() + " Jahre");
                service.put("status", "active");
                service.put("minimum_age", offer.ageMin());
                service.put("maximum_age", offer.ageMax());
                List<Map<String, Object>> attributes = new ArrayList<>();
                attributes.add(attribute(offer.id(), offer.category(), "offer_categories"));
                for (String group : offer.targetGroups()) {
                    attributes.add(attribute(offer.id(), group, "target_groups"));
                }
                service.put("attributes", attributes);
                service.put("service_at_locations", List.of(Map.of("id", uuid("sal", offer.id()), "location_id", locationId)));
                services.add(service);
            }
            org.put("services", services);
            file.add(org);
        }
        return file;
    }

    private Map<String, Object> attribute(String offer, String code, String taxonomy) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("id", uuid("attribute", offer + code));
        attribute.put("taxonomy_term_id", uuid("term", code));
        attribute.put("link_type", "service_type");
        attribute.put("link_entity", "service");
        attribute.put("taxonomy_term", Map.of("id", uuid("term", code), "code", code, "name", code.replace('_', ' '),
                "description", "A term of the other directory", "taxonomy", taxonomy));
        return attribute;
    }

    private static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    // ---- geometry

    /** The point {@code metres} away from {@code from} in the direction {@code bearing} (degrees), on a sphere. */
    public static double[] destination(double[] from, double metres, double bearing) {
        double d = metres / EARTH_RADIUS_METRES;
        double theta = Math.toRadians(bearing);
        double phi1 = Math.toRadians(from[0]);
        double lambda1 = Math.toRadians(from[1]);
        double phi2 = Math.asin(Math.sin(phi1) * Math.cos(d) + Math.cos(phi1) * Math.sin(d) * Math.cos(theta));
        double lambda2 = lambda1 + Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(phi1), Math.cos(d) - Math.sin(phi1) * Math.sin(phi2));
        return new double[] {Math.toDegrees(phi2), Math.toDegrees(lambda2)};
    }

    public static double haversine(double[] a, double[] b) {
        double h = Math.pow(Math.sin(Math.toRadians(b[0] - a[0]) / 2), 2)
                + Math.cos(Math.toRadians(a[0])) * Math.cos(Math.toRadians(b[0])) * Math.pow(Math.sin(Math.toRadians(b[1] - a[1]) / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(h));
    }
}
