package org.kiezwerk.network.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.commons.api.NotForEditors;
import org.kiezwerk.network.domain.AffiliationChange;
import org.kiezwerk.network.domain.Person;
import org.kiezwerk.network.service.Persons;

@Path("/api/v1/network/persons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Persons", description = "Key persons, only with a recorded consent; withdrawal erases them.")
public class PersonResource {

    private static final String PLAIN = "[^\\p{Cntrl}]*";

    @Inject
    Persons persons;

    public enum Scope {
        @JsonProperty("public") PUBLIC,
        @JsonProperty("network_members") NETWORK_MEMBERS,
        @JsonProperty("analysts") ANALYSTS
    }

    public enum Role {
        @JsonProperty("works_at") WORKS_AT,
        @JsonProperty("volunteers_at") VOLUNTEERS_AT,
        @JsonProperty("member_of") MEMBER_OF,
        @JsonProperty("leads") LEADS
    }

    @Schema(name = "Consent", description = "Who recorded the person's consent, when, and how far it reaches.")
    public record Consent(@Schema(description = "public, network_members or analysts") @NotNull Scope scope,
            @Schema(description = "Who recorded it (an organisation or a person's role, not the person).", examples = "Quartiersbüro Lindenhof")
            @NotBlank @Size(max = 200) @Pattern(regexp = PLAIN, message = "must not contain control characters") String recordedBy,
            @PastOrPresent OffsetDateTime recordedAt,
            @Size(max = 1000) @Pattern(regexp = PLAIN, message = "must not contain control characters") String note) {
    }

    @Schema(name = "PersonDraft")
    public record PersonDraft(
            @Schema(examples = "Frau K. (Seniorenkreis)") @NotBlank @Size(max = 200)
            @Pattern(regexp = PLAIN, message = "must not contain control characters") String displayName,
            @Schema(description = "Required: no person without a recorded consent.") @NotNull @Valid Consent consent,
            @Size(max = 20) List<@NotNull @Valid Affiliation> affiliations) {
    }

    @Schema(name = "Affiliation")
    public record Affiliation(@NotNull UUID organisationId, @NotNull Role role, LocalDate since, LocalDate until,
            @Schema(description = "1 (loose) to 5 (close); default 3.") @Min(1)
            @Max(5) Integer strength,
            @Schema(description = "Which side says so: the organisation (default) or the person; the other side can confirm it.")
            UUID assertedBy) {

        @JsonIgnore
        @AssertTrue(message = "until must not be before since")
        public boolean isPeriod() {
            return since == null || until == null || !until.isBefore(since);
        }

        AffiliationChange change() {
            return new AffiliationChange(organisationId, role.name().toLowerCase(), since, until,
                    strength == null ? 3 : strength, assertedBy == null ? organisationId : assertedBy);
        }
    }

    @Schema(name = "AffiliationConfirmation")
    public record AffiliationConfirmation(@NotNull UUID by) {
    }

    @Schema(name = "TieEnding")
    public record Ending(@NotNull LocalDate until) {
    }

    @Schema(name = "ConnectingConversation", description = "Who met whom, when, about what (community organizing).")
    public record Conversation(@NotNull UUID personA, @NotNull UUID personB, @NotNull @PastOrPresent LocalDate date,
            @Size(max = 200) @Pattern(regexp = PLAIN, message = "must not contain control characters") String topic) {

        @JsonIgnore
        @AssertTrue(message = "a conversation needs two different persons")
        public boolean isTwoPersons() {
            return personA == null || !personA.equals(personB);
        }
    }

    @RolesAllowed({"network:write", "admin"})
    @NotForEditors
    @POST
    @Operation(summary = "Add a key person, with the consent that allows it")
    @APIResponse(responseCode = "201", description = "Added; Location names the person.",
            content = @Content(schema = @Schema(implementation = Person.class)))
    public Response create(@NotNull @Valid PersonDraft draft) {
        UUID id = persons.create(draft.displayName().strip(), draft.consent().scope().name().toLowerCase(),
                draft.consent().recordedBy(), draft.consent().recordedAt() == null ? OffsetDateTime.now() : draft.consent().recordedAt(),
                draft.consent().note(), draft.affiliations() == null ? List.of() : draft.affiliations().stream()
                        .map(Affiliation::change)
                        .toList());
        return Response.status(201).header("Location", "/api/v1/network/persons/" + id).entity(persons.person(id, true)).build();
    }

    @Inject
    SecurityIdentity identity;

    @PermitAll
    @GET
    @Path("/{id}")
    @Operation(summary = "Read a person", description = "Anyone sees persons whose consent scope is public; callers with the"
            + " read scope (network members) also those with scope network_members; admins everyone. Others get 404.")
    public Person get(@PathParam("id") UUID id) {
        return persons.person(id, CallerAccess.visibleScopes(identity));
    }

    @RolesAllowed({"network:write", "admin"})
    @NotForEditors
    @POST
    @Path("/{id}/affiliations")
    @Operation(summary = "Tie a person to an organisation: works at, volunteers at, member of, leads")
    public Person affiliate(@PathParam("id") UUID id, @NotNull @Valid Affiliation affiliation) {
        persons.affiliate(id, affiliation.change());
        return persons.person(id, true);
    }

    @RolesAllowed({"network:write", "admin"})
    @NotForEditors
    @POST
    @Path("/{id}/affiliations/{organisationId}/confirm")
    @Operation(summary = "Confirm an affiliation, by the side that did not assert it (the person or the organisation)")
    public Person confirmAffiliation(@PathParam("id") UUID id, @PathParam("organisationId") UUID organisation,
            @NotNull @Valid AffiliationConfirmation body) {
        persons.confirmAffiliation(id, organisation, body.by());
        return persons.person(id, true);
    }

    @RolesAllowed({"network:write", "admin"})
    @NotForEditors
    @POST
    @Path("/{id}/affiliations/{organisationId}/end")
    @Operation(summary = "End an affiliation: it stays as history with its end date")
    public Person endAffiliation(@PathParam("id") UUID id, @PathParam("organisationId") UUID organisation,
            @NotNull @Valid Ending body) {
        persons.endAffiliation(id, organisation, body.until());
        return persons.person(id, true);
    }

    @RolesAllowed({"network:write", "admin"})
    @NotForEditors
    @POST
    @Path("/{id}/acquaintances/{otherId}/end")
    @Operation(summary = "End an acquaintance: it stays as history with its end date")
    public Person endAcquaintance(@PathParam("id") UUID id, @PathParam("otherId") UUID other, @NotNull @Valid Ending body) {
        persons.endAcquaintance(id, other, body.until());
        return persons.person(id, true);
    }

    @RolesAllowed({"network:write", "admin"})
    @NotForEditors
    @DELETE
    @Path("/{id}/consent")
    @Operation(summary = "Withdraw the consent: the person and every tie are erased at once")
    @APIResponse(responseCode = "204", description = "Erased.")
    public Response withdraw(@PathParam("id") UUID id) {
        persons.withdrawConsent(id);
        return Response.noContent().build();
    }

    @RolesAllowed({"network:write", "admin"})
    @NotForEditors
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Erase a person (the same as withdrawing the consent)")
    @APIResponse(responseCode = "204", description = "Erased.")
    public Response erase(@PathParam("id") UUID id) {
        persons.withdrawConsent(id);
        return Response.noContent().build();
    }
}
