package org.kiezwerk.commons.api;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** How scores and shares are published: network-service's analyses, event-service's co-production shares. */
public final class Figures {

    /** Significant digits kept: enough to tell apart the PageRanks of a city's 20,000 actors, few enough to read. */
    public static final int DIGITS = 6;

    private Figures() {
    }

    /**
     * A score rounded to {@value #DIGITS} significant digits. Scores that shrink with the network's size (PageRank averages
     * 1 / n, a normalised betweenness or a density far less) must not be rounded to a fixed number of decimals: at city
     * scale four decimals made nearly every PageRank 0.0001 or 0, and the key actors came out in the order of their ids.
     */
    public static double significant(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).round(new MathContext(DIGITS, RoundingMode.HALF_EVEN)).doubleValue();
    }
}
