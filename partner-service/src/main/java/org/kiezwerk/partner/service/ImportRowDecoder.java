package org.kiezwerk.partner.service;

import org.kiezwerk.partner.domain.ImportMapping;

/**
 * Turns an import row into a partner change with the same rules as the API's request bodies;
 * implemented where those rules live (the api layer).
 */
public interface ImportRowDecoder {

    /** A CSV row. @throws org.kiezwerk.partner.domain.InvalidRowException with one problem per field */
    PartnerChange decode(ImportRows.Row row, String defaultNeighbourhood, String defaultKind);

    /**
     * An HSDS organization: values the API would refuse are left out and named as warnings.
     *
     * @throws org.kiezwerk.partner.domain.InvalidRowException if it cannot become a partner at all (no valid name)
     */
    HsdsRow decodeHsds(ImportRows.Row row, ImportMapping mapping);
}
