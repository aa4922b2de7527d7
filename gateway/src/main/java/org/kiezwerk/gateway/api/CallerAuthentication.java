package org.kiezwerk.gateway.api;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.TreeSet;
import org.kiezwerk.gateway.domain.Caller;
import org.kiezwerk.gateway.domain.Scope;
import org.kiezwerk.gateway.service.Callers;

/**
 * The caller of the gateway's own resources (admin, webhooks) as Quarkus security sees it: the same
 * {@link Callers} as the proxied routes, its scopes as roles, so that a resource says who may call it
 * with {@code @RolesAllowed}. Authentication is not proactive (quarkus.http.auth.proactive=false): the
 * proxied routes identify their callers themselves ({@link CallerIdentification}), and a public
 * resource never asks the key store.
 */
@ApplicationScoped
public class CallerAuthentication implements HttpAuthenticationMechanism {

    /** The attribute of the {@link SecurityIdentity} that holds the {@link Caller}. */
    static final String CALLER = "kiezwerk.caller";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String apiKey = context.request().getHeader("X-API-Key");
        String authorization = context.request().getHeader("Authorization");
        if (apiKey == null && authorization == null) {
            return Uni.createFrom().nullItem(); // anonymous
        }
        return identities.authenticate(new Credentials(apiKey, authorization));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", GatewayProblems.CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(Credentials.class);
    }

    /** The caller's roles: the codes of the scopes they have (an admin has all). */
    static Set<String> roles(Caller caller) {
        Set<String> roles = new TreeSet<>();
        for (Scope scope : Scope.values()) {
            if (caller.may(scope)) {
                roles.add(scope.code());
            }
        }
        return roles;
    }

    /** An API key or an Authorization header, as the request brought them. */
    static final class Credentials extends BaseAuthenticationRequest {
        final String apiKey;
        final String authorization;

        Credentials(String apiKey, String authorization) {
            this.apiKey = apiKey;
            this.authorization = authorization;
        }
    }

    /** Identifies the caller on a worker thread (a key may need the key store's database). */
    @ApplicationScoped
    public static class Identities implements IdentityProvider<Credentials> {

        private final Callers callers;

        Identities(Callers callers) {
            this.callers = callers;
        }

        @Override
        public Class<Credentials> getRequestType() {
            return Credentials.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(Credentials credentials, AuthenticationRequestContext context) {
            return context.runBlocking(() -> {
                Caller caller = callers.identify(credentials.apiKey, credentials.authorization);
                return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(caller.subject()))
                        .addRoles(roles(caller)).addAttribute(CALLER, caller).build();
            });
        }
    }
}
