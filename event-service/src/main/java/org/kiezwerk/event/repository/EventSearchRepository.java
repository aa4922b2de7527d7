package org.kiezwerk.event.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hibernate.jpa.HibernateHints;
import org.kiezwerk.event.domain.EventCategory;
import org.kiezwerk.event.domain.EventQuery;

/** The events whose series touch a window and match the filters; their occurrences are expanded by the caller. */
@ApplicationScoped
public class EventSearchRepository {

    /** Rows read per round trip where a result is handed on row by row. */
    static final int FETCH_SIZE = 1000;

    @Inject
    EntityManager em;

    private static LocalDateTime local(Object value) {
        if (value instanceof LocalDateTime local) {
            return local;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        throw new IllegalStateException("unexpected time " + value);
    }

    private static List<LocalDateTime> locals(Object value) {
        if (value == null) {
            return List.of();
        }
        Object[] array;
        try {
            array = value instanceof Array sqlArray ? (Object[]) sqlArray.getArray() : (Object[]) value;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<LocalDateTime> locals = new ArrayList<>(array.length);
        for (Object item : array) {
            locals.add(local(item));
        }
        return locals;
    }

    /** What expanding a series needs, read without loading whole events. */
    public record Series(UUID id, String timeZone, LocalDateTime start, LocalDateTime end, String rrule,
            List<LocalDateTime> exdates, List<LocalDateTime> cancelled, String status) {
    }

    public List<UUID> candidates(EventQuery query) {
        List<UUID> ids = new ArrayList<>();
        series(query, false, s -> ids.add(s.id()));
        return ids;
    }

    /** The time zones of these events (a feed needs one VTIMEZONE per zone before its events). */
    public List<String> timeZones(List<UUID> ids) {
        return em.createQuery("select distinct e.timeZone from SharedEvent e where e.id in (:ids)", String.class)
                .setParameter("ids", ids).getResultList();
    }

    /**
     * The matching series with just their schedules, each handed to {@code each} as it is read: a search
     * expands these and loads only its page's events.
     */
    public void series(EventQuery query, Consumer<Series> each) {
        series(query, true, each);
    }

    /** The WHERE parts of a query: the window and every filter given. */
    private static List<String> filters(EventQuery query, Map<String, Object> params) {
        List<String> where = new ArrayList<>();
        where.add("e.first_start < :to and (e.last_end is null or e.last_end > :from)");
        params.put("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        params.put("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        if (!query.neighbourhoods().isEmpty()) {
            // the service expanded each code to its area and the areas below it: one array, however many
            where.add("e.neighbourhood = any(cast(:neighbourhoods as text[]))");
            params.put("neighbourhoods", AreaReplicaRepository.array(query.neighbourhoods()));
        }
        if (!query.partners().isEmpty()) {
            where.add("exists (select 1 from event_partner p where p.event_id = e.id and p.partner_id in (:partners))");
            params.put("partners", query.partners());
        }
        if (!query.targetGroups().isEmpty()) {
            where.add("e.target_groups && cast(:targetGroups as text[])");
            params.put("targetGroups", "{" + String.join(",", query.targetGroups()) + "}");
        }
        if (query.age() != null) {
            where.add("(e.age_min is not null or e.age_max is not null)"
                    + " and coalesce(e.age_min, 0) <= :age and coalesce(e.age_max, 200) >= :age");
            params.put("age", query.age());
        }
        if (query.freeOnly()) {
            where.add("e.cost_kind = 'FREE'");
        }
        if (query.childcareOnly()) {
            where.add("e.childcare");
        }
        if (query.stepFreeOnly()) {
            where.add("'step_free' = any(e.accessibility)");
        }
        if (!query.categories().isEmpty()) {
            where.add("e.category in (:categories)");
            params.put("categories", query.categories().stream().map(EventCategory::name).toList());
        }
        if (query.q() != null) {
            where.add("(e.title ilike :q or e.description ilike :q)");
            params.put("q", "%" + query.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return where;
    }

    /** One row per matching series that starts in the window: its co-production record, partner count, attendance. */
    public record FigureRow(String coProduction, int partners, Integer attendance) {
    }

    /**
     * Hands each row to {@code row} as it is read: a year of the city is 50,000 rows, which as one list (beside
     * the driver's copy of the whole result) took tens of MB of heap that young collections promoted and the
     * old generation then kept resident.
     */
    @SuppressWarnings("unchecked")
    public void figureRows(EventQuery query, Consumer<FigureRow> row) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = filters(query, params);
        where.add("e.first_start >= :from");
        Query sql = em.createNativeQuery("select cast(e.coproduction as text), (select count(distinct p.partner_id) from event_partner p"
                + " where p.event_id = e.id), e.attendance from shared_event e where " + String.join(" and ", where));
        params.forEach(sql::setParameter);
        // a fetch size makes the driver read through a cursor (in the transaction) instead of the whole result at once
        sql.setHint(HibernateHints.HINT_FETCH_SIZE, FETCH_SIZE);
        try (Stream<Object[]> rows = sql.getResultStream()) {
            rows.forEach(c -> row.accept(new FigureRow((String) c[0], ((Number) c[1]).intValue(),
                    c[2] == null ? null : ((Number) c[2]).intValue())));
        }
    }

    @SuppressWarnings("unchecked")
    private void series(EventQuery query, boolean withSchedules, Consumer<Series> each) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = filters(query, params);
        String columns = withSchedules
                ? "e.id, e.time_zone, e.start_local, e.end_local, e.rrule, e.exdates, e.status,"
                        + " (select array_agg(c.occurrence_local) from occurrence_cancellation c where c.event_id = e.id)"
                : "e.id";
        Query sql = em.createNativeQuery("select " + columns + " from shared_event e where " + String.join(" and ", where)
                + " order by e.first_start, e.id"); // every one: read through a cursor, only the page is kept (a limit of
                // 50,000 series here dropped the rest of a two-year window of a city with 50,000 events a year, silently)
        params.forEach(sql::setParameter);
        // read through a cursor, not the whole result at once: a week of the city touches thousands of series
        sql.setHint(HibernateHints.HINT_FETCH_SIZE, FETCH_SIZE);
        try (Stream<Object> rows = sql.getResultStream()) {
            rows.forEach(row -> {
                if (!withSchedules) {
                    each.accept(new Series((UUID) row, null, null, null, null, List.of(), List.of(), null));
                    return;
                }
                Object[] c = (Object[]) row;
                each.accept(new Series((UUID) c[0], (String) c[1], local(c[2]), local(c[3]), (String) c[4], locals(c[5]),
                        locals(c[7]), (String) c[6]));
            });
        }
    }
}
