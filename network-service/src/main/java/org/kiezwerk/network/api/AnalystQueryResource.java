package org.kiezwerk.network.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.commons.api.InvalidQueryException;
import org.kiezwerk.commons.api.RequestId;
import org.kiezwerk.network.domain.AnalystQueryResult;
import org.kiezwerk.network.domain.SavedQuery;
import org.kiezwerk.network.service.AnalystQueries;
import org.kiezwerk.network.service.SavedQueries;

/**
 * Cypher for analysts (scope analytics): read-only, with a timeout and a row limit, as JSON or
 * CSV; and named, parameterised saved queries.
 */
@Path("/api/v1/analytics")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Analyst queries", description = "Read-only Cypher over the actor graph for analysts (scope analytics).")
public class AnalystQueryResource {

    private static final String NAME = "[a-z0-9][a-z0-9-]{0,79}";

    @Schema(name = "CypherQuery")
    public record CypherQuery(
            @Schema(examples = "MATCH (o:Organisation)-[:LOCATED_IN]->(:Neighbourhood {code: $area}) RETURN o.name AS name")
            @NotBlank @Size(max = 10_000) String query,
            @Schema(description = "Values for the query's $parameters; the query text holds no values.") Map<String, Object> parameters,
            @Schema(description = "Most rows returned, 1–10000, default 1000.") @Min(1) @Max(AnalystQueries.MAX_LIMIT) Integer limit,
            @Schema(description = "1–60 s, default 10.") @Min(1) @Max(60) Integer timeoutSeconds) {
    }

    @Schema(name = "CypherResult")
    public record CypherResult(List<String> columns, List<Map<String, Object>> rows, boolean truncated, long millis) {
    }

    @Schema(name = "SavedQueryDraft")
    public record SavedQueryDraft(@Size(max = 500) String description, @NotBlank @Size(max = 10_000) String query,
            @Schema(description = "The names of the query's $parameters.") List<@NotNull @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}") String> parameters) {
    }

    @Schema(name = "SavedQueryRun")
    public record SavedQueryRun(Map<String, Object> parameters, @Min(1) @Max(AnalystQueries.MAX_LIMIT) Integer limit,
            @Min(1) @Max(60) Integer timeoutSeconds) {
    }

    @Inject
    AnalystQueries queries;

    @Inject
    SavedQueries saved;

    @Inject
    SecurityIdentity identity;

    @Inject
    RequestId requestId;

    @Inject
    ObjectMapper json;

    @RolesAllowed({"analytics", "admin"})
    @POST
    @Path("/cypher")
    @Operation(summary = "Run a read-only Cypher query",
            description = "Parameters only (no values in the query text), READ access mode, a timeout (default 10 s) and a row"
                    + " limit (default 1000), no LOAD CSV, only schema procedures (db.labels, db.relationshipTypes, ...)."
                    + " Every query is logged with who asked. Persons whose consent keeps them from the public appear"
                    + " pseudonymised (person-xxxxxxxxxx). Accept: text/csv gives CSV.")
    public Response cypher(@NotNull @Valid CypherQuery body, @HeaderParam("Accept") String accept) {
        return answer(run(body.query(), body.parameters(), body.limit(), body.timeoutSeconds()), accept);
    }

    @RolesAllowed({"analytics", "admin"})
    @GET
    @Path("/saved-queries")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The saved queries")
    public Map<String, Object> savedQueries() {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", saved.all());
        page.put("nextCursor", null);
        return page;
    }

    @RolesAllowed({"analytics", "admin"})
    @GET
    @Path("/saved-queries/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One saved query")
    public SavedQuery savedQuery(@PathParam("name") String name) {
        return saved.find(name(name)).orElseThrow(() -> new NotFoundException());
    }

    @RolesAllowed({"analytics", "admin"})
    @PUT
    @Path("/saved-queries/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a named, parameterised query (checked like any analyst query)")
    @APIResponse(responseCode = "200", description = "Replaced.",
            content = @Content(schema = @Schema(implementation = SavedQuery.class)))
    @APIResponse(responseCode = "201", description = "Saved under this name.",
            content = @Content(schema = @Schema(implementation = SavedQuery.class)))
    public Response save(@PathParam("name") String name, @NotNull @Valid SavedQueryDraft draft) {
        AnalystQueries.check(draft.query());
        saved.find(name(name)).ifPresent(this::requireOwner);
        SavedQuery query = new SavedQuery(name(name), draft.description(), draft.query(),
                draft.parameters() == null ? List.of() : draft.parameters(), identity.getPrincipal().getName(), null);
        boolean created = saved.save(query);
        SavedQuery stored = saved.find(query.name()).orElseThrow();
        return Response.status(created ? 201 : 200).entity(stored).build();
    }

    @RolesAllowed({"analytics", "admin"})
    @DELETE
    @Path("/saved-queries/{name}")
    @Operation(summary = "Delete a saved query")
    @APIResponse(responseCode = "204", description = "Deleted.")
    public Response delete(@PathParam("name") String name) {
        requireOwner(saved.find(name(name)).orElseThrow(() -> new NotFoundException()));
        saved.delete(name);
        return Response.noContent().build();
    }

    @RolesAllowed({"analytics", "admin"})
    @POST
    @Path("/saved-queries/{name}/run")
    @Operation(summary = "Run a saved query with values for its parameters (JSON, or CSV with Accept: text/csv)")
    public Response runSaved(@PathParam("name") String name, @Valid SavedQueryRun body, @HeaderParam("Accept") String accept) {
        SavedQuery query = saved.find(name(name)).orElseThrow(() -> new NotFoundException());
        Map<String, Object> parameters = body == null || body.parameters() == null ? Map.of() : body.parameters();
        Set<String> missing = new HashSet<>(query.parameters());
        missing.removeAll(parameters.keySet());
        if (!missing.isEmpty()) {
            throw new InvalidQueryException("parameters", "values are missing for " + String.join(", ", missing));
        }
        return answer(run(query.query(), parameters, body == null ? null : body.limit(), body == null ? null : body.timeoutSeconds()),
                accept);
    }

    /** A saved query is changed or deleted by whoever saved it, or an admin. */
    private void requireOwner(SavedQuery query) {
        if (!identity.hasRole("admin") && !identity.getPrincipal().getName().equals(query.savedBy())) {
            throw new ForbiddenException("The saved query " + query.name() + " belongs to " + query.savedBy()
                    + "; save yours under another name.");
        }
    }

    private AnalystQueryResult run(String query, Map<String, Object> parameters, Integer limit, Integer timeoutSeconds) {
        return queries.run(query, parameters, limit == null ? AnalystQueries.DEFAULT_LIMIT : limit,
                timeoutSeconds == null ? AnalystQueries.DEFAULT_TIMEOUT : Duration.ofSeconds(timeoutSeconds),
                identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName(), requestId.value());
    }

    private Response answer(AnalystQueryResult result, String accept) {
        if (accept != null && accept.contains("text/csv") && !accept.contains("application/json")) {
            return Response.ok(csv(result), "text/csv; charset=utf-8")
                    .header("X-Kiezwerk-Truncated", Boolean.toString(result.truncated())).build();
        }
        return Response.ok(new CypherResult(result.columns(), result.rows(), result.truncated(), result.millis()),
                MediaType.APPLICATION_JSON).build();
    }

    private String csv(AnalystQueryResult result) {
        CsvSchema.Builder schema = CsvSchema.builder();
        result.columns().forEach(schema::addColumn);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : result.rows()) {
            Map<String, Object> flat = new LinkedHashMap<>();
            row.forEach((column, value) -> flat.put(column, value instanceof Map || value instanceof List ? json(value) : value));
            rows.add(flat);
        }
        try {
            return new CsvMapper().writer(schema.build().withHeader()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(String name) {
        if (name == null || !name.matches(NAME)) {
            throw new InvalidQueryException("name", "lower-case letters, digits and dashes, at most 80");
        }
        return name;
    }
}
