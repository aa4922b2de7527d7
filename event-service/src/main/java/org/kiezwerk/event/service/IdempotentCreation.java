package org.kiezwerk.event.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;
import org.kiezwerk.event.domain.IdempotencyKeyReusedException;
import org.kiezwerk.event.repository.IdempotentRequestRepository;

/**
 * Runs a POST under its Idempotency-Key: the key, the creation and the rendered answer are one
 * transaction, so a retry sees either nothing (and creates) or the first answer (and replays it).
 */
@ApplicationScoped
public class IdempotentCreation {

    /** The answer's body and whether it is a replay of an earlier request. */
    public record Answer(String body, boolean replayed) {
    }

    @Inject
    IdempotentRequestRepository requests;

    /**
     * @param requestHash identifies the request (method, path and body), so that a reused key with
     *                    another request is refused
     * @param create      creates the record and renders the answer body
     */
    @Transactional
    public Answer create(String key, String requestHash, Supplier<String> create) {
        if (key == null) {
            return new Answer(create.get(), false);
        }
        if (!requests.claim(key, requestHash)) {
            var first = requests.find(key).orElseThrow();
            if (!first.requestHash().equals(requestHash)) {
                throw new IdempotencyKeyReusedException(key);
            }
            return new Answer(first.body(), true);
        }
        String body = create.get();
        requests.answer(key, 201, body);
        return new Answer(body, false);
    }
}
