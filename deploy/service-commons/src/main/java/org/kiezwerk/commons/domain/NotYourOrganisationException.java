package org.kiezwerk.commons.domain;

/** An editor tried to change what belongs to an organisation they do not edit (answered 403). */
public class NotYourOrganisationException extends RuntimeException {

    public NotYourOrganisationException(String message) {
        super(message);
    }
}
