package org.kiezwerk.network.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Fast: background analyses under a stream of changes, at most one per interval. */
class AnalysisPacingTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aStreamOfChangesEveryFiveSecondsComputesOnceEveryThirty() {
        AnalysisPacing pacing = AnalysisPacing.of("30s");
        long start = 123 * SECOND; // nanoTime's origin is arbitrary, also negative
        int computed = 0;
        for (int check = 0; check < 24; check++) { // two minutes of copy checks, each after a change
            if (pacing.mayStart(start + check * 5 * SECOND)) {
                computed++;
                assertEquals(0, check % 6, "at the first change and every 30 s after: check " + check);
            }
        }
        assertEquals(4, computed);
    }

    @Test
    void theFirstChangeAlwaysComputesAndTheIntervalCountsFromTheLast() {
        AnalysisPacing pacing = new AnalysisPacing(Duration.ofSeconds(30));
        assertTrue(pacing.mayStart(-5 * SECOND));
        assertFalse(pacing.mayStart(24 * SECOND));
        assertTrue(pacing.mayStart(25 * SECOND));
        assertFalse(pacing.mayStart(54 * SECOND));
        assertTrue(pacing.mayStart(55 * SECOND));
    }

    @Test
    void readsTheIntervalAsTheWarmUpSchedulesIt() {
        assertFalse(AnalysisPacing.of("off").mayStart(0));
        AnalysisPacing minute = AnalysisPacing.of("1m");
        assertTrue(minute.mayStart(0));
        assertFalse(minute.mayStart(59 * SECOND));
        assertTrue(minute.mayStart(60 * SECOND));
        AnalysisPacing iso = AnalysisPacing.of("PT10S");
        assertTrue(iso.mayStart(0));
        assertTrue(iso.mayStart(10 * SECOND));
    }
}
