package org.kiezwerk.commons.api;

import static org.junit.jupiter.api.Assertions.*;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Fast: opaque cursors survive the round trip, and a cursor nobody issued is refused. */
class CursorsTest {

    @Test
    void roundTrip() {
        String position = "2026-11-01T10:00:00Z|Zoë's café";
        String cursor = Cursors.encode(position);
        assertFalse(cursor.contains("=") || cursor.contains("+") || cursor.contains("/"), cursor);
        assertEquals(position, Cursors.decode(cursor));
        UUID id = UUID.randomUUID();
        assertEquals(id, Cursors.decodeId(Cursors.encode(id.toString())));
        assertNull(Cursors.encode(null));
        assertNull(Cursors.decode(""));
    }

    @Test
    void aTamperedCursorIsRefused() {
        InvalidQueryException notBase64 = assertThrows(InvalidQueryException.class, () -> Cursors.decode("not a cursor!"));
        assertEquals("cursor", notBase64.field());
        assertThrows(InvalidQueryException.class, () -> Cursors.decodeId(Cursors.encode("not-a-uuid")));
    }

    @Test
    void limitsAsTheConventionsSay() {
        assertEquals(20, Cursors.limit(null));
        assertEquals(200, Cursors.limit(200));
        assertThrows(InvalidQueryException.class, () -> Cursors.limit(0));
        assertThrows(InvalidQueryException.class, () -> Cursors.limit(201));
    }
}
