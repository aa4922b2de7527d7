package org.kiezwerk.event.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kiezwerk.event.domain.EventCategory;
import org.kiezwerk.event.service.EventQuery;

/** The events whose series touch a window and match the filters; their occurrences are expanded by the caller. */
@ApplicationScoped
public class EventSearchRepository {

    @Inject
    EntityManager em;

    @SuppressWarnings("unchecked")
    public List<UUID> candidates(EventQuery query) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = new ArrayList<>();
        where.add("e.first_start < :to and (e.last_end is null or e.last_end > :from)");
        params.put("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        params.put("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        if (!query.neighbourhoods().isEmpty()) {
            where.add("e.neighbourhood in (:neighbourhoods)");
            params.put("neighbourhoods", query.neighbourhoods());
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
        Query sql = em.createNativeQuery("select e.id from shared_event e where " + String.join(" and ", where)
                + " order by e.first_start, e.id limit 20000");
        params.forEach(sql::setParameter);
        return sql.getResultList();
    }
}
