package org.kiezwerk.commons.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Fast: scores keep their significant digits, however small the network makes them. */
class FiguresTest {

    @Test
    void keepsSixSignificantDigitsAtAnyScale() {
        assertEquals(1.83612e-4, Figures.significant(1.836123456e-4), 0.0); // a city's top PageRank
        assertEquals(5.00001e-5, Figures.significant(5.000012e-5), 0.0); // and one about the average of 20,000
        assertEquals(0.666667, Figures.significant(2.0 / 3), 0.0); // a density of three actors, two ties
        assertEquals(-1.23457e-7, Figures.significant(-1.234567e-7), 0.0); // a density's change
        assertEquals(12345.7, Figures.significant(12345.67), 0.0);
        assertEquals(0.0, Figures.significant(0.0), 0.0);
        assertEquals(1.0, Figures.significant(1.0), 0.0);
        assertEquals(Double.NaN, Figures.significant(Double.NaN), 0.0);
    }

    @Test
    void tellsApartScoresThatFourDecimalsMadeEqual() {
        // two PageRanks of a city's key actors, both 0.0001 at four decimals
        double first = Figures.significant(1.318e-4);
        double second = Figures.significant(1.303e-4);
        assertEquals(1, Double.compare(first, second));
    }
}
