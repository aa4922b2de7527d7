package org.kiezwerk.event.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events that ended but whose record was never closed (issue 17, freshness): their last end lies in a
 * window before now, they are not cancelled, and they are still planned or postponed (nobody said
 * they took place) or have no attendance recorded. A series without an end never ends.
 */
@ApplicationScoped
public class EndedEventsRepository {

    @Inject
    EntityManager em;

    /** One unclosed event: what the report shows of it. */
    public record Ended(UUID id, String title, String neighbourhood, String status, OffsetDateTime lastEnd, Integer attendance) {
    }

    /** A partner that hosts or co-hosts an event. */
    public record Host(UUID eventId, UUID partnerId, String role) {
    }

    /**
     * In the given areas (already expanded), ended in [since, until), oldest end first, after the
     * position (lastEnd, id) of a cursor; at most {@code limit} rows.
     */
    @SuppressWarnings("unchecked")
    public List<Ended> ended(Collection<String> neighbourhoods, Instant since, Instant until, Instant afterEnd, UUID afterId,
            int limit) {
        StringBuilder sql = new StringBuilder("select e.id, e.title, e.neighbourhood, e.status, e.last_end, e.attendance"
                + " from shared_event e where e.neighbourhood = any(cast(:neighbourhoods as text[]))"
                + " and e.last_end is not null and e.last_end >= :since and e.last_end < :until"
                + " and e.status <> 'CANCELLED' and (e.status in ('PLANNED', 'POSTPONED') or e.attendance is null)");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("neighbourhoods", AreaReplicaRepository.array(neighbourhoods));
        params.put("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
        params.put("until", OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
        if (afterEnd != null) {
            sql.append(" and (e.last_end > :afterEnd or (e.last_end = :afterEnd and e.id > :afterId))");
            params.put("afterEnd", OffsetDateTime.ofInstant(afterEnd, ZoneOffset.UTC));
            params.put("afterId", afterId);
        }
        sql.append(" order by e.last_end, e.id limit :limit");
        params.put("limit", limit);
        Query query = em.createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        List<Ended> found = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] c = (Object[]) row;
            found.add(new Ended((UUID) c[0], (String) c[1], (String) c[2], (String) c[3], time(c[4]),
                    c[5] == null ? null : ((Number) c[5]).intValue()));
        }
        return found;
    }

    /** The hosts and co-hosts of the events, hosts first. */
    @SuppressWarnings("unchecked")
    public List<Host> hosts(Collection<UUID> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<Host> hosts = new ArrayList<>();
        for (Object row : em.createNativeQuery("select p.event_id, p.partner_id, p.role from event_partner p"
                        + " where p.event_id in (:events) and p.role in ('HOST', 'CO_HOST')"
                        + " order by p.event_id, case p.role when 'HOST' then 0 else 1 end, p.partner_id")
                .setParameter("events", events).getResultList()) {
            Object[] c = (Object[]) row;
            hosts.add(new Host((UUID) c[0], (UUID) c[1], (String) c[2]));
        }
        return hosts;
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value instanceof Timestamp timestamp) {
            return OffsetDateTime.ofInstant(timestamp.toInstant(), ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected time " + value);
    }
}
