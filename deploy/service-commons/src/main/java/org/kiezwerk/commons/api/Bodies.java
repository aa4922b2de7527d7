package org.kiezwerk.commons.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;

/** What the write endpoints share: merge patches, checked as strictly as a PUT body. */
@ApplicationScoped
public class Bodies {

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    /** Applies a merge patch to the current draft and checks the result as strictly as a PUT body. */
    public <T> T patched(T current, String patch, Class<T> type) throws JsonProcessingException {
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
}
