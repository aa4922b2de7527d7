package org.kiezwerk.commons.api;

import static org.junit.jupiter.api.Assertions.*;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fast: query parameters read as text, refused with a 400 that names them. */
class QueryParamsTest {

    enum Kind { CLUB, PARISH }

    @Test
    void repeatedAndCommaSeparatedValuesAreOneListWithoutBlanksOrRepeats() {
        assertEquals(List.of("a", "b", "c"), QueryParams.values(List.of("a,b", " c ", "a", ",")));
        assertEquals(List.of(), QueryParams.values(null));
    }

    @Test
    void enumsIgnoreCaseAndNameTheChoicesWhenWrong() {
        assertEquals(List.of(Kind.CLUB, Kind.PARISH), QueryParams.enums("kind", List.of("club,Parish"), Kind.class));
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> QueryParams.oneEnum("kind", "zoo", Kind.class));
        assertEquals("kind", e.field());
        assertEquals("must be one of club, parish", e.getMessage());
    }

    @Test
    void integersWithinBoundsOnly() {
        assertNull(QueryParams.integer("limit", " ", 1, 200));
        assertEquals(200, QueryParams.integer("limit", "200", 1, 200));
        assertThrows(InvalidQueryException.class, () -> QueryParams.integer("limit", "201", 1, 200));
        assertThrows(InvalidQueryException.class, () -> QueryParams.integer("limit", "ten", 1, 200));
    }

    @Test
    void uuidsTimesAndFlags() {
        assertEquals("9f32d001-59a8-4643-b98c-83c6b6228d6b",
                QueryParams.uuid("id", "9f32d001-59a8-4643-b98c-83c6b6228d6b").toString());
        assertThrows(InvalidQueryException.class, () -> QueryParams.uuid("id", "nope"));
        assertEquals(OffsetDateTime.parse("2026-11-01T00:00:00Z"), QueryParams.time("from", "2026-11-01T00:00:00Z"));
        assertThrows(InvalidQueryException.class, () -> QueryParams.time("from", "2026-11-01"));
        assertThrows(InvalidQueryException.class, () -> QueryParams.time("from", "+10000-01-01T00:00:00Z"));
        assertTrue(QueryParams.flag("count", "TRUE"));
        assertFalse(QueryParams.flag("count", null));
        assertThrows(InvalidQueryException.class, () -> QueryParams.flag("count", "yes"));
    }
}
