package org.kiezwerk.event.api;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.kiezwerk.event.domain.EventStatus;
import org.kiezwerk.event.service.EventSearch;

/**
 * Upcoming occurrences as an Atom feed (RFC 4287) for feed readers and blogs: one entry per
 * occurrence, cancelled ones kept and marked so that a reader that saw an entry learns it is off.
 * Written with the JDK's XMLStreamWriter, so every text from input is escaped, never spliced in.
 * Links are relative references (RFC 4287 atomUri), resolved against wherever the feed was fetched,
 * as the gateway's public address is the caller's.
 */
final class AtomFeed {

    static final String MEDIA_TYPE = "application/atom+xml";
    static final String NS = "http://www.w3.org/2005/Atom";
    /** The tag URI authority of feed and entry ids (RFC 4151); never changes, so ids stay stable. */
    static final String TAG = "tag:kiezwerk.org,2026:";

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy, HH:mm 'Uhr'", Locale.GERMAN);

    record Written(String body, Instant updated) {
    }

    /**
     * @param selfPath  the feed's own path and query, for the self link and (with the filter) its id
     * @param fallback  the feed's updated time when there is no entry
     */
    static Written write(String title, String selfPath, List<EventSearch.Found> found, Map<UUID, String> partnerNames,
            Instant fallback) {
        Instant updated = found.stream().map(f -> f.event().updatedAt.toInstant()).max(Instant::compareTo).orElse(fallback)
                .truncatedTo(ChronoUnit.SECONDS);
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(NS);
            xml.writeStartElement(NS, "feed");
            xml.writeDefaultNamespace(NS);
            text(xml, "id", TAG + selfPath);
            text(xml, "title", title);
            text(xml, "updated", time(updated));
            link(xml, "self", selfPath, MEDIA_TYPE);
            xml.writeStartElement(NS, "author");
            text(xml, "name", "Kiezwerk");
            xml.writeEndElement();
            xml.writeStartElement(NS, "generator");
            xml.writeCharacters("Kiezwerk event-service");
            xml.writeEndElement();
            for (EventSearch.Found f : found) {
                entry(xml, f, partnerNames);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the feed could not be written", e);
        }
        return new Written(out.toString(), updated);
    }

    /** Stable per occurrence: the event's id and the occurrence's start in UTC. */
    static String entryId(UUID event, ZonedDateTime start) {
        return TAG + "event:" + event + ":" + start.toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static void entry(XMLStreamWriter xml, EventSearch.Found f, Map<UUID, String> partnerNames) throws XMLStreamException {
        var e = f.event();
        boolean cancelled = f.occurrence().cancelled() || e.status == EventStatus.CANCELLED;
        String when = LOCAL.format(f.occurrence().start()) + " (" + e.timeZone + ")";
        String place = CalendarFeed.place(e, partnerNames);
        xml.writeStartElement(NS, "entry");
        text(xml, "id", entryId(e.id, f.occurrence().start()));
        text(xml, "title", (cancelled ? "Abgesagt: " : "") + e.title);
        text(xml, "updated", time(e.updatedAt.toInstant()));
        text(xml, "published", time(e.createdAt.toInstant()));
        link(xml, "alternate", EventResource.PATH + e.id, "application/json");
        xml.writeEmptyElement(NS, "category");
        xml.writeAttribute("term", e.category.name().toLowerCase(Locale.ROOT));
        String summary = when + (place == null ? "" : " – " + place) + (cancelled ? " – fällt aus" : "");
        text(xml, "summary", summary);
        List<String> lines = new ArrayList<>();
        lines.add("Wann: " + when);
        if (place != null) {
            lines.add("Wo: " + place);
        }
        String hosts = String.join(", ", e.partners.stream()
                .map(p -> partnerNames.getOrDefault(p.partnerId, p.partnerId.toString())).distinct().toList());
        lines.add("Mit: " + hosts);
        if (cancelled) {
            lines.add("Dieser Termin fällt aus.");
        }
        if (e.childcare) {
            lines.add("Kinderbetreuung wird angeboten.");
        }
        if (e.description != null) {
            lines.add("");
            lines.add(e.description);
        }
        xml.writeStartElement(NS, "content");
        xml.writeAttribute("type", "text");
        xml.writeCharacters(xmlSafe(String.join("\n", lines)));
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(NS, name);
        xml.writeCharacters(xmlSafe(value));
        xml.writeEndElement();
    }

    /** JSON carries characters XML 1.0 cannot (U+FFFF, lone surrogates …); the writer would not stop them. */
    static String xmlSafe(String text) {
        return NOT_XML.matcher(text).replaceAll("\uFFFD");
    }

    private static final Pattern NOT_XML = Pattern.compile(
            "[^\\x09\\x0A\\x0D\\x20-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]");

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement(NS, "link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }

    /** RFC 3339 date-time, in UTC, to the second. */
    static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString(); // ISO_INSTANT: seconds always written
    }

    /** The ETag: a digest of the body, so that every change of any entry (or of the set) changes it. */
    static String fingerprint(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private AtomFeed() {
    }
}
