package org.kiezwerk.event.api;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import org.junit.jupiter.api.Test;
import org.kiezwerk.event.domain.EventCategory;
import org.kiezwerk.event.domain.EventPartner;
import org.kiezwerk.event.domain.EventStatus;
import org.kiezwerk.event.domain.OccurrenceCancellation;
import org.kiezwerk.event.domain.PartnerRole;
import org.kiezwerk.event.domain.SharedEvent;

/**
 * Fast: the feed written piece by piece (head, events in batches, end) is, byte for byte, what iCal4j's own
 * {@code CalendarOutputter} writes for the same calendar built whole, as before streaming; on seeded generated
 * events (series with exceptions and cancelled occurrences, several zones, long texts with umlauts that fold).
 */
class CalendarFeedTest {

    private static final List<String> ZONES = List.of("Europe/Berlin", "Europe/London", "America/New_York");

    @Test
    void theStreamedFeedIsWhatICal4jWritesForTheWholeCalendar() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            List<SharedEvent> events = new ArrayList<>();
            Map<UUID, String> names = new HashMap<>();
            for (int i = random.nextInt(60); i > 0; i--) {
                events.add(event(random, names));
            }
            Set<String> zones = new TreeSet<>();
            events.forEach(e -> zones.add(e.timeZone));
            Instant stamp = Instant.parse("2027-01-05T10:00:00Z");
            String name = "Kiezwerk lindenhof-" + seed;

            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            CalendarFeed.Writer writer = new CalendarFeed.Writer(streamed, name, zones);
            for (int i = 0; i < events.size();) { // batches of any size, as the feed's setting allows
                int batch = 1 + random.nextInt(7);
                writer.write(CalendarFeed.events(events.subList(i, Math.min(events.size(), i + batch)), names, stamp));
                i += batch;
            }
            writer.finish();

            Calendar whole = new Calendar();
            CalendarFeed.head(name).forEach(whole::add);
            zones.forEach(zone -> whole.add(TimeZoneRegistryFactory.getInstance().createRegistry().getTimeZone(zone).getVTimeZone()));
            int components = 0;
            for (SharedEvent e : events) {
                for (var component : CalendarFeed.components(e, names, stamp)) {
                    whole.add(component);
                    components++;
                }
            }
            StringWriter expected = new StringWriter();
            new CalendarOutputter(false).output(whole, expected);

            String feed = streamed.toString(StandardCharsets.UTF_8);
            assertEquals(expected.toString(), feed, "seed " + seed);
            Calendar parsed = new CalendarBuilder().build(new StringReader(feed));
            assertEquals(components, parsed.getComponents(Component.VEVENT).size(), "seed " + seed);
            assertEquals(zones.size(), parsed.getComponents(Component.VTIMEZONE).size(), "seed " + seed);
        }
    }

    private static SharedEvent event(Random random, Map<UUID, String> names) {
        SharedEvent e = new SharedEvent();
        e.id = new UUID(random.nextLong(), random.nextLong());
        e.title = "Stammtisch Nr. " + random.nextInt(1000) + (random.nextBoolean() ? " für Ältere; mit Kaffee, Kuchen" : "");
        e.description = random.nextBoolean() ? null : "Gemütliches Treffen im Nachbarschaftsgarten. ".repeat(1 + random.nextInt(6));
        e.category = EventCategory.values()[random.nextInt(EventCategory.values().length)];
        e.status = EventStatus.values()[random.nextInt(EventStatus.values().length)];
        e.timeZone = ZONES.get(random.nextInt(ZONES.size()));
        e.start = LocalDateTime.of(2027, 1 + random.nextInt(12), 1 + random.nextInt(28), 8 + random.nextInt(12), 15 * random.nextInt(4));
        e.end = e.start.plusMinutes(30 + random.nextInt(240));
        if (random.nextInt(3) == 0) {
            e.rrule = "FREQ=WEEKLY;COUNT=" + (5 + random.nextInt(20));
            for (int k = random.nextInt(3); k > 0; k--) {
                e.exdates.add(e.start.plusWeeks(1 + random.nextInt(4)));
            }
            for (int k = random.nextInt(3); k > 0; k--) {
                e.cancellations.add(OccurrenceCancellation.of(e.start.plusWeeks(1 + random.nextInt(4)),
                        random.nextBoolean() ? null : "Raum nicht verfügbar"));
            }
        }
        e.sequence = random.nextInt(5);
        e.updatedAt = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC).plusMinutes(random.nextInt(10_000));
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
            UUID partner = new UUID(random.nextLong(), random.nextLong());
            names.put(partner, "Familienzentrum Süd " + random.nextInt(100));
            e.partners.add(EventPartner.of(partner, k == 1 ? PartnerRole.HOST : PartnerRole.CO_HOST, null));
        }
        if (random.nextBoolean()) {
            e.venuePartnerId = e.partners.get(0).partnerId;
            e.venueRoom = "Saal " + random.nextInt(5);
            e.venueStreet = "Lindenstraße " + (1 + random.nextInt(99));
            e.venuePostcode = "10969";
            e.venueCity = "Berlin";
            e.venueLat = 52.5 + random.nextInt(1000) / 10_000.0;
            e.venueLon = 13.4 + random.nextInt(1000) / 10_000.0;
        } else if (random.nextBoolean()) {
            e.onlineUrl = "https://treffen.example.org/raum/" + random.nextInt(1000);
        }
        e.childcare = random.nextBoolean();
        return e;
    }
}
