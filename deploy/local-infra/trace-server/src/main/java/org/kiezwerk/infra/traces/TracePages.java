package org.kiezwerk.infra.traces;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The viewer's two pages, plain server-side HTML: the recent traces, and one trace as a waterfall. */
final class TracePages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final String STYLE = "<style>body{font:14px system-ui,sans-serif;margin:1.5em}"
            + "table{border-collapse:collapse}td,th{padding:.2em .6em;text-align:left;border-bottom:1px solid #ddd}"
            + ".bar{background:#4a7fb5;height:.8em;display:inline-block}.err{color:#b00}"
            + ".lane{width:40em;background:#f3f3f3}code{font-size:12px}</style>";

    private TracePages() {
    }

    static String list(List<TraceStore.TraceSummary> traces, String service, String requestId) {
        StringBuilder page = head("Kiezwerk traces");
        page.append("<h1>Recent traces").append(service == null ? "" : " with " + escape(service))
                .append(requestId == null ? "" : " of request " + escape(requestId)).append("</h1>");
        page.append("<form method=\"get\" action=\"/\"><label>Request id (X-Request-Id) <input name=\"requestId\" size=\"40\" value=\"")
                .append(requestId == null ? "" : escape(requestId)).append("\"></label> <button>Find</button></form>");
        page.append("<p>Newest first. Filter: <a href=\"/?service=gateway\">gateway</a> · <a href=\"/?service=partner-service\">partner-service</a> · "
                + "<a href=\"/?service=event-service\">event-service</a> · <a href=\"/?service=network-service\">network-service</a> · "
                + "<a href=\"/\">all</a>. JSON: <code>/api/traces</code>.</p>");
        page.append("<table><tr><th>Started</th><th>Root</th><th>Services</th><th>Spans</th><th>ms</th><th>Trace</th></tr>");
        for (TraceStore.TraceSummary trace : traces) {
            page.append("<tr").append(trace.failed() ? " class=\"err\"" : "").append("><td>")
                    .append(TIME.format(Instant.ofEpochSecond(0, trace.startEpochNanos()))).append("</td><td>")
                    .append(escape(trace.rootService())).append(": ").append(escape(trace.rootName())).append("</td><td>")
                    .append(escape(String.join(", ", trace.services()))).append("</td><td>").append(trace.spans())
                    .append("</td><td>").append(String.format("%.1f", trace.durationMillis())).append("</td><td><a href=\"/trace/")
                    .append(trace.traceId()).append("\"><code>").append(trace.traceId()).append("</code></a></td></tr>");
        }
        return page.append("</table></body></html>").toString();
    }

    static String trace(String traceId, List<TraceStore.Span> spans) {
        long start = spans.stream().mapToLong(TraceStore.Span::startEpochNanos).min().orElse(0);
        long end = spans.stream().mapToLong(TraceStore.Span::endEpochNanos).max().orElse(start);
        double total = Math.max(1, end - start);
        StringBuilder page = head("Trace " + traceId);
        page.append("<h1>Trace <code>").append(escape(traceId)).append("</code></h1><p><a href=\"/\">all traces</a> · ")
                .append(spans.size()).append(" spans · ").append(String.format("%.1f ms", (end - start) / 1e6))
                .append("</p><table><tr><th>Service</th><th>Span</th><th>Kind</th><th>ms</th><th class=\"lane\">Timeline</th></tr>");
        for (Map.Entry<TraceStore.Span, Integer> row : depthFirst(spans)) {
            TraceStore.Span span = row.getKey();
            double left = (span.startEpochNanos() - start) / total * 100;
            double width = Math.max(0.3, (span.endEpochNanos() - span.startEpochNanos()) / total * 100);
            page.append("<tr").append("ERROR".equals(span.status()) ? " class=\"err\"" : "").append(" title=\"")
                    .append(escape(span.attributes().toString())).append("\"><td>").append(escape(span.service()))
                    .append("</td><td style=\"padding-left:").append(0.6 + row.getValue() * 1.2).append("em\">")
                    .append(escape(span.name())).append(span.statusMessage().isEmpty() ? "" : " — " + escape(span.statusMessage()))
                    .append("</td><td>").append(span.kind()).append("</td><td>").append(String.format("%.1f", span.durationMillis()))
                    .append("</td><td class=\"lane\"><span class=\"bar\" style=\"margin-left:").append(String.format("%.2f", left))
                    .append("%;width:").append(String.format("%.2f", width)).append("%\"></span></td></tr>");
        }
        return page.append("</table><p>Hover a row for its attributes.</p></body></html>").toString();
    }

    static String notFound(String traceId) {
        return head("No such trace") + "<h1>No spans of trace <code>" + escape(traceId)
                + "</code> received (yet)</h1><p><a href=\"/\">all traces</a></p></body></html>";
    }

    /** Each span after its parent, with its depth; spans whose parent is elsewhere are roots. */
    static List<Map.Entry<TraceStore.Span, Integer>> depthFirst(List<TraceStore.Span> spans) {
        Map<String, List<TraceStore.Span>> children = new HashMap<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        spans.forEach(s -> ids.add(s.spanId()));
        List<TraceStore.Span> roots = new ArrayList<>();
        for (TraceStore.Span span : spans) {
            if (span.parentSpanId().isEmpty() || !ids.contains(span.parentSpanId())) {
                roots.add(span);
            } else {
                children.computeIfAbsent(span.parentSpanId(), id -> new ArrayList<>()).add(span);
            }
        }
        List<Map.Entry<TraceStore.Span, Integer>> ordered = new ArrayList<>();
        roots.sort(Comparator.comparingLong(TraceStore.Span::startEpochNanos));
        for (TraceStore.Span root : roots) {
            walk(root, 0, children, ordered);
        }
        return ordered;
    }

    private static void walk(TraceStore.Span span, int depth, Map<String, List<TraceStore.Span>> children,
            List<Map.Entry<TraceStore.Span, Integer>> ordered) {
        ordered.add(Map.entry(span, depth));
        List<TraceStore.Span> below = new ArrayList<>(children.getOrDefault(span.spanId(), List.of()));
        below.sort(Comparator.comparingLong(TraceStore.Span::startEpochNanos));
        for (TraceStore.Span child : below) {
            walk(child, depth + 1, children, ordered);
        }
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>").append(STYLE).append("</head><body>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
