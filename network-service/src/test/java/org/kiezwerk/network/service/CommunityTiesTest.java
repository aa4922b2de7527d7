package org.kiezwerk.network.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kiezwerk.network.graph.AnalysisGraph;

/** Fast: the communities' ties inside and to others, counted in one pass, are what counting them community by community gives. */
class CommunityTiesTest {

    @Test
    void oneCountingPassGivesEveryCommunitysTies() {
        for (long seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            int actors = 5 + random.nextInt(300);
            int groups = 1 + random.nextInt(actors);
            List<Set<String>> clusters = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                clusters.add(new LinkedHashSet<>());
            }
            for (int v = 0; v < actors; v++) {
                // actors without ties end up alone, as label propagation leaves them
                clusters.get(v < groups ? v : random.nextInt(groups)).add("a" + v);
            }
            List<AnalysisGraph.Tie> ties = new ArrayList<>();
            for (int t = random.nextInt(4 * actors); t > 0; t--) {
                // also self-ties and ties to actors outside the analysis (a person the caller may not see)
                String a = "a" + random.nextInt(actors);
                String b = random.nextInt(20) == 0 ? "stranger" + t : random.nextInt(30) == 0 ? a : "a" + random.nextInt(actors);
                ties.add(new AnalysisGraph.Tie(a, b, 1, "x"));
            }
            int[][] counted = NetworkAnalyses.tiesPerCommunity(clusters, ties);
            for (int i = 0; i < groups; i++) {
                Set<String> members = clusters.get(i);
                int inside = 0;
                int toOthers = 0;
                for (AnalysisGraph.Tie tie : ties) {
                    boolean a = members.contains(tie.a());
                    boolean b = members.contains(tie.b());
                    if (a && b) {
                        inside++;
                    } else if (a || b) {
                        toOthers++;
                    }
                }
                assertEquals(inside, counted[0][i], "ties inside community " + i + ", seed " + seed);
                assertEquals(toOthers, counted[1][i], "ties to others of community " + i + ", seed " + seed);
            }
        }
    }
}
