package org.kiezwerk.gateway.domain;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsLikeTheStandardWebhooksReference() {
        // the example of the Standard Webhooks specification and its reference libraries
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void newSecretsAreRandomAndPrefixed() {
        String one = WebhookSignature.newSecret();
        assertTrue(one.matches("whsec_[A-Za-z0-9+/]{43}="), one);
        assertNotEquals(one, WebhookSignature.newSecret());
    }
}
