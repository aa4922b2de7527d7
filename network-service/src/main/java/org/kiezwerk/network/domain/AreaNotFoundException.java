package org.kiezwerk.network.domain;

/** An area code the network does not know: a 404, never an empty answer that looks like "nothing there". */
public class AreaNotFoundException extends RuntimeException {

    public AreaNotFoundException(String code) {
        super("The network knows no neighbourhood with code '" + code + "' (an area appears here once a partner"
                + " in it or below it is in the directory).");
    }
}
