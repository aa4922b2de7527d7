package org.kiezwerk.event.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kiezwerk.event.domain.AreaReplica;

/**
 * The area replica: written by upserts that are safe when two instances consume at once, read by
 * walking down the hierarchy with a recursive query.
 */
@ApplicationScoped
public class AreaReplicaRepository implements PanacheRepositoryBase<AreaReplica, String> {

    /**
     * Records an area as a message describes it. With {@code parentKnown} the parent is set (a moved
     * area gets its new one, the city none); without it an existing parent is kept. Writes nothing
     * when the area is already so.
     */
    public void upsert(String code, String name, String level, String parentCode, boolean parentKnown) {
        getEntityManager().createNativeQuery("insert into area_replica (code, name, level, parent_code, updated_at)"
                        // nullif: an untyped null parameter would not be bound as text
                        + " values (:code, :name, nullif(:level, ''), nullif(:parent, ''), now())"
                        + " on conflict (code) do update set name = excluded.name, level = excluded.level,"
                        + " parent_code = " + (parentKnown ? "excluded.parent_code" : "area_replica.parent_code") + ","
                        + " updated_at = excluded.updated_at"
                        + " where (area_replica.name, area_replica.level, area_replica.parent_code) is distinct from"
                        + " (excluded.name, excluded.level, " + (parentKnown ? "excluded.parent_code" : "area_replica.parent_code") + ")")
                .setParameter("code", code)
                .setParameter("name", name)
                .setParameter("level", level == null ? "" : level)
                .setParameter("parent", parentKnown && parentCode != null ? parentCode : "")
                .executeUpdate();
    }

    /** An area known only by its code (an older message's parentCode): recorded if it is not known yet. */
    public void recordIfAbsent(String code) {
        getEntityManager().createNativeQuery("insert into area_replica (code, name, level, parent_code, updated_at)"
                        + " values (:code, :code, null, null, now()) on conflict (code) do nothing")
                .setParameter("code", code)
                .executeUpdate();
    }

    /**
     * The given codes that are areas, and every area below them at any depth. UNION (not UNION ALL)
     * drops rows already found, so even a cycle left by messages out of order ends.
     */
    @SuppressWarnings("unchecked")
    public Set<String> withDescendants(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Set.of();
        }
        List<String> found = getEntityManager().createNativeQuery("with recursive below(code) as ("
                        + " select a.code from area_replica a where a.code = any(cast(:codes as text[]))"
                        + " union"
                        + " select a.code from area_replica a join below b on a.parent_code = b.code"
                        + ") select code from below", String.class)
                .setParameter("codes", array(codes))
                .getResultList();
        return new LinkedHashSet<>(found);
    }

    /** Of the given codes, those some event names. */
    @SuppressWarnings("unchecked")
    public Set<String> usedByEvents(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Set.of();
        }
        List<String> found = getEntityManager().createNativeQuery("select distinct e.neighbourhood from shared_event e"
                        + " where e.neighbourhood = any(cast(:codes as text[]))", String.class)
                .setParameter("codes", array(codes))
                .getResultList();
        return new LinkedHashSet<>(found);
    }

    /** A PostgreSQL array literal; area codes are lower-case letters, digits, - and _ only, so nothing needs quoting. */
    static String array(Collection<String> codes) {
        for (String code : codes) {
            if (!code.matches(CODE)) {
                throw new IllegalArgumentException("not an area code: " + code);
            }
        }
        return "{" + String.join(",", codes) + "}";
    }

    /** The directory's code format (partner-service Texts.CODE). */
    public static final String CODE = "[a-z0-9][a-z0-9_-]{0,79}";
}
