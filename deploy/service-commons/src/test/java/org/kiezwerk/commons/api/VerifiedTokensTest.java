package org.kiezwerk.commons.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** A token is verified once and then taken by its text until it expires; others are verified as before. */
class VerifiedTokensTest {

    private final Map<String, Integer> verifications = new HashMap<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    /** Accepts "good-<exp>" tokens (expiring at that epoch second), refuses anything else. */
    private final VerifiedTokens.Verifier verifier = token -> {
        verifications.merge(token, 1, Integer::sum);
        if (!token.startsWith("good-") || Long.parseLong(token.substring(5)) <= now.get().getEpochSecond()) {
            throw new ParseException("refused: " + token);
        }
        return token(Long.parseLong(token.substring(5)));
    };

    private final VerifiedTokens tokens = new VerifiedTokens(verifier, clock);

    @Test
    void aTokenIsVerifiedOnceUntilItExpires() throws Exception {
        String token = "good-" + now.get().plusSeconds(300).getEpochSecond();
        JsonWebToken first = tokens.parse(token);
        assertSame(first, tokens.parse(token));
        assertSame(first, tokens.parse(token));
        assertEquals(1, verifications.get(token));
        now.set(now.get().plusSeconds(300));
        assertThrows(ParseException.class, () -> tokens.parse(token), "an expired token is refused, not taken from the cache");
        assertEquals(2, verifications.get(token));
    }

    @Test
    void aForgedTokenIsVerifiedEveryTime() {
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertEquals(2, verifications.get("forged"));
    }

    private static JsonWebToken token(long expires) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "someone";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return "exp".equals(name) ? (T) Long.valueOf(expires) : null;
            }
        };
    }
}
