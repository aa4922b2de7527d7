package org.kiezwerk.network.domain;

import java.util.UUID;

/** No such person, or none the caller may see: a 404 either way, so that hidden persons are not revealed. */
public class PersonNotFoundException extends RuntimeException {

    public PersonNotFoundException(UUID id) {
        super("There is no person with id " + id + " that you may see.");
    }
}
