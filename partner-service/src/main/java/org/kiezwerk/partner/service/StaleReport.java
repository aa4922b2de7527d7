package org.kiezwerk.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.partner.domain.Neighbourhood;
import org.kiezwerk.partner.domain.NotFoundException;
import org.kiezwerk.partner.domain.StaleEntry;
import org.kiezwerk.partner.repository.NeighbourhoodRepository;
import org.kiezwerk.partner.repository.StaleRepository;

/** The stale-entry report of an area: what nobody has confirmed for N months, oldest first. */
@ApplicationScoped
public class StaleReport {

    @Inject
    NeighbourhoodRepository neighbourhoods;

    @Inject
    StaleRepository stale;

    @Inject
    Confirmations confirmations;

    @Transactional
    public List<StaleEntry> find(String areaCode, int months, OffsetDateTime afterAt, UUID afterId, int limit) {
        Neighbourhood area = neighbourhoods.findByCode(areaCode)
                .orElseThrow(() -> new NotFoundException("There is no neighbourhood with code '" + areaCode + "'."));
        return stale.stale(area.id, confirmations.now().minusMonths(months), afterAt, afterId, limit);
    }
}
