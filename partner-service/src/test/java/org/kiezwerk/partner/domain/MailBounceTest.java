package org.kiezwerk.partner.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** A recorded bounce speaks for the partner's e-mail only while it is the same address. */
class MailBounceTest {

    final MailBounce bounce = new MailBounce("Info@Lindenhof.example", OffsetDateTime.parse("2026-11-02T08:00Z"),
            "550 5.1.1 mailbox unavailable");

    @Test
    void appliesToTheSameAddressInAnyCase() {
        assertTrue(bounce.appliesTo("info@lindenhof.example"));
    }

    @Test
    void aChangedOrRemovedAddressHasNoBounce() {
        assertFalse(bounce.appliesTo("kontakt@lindenhof.example"));
        assertFalse(bounce.appliesTo(null));
    }
}
