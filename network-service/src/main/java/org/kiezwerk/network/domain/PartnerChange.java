package org.kiezwerk.network.domain;

import java.util.List;
import java.util.UUID;

/**
 * A partner as one message of the directory states it: its current state at {@code version}, or its
 * removal. {@code eventId} names the message, so that the node can say which one it reflects.
 */
public record PartnerChange(UUID id, String name, String kind, String neighbourhood, List<String> areas,
        PartnerProfile profile, long version, String eventId, boolean removed) {

    public static PartnerChange removal(UUID id, long version, String eventId) {
        return new PartnerChange(id, null, null, null, List.of(), null, version, eventId, true);
    }
}
