package org.kiezwerk.network.domain;

/** As many network exports as allowed are being written; the caller may try again shortly. */
public class ExportsBusyException extends RuntimeException {

    public ExportsBusyException() {
        super("As many network exports as this service writes at once are under way; try again in a few seconds.");
    }
}
