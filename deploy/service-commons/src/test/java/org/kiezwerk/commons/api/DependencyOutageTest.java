package org.kiezwerk.commons.api;

import static org.junit.jupiter.api.Assertions.*;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/** Fast: which failures are the database being away (503, retry) rather than a bug (500). */
class DependencyOutageTest {

    @Test
    void aCommitTheKilledDatabaseDroppedIsAnOutage() {
        // what Narayana throws when PostgreSQL dies during the commit: the reason only as a suppressed XAException
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to unexpected postmaster exit", "57P01"));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        assertTrue(DependencyOutage.isOutage(new RuntimeException("Error invoking subclass method", rollback)));
    }

    @Test
    void connectionStatesAndPoolTimeoutsAreOutages() {
        assertTrue(DependencyOutage.isOutage(new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertTrue(DependencyOutage.isOutage(new IllegalStateException(new SQLException("Acquisition timeout while waiting for new connection"))));
        // Agroal's words when every connection is busy (a search benchmark at 32 callers met it as a 500), wrapped as Hibernate does
        assertTrue(DependencyOutage.isOutage(new RuntimeException("Unable to acquire JDBC Connection [Sorry, acquisition timeout!]",
                new SQLException("Sorry, acquisition timeout!"))));
    }

    @Test
    void aRollbackForAnyOtherReasonAndOtherSqlErrorsAreNot() {
        RollbackException rollback = new RollbackException("marked rollback only");
        rollback.addSuppressed(new IllegalStateException("a bug"));
        assertFalse(DependencyOutage.isOutage(new RuntimeException(rollback)));
        assertFalse(DependencyOutage.isOutage(new SQLException("duplicate key value violates unique constraint", "23505")));
        assertFalse(DependencyOutage.isOutage(null));
    }

    @Test
    void aCycleOfCausesEnds() {
        RuntimeException one = new RuntimeException("one");
        RuntimeException two = new RuntimeException("two", one);
        one.addSuppressed(two);
        assertFalse(DependencyOutage.isOutage(two));
    }
}
