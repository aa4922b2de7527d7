package org.kiezwerk.partner.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kiezwerk.commons.api.Admission;
import org.kiezwerk.partner.config.HsdsConfig;
import org.kiezwerk.partner.domain.ExportsBusyException;
import org.kiezwerk.partner.domain.HsdsServiceFilter;
import org.kiezwerk.partner.domain.Offer;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.ServiceStamp;
import org.kiezwerk.partner.domain.TaxonomyTerm;
import org.kiezwerk.partner.repository.HsdsRepository;
import org.kiezwerk.partner.repository.OfferRepository;
import org.kiezwerk.partner.repository.PartnerRepository;
import org.kiezwerk.partner.repository.TaxonomyTermRepository;

/**
 * The directory as HSDS reads it (read only): pages by number from HsdsRepository, loaded as
 * entities in the order the page has. The caller's transaction spans turning them into HSDS, which
 * reads their collections.
 */
@ApplicationScoped
public class HsdsDirectory {

    /** One page of matches and how many there are in all. */
    public record Found<T>(List<T> items, long total) {
    }

    /** An offer at a location its import named ({@code salId}), or at its partner's first (null). */
    public record Placed(Offer offer, UUID salId) {
    }

    @Inject
    HsdsRepository hsds;

    @Inject
    HsdsConfig config;

    @Inject
    PartnerRepository partners;

    @Inject
    OfferRepository offers;

    @Inject
    TaxonomyTermRepository terms;

    public Found<Partner> organizations(String search, int page, int perPage) {
        HsdsRepository.IdPage ids = hsds.organizations(search, page, perPage);
        return new Found<>(load(ids.ids(), list -> partners.list("id in ?1", list), p -> p.id), ids.total());
    }

    public Found<Offer> services(HsdsServiceFilter filter, int page, int perPage) {
        HsdsRepository.IdPage ids = hsds.services(filter, page, perPage);
        return new Found<>(load(ids.ids(), list -> offers.list("id in ?1", list), o -> o.id), ids.total());
    }

    /** The services' ids and changes only ({@code minimal=true}), without loading the offers. */
    public Found<ServiceStamp> serviceStamps(HsdsServiceFilter filter, int page, int perPage) {
        HsdsRepository.StampPage stamps = hsds.serviceStamps(filter, page, perPage);
        return new Found<>(stamps.stamps(), stamps.total());
    }

    /** Offers at their locations; a service_at_location whose offer is gone is left out. */
    public Found<Placed> serviceAtLocations(HsdsServiceFilter filter, int page, int perPage) {
        HsdsRepository.SalPage refs = hsds.serviceAtLocations(filter, page, perPage);
        Map<UUID, Offer> byId = load(refs.refs().stream().map(HsdsRepository.SalRef::offerId).distinct().toList(),
                list -> offers.list("id in ?1", list), o -> o.id).stream()
                .collect(Collectors.toMap(o -> o.id, Function.identity()));
        return new Found<>(refs.refs().stream().filter(ref -> byId.containsKey(ref.offerId()))
                .map(ref -> new Placed(byId.get(ref.offerId()), ref.salId())).toList(), refs.total());
    }

    public Found<TaxonomyTerm> terms(String search, String taxonomy, int page, int perPage) {
        HsdsRepository.IdPage ids = hsds.terms(search, taxonomy, page, perPage);
        return new Found<>(load(ids.ids(), list -> terms.list("id in ?1", list), t -> t.id), ids.total());
    }

    public Optional<Partner> organization(UUID id) {
        return partners.findByIdOptional(id);
    }

    public Optional<Offer> service(UUID id) {
        return offers.findByIdOptional(id);
    }

    public List<Offer> servicesOf(UUID partnerId) {
        return offers.ofPartner(partnerId);
    }

    /**
     * The offer of a service_at_location: the one its import placed there, else the offer whose id
     * the service_at_location's is derived from ({@code derivedOfferId}).
     */
    public Optional<Offer> serviceAt(UUID serviceAtLocationId, UUID derivedOfferId) {
        return hsds.offerOfServiceAtLocation(serviceAtLocationId).flatMap(offers::findByIdOptional)
                .or(() -> offers.findByIdOptional(derivedOfferId));
    }

    public Optional<TaxonomyTerm> term(UUID id) {
        return terms.findByIdOptional(id);
    }

    private Admission exporting;

    @PostConstruct
    void init() {
        exporting = new Admission(config.concurrentExports());
    }

    /** A place for one more answer with every match, or {@link ExportsBusyException} when as many as allowed are written. */
    public Admission.Place admitExport() {
        return exporting.enter().orElseThrow(ExportsBusyException::new);
    }

    /**
     * Runs {@code work} in a transaction of its own that reads one snapshot of the directory throughout (repeatable
     * read, read only): an answer paged in batches then neither repeats nor skips a match while partners are written
     * meanwhile (at read committed each batch saw the directory of its own moment, and a partner added or removed
     * before the batch's offset shifted the rest).
     */
    public void inOneSnapshot(Runnable work) {
        QuarkusTransaction.requiringNew().run(() -> {
            hsds.readOneSnapshot();
            work.run();
        });
    }

    /** Lets go of what was loaded so far: an answer with every match need not keep it all in memory. */
    public void forgetLoaded() {
        partners.getEntityManager().clear();
    }

    private static <T> List<T> load(List<UUID> ids, Function<List<UUID>, List<T>> query, Function<T, UUID> idOf) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // keep the repository's order; "in" returns rows in any order
        Map<UUID, T> byId = query.apply(ids).stream().collect(Collectors.toMap(idOf, Function.identity()));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }
}
