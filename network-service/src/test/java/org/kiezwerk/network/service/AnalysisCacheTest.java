package org.kiezwerk.network.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fast: a walk over many areas keeps the city-wide analysis that is asked for all the while. */
class AnalysisCacheTest {

    @Test
    void theLeastRecentlyAskedGoesNotEverything() {
        Map<String, Integer> cache = NetworkAnalyses.leastRecentlyAskedGoes(NetworkAnalyses.CACHED_ANALYSES);
        cache.put("|[public]", 0); // the city-wide analysis of the network map
        for (int area = 1; area <= 3 * NetworkAnalyses.CACHED_ANALYSES; area++) {
            cache.put("quarter-" + area + "|[public]", area);
            assertEquals(0, cache.get("|[public]"), "the city, asked between the areas, after area " + area);
        }
        assertEquals(NetworkAnalyses.CACHED_ANALYSES, cache.size());
        assertTrue(cache.containsKey("quarter-" + 3 * NetworkAnalyses.CACHED_ANALYSES + "|[public]"));
        assertFalse(cache.containsKey("quarter-1|[public]"));
    }
}
