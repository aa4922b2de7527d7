package org.kiezwerk.event.domain;

import java.util.List;
import java.util.function.Function;

/**
 * How co-productive a set of events was. The depth score places each event on the ladder the brief
 * describes, by the highest phase citizens took part in: none 0, co-delivery 1, co-assessment 2,
 * co-design 3, co-commissioning 4; the score is the mean divided by 4 (0 = citizens never took part,
 * 1 = they always helped commission). So a centre sees whether citizens only help deliver or also plan.
 */
public record CoProductionFigures(int events, int sharedEvents, double sharedShare, PhaseShares citizensInvolved,
        double depthScore, long attendance) {

    /** The share of events with citizens taking part in each phase. */
    public record PhaseShares(double coCommissioning, double coDesign, double coDelivery, double coAssessment) {
    }

    /** What the figures read of one event. */
    public record Entry(CoProduction coProduction, int partners, Integer attendance) {
    }

    public static CoProductionFigures of(List<Entry> events) {
        int n = events.size();
        int shared = (int) events.stream().filter(e -> e.partners() >= 2).count();
        PhaseShares shares = new PhaseShares(share(events, CoProduction::coCommissioning), share(events, CoProduction::coDesign),
                share(events, CoProduction::coDelivery), share(events, CoProduction::coAssessment));
        double depth = n == 0 ? 0 : events.stream().mapToInt(CoProductionFigures::level).average().orElse(0) / 4.0;
        long attendance = events.stream().filter(e -> e.attendance() != null).mapToLong(Entry::attendance).sum();
        return new CoProductionFigures(n, shared, ratio(shared, n), shares, round(depth), attendance);
    }

    static int level(Entry e) {
        CoProduction cp = e.coProduction() == null ? CoProduction.none() : e.coProduction();
        if (took(cp.coCommissioning())) {
            return 4;
        }
        if (took(cp.coDesign())) {
            return 3;
        }
        if (took(cp.coAssessment())) {
            return 2;
        }
        return took(cp.coDelivery()) ? 1 : 0;
    }

    private static boolean took(CoProduction.Phase phase) {
        return phase != null && phase.citizensTookPart();
    }

    private static double share(List<Entry> events, Function<CoProduction, CoProduction.Phase> phase) {
        int with = (int) events.stream()
                .filter(e -> took(phase.apply(e.coProduction() == null ? CoProduction.none() : e.coProduction()))).count();
        return ratio(with, events.size());
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : round((double) part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
