package org.kiezwerk.infra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The rooms of a module and who may use whom (docs/architecture.md), as rules every module's
 * {@code RoomsTest} checks on its compiled classes, so that a shortcut fails the build instead of
 * waiting for a reviewer. Resources in {@code api} call use cases in {@code service}, which speak
 * neither HTTP nor Cypher; persistence ({@code graph} or {@code repository}) sits below the use
 * cases; {@code domain} depends on no other room; no two rooms need each other; and every operation
 * says who may call it.
 */
public final class RoomRules {

    private RoomRules() {
    }

    /** A module's own classes below {@code base}, without its tests and libraries. */
    public static JavaClasses classes(String base) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(base);
    }

    /** No two rooms (or any other packages below the base) depend on each other, directly or round a circle. */
    public static ArchRule noCycles(String base) {
        return slices().matching(base + ".(*)..").namingSlices("room $1").should().beFreeOfCycles()
                .because("a room that needs another which needs it back is one room in two places");
    }

    /** Domain types and rules stand alone: no other room, no HTTP, no driver. */
    public static ArchRule domainStandsAlone(String base) {
        return noClasses().that().resideInAPackage(base + ".domain..").should().dependOnClassesThat()
                .resideInAnyPackage(base + ".api..", base + ".service..", base + ".graph..", base + ".repository..",
                        base + ".messaging..", base + ".config..", "jakarta.ws.rs..", "io.vertx.ext.web..", "org.neo4j.driver..")
                .because("the domain is what every other room speaks");
    }

    /** Use cases speak neither HTTP nor Cypher: no resources, no JAX-RS or Vert.x web, no Neo4j driver. */
    public static ArchRule useCasesSpeakNeitherHttpNorCypher(String base) {
        return noClasses().that().resideInAPackage(base + ".service..").should().dependOnClassesThat()
                .resideInAnyPackage(base + ".api..", "jakarta.ws.rs..", "io.vertx.ext.web..", "org.neo4j.driver..")
                .because("a use case is the same whether HTTP or a message asks, and whatever stores it");
    }

    /** Resources call use cases only, never persistence. */
    public static ArchRule resourcesCallServicesOnly(String base) {
        return noClasses().that().resideInAPackage(base + ".api..").should().dependOnClassesThat()
                .resideInAnyPackage(base + ".graph..", base + ".repository..")
                .because("resources call the service room only");
    }

    /** Persistence knows nothing of the use cases or resources above it. */
    public static ArchRule persistenceBelowUseCases(String base) {
        return noClasses().that().resideInAnyPackage(base + ".graph..", base + ".repository..").should().dependOnClassesThat()
                .resideInAnyPackage(base + ".service..", base + ".api..")
                .because("persistence sits below the use cases");
    }

    /** Every operation says who may call it; the services refuse one that does not (deny-unannotated-endpoints). */
    public static ArchRule everyOperationSaysWhoMayCallIt(String base) {
        return methods().that().areDeclaredInClassesThat().resideInAPackage(base + ".api..")
                .and().areMetaAnnotatedWith("jakarta.ws.rs.HttpMethod")
                .should().beAnnotatedWith("jakarta.annotation.security.PermitAll")
                .orShould().beAnnotatedWith("jakarta.annotation.security.RolesAllowed")
                .because("who may call an operation is said on it (@RolesAllowed, @PermitAll), not in a path table");
    }

    /** The rules every service keeps. */
    public static List<ArchRule> ofAService(String base) {
        return List.of(noCycles(base), domainStandsAlone(base), useCasesSpeakNeitherHttpNorCypher(base),
                resourcesCallServicesOnly(base), persistenceBelowUseCases(base), everyOperationSaysWhoMayCallIt(base));
    }

    /** The rules of a service as tests: {@code @TestFactory Stream<DynamicTest> rooms() { return RoomRules.checks(BASE); }}. */
    public static Stream<DynamicTest> checks(String base) {
        return checks(base, ofAService(base));
    }

    /** Given rules as tests, each checked on the module's classes below {@code base}. */
    public static Stream<DynamicTest> checks(String base, List<ArchRule> rules) {
        JavaClasses classes = classes(base);
        return rules.stream().map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
