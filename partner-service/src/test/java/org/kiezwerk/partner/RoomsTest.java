package org.kiezwerk.partner;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** partner-service keeps its rooms (RoomRules). */
class RoomsTest {

    static final RoomRules ROOMS = new RoomRules("org.kiezwerk.partner");

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = ROOMS.classes();
    }

    @Test
    void noCyclesBetweenRooms() {
        ROOMS.noCyclesBetweenRooms().check(classes);
    }

    @Test
    void domainStandsAlone() {
        ROOMS.domainStandsAlone().check(classes);
    }

    @Test
    void servicesSpeakNoHttp() {
        ROOMS.servicesSpeakNoHttp().check(classes);
    }

    @Test
    void resourcesCallServicesOnly() {
        ROOMS.resourcesCallServicesOnly().check(classes);
    }
}
