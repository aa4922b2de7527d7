package org.kiezwerk.event.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.commons.api.Admission;
import org.kiezwerk.commons.api.Bodies;
import org.kiezwerk.commons.api.CallerRules;
import org.kiezwerk.commons.api.Conditions;
import org.kiezwerk.commons.api.Created;
import org.kiezwerk.commons.api.Cursors;
import org.kiezwerk.commons.api.InvalidQueryException;
import org.kiezwerk.commons.api.MergePatch;
import org.kiezwerk.commons.api.Page;
import org.kiezwerk.commons.api.Problem;
import org.kiezwerk.commons.api.QueryParams;
import org.kiezwerk.commons.api.RequestId;
import org.kiezwerk.commons.api.Texts;
import org.kiezwerk.commons.domain.Editor;
import org.kiezwerk.commons.idempotency.IdempotentCreation;
import org.kiezwerk.event.config.EventsConfig;
import org.kiezwerk.event.domain.CoProductionFigures;
import org.kiezwerk.event.domain.EventCategory;
import org.kiezwerk.event.domain.EventQuery;
import org.kiezwerk.event.domain.PartnerRole;
import org.kiezwerk.event.domain.Recurrence;
import org.kiezwerk.event.domain.SharedEvent;
import org.kiezwerk.event.service.EndedEvents;
import org.kiezwerk.event.service.EventChange;
import org.kiezwerk.event.service.EventSearch;
import org.kiezwerk.event.service.EventService;

@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "Shared events partners put on together, their occurrences, iCalendar and Atom feeds.")
public class EventResource {

    static final String PATH = "/api/v1/events/";

    static final String AREA_FILTER = "Area codes (city, district or quarter); each includes every area below it. A code that is"
            + " neither an area of the directory nor named by an event is a 404 problem.";

    @Inject
    EventService events;

    @Inject
    EventSearch search;

    @Inject
    EndedEvents endedEvents;

    @Inject
    IdempotentCreation idempotent;

    @Inject
    Bodies bodies;

    @Inject
    RequestId requestId;

    @Inject
    EventsConfig config;

    @Inject
    RoutingContext routing;

    @Inject
    SecurityIdentity identity;

    @PermitAll
    @GET
    @Transactional
    @Operation(summary = "Search occurrences in a time window",
            description = "Recurring events are expanded inside the window; results are occurrences with their event, by start.")
    public Page<OccurrenceView> search(
            @Parameter(description = "Window start (ISO-8601 with offset); default now.") @QueryParam("from") String from,
            @Parameter(description = "Window end; default 90 days after from, at most 2 years.") @QueryParam("to") String to,
            @Parameter(description = AREA_FILTER) @QueryParam("neighbourhood") List<String> neighbourhood,
            @Parameter(description = "Partner ids, in any role.") @QueryParam("partner") List<String> partner,
            @QueryParam("targetGroup") List<String> targetGroup, @QueryParam("age") String age,
            @Parameter(description = "Only free events.") @QueryParam("free") String free,
            @Parameter(description = "Only events with childcare.") @QueryParam("childcare") String childcare,
            @Parameter(description = "Only step-free events.") @QueryParam("stepFree") String stepFree,
            @QueryParam("category") List<String> category, @Parameter(description = "Text in title or description.") @QueryParam("q") String q,
            @Parameter(description = "morning (before 12), afternoon (12–17), evening (from 17), local time.")
            @QueryParam("timeOfDay") List<String> timeOfDay,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        EventQuery query = query(from, to, neighbourhood, partner, targetGroup, age, free, childcare, stepFree, category, q,
                timeOfDay);
        int size = Cursors.limit(QueryParams.integer("limit", limit, 1, 200));
        Instant afterStart = null;
        UUID afterEvent = null;
        String position = Cursors.decode(cursor);
        if (position != null) {
            try {
                String[] parts = position.split("\n");
                afterStart = Instant.parse(parts[0]);
                afterEvent = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw new InvalidQueryException("cursor", "is not a cursor from an earlier answer");
            }
        }
        List<EventSearch.Found> found = search.occurrences(query, afterStart, afterEvent, size);
        Map<UUID, String> names = names(found.stream().map(EventSearch.Found::event).toList());
        List<OccurrenceView> items = found.stream().limit(size).map(f -> new OccurrenceView(f.event().id,
                f.occurrence().start().toOffsetDateTime(), f.occurrence().end().toOffsetDateTime(), f.occurrence().cancelled(),
                EventView.of(f.event(), names))).toList();
        String next = found.size() > size ? Cursors.encode(items.get(size - 1).start().toInstant() + "\n" + items.get(size - 1).eventId())
                : null;
        return new Page<>(items, next, null);
    }

    @PermitAll
    @GET
    @Path("/calendar.ics")
    @Produces("text/calendar")
    @Operation(summary = "An iCalendar feed (RFC 5545) of all events or of any search",
            description = "The same filters as the search, e.g. ?partner=<id> for one partner's or ?neighbourhood=lindenhof for a"
                    + " neighbourhood's events. Series come whole (RRULE, EXDATE); the window only picks which series.")
    @APIResponse(responseCode = "200", description = "The feed.", content = @Content(mediaType = "text/calendar"))
    @APIResponse(responseCode = "503", description = "A large feed (more series than kiezwerk.events.large-feed-series) while as"
            + " many large feeds as the service writes at once are under way; try again after Retry-After.",
            content = @Content(mediaType = "application/problem+json"))
    public Response calendar(@QueryParam("from") String from, @QueryParam("to") String to,
            @Parameter(description = AREA_FILTER) @QueryParam("neighbourhood") List<String> neighbourhood, @QueryParam("partner") List<String> partner,
            @QueryParam("targetGroup") List<String> targetGroup, @QueryParam("age") String age, @QueryParam("free") String free,
            @QueryParam("childcare") String childcare, @QueryParam("stepFree") String stepFree,
            @QueryParam("category") List<String> category, @QueryParam("q") String q) {
        // a subscription wants the recent past and the future, not the next 90 days only
        OffsetDateTime start = QueryParams.time("from", from);
        start = start != null ? start : OffsetDateTime.now().minusDays(90);
        String windowFrom = start.toString();
        String windowTo = to != null ? to : start.plusYears(2).toString();
        EventQuery query = query(windowFrom, windowTo, neighbourhood, partner, targetGroup, age, free, childcare, stepFree,
                category, q, null);
        // bad input and unknown areas are answered here, before the first byte of the feed
        List<UUID> ids = search.eventIds(query);
        Set<String> zones = search.timeZones(ids);
        String name = "Kiezwerk" + (query.neighbourhoods().isEmpty() ? "" : " " + String.join(", ", query.neighbourhoods()));
        Instant stamp = Instant.now();
        // the events are read and written a batch at a time, each batch in a transaction of its own: the whole city's
        // feed (tens of thousands of series) would otherwise sit in the heap three times over (entities, iCal4j's model, text)
        int batch = config.feedBatch();
        if (ids.size() > config.largeFeedSeries()) {
            // the whole city's feed: seconds of CPU while it streams; a place among the large feeds, given back when
            // the exchange ends (written, failed or abandoned)
            Admission.Place place = search.admitLargeFeed();
            routing.addEndHandler(done -> place.close());
        }
        StreamingOutput feed = out -> {
            CalendarFeed.Writer calendar = new CalendarFeed.Writer(out, name, zones);
            for (int i = 0; i < ids.size(); i += batch) {
                calendar.write(search.withEvents(ids.subList(i, Math.min(ids.size(), i + batch)),
                        events -> CalendarFeed.events(events, names(events), stamp)));
            }
            calendar.finish();
        };
        return Response.ok(feed, CalendarFeed.MEDIA_TYPE).build();
    }

    /** Entries in one feed: enough for a blog's sidebar and a reader, cheap to serve. */
    static final int FEED_ENTRIES = 200;

    @PermitAll
    @GET
    @Path("/feed.atom")
    @Produces(AtomFeed.MEDIA_TYPE)
    @Transactional
    @Operation(summary = "An Atom feed (RFC 4287) of an area's or a partner's upcoming events",
            description = "One entry per occurrence in the window (at most 200, by start); a cancelled occurrence or event stays,"
                    + " its title starting with 'Abgesagt: '. With ?partner= only events the partner hosts or co-hosts. Answers"
                    + " carry an ETag and Cache-Control: public, max-age=300; If-None-Match with the ETag gets 304.")
    @APIResponse(responseCode = "200", description = "The feed.", content = @Content(mediaType = AtomFeed.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match.")
    @APIResponse(responseCode = "400", description = "A parameter that is not valid; `errors` names it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "An unknown area code.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response feed(@Parameter(description = AREA_FILTER) @QueryParam("neighbourhood") List<String> neighbourhood,
            @Parameter(description = "Partner ids: events any of them hosts or co-hosts.") @QueryParam("partner") List<String> partner,
            @Parameter(description = "Window start (ISO-8601 with offset); default now.") @QueryParam("from") String from,
            @Parameter(description = "Window length in days, 1 to 366; default 90.") @QueryParam("days") String days,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        OffsetDateTime start = QueryParams.time("from", from);
        Instant windowStart = start == null ? Instant.now() : start.toInstant();
        Integer length = QueryParams.integer("days", days, 1, 366);
        Instant windowEnd = windowStart.plus(Duration.ofDays(length == null ? 90 : length));
        EventQuery query = query(windowStart.toString(), windowEnd.toString(), neighbourhood, partner, null, null, null, null, null,
                null, null, null);
        // the search finds a partner in any role; the feed is what the partner puts on: page on until the feed is full
        // (one cut of 1,000 left a venue's or contributor's own later events out, silently)
        List<EventSearch.Found> found = new ArrayList<>();
        Instant afterStart = null;
        UUID afterEvent = null;
        while (found.size() < FEED_ENTRIES) {
            List<EventSearch.Found> page = search.occurrences(query, afterStart, afterEvent, 5 * FEED_ENTRIES);
            page.stream().filter(f -> query.partners().isEmpty() || f.event().partners.stream().anyMatch(p -> query.partners().contains(p.partnerId)
                    && (p.role == PartnerRole.HOST || p.role == PartnerRole.CO_HOST))).limit(FEED_ENTRIES - found.size()).forEach(found::add);
            if (page.size() < 5 * FEED_ENTRIES || query.partners().isEmpty()) {
                break;
            }
            EventSearch.Found last = page.get(page.size() - 1);
            afterStart = last.occurrence().start().toInstant();
            afterEvent = last.event().id;
        }
        Map<UUID, String> names = new HashMap<>(names(found.stream().map(EventSearch.Found::event).distinct().toList()));
        names.putAll(events.partnerNames(new HashSet<>(query.partners())));
        List<String> titled = new ArrayList<>(query.neighbourhoods());
        query.partners().forEach(p -> titled.add(names.getOrDefault(p, p.toString())));
        String title = "Kiezwerk: Termine" + (titled.isEmpty() ? "" : " – " + String.join(", ", titled));
        StringBuilder self = new StringBuilder(PATH + "feed.atom");
        char separator = '?';
        for (String code : query.neighbourhoods()) {
            self.append(separator).append("neighbourhood=").append(code);
            separator = '&';
        }
        for (UUID p : query.partners()) {
            self.append(separator).append("partner=").append(p);
            separator = '&';
        }
        AtomFeed.Written feed = AtomFeed.write(title, self.toString(), found, names,
                windowStart.truncatedTo(ChronoUnit.DAYS));
        EntityTag etag = new EntityTag(AtomFeed.fingerprint(feed.body()));
        // a feed reader polls: the same content is a 304 without a body
        Response.ResponseBuilder answer = ifNoneMatch != null && matches(ifNoneMatch, etag) ? Response.notModified()
                : Response.ok(feed.body(), AtomFeed.MEDIA_TYPE + "; charset=utf-8");
        return answer.tag(etag).lastModified(Date.from(feed.updated()))
                .header("Cache-Control", "public, max-age=300").build();
    }

    /** If-None-Match: *, or a list of tags, weak or strong (weak comparison, RFC 9110 13.1.2). */
    private static boolean matches(String ifNoneMatch, EntityTag etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.replaceFirst("^W/", "").equals("\"" + etag.getValue() + "\"")) {
                return true;
            }
        }
        return false;
    }

    @PermitAll
    @GET
    @Path("/ended")
    @Transactional
    @Operation(summary = "Events that ended but were never closed (stale-entry report)",
            description = "An area's events (with every area below it) whose last occurrence ended in the last `days` days,"
                    + " that are not cancelled, and that are still planned or postponed (nobody confirmed they took place) or have"
                    + " no attendance recorded. Each says what it needs and who hosts it; oldest end first. A series without an"
                    + " end never ends and is not listed.")
    @APIResponse(responseCode = "200", description = "One page of ended, unclosed events.")
    @APIResponse(responseCode = "400", description = "A parameter that is not valid, or no neighbourhood; `errors` names it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "An unknown area code.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<EndedEventView> ended(
            @Parameter(description = AREA_FILTER + " Required.", required = true) @QueryParam("neighbourhood") List<String> neighbourhood,
            @Parameter(description = "How far back, in days, 1 to 730; default 365.") @QueryParam("days") String days,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        List<String> neighbourhoods = QueryParams.values(neighbourhood);
        if (neighbourhoods.isEmpty()) {
            throw new InvalidQueryException("neighbourhood", "is required: the area whose ended events to list");
        }
        for (String code : neighbourhoods) {
            if (!code.matches(Texts.CODE)) {
                throw new InvalidQueryException("neighbourhood", Texts.CODE_MESSAGE);
            }
        }
        Integer back = QueryParams.integer("days", days, 1, 730);
        int size = Cursors.limit(QueryParams.integer("limit", limit, 1, 200));
        Instant afterEnd = null;
        UUID afterId = null;
        String position = Cursors.decode(cursor);
        if (position != null) {
            try {
                String[] parts = position.split("\n");
                afterEnd = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw new InvalidQueryException("cursor", "is not a cursor from an earlier answer");
            }
        }
        List<EndedEvents.Entry> found = endedEvents.ended(neighbourhoods, back == null ? 365 : back,
                Instant.now(), afterEnd, afterId, size);
        List<EndedEventView> items = found.stream().limit(size).map(EndedEventView::of).toList();
        String next = found.size() > size
                ? Cursors.encode(items.get(size - 1).lastEnd().toInstant() + "\n" + items.get(size - 1).id()) : null;
        return new Page<>(items, next, null);
    }

    @PermitAll
    @GET
    @Path("/coproduction")
    @Transactional
    @Operation(summary = "Co-production figures for a partner, a neighbourhood or the city over a period",
            description = "Counts events (series) that start in the window (default: the last 365 days): how many, the share put"
                    + " on by two or more partners, the share with citizens in each phase, and a depth score from 0 (citizens"
                    + " never took part) to 1 (they always helped commission): none 0, co-delivery 1, co-assessment 2,"
                    + " co-design 3, co-commissioning 4, averaged and divided by 4.")
    public CoProductionFigures coProduction(@QueryParam("from") String from, @QueryParam("to") String to,
            @Parameter(description = AREA_FILTER) @QueryParam("neighbourhood") List<String> neighbourhood, @QueryParam("partner") List<String> partner,
            @QueryParam("category") List<String> category) {
        OffsetDateTime start = QueryParams.time("from", from);
        start = start != null ? start : OffsetDateTime.now().minusDays(365);
        String windowFrom = start.toString();
        String windowTo = to != null ? to : start.plusDays(365).toString();
        EventQuery query = query(windowFrom, windowTo, neighbourhood, partner, null, null, null, null, null, category, null, null);
        // series that start in the window, each counted once
        return search.coProduction(query);
    }

    private EventQuery query(String from, String to, List<String> neighbourhood, List<String> partner, List<String> targetGroup,
            String age, String free, String childcare, String stepFree, List<String> category, String q, List<String> timeOfDay) {
        OffsetDateTime start = QueryParams.time("from", from);
        Instant windowStart = start == null ? Instant.now() : start.toInstant();
        OffsetDateTime end = QueryParams.time("to", to);
        Instant windowEnd = end == null ? windowStart.plus(Duration.ofDays(90)) : end.toInstant();
        if (!windowEnd.isAfter(windowStart)) {
            throw new InvalidQueryException("to", "must be after from");
        }
        if (Duration.between(windowStart, windowEnd).toDays() > 731) {
            throw new InvalidQueryException("to", "the window may span at most two years");
        }
        List<UUID> partners = QueryParams.values(partner).stream().map(p -> QueryParams.uuid("partner", p)).toList();
        List<String> neighbourhoods = QueryParams.values(neighbourhood);
        for (String code : neighbourhoods) {
            if (!code.matches(Texts.CODE)) {
                throw new InvalidQueryException("neighbourhood", Texts.CODE_MESSAGE);
            }
        }
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && (text.length() > 200 || !text.matches(Texts.PLAIN))) {
            throw new InvalidQueryException("q", "must be at most 200 characters without control characters");
        }
        return new EventQuery(windowStart, windowEnd, neighbourhoods, partners, QueryParams.values(targetGroup),
                QueryParams.integer("age", age, 0, 120), QueryParams.flag("free", free), QueryParams.flag("childcare", childcare),
                QueryParams.flag("stepFree", stepFree), QueryParams.enums("category", category, EventCategory.class), text,
                QueryParams.enums("timeOfDay", timeOfDay, EventQuery.TimeOfDay.class));
    }

    private Map<UUID, String> names(List<SharedEvent> found) {
        Set<UUID> ids = new HashSet<>();
        for (SharedEvent e : found) {
            e.partners.forEach(p -> ids.add(p.partnerId));
            if (e.venuePartnerId != null) {
                ids.add(e.venuePartnerId);
            }
        }
        return events.partnerNames(ids);
    }

    @RolesAllowed({"events:write", "admin"})
    @POST
    @Operation(summary = "Schedule a shared event")
    @APIResponse(responseCode = "201", description = "Scheduled; Location names it, ETag carries its version.",
            content = @Content(schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body; `errors` names each field.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A partner the directory does not have, no host, or a reused Idempotency-Key.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) @Pattern(regexp = "[\\x21-\\x7e]*",
                    message = "must be printable ASCII without spaces") String idempotencyKey,
            @NotNull @Valid EventDraft draft) {
        Editor by = CallerRules.editor(identity);
        EventChange change = draft.toChange(config.defaultTimeZone().getId());
        events.requireHostedBy(by, null, change); // before a replay too: a key is no way round the rule
        IdempotentCreation.Answer<EventView> answer = idempotent.create(idempotencyKey, "POST " + PATH, draft, EventView.class, () -> {
            SharedEvent event = events.create(change, by, requestId.value());
            return EventView.of(event, names(List.of(event)));
        });
        EventView view = answer.view();
        return Created.answer(PATH + view.id(), view.version(), view, answer.replayed());
    }

    @PermitAll
    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Read an event")
    public Response get(@PathParam("id") UUID id) {
        SharedEvent event = events.get(id);
        return Response.ok(EventView.of(event, names(List.of(event)))).tag(Conditions.etag(event.version)).build();
    }

    @PermitAll
    @GET
    @Path("/{id}")
    @Produces(EventJsonLd.MEDIA_TYPE)
    @Transactional
    @Operation(summary = "Read an event as schema.org Event (JSON-LD)", description = "Ask with Accept: application/ld+json.")
    public Response getJsonLd(@PathParam("id") UUID id) {
        SharedEvent event = events.get(id);
        return Response.ok(EventJsonLd.of(event, names(List.of(event))), EventJsonLd.MEDIA_TYPE)
                .tag(Conditions.etag(event.version)).build();
    }

    @PermitAll
    @GET
    @Path("/{id}/occurrences")
    @Transactional
    @Operation(summary = "An event's occurrences in a window (default: the next 90 days)")
    public List<OccurrenceView> occurrences(@PathParam("id") UUID id, @QueryParam("from") String from, @QueryParam("to") String to) {
        SharedEvent event = events.get(id);
        EventQuery window = query(from, to, null, null, null, null, null, null, null, null, null, null);
        EventView view = EventView.of(event, names(List.of(event)));
        return Recurrence.between(event, window.from(), window.to()).stream()
                .map(o -> new OccurrenceView(id, o.start().toOffsetDateTime(), o.end().toOffsetDateTime(), o.cancelled(), view))
                .toList();
    }

    @RolesAllowed({"events:write", "admin"})
    @PUT
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Replace an event, or create it under this id")
    @APIResponse(responseCode = "200", description = "Replaced.", content = @Content(schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "201", description = "Created under this id.", content = @Content(schema = @Schema(implementation = EventView.class)))
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid EventDraft draft) {
        EventService.Saved saved = events.put(id, draft.toChange(config.defaultTimeZone().getId()),
                Conditions.expectedVersion(ifMatch), CallerRules.editor(identity), requestId.value());
        return Created.saved(PATH + id, saved.event().version, EventView.of(saved.event(), names(List.of(saved.event()))),
                saved.created());
    }

    @RolesAllowed({"events:write", "admin"})
    @PATCH
    @Path("/{id}")
    @Transactional
    @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change some fields of an event (JSON Merge Patch, RFC 7396)")
    @APIResponse(responseCode = "200", description = "Changed.", content = @Content(schema = @Schema(implementation = EventView.class)))
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Schema(implementation = Object.class) String patch) throws JsonProcessingException {
        Long expected = Conditions.expectedVersion(ifMatch);
        SharedEvent current = events.get(id);
        EventDraft merged = bodies.patched(EventDraft.of(current), patch, EventDraft.class);
        EventService.Saved saved = events.put(id, merged.toChange(config.defaultTimeZone().getId()),
                expected != null && expected >= 0 ? expected : current.version, CallerRules.editor(identity), requestId.value());
        return Response.ok(EventView.of(saved.event(), names(List.of(saved.event())))).tag(Conditions.etag(saved.event().version))
                .build();
    }

    @RolesAllowed({"events:write", "admin"})
    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD) // no body needed: a bare POST cancels
    @Transactional
    @Operation(summary = "Cancel the whole event", description = "It stays, as STATUS:CANCELLED in the feeds.")
    @APIResponse(responseCode = "200", description = "The cancelled event.", content = @Content(schema = @Schema(implementation = EventView.class)))
    public Response cancel(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        SharedEvent event = events.cancel(id, Conditions.expectedVersion(ifMatch), CallerRules.editor(identity), requestId.value());
        return Response.ok(EventView.of(event, names(List.of(event)))).tag(Conditions.etag(event.version)).build();
    }

    @Schema(name = "OccurrenceCancellation")
    public record OccurrenceCancellationBody(
            @Schema(description = "The occurrence's local start.", examples = "2027-04-13T19:00") @NotNull LocalDateTime occurrence,
            @Size(max = 500) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String reason) {
    }

    @RolesAllowed({"events:write", "admin"})
    @POST
    @Path("/{id}/occurrences/cancel")
    @Transactional
    @Operation(summary = "Cancel one occurrence of a recurring event")
    @APIResponse(responseCode = "200", description = "The event with the occurrence cancelled.", content = @Content(schema = @Schema(implementation = EventView.class)))
    public Response cancelOccurrence(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid OccurrenceCancellationBody body) {
        SharedEvent event = events.cancelOccurrence(id, body.occurrence(), body.reason(), Conditions.expectedVersion(ifMatch),
                CallerRules.editor(identity), requestId.value());
        return Response.ok(EventView.of(event, names(List.of(event)))).tag(Conditions.etag(event.version)).build();
    }

    @RolesAllowed({"events:write", "admin"})
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an event", description = "Announced as org.kiezwerk.event.removed.v1 followed by a tombstone.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    public Response remove(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        events.remove(id, Conditions.expectedVersion(ifMatch), CallerRules.editor(identity), requestId.value());
        return Response.noContent().build();
    }
}
