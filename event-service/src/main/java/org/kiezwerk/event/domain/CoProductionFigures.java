package org.kiezwerk.event.domain;

import org.kiezwerk.commons.api.Figures;

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

    /** The figures counted one event at a time, so that a city's year of events need not be held at once. */
    public static final class Tally {
        private int events;
        private int shared;
        private int coCommissioning;
        private int coDesign;
        private int coDelivery;
        private int coAssessment;
        private long levels;
        private long attendance;

        public void add(Entry e) {
            CoProduction cp = e.coProduction() == null ? CoProduction.none() : e.coProduction();
            events++;
            shared += e.partners() >= 2 ? 1 : 0;
            coCommissioning += took(cp.coCommissioning()) ? 1 : 0;
            coDesign += took(cp.coDesign()) ? 1 : 0;
            coDelivery += took(cp.coDelivery()) ? 1 : 0;
            coAssessment += took(cp.coAssessment()) ? 1 : 0;
            levels += level(e);
            attendance += e.attendance() == null ? 0 : e.attendance();
        }

        public CoProductionFigures figures() {
            PhaseShares shares = new PhaseShares(ratio(coCommissioning, events), ratio(coDesign, events),
                    ratio(coDelivery, events), ratio(coAssessment, events));
            double depth = events == 0 ? 0 : (double) levels / events / 4.0;
            return new CoProductionFigures(events, shared, ratio(shared, events), shares, round(depth), attendance);
        }
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

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : round((double) part / whole);
    }

    /** Significant digits: a share shrinks with the number of events (20 co-commissioned of 50,000, which three decimals made 0). */
    private static double round(double value) {
        return Figures.significant(value);
    }
}
