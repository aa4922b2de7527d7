package org.kiezwerk.gateway.domain;

/** A request the gateway refuses: 401 (who are you?) or 403 (not allowed to). */
public class AccessDenied extends RuntimeException {

    private final int status;

    public AccessDenied(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static AccessDenied unauthenticated(String detail) {
        return new AccessDenied(401, detail);
    }

    public static AccessDenied forbidden(String detail) {
        return new AccessDenied(403, detail);
    }
}
