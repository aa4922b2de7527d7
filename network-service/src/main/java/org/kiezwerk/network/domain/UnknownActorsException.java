package org.kiezwerk.network.domain;

/** One of the two organisations is not in the graph (yet). */
public class UnknownActorsException extends RuntimeException {

    public UnknownActorsException() {
        super("Both organisations must be in the network (the directory's partners arrive within seconds).");
    }
}
