package org.kiezwerk.event.domain;

import java.util.List;
import java.util.UUID;

/**
 * Who took part in each of the four phases of co-production (Bovaird and Loeffler): commissioning,
 * design, delivery, assessment. Counts and named groups only: no personal data.
 */
public record CoProduction(Phase coCommissioning, Phase coDesign, Phase coDelivery, Phase coAssessment) {

    public record Phase(List<UUID> partners, Integer citizens, List<String> groups, String note) {

        public boolean citizensTookPart() {
            return (citizens != null && citizens > 0) || (groups != null && !groups.isEmpty());
        }
    }

    public static CoProduction none() {
        return new CoProduction(null, null, null, null);
    }
}
