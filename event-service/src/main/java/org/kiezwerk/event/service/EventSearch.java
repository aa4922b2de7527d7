package org.kiezwerk.event.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.kiezwerk.commons.api.Admission;
import org.kiezwerk.event.config.EventsConfig;
import org.kiezwerk.event.domain.CoProduction;
import org.kiezwerk.event.domain.CoProductionFigures;
import org.kiezwerk.event.domain.EventQuery;
import org.kiezwerk.event.domain.EventStatus;
import org.kiezwerk.event.domain.FeedsBusyException;
import org.kiezwerk.event.domain.OccurrenceCancellation;
import org.kiezwerk.event.domain.Recurrence;
import org.kiezwerk.event.domain.SharedEvent;
import org.kiezwerk.event.repository.EventSearchRepository;
import org.kiezwerk.event.repository.SharedEventRepository;

/** Occurrences in a window: candidate series from the database, expanded and ordered here. */
@ApplicationScoped
public class EventSearch {

    @Inject
    EventSearchRepository search;

    @Inject
    SharedEventRepository events;

    @Inject
    AreaReplicas areas;

    @Inject
    EventsConfig config;

    private Admission largeFeeds;

    @PostConstruct
    void init() {
        largeFeeds = new Admission(config.concurrentLargeFeeds());
    }

    /** A place for one more large feed, or {@link FeedsBusyException} when as many as allowed are being written. */
    public Admission.Place admitLargeFeed() {
        return largeFeeds.enter().orElseThrow(FeedsBusyException::new);
    }

    /**
     * The query with each neighbourhood code expanded to the area and every area below it (a city
     * answers for its districts and quarters); an unknown code is an AreaNotFoundException.
     */
    private EventQuery withSubAreas(EventQuery query) {
        return query.neighbourhoods().isEmpty() ? query : query.withNeighbourhoods(areas.expand(query.neighbourhoods()));
    }

    public record Found(SharedEvent event, Recurrence.Occurrence occurrence) {
    }

    /** The matching events' ids (for feeds: whole series, not occurrences), by first start, then id. */
    @Transactional
    public List<UUID> eventIds(EventQuery query) {
        return search.candidates(withSubAreas(query));
    }

    /** The time zones these events are in. */
    @Transactional
    public Set<String> timeZones(List<UUID> ids) {
        Set<String> zones = new TreeSet<>();
        for (int i = 0; i < ids.size(); i += 1000) {
            zones.addAll(search.timeZones(ids.subList(i, Math.min(ids.size(), i + 1000))));
        }
        return zones;
    }

    /**
     * Loads these events (in the order of {@code ids}) and hands them to {@code use}, in a transaction of its own:
     * when it ends, the events leave memory with it, so that a feed read in batches holds one batch at a time.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T withEvents(List<UUID> ids, Function<List<SharedEvent>, T> use) {
        Map<UUID, Integer> order = new HashMap<>();
        ids.forEach(id -> order.put(id, order.size()));
        List<SharedEvent> found = new ArrayList<>(events.list("id in ?1", ids));
        found.sort(Comparator.comparing(e -> order.get(e.id)));
        return use.apply(found);
    }

    /**
     * Occurrences in the window after the position (start, event id) of the cursor, in order; at most
     * {@code limit + 1}, so the caller knows whether there is a next page.
     */
    @Transactional
    public List<Found> occurrences(EventQuery query, Instant afterStart, UUID afterEvent, int limit) {
        // expand the schedules only; load whole events just for the page. Only the page is kept while
        // expanding (a heap whose head is its latest occurrence), not every occurrence of the window.
        Comparator<Found> order = Comparator.comparing((Found f) -> f.occurrence().start().toInstant())
                .thenComparing(f -> f.event().id);
        PriorityQueue<Found> kept = new PriorityQueue<>(limit + 2, order.reversed());
        search.series(withSubAreas(query), series -> {
            SharedEvent schedule = schedule(series);
            for (Recurrence.Occurrence occurrence : Recurrence.between(schedule, query.from(), query.to())) {
                if (query.timesOfDay().isEmpty()
                        || query.timesOfDay().contains(EventQuery.TimeOfDay.of(occurrence.start().toLocalTime()))) {
                    Instant start = occurrence.start().toInstant();
                    boolean after = afterStart == null || start.isAfter(afterStart)
                            || start.equals(afterStart) && schedule.id.compareTo(afterEvent) > 0;
                    if (after) {
                        kept.add(new Found(schedule, occurrence));
                        if (kept.size() > limit + 1) {
                            kept.poll();
                        }
                    }
                }
            }
        });
        List<Found> page = new ArrayList<>(kept);
        page.sort(order);
        Map<UUID, SharedEvent> loaded = new HashMap<>();
        List<UUID> ids = page.stream().map(f -> f.event().id).distinct().toList();
        if (!ids.isEmpty()) {
            events.list("id in ?1", ids).forEach(e -> loaded.put(e.id, e));
        }
        return page.stream().map(f -> new Found(loaded.get(f.event().id), f.occurrence())).toList();
    }

    @Inject
    ObjectMapper json;

    /** Co-production figures of the series that start in the query's window. */
    @Transactional
    public CoProductionFigures coProduction(EventQuery query) {
        // counted row by row as the database hands them over: nothing of a city's year is held at once
        CoProductionFigures.Tally tally = new CoProductionFigures.Tally();
        ObjectReader records = json.readerFor(CoProduction.class);
        search.figureRows(withSubAreas(query), row -> {
            try {
                tally.add(new CoProductionFigures.Entry(records.readValue(row.coProduction()), row.partners(), row.attendance()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored co-production record is not readable", e);
            }
        });
        return tally.figures();
    }

    /** A detached stand-in carrying only what expansion reads. */
    private static SharedEvent schedule(EventSearchRepository.Series series) {
        SharedEvent schedule = new SharedEvent();
        schedule.id = series.id();
        schedule.timeZone = series.timeZone();
        schedule.start = series.start();
        schedule.end = series.end();
        schedule.rrule = series.rrule();
        schedule.exdates = series.exdates();
        schedule.status = EventStatus.valueOf(series.status());
        schedule.cancellations = series.cancelled().stream()
                .map(at -> OccurrenceCancellation.of(at, null)).toList();
        return schedule;
    }
}
