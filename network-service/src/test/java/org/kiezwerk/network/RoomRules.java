package org.kiezwerk.network;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The rooms of a service and who may use whom, as rules a build checks (docs/architecture.md). Written for
 * any service's base package, so that every service can check its rooms with the same rules: resources in
 * {@code api} call use cases in {@code service}, which speak neither HTTP nor Cypher; persistence
 * ({@code graph} or {@code repository}) sits below the use cases; {@code domain} depends on no other room.
 */
public final class RoomRules {

    private RoomRules() {
    }

    /** No two rooms (or any other packages below the base) depend on each other, directly or round a circle. */
    public static ArchRule noCycles(String base) {
        return slices().matching(base + ".(*)..").should().beFreeOfCycles()
                .because("a room that needs another which needs it back is one room in two places");
    }

    /** Domain types and rules stand alone: no other room, no HTTP, no driver. */
    public static ArchRule domainStandsAlone(String base) {
        return noClasses().that().resideInAPackage(base + ".domain..").should().dependOnClassesThat()
                .resideInAnyPackage(base + ".api..", base + ".service..", base + ".graph..", base + ".repository..",
                        base + ".messaging..", base + ".config..", "jakarta.ws.rs..", "org.neo4j.driver..")
                .because("the domain is what every other room speaks");
    }

    /** Use cases speak neither HTTP nor Cypher: no resources, no JAX-RS, no Neo4j driver (Cypher only in graph). */
    public static ArchRule useCasesSpeakNeitherHttpNorCypher(String base) {
        return noClasses().that().resideInAPackage(base + ".service..").should().dependOnClassesThat()
                .resideInAnyPackage(base + ".api..", "jakarta.ws.rs..", "org.neo4j.driver..")
                .because("a use case is the same whether HTTP or a message asks, and whatever stores it");
    }

    /** Resources call use cases only, never persistence or messaging. */
    public static ArchRule resourcesCallServicesOnly(String base) {
        return noClasses().that().resideInAPackage(base + ".api..").should().dependOnClassesThat()
                .resideInAnyPackage(base + ".graph..", base + ".repository..", base + ".messaging..")
                .because("resources call the service room only");
    }

    /** Persistence knows nothing of the use cases or resources above it. */
    public static ArchRule persistenceBelowUseCases(String base) {
        return noClasses().that().resideInAnyPackage(base + ".graph..", base + ".repository..").should().dependOnClassesThat()
                .resideInAnyPackage(base + ".service..", base + ".api..")
                .because("persistence sits below the use cases");
    }

    public static List<ArchRule> all(String base) {
        return List.of(noCycles(base), domainStandsAlone(base), useCasesSpeakNeitherHttpNorCypher(base),
                resourcesCallServicesOnly(base), persistenceBelowUseCases(base));
    }
}
