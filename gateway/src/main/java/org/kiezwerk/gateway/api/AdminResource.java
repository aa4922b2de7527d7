package org.kiezwerk.gateway.api;

import com.fasterxml.jackson.core.JacksonException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.kiezwerk.gateway.domain.Scope;
import org.kiezwerk.gateway.repository.ApiKeyStore.StoredKey;
import org.kiezwerk.gateway.service.ApiKeys;
import org.kiezwerk.gateway.service.IdentityTokens;

/** Administration of access: API keys for systems and, in a local run, people's tokens. Admins only. */
@Path("/api/v1/admin")
@RolesAllowed("admin")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    static final Set<String> ROLES = Set.of("editor", "coordinator", "analyst", "admin");

    public record ApiKeyRequest(String name, List<String> scopes, List<UUID> organisations) {
    }

    /** A key as listed: never the secret, which only the creation answer carries ({@code key}). */
    public record ApiKeyView(UUID id, String name, String prefix, Set<String> scopes, Set<UUID> organisations,
            Instant createdAt, @Schema(nullable = true) Instant revokedAt,
            boolean active, @Schema(nullable = true,
                    description = "The secret: only in the answer that creates the key.") String key) {

        static ApiKeyView of(StoredKey key, String secret) {
            return new ApiKeyView(key.id(), key.name(), key.prefix(), key.scopes(), key.organisations(), key.createdAt(),
                    key.revokedAt(), key.active(), secret);
        }
    }

    /** The list of keys, as GET /api/v1/admin/api-keys answers it (documentation only). */
    public record ApiKeyPage(List<ApiKeyView> items,
            @Schema(nullable = true) String nextCursor) {
    }

    public record PersonTokenRequest(String subject, String name, List<String> roles, List<UUID> organisations, Integer minutes) {
    }

    public record PersonToken(String token, Instant expiresAt) {
    }

    private final ApiKeys keys;
    private final IdentityTokens tokens;

    AdminResource(ApiKeys keys, IdentityTokens tokens) {
        this.keys = keys;
        this.tokens = tokens;
    }

    @POST
    @Path("/api-keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key with scopes (read, partners:write, events:write, network:write, analytics, admin); "
            + "the answer is the only time the key is shown")
    @APIResponse(responseCode = "201", description = "Created; `key` is the secret, shown this once.",
            content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "400", description = "No name, or an unknown scope.")
    public Response create(ApiKeyRequest request) {
        if (request == null) {
            throw Problem.invalid("body", "a JSON object with name and scopes is required");
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            throw Problem.invalid("name", "must be 1 to 100 characters");
        }
        if (request.scopes() == null || request.scopes().isEmpty()) {
            throw Problem.invalid("scopes", "at least one scope is required");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (int i = 0; i < request.scopes().size(); i++) {
            String code = request.scopes().get(i);
            int index = i;
            scopes.add(Scope.of(code == null ? "" : code).orElseThrow(() -> Problem.invalid("scopes[" + index + "]",
                    "unknown scope; allowed: read, partners:write, events:write, network:write, analytics, admin")));
        }
        List<UUID> organisations = request.organisations() == null ? List.of() : request.organisations();
        if (organisations.stream().anyMatch(Objects::isNull)) {
            throw Problem.invalid("organisations", "must hold partner ids");
        }
        ApiKeys.Issued issued = keys.create(request.name().strip(), scopes, Set.copyOf(organisations));
        return Response.status(201).location(URI.create("/api/v1/admin/api-keys/" + issued.key().id()))
                .entity(ApiKeyView.of(issued.key(), issued.secret())).build();
    }

    @GET
    @Path("/api-keys")
    @Operation(summary = "All API keys, revoked ones included (without their secrets)")
    @APIResponse(responseCode = "200", description = "One page with every key (`nextCursor` is always null).",
            content = @Content(schema = @Schema(implementation = ApiKeyPage.class)))
    public Map<String, Object> list() {
        List<ApiKeyView> items = new ArrayList<>();
        keys.all().forEach(key -> items.add(ApiKeyView.of(key, null)));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("nextCursor", null);
        return page;
    }

    @DELETE
    @Path("/api-keys/{id}")
    @Operation(summary = "Revoke an API key: it stops working at once")
    @APIResponse(responseCode = "204", description = "Revoked.")
    @APIResponse(responseCode = "404", description = "There is no such key.")
    public Response revoke(@PathParam("id") UUID id) {
        return keys.revoke(id).map(key -> Response.noContent().build())
                .orElseThrow(() -> Problem.notFound("There is no API key " + id + "."));
    }

    @POST
    @Path("/person-tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Local run only: issue a person's bearer token (roles editor, coordinator, analyst, admin)")
    @APIResponse(responseCode = "201", description = "The token and when it expires.",
            content = @Content(schema = @Schema(implementation = PersonToken.class)))
    @APIResponse(responseCode = "400", description = "No subject, unknown roles, or an editor without organisations.")
    @APIResponse(responseCode = "409", description = "This gateway issues no tokens (people sign in with the identity provider).")
    public Response personToken(PersonTokenRequest request) {
        if (request == null || request.subject() == null || request.subject().isBlank() || request.subject().length() > 200) {
            throw Problem.invalid("subject", "must be 1 to 200 characters");
        }
        if (request.roles() == null || request.roles().isEmpty() || !ROLES.containsAll(request.roles())) {
            throw Problem.invalid("roles", "one or more of editor, coordinator, analyst, admin");
        }
        List<UUID> organisations = request.organisations() == null ? List.of() : request.organisations();
        if (organisations.stream().anyMatch(Objects::isNull) || (request.roles().contains("editor") && organisations.isEmpty())) {
            throw Problem.invalid("organisations", "an editor needs the ids of the partners they edit");
        }
        int minutes = request.minutes() == null ? 60 : request.minutes();
        if (minutes < 1 || minutes > 24 * 60) {
            throw Problem.invalid("minutes", "between 1 and 1440");
        }
        Instant expires = Instant.now().plus(Duration.ofMinutes(minutes));
        String name = request.name() == null || request.name().isBlank() ? request.subject() : request.name();
        return tokens.personToken(request.subject(), name, Set.copyOf(request.roles()), organisations, Duration.ofMinutes(minutes))
                .map(token -> Response.status(201).entity(new PersonToken(token, expires)).build())
                .orElseThrow(() -> new Problem(409, "/problems/no-token-issuer", "No local token issuer",
                        "This gateway issues no tokens: people sign in with the identity provider."));
    }

    // the refusals are answered by GatewayExceptionMappers; these two the framework raises for this resource alone

    @ServerExceptionMapper
    Response unreadable(JacksonException e, UriInfo uri) {
        return GatewayExceptionMappers.unreadable(uri);
    }

    @ServerExceptionMapper
    Response web(WebApplicationException e, UriInfo uri) {
        return GatewayExceptionMappers.framework(e, uri);
    }
}
