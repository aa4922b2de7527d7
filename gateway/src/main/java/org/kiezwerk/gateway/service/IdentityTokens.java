package org.kiezwerk.gateway.service;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.kiezwerk.gateway.config.GatewayConfig;
import org.kiezwerk.gateway.domain.Caller;
import org.kiezwerk.gateway.domain.Scope;

/**
 * The identity the gateway passes to the services: a short-lived JWT signed with the gateway's own
 * key, in place of whatever credentials the caller sent. The services verify it with the public key,
 * so a request that goes around the gateway cannot claim to be anyone. Tokens are reused for a
 * minute per caller: signing on every request would cost more than the proxying.
 */
@ApplicationScoped
public class IdentityTokens {

    static final String AUDIENCE = "kiezwerk-services";
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final long REUSE_NANOS = Duration.ofMinutes(1).toNanos();
    private static final Logger LOG = Logger.getLogger(IdentityTokens.class);

    private record Signed(String token, long signedAt) {
    }

    private final PrivateKey identityKey;
    private final String issuer;
    private final PrivateKey peopleKey;
    private final String peopleIssuer;
    private final Map<String, Signed> recent = new ConcurrentHashMap<>();

    IdentityTokens(GatewayConfig config) {
        this.identityKey = config.security().identitySigningKey().map(IdentityTokens::privateKey).orElse(null);
        this.issuer = config.security().identityIssuer();
        this.peopleKey = config.security().peopleSigningKey().map(IdentityTokens::privateKey).orElse(null);
        this.peopleIssuer = config.security().peopleIssuer();
        if (identityKey == null) {
            LOG.warn("No identity signing key (kiezwerk.gateway.security.identity-signing-key): the services will treat every caller as anonymous");
        }
    }

    /** The signed identity for the services, or empty for an anonymous caller (or without a key). */
    public Optional<String> forCaller(Caller caller) {
        if (caller.anonymous() || identityKey == null) {
            return Optional.empty();
        }
        String cacheKey = caller.subject() + '|' + caller.scopes() + '|' + caller.organisations();
        long now = System.nanoTime();
        Signed signed = recent.get(cacheKey);
        if (signed == null || now - signed.signedAt() > REUSE_NANOS) {
            if (recent.size() > 10_000) {
                recent.clear();
            }
            signed = new Signed(Jwt.issuer(issuer).subject(caller.subject()).upn(caller.name()).audience(AUDIENCE)
                    .groups(codes(caller.scopes())).claim("organisations", caller.organisations().stream().map(UUID::toString).toList())
                    .expiresIn(LIFETIME).sign(identityKey), now);
            recent.put(cacheKey, signed);
        }
        return Optional.of(signed.token());
    }

    /** Local run only: a person's token as the identity provider would issue it. Empty when there is no such key. */
    public Optional<String> personToken(String subject, String name, Set<String> roles, List<UUID> organisations, Duration lifetime) {
        if (peopleKey == null) {
            return Optional.empty();
        }
        return Optional.of(Jwt.issuer(peopleIssuer).subject(subject).upn(name).groups(roles)
                .claim("organisations", organisations.stream().map(UUID::toString).toList())
                .expiresIn(lifetime).sign(peopleKey));
    }

    private static Set<String> codes(Set<Scope> scopes) {
        return scopes.stream().map(Scope::code).collect(Collectors.toSet());
    }

    private static PrivateKey privateKey(Path pem) {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(pem));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the private key " + pem, e);
        }
    }
}
