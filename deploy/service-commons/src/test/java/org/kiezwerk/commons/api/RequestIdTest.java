package org.kiezwerk.commons.api;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Fast: no server needed. */
class RequestIdTest {

    @Test
    void adoptsAUsableIdFromTheCaller() {
        RequestId id = new RequestId();
        id.adopt("req-42");
        assertEquals("req-42", id.value());
    }

    @Test
    void createsAnIdWhenTheCallersIsMissingOrUnsafe() {
        for (String unsafe : new String[] {null, "", "with space", "line\nbreak", "x".repeat(201)}) {
            RequestId id = new RequestId();
            id.adopt(unsafe);
            assertNotEquals(unsafe, id.value());
            assertTrue(id.value().matches("[0-9a-f-]{36}"), id.value());
        }
    }
}
