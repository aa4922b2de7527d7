package org.kiezwerk.partner.domain;

import java.util.UUID;

public class PartnerNotFoundException extends RuntimeException {

    public PartnerNotFoundException(UUID id) {
        super("There is no partner with id " + id + ".");
    }
}
