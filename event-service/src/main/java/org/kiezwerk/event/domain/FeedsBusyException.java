package org.kiezwerk.event.domain;

/** As many large calendar feeds as allowed are being written; the caller may try again shortly. */
public class FeedsBusyException extends RuntimeException {

    public FeedsBusyException() {
        super("As many large calendar feeds as this service writes at once are under way; try again in a few seconds,"
                + " or ask for a neighbourhood's or a partner's feed.");
    }
}
