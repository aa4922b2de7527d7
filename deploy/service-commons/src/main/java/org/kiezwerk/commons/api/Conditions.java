package org.kiezwerk.commons.api;

import jakarta.ws.rs.core.EntityTag;

/** ETag and If-Match: the ETag is the record's version, so a stale If-Match is a 412, never a lost update. */
public final class Conditions {

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * The version If-Match expects: null without the header, -1 for {@code *} (any version, but it
     * must exist). A list of tags or a weak tag cannot be a strong precondition and is refused.
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.equals("*")) {
            return -1L;
        }
        if (tag.length() >= 3 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                long version = Long.parseLong(tag.substring(1, tag.length() - 1));
                if (version >= 0) {
                    return version;
                }
            } catch (NumberFormatException e) {
                // falls through to the answer below
            }
        }
        throw new InvalidQueryException("If-Match", "must be * or one ETag from an earlier answer, such as \"3\"");
    }

    private Conditions() {
    }
}
