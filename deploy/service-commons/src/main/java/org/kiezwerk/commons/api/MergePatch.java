package org.kiezwerk.commons.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** JSON Merge Patch (RFC 7396): null removes a member, objects merge, everything else replaces. */
public final class MergePatch {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : ((ObjectNode) patch).objectNode();
        Iterator<Map.Entry<String, JsonNode>> members = patch.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }

    private MergePatch() {
    }
}
