package org.kiezwerk.network.domain;

import java.time.Duration;

/** An analyst's query ran too long. */
public class QueryTimeoutException extends RuntimeException {

    public QueryTimeoutException(Duration timeout) {
        super("The query ran longer than " + timeout.toSeconds() + " s and was stopped; narrow it down or raise timeoutSeconds (at most 60).");
    }
}
