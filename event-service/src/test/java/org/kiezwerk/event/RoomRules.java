package org.kiezwerk.event;

import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;

/**
 * Which room of a service may use which (docs/architecture.md), checked on the compiled classes so
 * that a shortcut fails the build instead of waiting for a reviewer: no two rooms depend on each
 * other, the domain stands on its own, use cases speak no HTTP, resources call services only. The
 * rules are the same for every service; the base package names the service.
 */
public final class RoomRules {

    private final String base;

    public RoomRules(String basePackage) {
        this.base = basePackage;
    }

    /** The service's own classes, without its tests and libraries. */
    public JavaClasses classes() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(base);
    }

    /** api, domain, repository, service, messaging, config: dependencies between them go one way. */
    public SliceRule noCyclesBetweenRooms() {
        return slices().matching(base + ".(*)..").namingSlices("room $1").should().beFreeOfCycles()
                // Known, not fixed here: OutboxRepository (repository) reads messaging's ParkedMessage, the
                // service's message and TraceParents, while messaging's OutboxHealth and ParkedMessages read it.
                // These outbox copies move to the shared module (issue 16, branch commons); then this goes.
                .ignoreDependency(nameStartingWith(base + ".repository.OutboxRepository"), DescribedPredicate.alwaysTrue());
    }

    /** Entities, value types and rules depend on no other room, and know nothing of HTTP. */
    public ArchRule domainStandsAlone() {
        return noClasses().that().resideInAPackage(room("domain"))
                .should().dependOnClassesThat().resideInAnyPackage(room("api"), room("service"), room("repository"),
                        room("graph"), room("messaging"), room("config"), "jakarta.ws.rs..")
                .because("the domain is what every other room builds on");
    }

    /** Use cases are called by resources and consumers alike, so they speak neither HTTP nor the api's types. */
    public ArchRule servicesSpeakNoHttp() {
        return noClasses().that().resideInAPackage(room("service"))
                .should().dependOnClassesThat().resideInAnyPackage(room("api"), "jakarta.ws.rs..")
                .because("use cases throw domain exceptions; the api maps them to HTTP");
    }

    /** Resources reach persistence only through a use case. */
    public ArchRule resourcesCallServicesOnly() {
        return noClasses().that().resideInAPackage(room("api"))
                .should().dependOnClassesThat().resideInAnyPackage(room("repository"), room("graph"))
                .because("resources call services only");
    }

    private String room(String name) {
        return base + "." + name + "..";
    }
}
