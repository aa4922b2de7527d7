package org.kiezwerk.network.api;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.network.domain.Organisation;

@Schema(name = "Actor", description = "An actor in the neighbourhood network. For now: organisations.")
public record ActorView(
        UUID id,
        @Schema(description = "What kind of actor: organisation (persons follow).", examples = "organisation")
        String type,
        String name,
        @Schema(description = "The partner kind from the directory.", examples = "parish") String kind,
        String neighbourhood,
        @Schema(description = "The directory version this node reflects.") long version,
        OffsetDateTime projectedAt) {

    static ActorView of(Organisation o) {
        return new ActorView(o.id(), "organisation", o.name(), o.kind(), o.neighbourhood(), o.version(), o.projectedAt());
    }
}
