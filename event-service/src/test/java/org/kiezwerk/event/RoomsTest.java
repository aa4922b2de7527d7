package org.kiezwerk.event;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kiezwerk.infra.RoomRules;

/** event-service's rooms hold what their names say (RoomRules); the build fails on the first class that breaks one. */
class RoomsTest {

    @TestFactory
    Stream<DynamicTest> rooms() {
        return RoomRules.checks("org.kiezwerk.event");
    }
}
