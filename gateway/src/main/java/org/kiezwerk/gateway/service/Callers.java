package org.kiezwerk.gateway.service;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.kiezwerk.gateway.config.GatewayConfig;
import org.kiezwerk.gateway.domain.AccessDenied;
import org.kiezwerk.gateway.domain.Caller;
import org.kiezwerk.gateway.domain.Scope;
import org.kiezwerk.gateway.repository.ApiKeyStore.StoredKey;

/**
 * Tells who is calling from the request's credentials: an API key ({@code X-API-Key}), a person's
 * bearer token (verified with smallrye-jwt against the identity provider's public key), or nobody.
 * Credentials that are present but wrong are refused, never treated as anonymous.
 */
@ApplicationScoped
public class Callers {

    private static final Logger LOG = Logger.getLogger(Callers.class);

    private final ApiKeys keys;
    private final JWTParser people;

    Callers(ApiKeys keys, GatewayConfig config) {
        this.keys = keys;
        this.people = config.security().peoplePublicKey().map(path -> parser(path, config.security().peopleIssuer())).orElse(null);
        if (people == null) {
            LOG.warn("No identity provider key configured (kiezwerk.gateway.security.people-public-key): bearer tokens are refused");
        }
    }

    /**
     * Whether {@link #identify} would ask the key store's database (a blocking query): the event loop
     * then hands the request to a worker thread. A key read within the cache interval needs none.
     */
    public boolean needsLookup(String apiKey, String authorization) {
        return apiKey != null && authorization == null && keys.needsLookup(apiKey.trim());
    }

    public Caller identify(String apiKey, String authorization) {
        if (apiKey != null && authorization != null) {
            throw AccessDenied.unauthenticated("Send either an X-API-Key or an Authorization header, not both.");
        }
        if (apiKey != null) {
            StoredKey key = keys.check(apiKey.trim())
                    .orElseThrow(() -> AccessDenied.unauthenticated("The API key is unknown or has been revoked."));
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            key.scopes().forEach(code -> Scope.of(code).ifPresent(scopes::add));
            return new Caller("key:" + key.id(), key.name(), scopes, key.organisations());
        }
        if (authorization != null) {
            return person(authorization);
        }
        return Caller.ANONYMOUS;
    }

    private Caller person(String authorization) {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw AccessDenied.unauthenticated("Only bearer tokens are accepted in the Authorization header.");
        }
        if (people == null) {
            throw AccessDenied.unauthenticated("This gateway accepts no bearer tokens: no identity provider is configured.");
        }
        JsonWebToken token;
        try {
            token = people.parse(authorization.substring(7).trim());
        } catch (ParseException e) {
            throw AccessDenied.unauthenticated("The bearer token is invalid or has expired.");
        }
        Set<String> roles = token.getGroups() == null ? Set.of() : token.getGroups();
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        roles.forEach(role -> scopes.addAll(Scope.grantedBy(role)));
        // an editor changes only their own organisations; a coordinator or admin is not bound to any
        boolean bound = roles.contains("editor") && !roles.contains("coordinator") && !roles.contains("admin");
        Set<UUID> organisations = bound ? organisations(token.getClaim("organisations")) : Set.of();
        if (bound && organisations.isEmpty()) {
            throw AccessDenied.forbidden("An editor's token must name the organisations they edit (claim 'organisations').");
        }
        return new Caller("person:" + token.getSubject(), token.getName(), scopes, organisations);
    }

    private static Set<UUID> organisations(Object claim) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (claim instanceof Iterable<?> values) {
            for (Object value : values) {
                String text = value instanceof JsonString json ? json.getString() : value.toString().replace("\"", "");
                try {
                    ids.add(UUID.fromString(text));
                } catch (IllegalArgumentException e) {
                    throw AccessDenied.unauthenticated("The token's 'organisations' claim holds something that is no id: " + text);
                }
            }
        }
        return ids;
    }

    private static JWTParser parser(Path publicKey, String issuer) {
        try {
            RSAPublicKey key = (RSAPublicKey) KeyUtils.decodePublicKey(Files.readString(publicKey));
            return new DefaultJWTParser(new JWTAuthContextInfo(key, issuer));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the identity provider's public key " + publicKey, e);
        }
    }
}
