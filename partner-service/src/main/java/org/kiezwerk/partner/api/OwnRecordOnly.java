package org.kiezwerk.partner.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;
import java.util.UUID;
import org.kiezwerk.commons.api.CallerRules;

/**
 * On an operation on one partner's record ({@code {id}} in the path) that an editor may call only
 * for an organisation they edit; coordinators, systems and admins for any. Said on the method,
 * beside its {@code @RolesAllowed}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OwnRecordOnly {

    /** Refuses (403) an editor of other organisations, before the body is even read. */
    @Provider
    @OwnRecordOnly
    @Priority(Priorities.AUTHORIZATION)
    class Refusal implements ContainerRequestFilter {

        @Inject
        SecurityIdentity identity;

        @Override
        public void filter(ContainerRequestContext request) {
            String id = request.getUriInfo().getPathParameters().getFirst("id");
            UUID partner;
            try {
                partner = UUID.fromString(id);
            } catch (IllegalArgumentException | NullPointerException e) {
                return; // not a partner id: the resource answers 404
            }
            CallerRules.requireMayEdit(identity, Set.of(partner), "the record");
        }
    }
}
