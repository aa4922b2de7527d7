package org.kiezwerk.event.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RecurrenceId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.event.repository.PartnerReplicaRepository;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.TopicReader;

/**
 * Shared events against the real PostgreSQL and Kafka: partners arrive as partner-service publishes
 * them, events go out on the event topic, feeds are read back with a real iCalendar parser.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class SharedEventsIT {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final UUID CENTRE = UUID.randomUUID();
    static final UUID PARISH = UUID.randomUUID();
    static final UUID CLUB = UUID.randomUUID();
    static boolean published;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    PartnerReplicaRepository replicas;

    @BeforeEach
    void partnersKnown() throws Exception {
        if (!published) {
            publishPartner(CENTRE, "Begegnungszentrum Lindenhof", 0, "org.kiezwerk.partner.registered.v1");
            publishPartner(PARISH, "Ev. Kirchengemeinde St. Markus", 0, "org.kiezwerk.partner.registered.v1");
            publishPartner(CLUB, "TSV Lindenhof", 0, "org.kiezwerk.partner.registered.v1");
            await(() -> QuarkusTransaction.requiringNew().call(() -> replicas.count("id in ?1", List.of(CENTRE, PARISH, CLUB))) == 3);
            published = true;
        }
    }

    static Map<String, Object> stammtisch(UUID host) {
        Map<String, Object> event = new HashMap<>();
        event.put("title", "Stammtisch der Lindenhofer Vereine");
        event.put("category", "networking");
        event.put("status", "confirmed");
        event.put("start", "2027-03-16T19:00");
        event.put("end", "2027-03-16T21:00");
        event.put("recurrence", Map.of("rule", "FREQ=WEEKLY;BYDAY=TU;COUNT=10", "exceptions", List.of("2027-03-23T19:00")));
        event.put("neighbourhood", "lindenhof");
        event.put("partners", List.of(Map.of("partnerId", host, "role", "host")));
        event.put("targetGroups", List.of("adults"));
        event.put("ageMin", 18);
        event.put("childcare", true);
        event.put("accessibility", List.of("step_free"));
        return event;
    }

    @Test
    void anEditorPutsOnAndChangesOnlyEventsTheirOrganisationHosts() {
        String editor = "Bearer " + org.kiezwerk.infra.ServiceIdentity.forTests("editor-centre",
                java.util.Set.of("read", "partners:write", "events:write", "network:write"), List.of(CENTRE.toString()));
        String own = given().header("Authorization", editor).contentType(ContentType.JSON).body(stammtisch(CENTRE))
                .when().post("/api/v1/events").then().statusCode(201).extract().path("id");
        given().header("Authorization", editor).contentType(ContentType.JSON).body(stammtisch(PARISH))
                .when().post("/api/v1/events").then().statusCode(403).contentType("application/problem+json")
                .body("type", is("/problems/forbidden"));
        String parishs = create(stammtisch(PARISH));
        given().header("Authorization", editor).contentType("application/merge-patch+json").body(Map.of("title", "Übernommen"))
                .when().patch("/api/v1/events/" + parishs).then().statusCode(403);
        given().header("Authorization", editor).when().post("/api/v1/events/" + parishs + "/cancel").then().statusCode(403);
        given().header("Authorization", editor).when().delete("/api/v1/events/" + parishs).then().statusCode(403);
        given().when().get("/api/v1/events/" + parishs).then().statusCode(200).body("title", is("Stammtisch der Lindenhofer Vereine"))
                .body("status", is("confirmed"));
        // handing one's own event to another host alone is a change to someone else's event
        given().header("Authorization", editor).contentType("application/merge-patch+json")
                .body(Map.of("partners", List.of(Map.of("partnerId", PARISH, "role", "host"))))
                .when().patch("/api/v1/events/" + own).then().statusCode(403);
        given().header("Authorization", editor).contentType("application/merge-patch+json")
                .body(Map.of("partners", List.of(Map.of("partnerId", CENTRE, "role", "host"), Map.of("partnerId", PARISH, "role", "co_host"))))
                .when().patch("/api/v1/events/" + own).then().statusCode(200);
        given().header("Authorization", editor).when().post("/api/v1/events/" + own + "/cancel").then().statusCode(200)
                .body("status", is("cancelled"));
        org.kiezwerk.infra.TestCallerIdentity.anonymously(() -> {
            given().contentType(ContentType.JSON).body(stammtisch(CENTRE)).when().post("/api/v1/events").then().statusCode(401)
                    .contentType("application/problem+json").body("type", is("/problems/unauthenticated"))
                    .body("detail", containsString("'events:write'"));
            given().when().delete("/api/v1/events/" + own).then().statusCode(401);
            given().when().get("/api/v1/events/" + own).then().statusCode(200);
        });
    }

    @Test
    void whoMayCallAnOperationIsSaidOnItAndAWrongScopeIsRefused() {
        String reader = "Bearer " + org.kiezwerk.infra.ServiceIdentity.forTests("reader-system",
                java.util.Set.of("read", "partners:write", "network:write"), List.of());
        String id = create(stammtisch(CENTRE));
        given().header("Authorization", reader).contentType(ContentType.JSON).body(stammtisch(CENTRE))
                .when().post("/api/v1/events").then().statusCode(403).contentType("application/problem+json")
                .body("type", is("/problems/forbidden")).body("detail", containsString("'events:write'"));
        given().header("Authorization", reader).when().post("/api/v1/events/" + id + "/cancel").then().statusCode(403);
        given().header("Authorization", reader).when().get("/api/v1/events/" + id).then().statusCode(200).body("status", is("confirmed"));
    }

    @Test
    void weeklyOccurrencesKeepTheirLocalTimeAcrossTheDaylightSavingChange() {
        String id = create(stammtisch(CENTRE));
        JsonPath occurrences = given().queryParam("from", "2027-03-15T00:00:00+01:00").queryParam("to", "2027-04-10T00:00:00+02:00")
                .when().get("/api/v1/events/" + id + "/occurrences").then().statusCode(200).extract().jsonPath();
        // 23 March is an exception; summer time starts on 28 March
        assertEquals(List.of("2027-03-16T19:00:00+01:00", "2027-03-30T19:00:00+02:00", "2027-04-06T19:00:00+02:00"),
                occurrences.getList("start"));
        assertEquals(List.of("2027-03-16T21:00:00+01:00", "2027-03-30T21:00:00+02:00", "2027-04-06T21:00:00+02:00"),
                occurrences.getList("end"));
    }

    @Test
    void aCancelledOccurrenceIsMarkedAndTheFeedParsesWithRealICalendar() throws Exception {
        String id = create(stammtisch(CENTRE));
        int sequence = given().when().get("/api/v1/events/" + id).then().extract().path("sequence");
        given().contentType(ContentType.JSON).body(Map.of("occurrence", "2027-04-06T19:00", "reason", "Osterferien"))
                .when().post("/api/v1/events/" + id + "/occurrences/cancel")
                .then().statusCode(200).body("cancelledOccurrences", contains("2027-04-06T19:00:00"))
                .body("sequence", is(sequence + 1));
        given().contentType(ContentType.JSON).body(Map.of("occurrence", "2027-04-07T19:00"))
                .when().post("/api/v1/events/" + id + "/occurrences/cancel")
                .then().statusCode(422).body("errors[0].field", is("occurrence"));

        List<Boolean> cancelled = given().queryParam("from", "2027-04-01T00:00:00+02:00").queryParam("to", "2027-04-15T00:00:00+02:00")
                .queryParam("partner", CENTRE.toString()).queryParam("limit", 200).when().get("/api/v1/events")
                .then().statusCode(200).extract().path("items.findAll { it.eventId == '" + id + "' }.cancelled");
        assertEquals(List.of(true, false), cancelled, "6 April cancelled, 13 April takes place");

        String ics = given().queryParam("partner", CENTRE.toString()).queryParam("from", "2027-01-01T00:00:00Z")
                .when().get("/api/v1/events/calendar.ics")
                .then().statusCode(200).contentType(containsString("text/calendar")).extract().asString();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertFalse(calendar.getComponents(Component.VTIMEZONE).isEmpty(), "a VTIMEZONE for Europe/Berlin");
        List<VEvent> ours = new ArrayList<>();
        for (Object component : calendar.getComponents(Component.VEVENT)) {
            VEvent event = (VEvent) component;
            if (event.getUid().map(Property::getValue).orElse("").equals(id + "@kiezwerk")) {
                ours.add(event);
            }
        }
        assertEquals(2, ours.size(), "the series and the override for the cancelled occurrence");
        VEvent series = ours.stream().filter(e -> e.getProperty(Property.RECURRENCE_ID).isEmpty()).findFirst().orElseThrow();
        VEvent cancelledOne = ours.stream().filter(e -> e.getProperty(Property.RECURRENCE_ID).isPresent()).findFirst().orElseThrow();
        // the same rule; iCal4j writes its parts in its own order
        assertEquals(java.util.Set.of("FREQ=WEEKLY", "BYDAY=TU", "COUNT=10"),
                java.util.Set.of(series.getProperty(Property.RRULE).map(Property::getValue).orElseThrow().split(";")));
        assertTrue(series.getProperty(Property.EXDATE).isPresent());
        assertEquals("CONFIRMED", series.getProperty(Property.STATUS).map(Property::getValue).orElseThrow());
        assertEquals(String.valueOf(sequence + 1), series.getProperty(Property.SEQUENCE).map(Property::getValue).orElseThrow());
        Optional<DtStart<ZonedDateTime>> start = series.getProperty(Property.DTSTART);
        assertEquals(ZonedDateTime.of(2027, 3, 16, 19, 0, 0, 0, BERLIN).toInstant(), start.orElseThrow().getDate().toInstant());
        assertEquals("CANCELLED", cancelledOne.getProperty(Property.STATUS).map(Property::getValue).orElseThrow());
        Optional<RecurrenceId<ZonedDateTime>> recurrenceId = cancelledOne.getProperty(Property.RECURRENCE_ID);
        assertEquals(ZonedDateTime.of(2027, 4, 6, 19, 0, 0, 0, BERLIN).toInstant(), recurrenceId.orElseThrow().getDate().toInstant());
        assertTrue(ics.contains("TZID=Europe/Berlin"), ics);
    }

    @Test
    void everyKindOfFeedParsesAndTimeOfDayFilters() throws Exception {
        String id = create(stammtisch(CLUB));
        for (String feed : List.of("", "?neighbourhood=lindenhof", "?partner=" + CLUB, "?q=Stammtisch&childcare=true&stepFree=true",
                "?category=networking&targetGroup=adults&age=40")) {
            String ics = given().urlEncodingEnabled(false)
                    .when().get("/api/v1/events/calendar.ics" + feed + (feed.isEmpty() ? "?" : "&") + "from=2027-01-01T00:00:00Z")
                    .then().statusCode(200).extract().asString();
            Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
            List<String> uids = new ArrayList<>();
            for (Object component : calendar.getComponents(Component.VEVENT)) {
                uids.add(((VEvent) component).getUid().map(Property::getValue).orElse(""));
            }
            assertTrue(uids.contains(id + "@kiezwerk"), feed + " names the event");
        }
        Map<String, Object> window = Map.of("from", "2027-03-15T00:00:00+01:00", "to", "2027-03-20T00:00:00+01:00",
                "partner", CLUB.toString(), "limit", 200);
        assertTrue(given().queryParams(window).queryParam("timeOfDay", "evening").when().get("/api/v1/events")
                .then().statusCode(200).extract().jsonPath().getList("items.eventId").contains(id));
        assertFalse(given().queryParams(window).queryParam("timeOfDay", "morning,afternoon").when().get("/api/v1/events")
                .then().statusCode(200).extract().jsonPath().getList("items.eventId").contains(id));
        given().when().get("/api/v1/events/" + id).then().body("timeOfDay", is("evening"));
        given().when().get("/api/v1/events?timeOfDay=midnight").then().statusCode(400).body("errors[0].field", is("timeOfDay"));
    }

    /**
     * The partner replica acknowledges each message itself: an unreadable one goes to the dead-letter topic with its
     * reason (and nothing else does), and the partition goes on: the partner after it is replicated.
     */
    @Test
    void anUnreadablePartnerMessageIsDeadLetteredAndThePartnerAfterItReplicated() throws Exception {
        UUID unreadable = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        try (KafkaConsumer<String, String> deadLetters = TopicReader.consumerAtEnd(bootstrapServers, "kiezwerk.partners.v1.dlq")) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
                // the same partition as the partner after it (one key each would not say that the partition went on)
                ProducerRecord<String, String> broken = new ProducerRecord<>("kiezwerk.partners.v1", 0, unreadable.toString(), "{\"id\":");
                broken.headers().add("ce_type", "org.kiezwerk.partner.registered.v1".getBytes(StandardCharsets.UTF_8));
                producer.send(broken).get();
                ProducerRecord<String, String> readable = new ProducerRecord<>("kiezwerk.partners.v1", 0, after.toString(),
                        "{\"id\":\"" + after + "\",\"name\":\"Nach dem Fehler e.V.\",\"kind\":\"association\",\"version\":0}");
                readable.headers().add("ce_type", "org.kiezwerk.partner.registered.v1".getBytes(StandardCharsets.UTF_8));
                producer.send(readable).get();
            }
            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(20);
            while (dead.stream().noneMatch(r -> unreadable.toString().equals(r.key())) && Instant.now().isBefore(deadline)) {
                deadLetters.poll(Duration.ofMillis(300)).forEach(dead::add);
            }
            ConsumerRecord<String, String> deadLetter = dead.stream().filter(r -> unreadable.toString().equals(r.key())).findFirst()
                    .orElseThrow(() -> new AssertionError("not dead-lettered: " + dead));
            assertNotNull(header(deadLetter, "dead-letter-reason"), "the reason travels with it");
            // the partner after it is known: an event it hosts is accepted
            await(() -> given().contentType(ContentType.JSON).body(stammtisch(after)).when().post("/api/v1/events").statusCode() == 201);
            deadLetters.poll(Duration.ofSeconds(1)).forEach(dead::add);
            assertTrue(dead.stream().noneMatch(r -> after.toString().equals(r.key())), "only the unreadable one: " + dead);
        }
    }

    @Test
    void unknownPartnersMissingHostsAndBrokenTimesAreRefused() {
        Map<String, Object> unknown = stammtisch(UUID.randomUUID());
        given().contentType(ContentType.JSON).body(unknown).when().post("/api/v1/events")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", is("partners[0].partnerId"));
        Map<String, Object> noHost = stammtisch(CENTRE);
        noHost.put("partners", List.of(Map.of("partnerId", CENTRE, "role", "contributor")));
        given().contentType(ContentType.JSON).body(noHost).when().post("/api/v1/events")
                .then().statusCode(422).body("errors.field", hasItem("partners"));
        Map<String, Object> broken = stammtisch(CENTRE);
        broken.put("end", "2027-03-16T18:00");
        broken.put("timeZone", "Mars/Olympus");
        broken.put("recurrence", Map.of("rule", "FREQ=SOMETIMES"));
        broken.put("category", "rave");
        given().contentType(ContentType.JSON).body(broken).when().post("/api/v1/events")
                .then().statusCode(400).contentType("application/problem+json");
        broken.put("category", "talk");
        given().contentType(ContentType.JSON).body(broken).when().post("/api/v1/events")
                .then().statusCode(400).body("errors.field", hasItems("endAfterStart", "knownTimeZone", "recurrenceReadable"));
        Map<String, Object> endless = stammtisch(CENTRE);
        endless.put("recurrence", Map.of("rule", "FREQ=DAILY;UNTIL=99991231T000000Z")); // 2.9 million days to go through
        given().contentType(ContentType.JSON).body(endless).when().post("/api/v1/events")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("recurrenceOfBoundedLength"));
        Map<String, Object> everyMinute = stammtisch(CENTRE); // 48 start times a day, every day: each search would expand them
        everyMinute.put("recurrence", Map.of("rule", "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,30"));
        given().contentType(ContentType.JSON).body(everyMinute).when().post("/api/v1/events")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("recurrenceReadable"));
        given().queryParam("from", "yesterday").when().get("/api/v1/events").then().statusCode(400);
        given().when().get("/api/v1/events/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void retriesCancellationAndDeletionAreAnnounced() throws Exception {
        Map<String, Object> talk = stammtisch(PARISH);
        String key = "event-" + UUID.randomUUID();
        String id = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(talk)
                .when().post("/api/v1/events").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(talk)
                .when().post("/api/v1/events").then().statusCode(201).header("Idempotent-Replayed", "true").body("id", is(id));
        try (KafkaConsumer<String, String> consumer = consumerAtEnd()) {
            given().header("If-Match", "\"0\"").when().post("/api/v1/events/" + id + "/cancel")
                    .then().statusCode(200).body("status", is("cancelled")).header("ETag", "\"1\"");
            given().when().get("/api/v1/events/calendar.ics?partner=" + PARISH + "&from=2027-01-01T00:00:00Z")
                    .then().body(containsString("STATUS:CANCELLED"));
            given().header("If-Match", "\"0\"").when().delete("/api/v1/events/" + id).then().statusCode(412);
            given().when().delete("/api/v1/events/" + id).then().statusCode(204);
            given().when().get("/api/v1/events/" + id).then().statusCode(404);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(20);
            // the scheduled message may still be on its way when the consumer starts: only what follows counts
            while (records.size() < 3 && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (id.equals(r.key()) && !"org.kiezwerk.event.scheduled.v1".equals(header(r, "ce_type"))) {
                        records.add(r);
                    }
                });
            }
            assertEquals(List.of("org.kiezwerk.event.cancelled.v1", "org.kiezwerk.event.removed.v1"),
                    records.subList(0, 2).stream().map(r -> header(r, "ce_type")).toList());
            assertNull(records.get(2).value(), "the removal is followed by a tombstone");
            for (ConsumerRecord<String, String> record : records) {
                assertTrue(header(record, "traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}"),
                        "every message, the tombstone too, carries its trace (docs/asyncapi.yaml)");
            }
        }
    }

    @Test
    void anEventsAnnouncementContinuesTheTraceOfTheRequestThatMadeIt() throws Exception {
        org.kiezwerk.infra.LocalTraces.TraceParent caller = org.kiezwerk.infra.LocalTraces.newTraceParent();
        try (KafkaConsumer<String, String> consumer = consumerAtEnd()) {
            String id = given().contentType(ContentType.JSON).header("traceparent", caller.header()).body(stammtisch(CLUB))
                    .when().post("/api/v1/events").then().statusCode(201).extract().path("id");
            ConsumerRecord<String, String> announced = null;
            Instant deadline = Instant.now().plusSeconds(20);
            while (announced == null && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (id.equals(record.key())) {
                        announced = record;
                    }
                }
            }
            assertNotNull(announced, "announced on kiezwerk.events.v1");
            org.kiezwerk.infra.LocalTraces.TraceParent published =
                    org.kiezwerk.infra.LocalTraces.TraceParent.parse(header(announced, "traceparent"));
            assertEquals(caller.traceId(), published.traceId());
            List<org.kiezwerk.infra.LocalTraces.Span> trace = org.kiezwerk.infra.LocalTraces.fromEnvironment().await(
                    caller.traceId(), Duration.ofSeconds(30), spans -> spans.stream().anyMatch(sp -> sp.spanId().equals(published.spanId()))
                            && spans.stream().anyMatch(sp -> "SERVER".equals(sp.kind())));
            org.kiezwerk.infra.LocalTraces.Span request = org.kiezwerk.infra.LocalTraces.first(trace, "event-service", "SERVER").orElseThrow();
            // the outbox connector puts the row's traceparent on the record: the span of the request that wrote it
            org.kiezwerk.infra.LocalTraces.Span writer = trace.stream().filter(sp -> sp.spanId().equals(published.spanId()))
                    .findFirst().orElseThrow();
            assertEquals(caller.spanId(), request.parentSpanId());
            assertEquals("event-service", writer.service());
            assertTrue(writer.spanId().equals(request.spanId()) || org.kiezwerk.infra.LocalTraces.descends(writer, request, trace),
                    trace.toString());
        }
    }

    @Test
    void aStaleIfMatchIsRefused() {
        String id = create(stammtisch(PARISH));
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"title\": \"Stammtisch (neu)\"}")
                .when().patch("/api/v1/events/" + id).then().statusCode(200).header("ETag", "\"1\"");
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"title\": \"Stammtisch (alt)\"}")
                .when().patch("/api/v1/events/" + id).then().statusCode(412);
        given().when().get("/api/v1/events/" + id).then().body("title", is("Stammtisch (neu)"));
    }

    @Test
    void whenTheOnlyHostLeavesItsFutureEventsAreCancelledAndItsOtherRolesDropped() throws Exception {
        UUID leaving = UUID.randomUUID();
        publishPartner(leaving, "Verein auf Abschied", 0, "org.kiezwerk.partner.registered.v1");
        await(() -> QuarkusTransaction.requiringNew().call(() -> replicas.findById(leaving)) != null);
        Map<String, Object> own = stammtisch(leaving);
        own.put("recurrence", Map.of("rule", "FREQ=WEEKLY;BYDAY=TU"));
        String ownEvent = create(own);
        Map<String, Object> shared = stammtisch(CLUB);
        shared.put("partners", List.of(Map.of("partnerId", CLUB, "role", "host"),
                Map.of("partnerId", leaving, "role", "contributor", "contribution", "Catering")));
        String sharedEvent = create(shared);

        try (KafkaConsumer<String, String> consumer = consumerAtEnd()) {
            publishPartner(leaving, "Verein auf Abschied", 3, "org.kiezwerk.partner.removed.v1");
            await(() -> "cancelled".equals(given().when().get("/api/v1/events/" + ownEvent).then().extract().path("status")));
            await(() -> given().when().get("/api/v1/events/" + sharedEvent).then().extract().jsonPath().getList("partners").size() == 1);
            List<ConsumerRecord<String, String>> cancelled = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(20);
            while (cancelled.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (ownEvent.equals(r.key()) && "org.kiezwerk.event.cancelled.v1".equals(header(r, "ce_type"))) {
                        cancelled.add(r);
                    }
                });
            }
            assertEquals(1, cancelled.size(), "the cancellation is announced");
            assertEquals("/event-service", header(cancelled.get(0), "ce_source"));
            assertEquals("1.0", header(cancelled.get(0), "ce_specversion"));
            // what is published is what docs/schemas/event-message.v1.schema.json documents
            var documented = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7)
                    .getSchema(java.nio.file.Path.of(System.getProperty("kiezwerk.root", "../"))
                            .resolve("docs/schemas/event-message.v1.schema.json").toUri());
            var errors = documented.validate(new com.fasterxml.jackson.databind.ObjectMapper().readTree(cancelled.get(0).value()));
            assertTrue(errors.isEmpty(), errors + " in " + cancelled.get(0).value());
        }
        Map<String, Object> again = stammtisch(leaving);
        given().contentType(ContentType.JSON).body(again).when().post("/api/v1/events")
                .then().statusCode(422).body("errors[0].field", is("partners[0].partnerId"));
    }

    @Test
    void coProductionFiguresShowHowFarUpTheLadderCitizensCame() throws Exception {
        UUID centre = UUID.randomUUID();
        publishPartner(centre, "Familienzentrum Ladder", 0, "org.kiezwerk.partner.registered.v1");
        await(() -> QuarkusTransaction.requiringNew().call(() -> replicas.findById(centre)) != null);
        Map<String, Object> delivered = single(centre, "2027-05-04T17:00", "Nachbarschaftsfest");
        delivered.put("coProduction", Map.of("coDelivery", Map.of("citizens", 5, "note", "Kuchenbuffet der Nachbarn")));
        Map<String, Object> designed = single(centre, "2027-05-11T15:00", "Elterncafé");
        designed.put("coProduction", Map.of("coDesign", Map.of("groups", List.of("Eltern der Krabbelgruppe")),
                "coDelivery", Map.of("citizens", 3)));
        Map<String, Object> shared = single(centre, "2027-05-18T19:00", "Vortrag");
        shared.put("partners", List.of(Map.of("partnerId", centre, "role", "host"),
                Map.of("partnerId", PARISH, "role", "venue_provider")));
        create(delivered);
        create(designed);
        String talk = create(shared);

        JsonPath figures = given().queryParam("partner", centre.toString()).queryParam("from", "2027-05-01T00:00:00+02:00")
                .queryParam("to", "2027-06-01T00:00:00+02:00").when().get("/api/v1/events/coproduction")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(3, figures.getInt("events"));
        assertEquals(1, figures.getInt("sharedEvents"));
        assertEquals(0.333, figures.getDouble("sharedShare"), 1e-3);
        assertEquals(0.667, figures.getDouble("citizensInvolved.coDelivery"), 1e-3);
        assertEquals(0.333, figures.getDouble("citizensInvolved.coDesign"), 1e-3);
        assertEquals(0.0, figures.getDouble("citizensInvolved.coCommissioning"), 1e-3);
        assertEquals((1 + 3 + 0) / 3.0 / 4.0, figures.getDouble("depthScore"), 1e-3);

        // the same event as schema.org JSON-LD
        given().accept("application/ld+json").when().get("/api/v1/events/" + talk)
                .then().statusCode(200).contentType(containsString("application/ld+json"))
                .body("'@type'", is("Event"))
                .body("name", is("Vortrag"))
                .body("startDate", is("2027-05-18T19:00+02:00"))
                .body("eventStatus", is("https://schema.org/EventScheduled"))
                .body("organizer.name", hasItem("Familienzentrum Ladder"));
    }

    private static Map<String, Object> single(UUID host, String start, String title) {
        Map<String, Object> event = new HashMap<>();
        event.put("title", title);
        event.put("category", "meeting");
        event.put("start", start);
        event.put("end", java.time.LocalDateTime.parse(start).plusHours(2).toString());
        event.put("partners", List.of(Map.of("partnerId", host, "role", "host")));
        return event;
    }

    @Test
    void anIdenticalPutChangesNothingNotEvenTheCalendarSequence() {
        Map<String, Object> event = stammtisch(CLUB);
        event.put("title", "Vereinsabend " + UUID.randomUUID());
        String id = create(event);
        String feed = "/api/v1/events/calendar.ics?partner=" + CLUB + "&from=2027-01-01T00:00:00Z";
        String sequenceBefore = sequenceOf(given().when().get(feed).then().statusCode(200).extract().asString(), id);
        try (KafkaConsumer<String, String> consumer = consumerAtEnd()) {
            given().contentType(ContentType.JSON).body(event).when().put("/api/v1/events/" + id)
                    .then().statusCode(200).header("ETag", "\"0\"");
            assertEquals(sequenceBefore, sequenceOf(given().when().get(feed).then().statusCode(200).extract().asString(), id));
            List<String> announced = new ArrayList<>();
            Instant end = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(end)) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (id.equals(r.key())) {
                        announced.add(header(r, "ce_type"));
                    }
                });
            }
            assertEquals(List.of(), announced, "an identical PUT announces nothing");
        }
        // a real change is a new version and a new SEQUENCE
        event.put("title", event.get("title") + " (verlegt)");
        given().contentType(ContentType.JSON).body(event).when().put("/api/v1/events/" + id)
                .then().statusCode(200).header("ETag", "\"1\"");
        assertNotEquals(sequenceBefore, sequenceOf(given().when().get(feed).then().statusCode(200).extract().asString(), id));
    }

    /** The SEQUENCE lines of the event's components in a feed. */
    private static String sequenceOf(String calendar, String id) {
        List<String> sequences = new ArrayList<>();
        boolean inEvent = false;
        for (String line : calendar.split("\r\n")) {
            if (line.startsWith("UID:")) {
                inEvent = line.contains(id);
            } else if (inEvent && line.startsWith("SEQUENCE:")) {
                sequences.add(line);
            }
        }
        assertFalse(sequences.isEmpty(), "the feed holds the event " + id);
        return String.join(",", sequences);
    }

    @Test
    void hostileQueryValuesAndBodiesAreProblemsNamingNothingOfOurs() {
        for (String value : List.of("NaN", "2026-02-30", "true", "%FF%FE", "2026-01-01T00:00:00%5BMars%2FOlympus%5D", "1e400",
                "%2B999999999-12-31T23%3A59%3A59Z")) {
            for (String path : List.of("/api/v1/events/calendar.ics", "/api/v1/events/coproduction")) {
                var answer = given().urlEncodingEnabled(false).when().get(path + "?from=" + value);
                answer.then().statusCode(400).contentType("application/problem+json").body("errors[0].field", is("from"));
            }
        }
        given().urlEncodingEnabled(false).when().get("/api/v1/events/calendar.ics?neighbourhood=%00")
                .then().statusCode(400).contentType("application/problem+json");
        given().urlEncodingEnabled(false).when().get("/api/v1/events?q=%00")
                .then().statusCode(400).contentType("application/problem+json");
        for (String body : List.of("[1,2,3]", "\"text\"", "{\"title\": ", "{\"title\": \"A\\u0000B\"}")) {
            String answer = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/events")
                    .then().statusCode(400).contentType("application/problem+json").extract().asString();
            assertFalse(answer.contains("org.kiezwerk") || answer.contains("java.") || answer.contains("Exception"), answer);
        }
    }

    // ---- helpers

    private static String create(Map<String, Object> event) {
        return given().contentType(ContentType.JSON).body(event).when().post("/api/v1/events")
                .then().log().ifValidationFails().statusCode(201).header("ETag", "\"0\"").extract().path("id");
    }

    private void publishPartner(UUID id, String name, long version, String type) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, String> record = new ProducerRecord<>("kiezwerk.partners.v1", id.toString(),
                    "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"kind\":\"association\",\"version\":" + version + "}");
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", "/partner-service".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    private KafkaConsumer<String, String> consumerAtEnd() {
        return TopicReader.consumerAtEnd(bootstrapServers, "kiezwerk.events.v1");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return TopicReader.header(record, name);
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(condition);
    }
}
