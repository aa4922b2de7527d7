package org.kiezwerk.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kiezwerk.infra.RoomRules;

/**
 * The gateway's rooms hold what their names say (RoomRules, as in every service): no cycles between
 * them, the domain needs no other room, the use cases speak no HTTP; and, the gateway being mostly
 * its api (the handler chain), no other room reaches into it. Its proxied routes are secured by its
 * routing table (AccessPolicy), its own resources by annotations.
 */
class RoomsTest {

    static final String BASE = "org.kiezwerk.gateway";

    @TestFactory
    Stream<DynamicTest> rooms() {
        return RoomRules.checks(BASE, List.of(RoomRules.noCycles(BASE), RoomRules.domainStandsAlone(BASE),
                RoomRules.useCasesSpeakNeitherHttpNorCypher(BASE),
                noClasses().that().resideOutsideOfPackage(BASE + ".api..").should().dependOnClassesThat()
                        .resideInAPackage(BASE + ".api..").because("the handlers and resources are the top of the gateway")));
    }
}
