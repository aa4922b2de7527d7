package org.kiezwerk.network.domain;

/** The figures of a network's health. */
public final class Health {

    private Health() {
    }

    /** Of the cooperation ties, how many are confirmed; of the events, how many were co-produced. */
    public record Shares(long cooperations, long confirmed, long events, long coProduced) {
    }

    /** The figures of one area (or the city) at one moment. */
    public record Snapshot(String scope, String takenAt, boolean scheduled, long actors, long ties, double density,
            double clustering, long components, double largestComponentShare, double confirmedShare, double coProducedShare,
            long events) {
    }
}
