package org.kiezwerk.network.domain;

import java.util.List;
import java.util.Map;

/** What an analyst's query answered: its columns, the rows (at most the limit), and how long it took. */
public record AnalystQueryResult(List<String> columns, List<Map<String, Object>> rows, boolean truncated, long millis) {
}
