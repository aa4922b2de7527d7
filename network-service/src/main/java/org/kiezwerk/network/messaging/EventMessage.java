package org.kiezwerk.network.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kiezwerk.network.domain.SharedEvent;

/**
 * What the network needs of a message on {@code kiezwerk.events.v1} (schema in
 * docs/schemas/event-message.v1.schema.json); unknown fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventMessage(UUID id, String title, String category, String status, String firstStart, String lastEnd,
        String neighbourhood, List<Role> partners, Map<String, Phase> coProduction, Long version) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Role(UUID partnerId, String role, String contribution) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Phase(List<UUID> partners, Integer citizens, List<String> groups) {
    }

    /** The message's names of the co-production phases, and the graph's. */
    static final Map<String, String> PHASES = Map.of("coCommissioning", "co_commissioning", "coDesign", "co_design",
            "coDelivery", "co_delivery", "coAssessment", "co_assessment");

    /** The event as the network keeps it: the partners' roles, and who took part in which phase. */
    SharedEvent sharedEvent() {
        Map<String, Integer> citizens = new HashMap<>();
        List<SharedEvent.Involvement> involved = new ArrayList<>();
        if (coProduction != null) {
            coProduction.forEach((phase, record) -> {
                String name = PHASES.get(phase);
                if (name != null && record != null) {
                    citizens.put(name, record.citizens() == null ? 0 : record.citizens());
                    if (record.partners() != null) {
                        record.partners().forEach(p -> involved.add(new SharedEvent.Involvement(p.toString(), name)));
                    }
                }
            });
        }
        List<SharedEvent.Role> roles = partners == null ? List.of()
                : partners.stream().map(r -> new SharedEvent.Role(r.partnerId().toString(), r.role(), r.contribution())).toList();
        return new SharedEvent(id, title, category, status, neighbourhood, firstStart, lastEnd, version, roles, citizens, involved);
    }

    void check(String key) {
        if (id == null || version == null || version < 0 || title == null || firstStart == null) {
            throw new IllegalArgumentException("event message needs id, title, firstStart and a version >= 0");
        }
        if (!id.toString().equals(key)) {
            throw new IllegalArgumentException("message key " + key + " is not the event id " + id);
        }
    }
}
