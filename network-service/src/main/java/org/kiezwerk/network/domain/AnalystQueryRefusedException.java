package org.kiezwerk.network.domain;

/** An analyst's query that is not a plain read, or that the graph refused: a 400 on the field {@code query}. */
public class AnalystQueryRefusedException extends RuntimeException {

    public AnalystQueryRefusedException(String message) {
        super(message);
    }
}
