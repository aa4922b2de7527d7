package org.kiezwerk.event.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.FoldingWriter;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TextList;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.Geo;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.util.Strings;
import org.kiezwerk.event.domain.OccurrenceCancellation;
import org.kiezwerk.event.domain.SharedEvent;

/**
 * Events as an RFC 5545 calendar that a subscription keeps correct: one VTIMEZONE per zone used,
 * stable UIDs, SEQUENCE growing with every change, RRULE and EXDATE for series, STATUS:CANCELLED for
 * cancelled events and (as RECURRENCE-ID overrides) for single cancelled occurrences.
 */
final class CalendarFeed {

    static final String MEDIA_TYPE = "text/calendar; charset=utf-8";
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    /**
     * Writes a feed piece by piece, so that a feed of the whole city (up to 50,000 series) never sits in memory
     * whole: the calendar's head and one VTIMEZONE per zone first, then the events as they are rendered
     * ({@link #events}), then its end. The text is what iCal4j's {@code CalendarOutputter} writes for the same
     * calendar (a calendar's text is its properties, then its components, each folded at 75 octets;
     * {@code CalendarFeedTest} compares them).
     */
    static final class Writer {

        private final FoldingWriter out;

        Writer(OutputStream stream, String name, Collection<String> zones) throws IOException {
            out = new FoldingWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            out.write("BEGIN:VCALENDAR" + Strings.LINE_SEPARATOR);
            for (Property property : head(name)) {
                out.write(property.toString());
            }
            for (String zone : zones) {
                out.write(ZONES.getTimeZone(zone).getVTimeZone().toString());
            }
        }

        /** Events rendered by {@link #events}. */
        void write(String events) throws IOException {
            out.write(events);
        }

        void finish() throws IOException {
            out.write("END:VCALENDAR" + Strings.LINE_SEPARATOR);
            out.flush();
        }
    }

    static List<Property> head(String name) {
        return List.of(new ProdId("-//Kiezwerk//Shared events//DE"), ImmutableVersion.VERSION_2_0, ImmutableCalScale.GREGORIAN,
                ImmutableMethod.PUBLISH, new XProperty("X-WR-CALNAME", name));
    }

    /** These events as the feed's text (unfolded; the {@link Writer} folds): each series, then its cancelled occurrences. */
    static String events(List<SharedEvent> events, Map<UUID, String> partnerNames, Instant stamp) {
        StringBuilder text = new StringBuilder(events.size() * 600);
        for (SharedEvent e : events) {
            components(e, partnerNames, stamp).forEach(component -> text.append(component));
        }
        return text.toString();
    }

    /** One event's components: the series (or single event), then an override per cancelled occurrence. */
    static List<VEvent> components(SharedEvent e, Map<UUID, String> partnerNames, Instant stamp) {
        List<VEvent> components = new ArrayList<>(1 + e.cancellations.size());
        components.add(event(e, stamp, partnerNames));
        for (OccurrenceCancellation cancelled : e.cancellations) {
            components.add(cancelledOccurrence(e, cancelled, stamp));
        }
        return components;
    }

    static String uid(SharedEvent e) {
        return e.id + "@kiezwerk";
    }

    private static VEvent event(SharedEvent e, Instant stamp, Map<UUID, String> partnerNames) {
        VEvent event = new VEvent(false);
        event.add(new Uid(uid(e)));
        event.add(new DtStamp(stamp));
        event.add(new LastModified(e.updatedAt.toInstant()));
        event.add(new Sequence(e.sequence));
        event.add(zoned(new DtStart<>(e.start.atZone(e.zone())), e.timeZone));
        event.add(zoned(new DtEnd<>(e.end.atZone(e.zone())), e.timeZone));
        event.add(new Summary(e.title));
        String hosts = String.join(", ", e.partners.stream().map(p -> partnerNames.getOrDefault(p.partnerId, p.partnerId.toString()))
                .distinct().toList());
        event.add(new Description((e.description == null ? "" : e.description + "\n\n") + "Mit: " + hosts
                + (e.childcare ? "\nKinderbetreuung wird angeboten." : "")));
        String place = place(e, partnerNames);
        if (place != null) {
            event.add(new Location(place));
        }
        if (e.venueLat != null) {
            event.add(new Geo(BigDecimal.valueOf(e.venueLat), BigDecimal.valueOf(e.venueLon)));
        }
        if (e.onlineUrl != null) {
            event.add(new Url(URI.create(e.onlineUrl)));
        }
        event.add(switch (e.status) {
            case CANCELLED -> ImmutableStatus.VEVENT_CANCELLED;
            case CONFIRMED -> ImmutableStatus.VEVENT_CONFIRMED;
            case PLANNED, POSTPONED -> ImmutableStatus.VEVENT_TENTATIVE;
        });
        event.add(new Categories(new TextList(List.of(e.category.name().toLowerCase()))));
        if (e.rrule != null) {
            event.add(new RRule<>(new Recur<ZonedDateTime>(e.rrule)));
            if (!e.exdates.isEmpty()) {
                List<ZonedDateTime> excluded = new ArrayList<>();
                e.exdates.forEach(local -> excluded.add(local.atZone(e.zone())));
                event.add(zoned(new ExDate<>(new DateList<>(excluded)), e.timeZone));
            }
        }
        return event;
    }

    private static VEvent cancelledOccurrence(SharedEvent e, OccurrenceCancellation cancelled, Instant stamp) {
        ZonedDateTime start = cancelled.occurrence.atZone(e.zone());
        ZonedDateTime end = cancelled.occurrence.plus(Duration.between(e.start, e.end)).atZone(e.zone());
        VEvent event = new VEvent(false);
        event.add(new Uid(uid(e)));
        event.add(new DtStamp(stamp));
        event.add(new Sequence(e.sequence));
        event.add(zoned(new RecurrenceId<>(start), e.timeZone));
        event.add(zoned(new DtStart<>(start), e.timeZone));
        event.add(zoned(new DtEnd<>(end), e.timeZone));
        event.add(new Summary(e.title + " (fällt aus)"));
        if (cancelled.reason != null) {
            event.add(new Description(cancelled.reason));
        }
        event.add(ImmutableStatus.VEVENT_CANCELLED);
        return event;
    }

    static String place(SharedEvent e, Map<UUID, String> partnerNames) {
        List<String> parts = new ArrayList<>();
        if (e.venuePartnerId != null && partnerNames.containsKey(e.venuePartnerId)) {
            parts.add(partnerNames.get(e.venuePartnerId));
        }
        if (e.venueRoom != null) {
            parts.add(e.venueRoom);
        }
        if (e.venueStreet != null) {
            parts.add(e.venueStreet);
        }
        if (e.venuePostcode != null || e.venueCity != null) {
            parts.add(((e.venuePostcode == null ? "" : e.venuePostcode + " ") + (e.venueCity == null ? "" : e.venueCity)).strip());
        }
        if (parts.isEmpty() && e.onlineUrl != null) {
            parts.add("online");
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /** Date properties name their zone explicitly, so that every client resolves them the same way. */
    private static <P extends Property> P zoned(P property, String zone) {
        if (property instanceof DateProperty<?> date) {
            date.setTimeZoneRegistry(ZONES);
        }
        if (property instanceof DateListProperty<?> dates) {
            dates.setTimeZoneRegistry(ZONES);
        }
        property.replace(new TzId(zone));
        return property;
    }

    private CalendarFeed() {
    }
}
