package org.kiezwerk.network.domain;

/** No such affiliation or acquaintance of a person: a 404 like any unknown resource. */
public class PersonTieNotFoundException extends RuntimeException {

    public PersonTieNotFoundException(String message) {
        super(message);
    }
}
