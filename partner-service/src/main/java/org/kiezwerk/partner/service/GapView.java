package org.kiezwerk.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.kiezwerk.partner.domain.InvalidReferenceException;
import org.kiezwerk.partner.repository.GapRepository;
import org.kiezwerk.partner.repository.NeighbourhoodRepository;

/** Where the directory has nothing for a target group. */
@ApplicationScoped
public class GapView {

    @Inject
    GapRepository gaps;

    @Inject
    NeighbourhoodRepository neighbourhoods;

    @Transactional
    public List<GapRepository.Cell> cells(String code) {
        if (neighbourhoods.findByCode(code).isEmpty()) {
            throw new InvalidReferenceException("neighbourhood", "there is no neighbourhood with code '" + code + "'");
        }
        return gaps.cells(code);
    }

    @Transactional
    public List<GapRepository.AgeCell> ageCells(String code) {
        return gaps.ageCells(code);
    }

    @Transactional
    public List<GapRepository.Provider> nearestProviders(String code, int perGap) {
        return gaps.nearestProviders(code, perGap);
    }
}
