package org.kiezwerk.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The gateway's rooms hold what their names say (docs/architecture.md): no cycles between them, the
 * domain needs no other room, the use cases speak no HTTP. Fails the build on a change that breaks it.
 */
class RoomsTest {

    private static final String ROOT = "org.kiezwerk.gateway";
    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noCyclesBetweenTheRooms() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(GATEWAY);
    }

    @Test
    void theDomainNeedsNoOtherRoom() {
        noClasses().that().resideInAPackage(ROOT + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".service..", ROOT + ".repository..",
                        ROOT + ".messaging..", ROOT + ".config..")
                .check(GATEWAY);
    }

    @Test
    void theUseCasesSpeakNoHttp() {
        noClasses().that().resideInAPackage(ROOT + ".service..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", "jakarta.ws.rs..", "io.vertx.ext.web..")
                .check(GATEWAY);
    }

    @Test
    void noRoomButTheApiUsesIt() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".api..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".api..")
                .check(GATEWAY);
    }
}
