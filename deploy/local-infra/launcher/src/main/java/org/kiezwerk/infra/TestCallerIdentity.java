package org.kiezwerk.infra;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * In a service's tests, requests carry a test administrator's identity unless a test says
 * otherwise: an Authorization header of its own replaces it, {@link #anonymously} drops it.
 * Registered per service in src/test/resources/META-INF/services.
 */
public class TestCallerIdentity implements QuarkusTestBeforeClassCallback, QuarkusTestBeforeEachCallback {

    private static final String ADMIN = ServiceIdentity.testAdminHeaders().get("Authorization");
    private static volatile boolean anonymous;

    private static final Filter AS_ADMIN = (request, response, context) -> {
        if (!anonymous && !request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", ADMIN);
        }
        return context.next(request, response);
    };

    @Override
    public void beforeClass(Class<?> testClass) {
        asAdministrator();
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        asAdministrator();
    }

    public static void asAdministrator() {
        anonymous = false;
        if (!RestAssured.filters().contains(AS_ADMIN)) {
            RestAssured.filters(AS_ADMIN);
        }
    }

    /** Runs the requests in {@code body} without any identity. */
    public static void anonymously(Runnable body) {
        anonymous = true;
        try {
            body.run();
        } finally {
            anonymous = false;
        }
    }
}
