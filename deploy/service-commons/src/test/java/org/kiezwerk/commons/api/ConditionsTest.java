package org.kiezwerk.commons.api;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Fast: If-Match and ETag; a stale or unusable precondition never becomes a lost update. */
class ConditionsTest {

    @Test
    void theEtagIsTheVersion() {
        assertEquals("3", Conditions.etag(3).getValue());
        assertFalse(Conditions.etag(3).isWeak());
    }

    @Test
    void ifMatchNamesAVersionAnyOrNone() {
        assertNull(Conditions.expectedVersion(null));
        assertNull(Conditions.expectedVersion(" "));
        assertEquals(-1L, Conditions.expectedVersion("*"));
        assertEquals(3L, Conditions.expectedVersion(" \"3\" "));
    }

    @Test
    void weakListsAndUnquotedTagsAreRefused() {
        for (String refused : new String[] {"3", "W/\"3\"", "\"3\", \"4\"", "\"-1\"", "\"x\"", "\"\""}) {
            InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> Conditions.expectedVersion(refused), refused);
            assertEquals("If-Match", e.field());
        }
    }
}
