package org.kiezwerk.event.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Fast: a city's year of events keeps its small shares (they were rounded to three decimals, and so to 0). */
class CoProductionFiguresTest {

    @Test
    void aFewCoCommissionedEventsAmongFiftyThousandStillShow() {
        CoProduction.Phase tookPart = new CoProduction.Phase(List.of(), 12, List.of(), null);
        CoProduction commissioned = new CoProduction(tookPart, null, tookPart, null);
        CoProductionFigures.Tally tally = new CoProductionFigures.Tally();
        for (int i = 0; i < 50_000; i++) {
            tally.add(new CoProductionFigures.Entry(i < 20 ? commissioned : CoProduction.none(), i % 3 == 0 ? 2 : 1, null));
        }
        CoProductionFigures figures = tally.figures();
        assertEquals(0.0004, figures.citizensInvolved().coCommissioning(), 0.0);
        assertEquals(0.0004, figures.citizensInvolved().coDelivery(), 0.0);
        assertEquals(0.0, figures.citizensInvolved().coDesign(), 0.0);
        assertEquals(0.0004, figures.depthScore(), 0.0); // 20 events at the top of the ladder: 20 * 4 / 50,000 / 4
        assertEquals(0.33334, figures.sharedShare(), 0.0); // 16,667 of 50,000
    }
}
