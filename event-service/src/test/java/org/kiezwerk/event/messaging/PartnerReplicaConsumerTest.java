package org.kiezwerk.event.messaging;

import static org.junit.jupiter.api.Assertions.*;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;
import org.kiezwerk.commons.messaging.OutageRetry;

/** Fast: which failures of the replica's write wait for the database, and which are the message's. */
class PartnerReplicaConsumerTest {

    private static RuntimeException asHibernateThrowsIt(String message, String sqlState) {
        return new PersistenceException(new GenericJDBCException("could not execute statement", new SQLException(message, sqlState)));
    }

    @Test
    void aDatabaseThatIsStartingStoppingOrAwayIsAnOutage() {
        assertTrue(PartnerReplicaConsumer.unreachable(asHibernateThrowsIt("FATAL: the database system is starting up", "57P03")));
        assertTrue(PartnerReplicaConsumer.unreachable(asHibernateThrowsIt("FATAL: terminating connection due to administrator command", "57P01")));
        assertTrue(PartnerReplicaConsumer.unreachable(asHibernateThrowsIt("An I/O error occurred while sending to the backend.", "08006")));
        RuntimeException droppedCommit = new RuntimeException("ARJUNA016053: Could not commit transaction.");
        droppedCommit.addSuppressed(new SQLException("Connection to 127.0.0.1:25432 refused.", "08001"));
        assertTrue(PartnerReplicaConsumer.unreachable(droppedCommit));
    }

    @Test
    void aFailureOfTheMessageItselfIsNot() {
        assertFalse(PartnerReplicaConsumer.unreachable(new PersistenceException(new ConstraintViolationException(
                "duplicate key", new SQLException("duplicate key value violates unique constraint", "23505"), "partner_replica_pkey"))));
        assertFalse(PartnerReplicaConsumer.unreachable(new IllegalArgumentException("no partner id")));
    }

    @Test
    void aWriteDuringARestartWaitsAndIsDoneOnceTheDatabaseIsBack() {
        AtomicInteger attempts = new AtomicInteger();
        String written = OutageRetry.untilBackOrStopped("database", Duration.ofSeconds(30), PartnerReplicaConsumer::unreachable,
                () -> false, () -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw asHibernateThrowsIt("FATAL: the database system is starting up", "57P03");
                    }
                    return "written";
                });

        assertEquals("written", written);
        assertEquals(3, attempts.get());
    }
}
