package org.kiezwerk.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.domain.Scope;

/** The freshness routes (issue 17): confirming is a directory write, the stale report public reading. */
class AccessPolicyTest {

    @Test
    void confirmingNeedsThePartnerWriteScope() {
        assertEquals(Optional.of(Scope.WRITE_PARTNERS),
                AccessPolicy.required("POST", "/api/v1/partners/9f32d001-59a8-4643-b98c-83c6b6228d6b/confirmation"));
        assertEquals(Optional.of(Scope.WRITE_PARTNERS),
                AccessPolicy.required("POST", "/api/v1/offers/9f32d001-59a8-4643-b98c-83c6b6228d6b/confirmation"));
    }

    @Test
    void theStaleReportIsReadLikeTheDirectory() {
        assertEquals(Optional.empty(), AccessPolicy.required("GET", "/api/v1/partners/stale"));
        assertEquals(Optional.of(Scope.WRITE_PARTNERS), AccessPolicy.required("POST", "/api/v1/partners/stale"));
    }

    @Test
    void theEndedEventsReportIsPublicReadingLikeTheFeed() {
        assertEquals(Optional.empty(), AccessPolicy.required("GET", "/api/v1/events/ended"));
        assertEquals(Optional.empty(), AccessPolicy.required("GET", "/api/v1/events/feed.atom"));
        assertEquals(Optional.of(Scope.WRITE_EVENTS), AccessPolicy.required("POST", "/api/v1/events/ended"));
    }
}
