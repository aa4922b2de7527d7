package org.kiezwerk.partner.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/** The gap view: for each quarter in an area and each target group, how many active partners serve it. */
@ApplicationScoped
public class GapRepository {

    public record Cell(String areaCode, String areaName, String targetGroup, long partners) {
    }

    @Inject
    EntityManager em;

    public List<Cell> cells(String areaCode) {
        List<?> rows = em.createNativeQuery("""
                with recursive area as (
                  select id, code, name, level from neighbourhood where code = :code
                  union
                  select n.id, n.code, n.name, n.level from neighbourhood n join area on n.parent_id = area.id)
                select a.code, a.name, t.code,
                       (select count(distinct p.id) from partner_neighbourhood pn join partner p on p.id = pn.partner_id
                        where pn.neighbourhood_id = a.id and p.status = 'ACTIVE'
                          and exists (select 1 from offer o join offer_target_group g on g.offer_id = o.id
                                      where o.partner_id = p.id and g.term_id = t.id))
                from area a cross join taxonomy_term t
                where a.level = 'QUARTER' and t.taxonomy = 'target_groups'
                order by a.code, t.code
                """).setParameter("code", areaCode).getResultList();
        List<Cell> cells = new ArrayList<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            cells.add(new Cell((String) c[0], (String) c[1], (String) c[2], ((Number) c[3]).longValue()));
        }
        return cells;
    }
}
