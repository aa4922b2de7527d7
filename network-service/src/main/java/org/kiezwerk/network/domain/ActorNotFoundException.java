package org.kiezwerk.network.domain;

import java.util.UUID;

public class ActorNotFoundException extends RuntimeException {

    public ActorNotFoundException(UUID id) {
        super("There is no actor with id " + id + " in the network.");
    }
}
