package org.kiezwerk.event;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kiezwerk.infra.RoomRules;

/** event-service's rooms hold what their names say (RoomRules); the build fails on the first class that breaks one. */
class RoomsTest {

    static final String BASE = "org.kiezwerk.event";

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = RoomRules.classes(BASE);
    }

    static Stream<ArchRule> rules() {
        return RoomRules.ofAService(BASE).stream();
    }

    @ParameterizedTest
    @MethodSource("rules")
    void holds(ArchRule rule) {
        rule.check(classes);
    }
}
