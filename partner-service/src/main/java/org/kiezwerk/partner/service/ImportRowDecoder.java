package org.kiezwerk.partner.service;

/**
 * Turns an import row into a partner change with the same rules as the API's request bodies;
 * implemented where those rules live (the api layer).
 *
 * @throws org.kiezwerk.partner.domain.InvalidRowException with one problem per field
 */
public interface ImportRowDecoder {

    PartnerChange decode(ImportRows.Row row, String defaultNeighbourhood, String defaultKind);
}
