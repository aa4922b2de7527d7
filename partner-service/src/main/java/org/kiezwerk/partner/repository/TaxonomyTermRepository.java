package org.kiezwerk.partner.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kiezwerk.partner.domain.Taxonomy;
import org.kiezwerk.partner.domain.TaxonomyTerm;

@ApplicationScoped
public class TaxonomyTermRepository implements PanacheRepositoryBase<TaxonomyTerm, UUID> {

    public Optional<TaxonomyTerm> findByCode(Taxonomy taxonomy, String code) {
        return find("taxonomy = ?1 and code = ?2", taxonomy, code).firstResultOptional();
    }

    public List<TaxonomyTerm> findByCodes(Taxonomy taxonomy, Collection<String> codes) {
        return codes.isEmpty() ? List.of() : list("taxonomy = ?1 and code in ?2", taxonomy, codes);
    }

    public List<TaxonomyTerm> page(Taxonomy taxonomy, String afterCode, int limit) {
        return find("taxonomy = ?1 and code > ?2 order by code", taxonomy, afterCode == null ? "" : afterCode).page(0, limit).list();
    }

    public long countIn(Taxonomy taxonomy) {
        return count("taxonomy", taxonomy);
    }

    /** Offers that use the term, as category or target group. */
    public long usages(TaxonomyTerm term) {
        return getEntityManager().createQuery("select count(o) from Offer o left join o.targetGroups g"
                        + " where o.category = :term or g = :term", Long.class)
                .setParameter("term", term).getSingleResult();
    }
}
