package org.kiezwerk.network.domain;

import java.util.List;

/** An analyst's Cypher query kept under a name, for others to run again. */
public record SavedQuery(String name, String description, String query, List<String> parameters, String savedBy, String savedAt) {
}
