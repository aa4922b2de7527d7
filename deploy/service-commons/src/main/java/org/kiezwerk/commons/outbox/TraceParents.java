package org.kiezwerk.commons.outbox;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * Carries a trace across the outbox: the row keeps the W3C traceparent of the request that wrote it,
 * and the outbox connector publishes it as the record's {@code traceparent} header, so that the
 * consumers continue the request's trace.
 */
public final class TraceParents {

    private TraceParents() {
    }

    /** The current span as a traceparent, or null when nothing is being traced. */
    public static String current() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }
}
