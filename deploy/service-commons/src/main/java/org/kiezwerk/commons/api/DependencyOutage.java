package org.kiezwerk.commons.api;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a database outage from a bug: the answer is then a 503 with Retry-After (the caller may try
 * again), not a 500. The pool gives up after a second (quarkus.datasource.jdbc.acquisition-timeout).
 */
public final class DependencyOutage {

    public static final int RETRY_AFTER_SECONDS = 5;

    private DependencyOutage() {
    }

    public static boolean isOutage(Throwable failure) {
        return isOutage(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * Follows causes and suppressed exceptions: a commit the database dropped mid-way (killed server)
     * reaches us as a RollbackException that carries the connection failure only as a suppressed
     * XAException. The write's outcome is then unknown, so a 503 asks the caller to retry (with its
     * Idempotency-Key the retry finds the first attempt if that did commit).
     */
    private static boolean isOutage(Throwable e, Set<Throwable> seen) {
        if (e == null || !seen.add(e)) {
            return false;
        }
        if (isA(e, "org.hibernate.exception.JDBCConnectionException") || e instanceof ConnectException
                || e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (e instanceof SQLException sql) {
            String state = sql.getSQLState();
            // 08: connection exceptions; 57P0x: the server is shutting down or starting
            if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                return true;
            }
            // Agroal: no connection within the acquisition timeout, with the pool full under load as with
            // the database away ("Acquisition timeout while waiting…", "Sorry, acquisition timeout!")
            if (sql.getMessage() != null && sql.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
        }
        for (Throwable suppressed : e.getSuppressed()) {
            if (isOutage(suppressed, seen)) {
                return true;
            }
        }
        return isOutage(e.getCause(), seen);
    }

    /** By name: services without Hibernate (network-service) share this check and lack the class. */
    private static boolean isA(Throwable e, String className) {
        for (Class<?> type = e.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
