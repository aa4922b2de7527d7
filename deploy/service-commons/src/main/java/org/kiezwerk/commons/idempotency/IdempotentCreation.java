package org.kiezwerk.commons.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Runs a POST under its Idempotency-Key: the key, the creation and the rendered answer are one
 * transaction, so a retry sees either nothing (and creates) or the first answer (and replays it).
 * Without a key the answer is simply created: nothing is hashed, kept or read back.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class IdempotentCreation {

    /** The answer and whether it is a replay of an earlier request. */
    public record Answer<T>(T view, boolean replayed) {
    }

    @Inject
    IdempotentRequestRepository requests;

    @Inject
    ObjectMapper json;

    /**
     * @param request what identifies the request besides its body, such as {@code POST /api/v1/offers/};
     *                with the body it tells a retry from a reused key with another request
     * @param body    the request body as read
     * @param type    the answer's type, to read a kept first answer back
     * @param create  creates the record and renders the answer
     */
    @Transactional
    public <T> Answer<T> create(String key, String request, Object body, Class<T> type, Supplier<T> create) {
        if (key == null) {
            return new Answer<>(create.get(), false);
        }
        String requestHash = requestHash(request, body);
        if (!requests.claim(key, requestHash)) {
            var first = requests.find(key).orElseThrow();
            if (!first.requestHash().equals(requestHash)) {
                throw new IdempotencyKeyReusedException(key);
            }
            return new Answer<>(read(first.body(), type), true);
        }
        String kept = write(create.get());
        requests.answer(key, 201, kept);
        // the first answer as a replay will give it, to the letter
        return new Answer<>(read(kept, type), false);
    }

    /** Identifies a create request by what it means (not how it is spelled). */
    private String requestHash(String request, Object body) {
        String text = request + "\n" + write(body);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
