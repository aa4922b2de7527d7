package org.kiezwerk.event.domain;

/**
 * An area filter names a code that is neither an area of the directory nor used by any event: a 404
 * naming the parameter, never an empty answer that looks like "nothing happens there".
 */
public class AreaNotFoundException extends RuntimeException {

    private final String field;
    private final String code;

    public AreaNotFoundException(String field, String code) {
        super("There is no neighbourhood with code '" + code + "' (an area is known here once a partner in it or below it"
                + " is in the directory, or an event names it).");
        this.field = field;
        this.code = code;
    }

    public String field() {
        return field;
    }

    public String code() {
        return code;
    }
}
