package org.kiezwerk.network.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.commons.api.NotForEditors;
import org.kiezwerk.network.service.Persons;

@Path("/api/v1/network/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Persons")
public class ConversationResource {

    @Inject
    Persons persons;

    @RolesAllowed({"network:write", "admin"})
    @NotForEditors
    @POST
    @Operation(summary = "Record a connecting conversation: creates or strengthens the acquaintance of two persons")
    @APIResponse(responseCode = "204", description = "Recorded.")
    public Response conversation(@NotNull @Valid PersonResource.Conversation conversation) {
        persons.conversation(conversation.personA(), conversation.personB(), conversation.date(), conversation.topic());
        return Response.noContent().build();
    }
}
