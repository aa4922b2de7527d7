package org.kiezwerk.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
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

    @Test
    void madeIdsAreVersion4UuidsThatTheGatewayWouldTakeAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.newId();
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version());
            assertEquals(2, uuid.variant());
            assertEquals(uuid.toString(), id);
            assertTrue(RequestIds.accepted(id));
            assertTrue(seen.add(id));
        }
    }
}
