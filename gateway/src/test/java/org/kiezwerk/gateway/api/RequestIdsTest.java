package org.kiezwerk.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which request ids the gateway takes from a caller, and what it makes otherwise. */
class RequestIdsTest {

    @Test
    void visibleAsciiUpTo200CharactersIsTakenAsItIs() {
        assertTrue(RequestIds.accepted("abc-123"));
        assertTrue(RequestIds.accepted("x".repeat(200)));
        assertTrue(RequestIds.accepted("!~{}[]"));
        assertEquals("my-id", RequestIds.orNew("my-id"));
    }

    @Test
    void missingEmptyLongOrUnprintableIdsAreReplaced() {
        assertFalse(RequestIds.accepted(null));
        assertFalse(RequestIds.accepted(""));
        assertFalse(RequestIds.accepted("x".repeat(201)));
        assertFalse(RequestIds.accepted("with space"));
        assertFalse(RequestIds.accepted("line\r\nX-Forged: 1"));
        assertFalse(RequestIds.accepted("umlaut-ä"));
        String made = RequestIds.orNew("with space");
        UUID.fromString(made);
        assertNotEquals(made, RequestIds.orNew(null));
    }
}
