package org.kiezwerk.partner.domain;

/** As many whole-directory answers (HSDS ndjson) as allowed are being written; the caller may try again shortly. */
public class ExportsBusyException extends RuntimeException {

    public ExportsBusyException() {
        super("As many answers with every match (format=ndjson) as this service writes at once are under way; try again in a few seconds.");
    }
}
