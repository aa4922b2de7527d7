package org.kiezwerk.network.domain;

import java.util.UUID;

public class TieNotFoundException extends RuntimeException {

    public TieNotFoundException(UUID id) {
        super("There is no tie with id " + id + ".");
    }
}
