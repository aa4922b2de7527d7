package org.kiezwerk.partner.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.partner.domain.StaleEntry;

/** Entries of an area that nobody has confirmed for a while: active partners and their offers, oldest first. */
@ApplicationScoped
public class StaleRepository {

    @Inject
    EntityManager em;

    /**
     * Partners linked to the area or an area below it, and their offers, confirmed before
     * {@code before}; ordered by confirmation time, then id, after the given position.
     */
    public List<StaleEntry> stale(UUID areaId, OffsetDateTime before, OffsetDateTime afterAt, UUID afterId, int limit) {
        String sql = """
                with recursive area as (
                  select id from neighbourhood where id = :area
                  union
                  select n.id from neighbourhood n join area on n.parent_id = area.id),
                inside as (
                  select distinct p.id, p.name, p.email, p.phone, p.website, c.bounced_at, c.answer from partner p
                  join partner_neighbourhood pn on pn.partner_id = p.id join area a on a.id = pn.neighbourhood_id
                  left join contact_mail_check c on c.partner_id = p.id and lower(c.email) = lower(p.email)
                  where p.status = 'ACTIVE'),
                entry as (
                  select 'partner' as type, p.id, p.id as partner_id, p.name, p.name as partner_name, p.confirmed_at,
                         p.confirmed_by, i.email, i.phone, i.website, i.bounced_at, i.answer
                  from partner p join inside i on i.id = p.id
                  union all
                  select 'offer', o.id, i.id, o.name, i.name, o.confirmed_at, o.confirmed_by, i.email, i.phone, i.website,
                         i.bounced_at, i.answer
                  from offer o join inside i on i.id = o.partner_id)
                select type, id, partner_id, name, partner_name, confirmed_at, confirmed_by, email, phone, website,
                       confirmed_at < :before, bounced_at, answer
                from entry where (confirmed_at < :before or (type = 'partner' and bounced_at is not null))
                """ + (afterAt == null ? "" : " and (confirmed_at, id) > (:afterAt, :afterId)") + """
                 order by confirmed_at, id limit :limit""";
        Query query = em.createNativeQuery(sql).setParameter("area", areaId).setParameter("before", before)
                .setParameter("limit", limit);
        if (afterAt != null) {
            query.setParameter("afterAt", afterAt).setParameter("afterId", afterId);
        }
        List<StaleEntry> entries = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] c = (Object[]) row;
            entries.add(new StaleEntry((String) c[0], (UUID) c[1], (UUID) c[2], (String) c[3], (String) c[4], time(c[5]),
                    (String) c[6], (String) c[7], (String) c[8], (String) c[9], Boolean.TRUE.equals(c[10]),
                    c[11] == null ? null : time(c[11]), (String) c[12]));
        }
        return entries;
    }

    static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected time " + value);
    }
}
