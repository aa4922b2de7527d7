package org.kiezwerk.partner.service;

import java.util.UUID;
import org.kiezwerk.partner.domain.VersionMismatchException;

/** If-Match, checked in the service so that every write path honours it. */
final class Versions {

    /** Any version, as long as the record exists (If-Match: *). */
    static final long ANY = -1;

    static void check(String what, UUID id, Long expected, long current) {
        if (expected != null && expected != ANY && expected != current) {
            throw new VersionMismatchException(what, id, current);
        }
    }

    static void checkAbsent(String what, UUID id, Long expected) {
        if (expected != null) {
            throw new VersionMismatchException(what, id, null);
        }
    }

    private Versions() {
    }
}
