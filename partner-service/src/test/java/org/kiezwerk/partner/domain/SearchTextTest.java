package org.kiezwerk.partner.domain;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Fast: the Java side of search folding must spell things as the database function does. */
class SearchTextTest {

    @Test
    void foldsUmlautsSharpSAndAccents() {
        assertEquals("muetterzentrum", SearchText.fold("Mütterzentrum"));
        assertEquals("fussball strasse", SearchText.fold("Fußball STRASSE"));
        assertEquals("cafe oel", SearchText.fold("Café Öl"));
    }

    @Test
    void makesAPrefixQueryOfTheWordsOnly() {
        assertEquals("fussball:* & verein:*", SearchText.prefixQuery("Fußball-Verein"));
        assertEquals("st:* & markus:*", SearchText.prefixQuery("St. Markus!"));
        // operators and quotes of to_tsquery cannot get through
        assertEquals("a:* & b:*", SearchText.prefixQuery("a & !b:* | ('"));
        assertNull(SearchText.prefixQuery(" -- ! "));
    }
}
