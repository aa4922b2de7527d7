package org.kiezwerk.commons.idempotency;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The first answer to each Idempotency-Key, in the table {@code idempotent_request} (each service's
 * own Flyway history creates it).
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class IdempotentRequestRepository {

    public record FirstAnswer(String requestHash, Integer status, String body) {
    }

    @Inject
    EntityManager em;

    /**
     * Claims the key for this transaction. If another transaction holds it, PostgreSQL makes this
     * wait until that one commits or rolls back, so two concurrent retries never both create.
     */
    public boolean claim(String key, String requestHash) {
        return em.createNativeQuery("insert into idempotent_request (idempotency_key, request_hash, created_at)"
                        + " values (:key, :hash, now()) on conflict (idempotency_key) do nothing")
                .setParameter("key", key)
                .setParameter("hash", requestHash)
                .executeUpdate() == 1;
    }

    public void answer(String key, int status, String body) {
        em.createNativeQuery("update idempotent_request set response_status = :status, response_body = :body"
                        + " where idempotency_key = :key")
                .setParameter("status", status)
                .setParameter("body", body)
                .setParameter("key", key)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public Optional<FirstAnswer> find(String key) {
        List<Object[]> rows = em.createNativeQuery("select request_hash, response_status, response_body"
                        + " from idempotent_request where idempotency_key = :key")
                .setParameter("key", key)
                .getResultList();
        return rows.stream().findFirst().map(r -> new FirstAnswer(((String) r[0]).trim(),
                r[1] == null ? null : ((Number) r[1]).intValue(), (String) r[2]));
    }

    public int forgetOlderThan(Duration retention) {
        return em.createNativeQuery("delete from idempotent_request where created_at < now() - make_interval(secs => :seconds)")
                .setParameter("seconds", (double) retention.toSeconds())
                .executeUpdate();
    }
}
