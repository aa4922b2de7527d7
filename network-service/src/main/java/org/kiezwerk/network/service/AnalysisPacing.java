package org.kiezwerk.network.service;

import java.time.Duration;

/**
 * Spaces out the analyses computed in the background after changes: at most one per interval. Under a stream of
 * registrations (an import) each brought into the city copy in place, the city-wide analysis was computed after every
 * copy check, every 5 s, each seconds of CPU at city scale, beside the writes. The warm-up computes it once the graph
 * is quiet again, and a question computes it at once, so nobody is answered from an older state.
 */
final class AnalysisPacing {

    private final long spacingNanos;
    private boolean started;
    private long last;

    /** @param spacing the interval; null: never in the background */
    AnalysisPacing(Duration spacing) {
        this.spacingNanos = spacing == null ? -1 : spacing.toNanos();
    }

    /** As configured: {@code off}, or a duration as {@code @Scheduled} takes it ({@code 30s}, {@code 1m}, {@code PT30S}). */
    static AnalysisPacing of(String interval) {
        if (interval == null || "off".equals(interval.trim())) {
            return new AnalysisPacing(null);
        }
        String value = interval.trim();
        return new AnalysisPacing(Duration.parse(Character.isDigit(value.charAt(0)) ? "PT" + value : value));
    }

    /** Whether a background analysis may start now ({@link System#nanoTime()}); if so, the interval counts from now. */
    synchronized boolean mayStart(long nanos) {
        if (spacingNanos < 0 || started && nanos - last < spacingNanos) {
            return false;
        }
        started = true;
        last = nanos;
        return true;
    }
}
