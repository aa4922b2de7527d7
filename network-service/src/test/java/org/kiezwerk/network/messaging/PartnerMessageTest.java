package org.kiezwerk.network.messaging;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Fast: what a partner message must hold before it becomes a node, and the reason given when it does not. */
class PartnerMessageTest {

    private static final String ID = "6f1c2a0e-4b1d-4c55-9a57-1f0c8a1d2e3f";
    private final ObjectMapper json = new ObjectMapper();

    private PartnerMessage read(String extra) throws Exception {
        return json.readValue("{\"id\":\"" + ID + "\",\"name\":\"Stadtteiltreff\",\"kind\":\"association\",\"version\":3" + extra + "}",
                PartnerMessage.class);
    }

    @Test
    void takesAWholeMessage() throws Exception {
        PartnerMessage message = read(",\"offers\":[{\"targetGroups\":[\"seniors\",\"families\"]}],"
                + "\"resources\":[{\"direction\":\"offered\",\"kind\":\"room\"},{\"direction\":\"needed\",\"kind\":\"van\"}],"
                + "\"neighbourhoods\":[{\"code\":\"lindenhof\",\"parentCode\":\"mitte\"}]");
        assertDoesNotThrow(() -> message.check(ID));
        var profile = message.change(false, "e1").profile();
        assertEquals(java.util.List.of("families", "seniors"), profile.targetGroups());
        assertEquals(java.util.List.of("room"), profile.resourcesOffered());
        assertEquals(java.util.List.of("van"), profile.resourcesNeeded());
    }

    @Test
    void givesTheReasonForWhatCannotBecomeANode() throws Exception {
        String[] bad = {
            ",\"resources\":[{\"direction\":\"offered\",\"kind\":null}]",
            ",\"resources\":[{\"direction\":\"lent\",\"kind\":\"room\"}]",
            ",\"resources\":[null]",
            ",\"offers\":[{\"targetGroups\":[null]}]",
            ",\"offers\":[null]",
            ",\"neighbourhoods\":[null]",
        };
        for (String extra : bad) {
            PartnerMessage message = read(extra);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> message.check(ID), extra);
            assertTrue(refused.getMessage().startsWith("partner message " + ID + " has"), refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> read("").check("another-key"));
    }
}
