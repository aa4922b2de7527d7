package org.kiezwerk.commons.api;

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

/**
 * On an operation that editors of single organisations may not use even with the scope it needs
 * (new partners, imports, neighbourhoods, taxonomy terms, persons, conversations: they concern more than one organisation); coordinators, systems and
 * admins may. Said on the method, beside its {@code @RolesAllowed}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface NotForEditors {

    /** Refuses (403) an editor on the operations marked {@link NotForEditors}. */
    @Provider
    @NotForEditors
    @Priority(Priorities.AUTHORIZATION)
    class Refusal implements ContainerRequestFilter {

        @Inject
        SecurityIdentity identity;

        @Override
        public void filter(ContainerRequestContext request) {
            CallerRules.requireUnbound(identity, request.getMethod() + " " + request.getUriInfo().getRequestUri().getPath());
        }
    }
}
