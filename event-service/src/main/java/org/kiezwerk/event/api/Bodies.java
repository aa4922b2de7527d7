package org.kiezwerk.event.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/** What the write endpoints share: merge patches, validation outside JAX-RS, request hashes, JSON. */
@ApplicationScoped
public class Bodies {

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    /** Applies a merge patch to the current draft and checks the result as strictly as a PUT body. */
    <T> T patched(T current, String patch, Class<T> type) throws JsonProcessingException {
        if (patch == null || patch.isBlank()) {
            throw new InvalidQueryException("body", "a merge patch (a JSON object) is required");
        }
        JsonNode patchNode = json.readTree(patch);
        if (!patchNode.isObject()) {
            throw new InvalidQueryException("body", "a merge patch must be a JSON object");
        }
        T merged = json.treeToValue(MergePatch.apply(json.valueToTree(current), patchNode), type);
        Set<ConstraintViolation<T>> violations = validator.validate(merged);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return merged;
    }

    /** Identifies a create request by what it means (not how it is spelled), for Idempotency-Key. */
    String requestHash(String path, Object body) {
        try {
            String text = path + "\n" + json.writeValueAsString(body);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
