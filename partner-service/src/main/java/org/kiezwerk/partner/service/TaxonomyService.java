package org.kiezwerk.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.partner.domain.ConflictException;
import org.kiezwerk.partner.domain.InvalidReferenceException;
import org.kiezwerk.partner.domain.NotFoundException;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.Taxonomy;
import org.kiezwerk.partner.domain.TaxonomyTerm;
import org.kiezwerk.partner.repository.TaxonomyTermRepository;

/** Target groups and offer categories: seeded in German and English, extendable through the API. */
@ApplicationScoped
public class TaxonomyService {

    @Inject
    TaxonomyTermRepository terms;

    public static Taxonomy taxonomy(String code) {
        return Taxonomy.ofCode(code).orElseThrow(() -> new NotFoundException(
                "There is no taxonomy '" + code + "'; there are target_groups and offer_categories."));
    }

    @Transactional
    public TaxonomyTerm get(Taxonomy taxonomy, String code) {
        return terms.findByCode(taxonomy, code).orElseThrow(() -> new NotFoundException(
                "There is no term '" + code + "' in " + taxonomy.code + "."));
    }

    @Transactional
    public List<TaxonomyTerm> page(Taxonomy taxonomy, String afterCode, int limit) {
        return terms.page(taxonomy, afterCode, limit);
    }

    @Transactional
    public long count(Taxonomy taxonomy) {
        return terms.countIn(taxonomy);
    }

    @Transactional
    public TaxonomyTerm create(Taxonomy taxonomy, TermChange change) {
        terms.findByCode(taxonomy, change.code()).ifPresent(existing -> {
            throw new ConflictException("The term '" + change.code() + "' already exists in " + taxonomy.code
                    + "; change it with PUT or PATCH.");
        });
        TaxonomyTerm term = new TaxonomyTerm();
        term.id = UUID.randomUUID();
        term.taxonomy = taxonomy;
        term.createdAt = Partner.now();
        apply(term, change);
        terms.persist(term);
        terms.flush();
        return term;
    }

    /** PUT on /taxonomies/{taxonomy}/terms/{code}: replaces the term or creates it under that code. */
    @Transactional
    public Saved<TaxonomyTerm> put(Taxonomy taxonomy, String code, TermChange change, Long expectedVersion) {
        if (!code.equals(change.code())) {
            throw new InvalidReferenceException("code",
                    "must equal the code in the path ('" + code + "'); codes do not change once in use");
        }
        TaxonomyTerm term = terms.findByCode(taxonomy, code).orElse(null);
        if (term == null) {
            Versions.checkAbsent("term", null, expectedVersion);
            return new Saved<>(create(taxonomy, change), true);
        }
        Versions.check("term", term.id, expectedVersion, term.version);
        apply(term, change);
        terms.flush();
        return new Saved<>(term, false);
    }

    @Transactional
    public void remove(Taxonomy taxonomy, String code, Long expectedVersion) {
        TaxonomyTerm term = get(taxonomy, code);
        Versions.check("term", term.id, expectedVersion, term.version);
        long usages = terms.usages(term);
        if (usages > 0) {
            throw new ConflictException("The term '" + code + "' is used by " + usages + " offer(s); change them first.");
        }
        terms.delete(term);
    }

    private static void apply(TaxonomyTerm term, TermChange change) {
        term.code = change.code();
        term.nameDe = change.nameDe();
        term.nameEn = change.nameEn();
        term.description = change.description();
        term.ageMin = change.ageMin();
        term.ageMax = change.ageMax();
        term.updatedAt = Partner.now();
    }
}
