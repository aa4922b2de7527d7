package org.kiezwerk.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The request line and header sizes the gateway refuses itself, and the access log's status. */
class HeadLimitsTest {

    @Test
    void aLongTargetIs414LargeHeaders431() {
        assertEquals(0, HeadLimits.refusal(HeadLimits.MAX_REQUEST_TARGET, HeadLimits.MAX_HEADERS));
        assertEquals(414, HeadLimits.refusal(HeadLimits.MAX_REQUEST_TARGET + 1, 0));
        assertEquals(414, HeadLimits.refusal(HeadLimits.MAX_REQUEST_TARGET + 1, HeadLimits.MAX_HEADERS + 1));
        assertEquals(431, HeadLimits.refusal(10, HeadLimits.MAX_HEADERS + 1));
    }

    @Test
    void aCallerWhoLeftBeforeTheAnswerIsLoggedAs499() {
        assertEquals(499, AccessLog.status(true, false, 200));
        assertEquals(200, AccessLog.status(true, true, 200));
        assertEquals(503, AccessLog.status(false, false, 503));
    }
}
