package org.kiezwerk.network.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A person in the graph, there only with a recorded consent; with their affiliations and acquaintances. */
public record Person(UUID id, String displayName, String scope, String consentRecordedAt, String consentRecordedBy,
        List<Map<String, Object>> affiliations, List<Map<String, Object>> acquaintances) {
}
