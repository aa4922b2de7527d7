package org.kiezwerk.gateway.domain;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The URL guard: only http(s), and no target inside the gateway's own networks unless allowed. */
class WebhookTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/hook", "file:///etc/passwd", "javascript:alert(1)", "/relative/hook", "https://",
            "https://user:secret@example.org/hook", "https://example.org/hook#part", "not a url", ""})
    void refusesWhatIsNoHttpTarget(String url) {
        InvalidWebhook refused = assertThrows(InvalidWebhook.class, () -> WebhookTarget.parse(url, true));
        assertEquals("url", refused.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/", "http://localhost/hook", "http://api.localhost/", "http://10.1.2.3/",
            "http://172.16.0.1/", "http://192.168.1.10/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
            "http://[fd00::1]/", "http://[fe80::1]/", "http://0.0.0.0/", "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/",
            "http://printer.local/"})
    void refusesPrivateTargetsUnlessAllowed(String url) {
        InvalidWebhook refused = assertThrows(InvalidWebhook.class, () -> WebhookTarget.parse(url, false));
        assertEquals("url", refused.field());
        assertEquals(URI.create(url), WebhookTarget.parse(url, true));
    }

    @Test
    void takesPublicTargets() {
        assertEquals(URI.create("https://93.184.215.14/hooks?x=1"), WebhookTarget.parse("https://93.184.215.14/hooks?x=1", false));
        assertEquals(URI.create("http://[2001:4860:4860::8888]/"), WebhookTarget.parse("http://[2001:4860:4860::8888]/", false));
        // a name that does not resolve now is no reason to refuse (its deliveries are checked again)
        assertEquals(URI.create("https://hooks.example.invalid/k"), WebhookTarget.parse("https://hooks.example.invalid/k", false));
    }
}
