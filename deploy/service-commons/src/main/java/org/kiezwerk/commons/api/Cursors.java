package org.kiezwerk.commons.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Opaque cursors: the last item's sort key, base64url-encoded so that callers do not build them. */
public final class Cursors {

    public static String encode(String position) {
        return position == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("cursor", "is not a cursor from an earlier answer");
        }
    }

    public static UUID decodeId(String cursor) {
        String position = decode(cursor);
        if (position == null) {
            return null;
        }
        try {
            return UUID.fromString(position);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("cursor", "is not a cursor from an earlier answer");
        }
    }

    /** The limit the conventions allow: default 20, at most 200. */
    public static int limit(Integer limit) {
        if (limit == null) {
            return 20;
        }
        if (limit < 1 || limit > 200) {
            throw new InvalidQueryException("limit", "must be between 1 and 200");
        }
        return limit;
    }

    private Cursors() {
    }
}
