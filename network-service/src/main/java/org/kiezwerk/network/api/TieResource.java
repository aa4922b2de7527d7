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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.commons.api.CallerRules;
import org.kiezwerk.commons.api.InvalidQueryException;
import org.kiezwerk.network.domain.Tie;
import org.kiezwerk.network.service.Ties;

@Path("/api/v1/network/ties")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Ties", description = "Cooperation between organisations: asserted by one side, confirmable by the other.")
public class TieResource {

    @Inject
    Ties ties;

    @Inject
    SecurityIdentity identity;

    public enum Kind {
        @JsonProperty("partnership") PARTNERSHIP,
        @JsonProperty("referral") REFERRAL,
        @JsonProperty("shared_premises") SHARED_PREMISES,
        @JsonProperty("joint_project") JOINT_PROJECT,
        @JsonProperty("umbrella_membership") UMBRELLA_MEMBERSHIP,
        @JsonProperty("funding") FUNDING
    }

    @Schema(name = "TieDraft")
    public record TieDraft(@NotNull UUID from, @NotNull UUID to, @NotNull Kind kind,
            @Schema(description = "1 (loose) to 5 (close).") @NotNull @Min(1) @Max(5) Integer strength,
            LocalDate since, LocalDate until,
            @Schema(description = "Which side asserts the tie; the other side can confirm it.") @NotNull UUID assertedBy) {

        @JsonIgnore
        @AssertTrue(message = "from and to must be two different organisations")
        public boolean isTwoSides() {
            return from == null || !from.equals(to);
        }

        @JsonIgnore
        @AssertTrue(message = "assertedBy must be from or to")
        public boolean isAssertedByASide() {
            return assertedBy == null || assertedBy.equals(from) || assertedBy.equals(to);
        }

        @JsonIgnore
        @AssertTrue(message = "until must not be before since")
        public boolean isPeriod() {
            return since == null || until == null || !until.isBefore(since);
        }
    }

    @Schema(name = "Tie")
    public record TieView(UUID id, UUID from, String fromName, UUID to, String toName, String kind, int strength, LocalDate since,
            LocalDate until, UUID assertedBy, boolean confirmed, long version) {
        static TieView of(Tie t) {
            return new TieView(t.id(), t.from(), t.fromName(), t.to(), t.toName(), t.kind(), t.strength(), t.since(), t.until(),
                    t.assertedBy(), t.confirmed(), t.version());
        }
    }

    @Schema(name = "TieConfirmation")
    public record Confirmation(@NotNull UUID by) {
    }

    @Schema(name = "TieEnd")
    public record End(@NotNull LocalDate until) {
    }

    @RolesAllowed({"network:write", "admin"})
    @POST
    @Operation(summary = "Assert a cooperation tie between two organisations")
    @APIResponse(responseCode = "201", description = "Asserted; Location names the tie, ETag its version.",
            content = @Content(schema = @Schema(implementation = TieView.class)))
    public Response create(
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) @Pattern(regexp = "[\\x21-\\x7e]*",
                    message = "must be printable ASCII without spaces") String idempotencyKey,
            @NotNull @Valid TieDraft draft) {
        String hash = sha256(draft.from() + "|" + draft.to() + "|" + draft.kind() + "|" + draft.strength() + "|" + draft.since()
                + "|" + draft.until() + "|" + draft.assertedBy());
        Tie.Created created = ties.create(draft.from(), draft.to(), draft.kind().name().toLowerCase(), draft.strength(),
                draft.since(), draft.until(), draft.assertedBy(), idempotencyKey, hash, CallerRules.editor(identity));
        TieView view = TieView.of(created.tie());
        Response.ResponseBuilder answer = Response.status(201).header("Location", "/api/v1/network/ties/" + view.id())
                .tag(new EntityTag(Long.toString(view.version()))).entity(view);
        if (created.replayed()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.build();
    }

    @PermitAll
    @GET
    @Path("/{id}")
    @Operation(summary = "Read a tie")
    @APIResponse(responseCode = "200", description = "The tie; ETag carries its version.",
            content = @Content(schema = @Schema(implementation = TieView.class)))
    public Response get(@PathParam("id") UUID id) {
        Tie tie = ties.tie(id);
        return Response.ok(TieView.of(tie)).tag(new EntityTag(Long.toString(tie.version()))).build();
    }

    @RolesAllowed({"network:write", "admin"})
    @POST
    @Path("/{id}/confirm")
    @Operation(summary = "Confirm a tie, by the side that did not assert it")
    @APIResponse(responseCode = "200", description = "The confirmed tie.",
            content = @Content(schema = @Schema(implementation = TieView.class)))
    public Response confirm(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid Confirmation body) {
        Tie tie = ties.confirm(id, body.by(), version(ifMatch), CallerRules.editor(identity));
        return Response.ok(TieView.of(tie)).tag(new EntityTag(Long.toString(tie.version()))).build();
    }

    @RolesAllowed({"network:write", "admin"})
    @POST
    @Path("/{id}/end")
    @Operation(summary = "End a tie: it stays as history with its end date")
    @APIResponse(responseCode = "200", description = "The ended tie.",
            content = @Content(schema = @Schema(implementation = TieView.class)))
    public Response end(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid End body) {
        Tie tie = ties.end(id, body.until(), version(ifMatch), CallerRules.editor(identity));
        return Response.ok(TieView.of(tie)).tag(new EntityTag(Long.toString(tie.version()))).build();
    }

    @RolesAllowed({"network:write", "admin"})
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a tie (asserted by mistake)")
    @APIResponse(responseCode = "204", description = "Deleted.")
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        ties.delete(id, version(ifMatch), CallerRules.editor(identity));
        return Response.noContent().build();
    }

    static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.equals("*")) {
            return -1L;
        }
        if (tag.matches("\"\\d{1,18}\"")) {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        }
        throw new InvalidQueryException("If-Match", "must be * or one ETag from an earlier answer, such as \"3\"");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
