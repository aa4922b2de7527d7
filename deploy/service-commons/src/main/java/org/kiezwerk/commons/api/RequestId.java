package org.kiezwerk.commons.api;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/** The X-Request-Id of the current request: taken from the caller when usable, otherwise created. */
@RequestScoped
public class RequestId {

    public static final String HEADER = "X-Request-Id";

    private String value;

    public String value() {
        if (value == null) {
            value = UUID.randomUUID().toString();
        }
        return value;
    }

    void adopt(String fromCaller) {
        // printable ASCII only, bounded: the id goes into logs, headers and messages
        if (fromCaller != null && fromCaller.length() <= 200 && fromCaller.matches("[\\x21-\\x7e]+")) {
            value = fromCaller;
        }
    }
}
