package org.kiezwerk.commons.outbox;

import static org.junit.jupiter.api.Assertions.*;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

/** Fast: the outbox row carries the current span as a W3C traceparent, and nothing when nothing is traced. */
class TraceParentsTest {

    @Test
    void nothingTracedNothingCarried() {
        assertNull(TraceParents.current());
    }

    @Test
    void theCurrentSpanAsTraceparent() {
        SpanContext context = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault());
        try (Scope scope = Span.wrap(context).makeCurrent()) {
            assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", TraceParents.current());
        }
    }
}
