package org.kiezwerk.partner.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kiezwerk.partner.domain.Neighbourhood;

@ApplicationScoped
public class NeighbourhoodRepository implements PanacheRepositoryBase<Neighbourhood, UUID> {

    public Optional<Neighbourhood> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    public List<Neighbourhood> findByCodes(Collection<String> codes) {
        if (codes.size() == 1) {
            // one area is what almost every write names: Hibernate reuses a single-valued query's SQL,
            // while a list parameter is translated to SQL again on every call (a tenth of a write's CPU)
            return list("code", codes.iterator().next());
        }
        return codes.isEmpty() ? List.of() : list("code in ?1", codes);
    }

    /**
     * The codes of the neighbourhoods a text names: the one with that code, else those with that
     * name (compared folded: case, umlauts and accents do not matter).
     */
    @SuppressWarnings("unchecked")
    public List<String> named(String text) {
        List<String> codes = getEntityManager().createNativeQuery("select code from neighbourhood where code = :text"
                        + " or kiezwerk_fold(name) = kiezwerk_fold(:text) order by (code = :text) desc, code limit 6")
                .setParameter("text", text.strip()).getResultList();
        return !codes.isEmpty() && codes.get(0).equals(text.strip()) ? codes.subList(0, 1) : codes;
    }

    public boolean hasChildren(Neighbourhood area) {
        return count("parent", area) > 0;
    }

    public boolean hasPartners(Neighbourhood area) {
        return getEntityManager().createQuery("select count(p) from Partner p join p.neighbourhoods n where n = :area", Long.class)
                .setParameter("area", area).getSingleResult() > 0;
    }

    /** One page in code order, after the code the cursor names. */
    public List<Neighbourhood> page(String afterCode, String within, int limit) {
        if (within != null) {
            @SuppressWarnings("unchecked")
            List<UUID> ids = getEntityManager().createNativeQuery("""
                    with recursive area as (select id from neighbourhood where code = :within
                        union select n.id from neighbourhood n join area on n.parent_id = area.id)
                    select id from area""").setParameter("within", within).getResultList();
            return find("id in ?1 and code > ?2 order by code", ids, afterCode == null ? "" : afterCode).page(0, limit).list();
        }
        return find("code > ?1 order by code", afterCode == null ? "" : afterCode).page(0, limit).list();
    }
}
