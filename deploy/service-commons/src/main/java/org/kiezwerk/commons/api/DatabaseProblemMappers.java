package org.kiezwerk.commons.api;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

/**
 * The database's refusals as problems, in the services with a PostgreSQL datasource only: plain
 * providers (not {@code @ServerExceptionMapper} methods) because only those can be left out at build
 * time, and a service without Hibernate must not see these types.
 */
public final class DatabaseProblemMappers {

    private static final Logger LOG = Logger.getLogger(DatabaseProblemMappers.class);

    private DatabaseProblemMappers() {
    }

    /** Two writers at the same moment: the later one loses, as with a stale If-Match. */
    @Provider
    @IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
    public static class ConcurrentChange implements ExceptionMapper<OptimisticLockException> {

        @Context
        UriInfo uri;

        @Override
        public Response toResponse(OptimisticLockException e) {
            return concurrentChange(uri);
        }
    }

    /** Hibernate's own word for the same: a row changed or gone under the writer. */
    @Provider
    @IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
    public static class StaleState implements ExceptionMapper<StaleStateException> {

        @Context
        UriInfo uri;

        @Override
        public Response toResponse(StaleStateException e) {
            return concurrentChange(uri);
        }
    }

    /** A unique key taken by a concurrent write (e.g. two PUTs creating one id). */
    @Provider
    @IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
    public static class Constraint implements ExceptionMapper<ConstraintViolationException> {

        @Context
        UriInfo uri;

        @Inject
        RequestId requestId;

        @Override
        public Response toResponse(ConstraintViolationException e) {
            LOG.infof("constraint %s refused a write of request %s", e.getConstraintName(), requestId.value());
            return Problem.response(409, "conflict", "Conflict", "The change collides with another record ("
                    + e.getConstraintName() + "); read the current state and retry.", uri.getPath(), null);
        }
    }

    private static Response concurrentChange(UriInfo uri) {
        return Problem.response(412, "version-mismatch", "Precondition failed",
                "The record was changed by someone else at the same moment; read it again and retry.", uri.getPath(), null);
    }
}
