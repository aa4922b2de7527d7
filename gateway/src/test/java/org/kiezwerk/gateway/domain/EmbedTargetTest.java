package org.kiezwerk.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbedTargetTest {

    private static final URI BASE = URI.create("https://kiezwerk.example.org/");
    private static final String ID = "9f32d001-59a8-4643-b98c-83c6b6228d6b";

    private static Optional<EmbedTarget> of(String page) {
        return EmbedTarget.ofPage(URI.create(page), BASE);
    }

    @Test
    void readsTheEmbedPagesAndThePartnerPageOfThisKiezwerk() {
        EmbedTarget partner = new EmbedTarget(EmbedTarget.Kind.PARTNER, ID);
        assertEquals(Optional.of(partner), of("https://kiezwerk.example.org/embed/partners/" + ID));
        assertEquals(Optional.of(partner), of("https://KIEZWERK.example.org:443/embed/partners/" + ID.toUpperCase() + "/?view=card"));
        // a proxy in front may end TLS: http and https of the same host are one site
        assertEquals(Optional.of(partner), of("http://kiezwerk.example.org/embed/partners/" + ID));
        assertEquals(Optional.of(partner), of("https://kiezwerk.example.org/#/partners/" + ID));
        assertEquals(Optional.of(new EmbedTarget(EmbedTarget.Kind.NEIGHBOURHOOD, "auenstadt-sued")),
                of("https://kiezwerk.example.org/embed/neighbourhoods/auenstadt-sued"));
    }

    @Test
    void refusesOtherSitesAndAnythingElse() {
        for (String page : new String[] {"https://evil.example/embed/partners/" + ID,
                "https://kiezwerk.example.org.evil.example/embed/partners/" + ID,
                "https://kiezwerk.example.org@evil.example/embed/partners/" + ID,
                "https://user@kiezwerk.example.org/embed/partners/" + ID,
                "https://kiezwerk.example.org:8443/embed/partners/" + ID,
                "ftp://kiezwerk.example.org/embed/partners/" + ID,
                "https://kiezwerk.example.org/embed/partners/not-a-uuid",
                "https://kiezwerk.example.org/embed/neighbourhoods/Lindenhof",
                "https://kiezwerk.example.org/embed/partners/" + ID + "/more",
                "https://kiezwerk.example.org/api/v1/partners/" + ID,
                "https://kiezwerk.example.org/other#/partners/" + ID}) {
            assertTrue(of(page).isEmpty(), page);
        }
    }

    @Test
    void composesItsPathsFromTheParsedKey() {
        EmbedTarget partner = EmbedTarget.partner(ID.toUpperCase()).orElseThrow();
        assertEquals("/embed/partners/" + ID, partner.embedPath());
        assertEquals("/api/v1/events/feed.atom?partner=" + ID, partner.feedPath());
        assertEquals("/#/partners/" + ID, partner.frontEndPath());
        EmbedTarget area = EmbedTarget.neighbourhood("lindenhof").orElseThrow();
        assertEquals("/embed/neighbourhoods/lindenhof", area.embedPath());
        assertEquals("/api/v1/events/feed.atom?neighbourhood=lindenhof", area.feedPath());
        assertTrue(EmbedTarget.neighbourhood("a\"b").isEmpty());
    }
}
