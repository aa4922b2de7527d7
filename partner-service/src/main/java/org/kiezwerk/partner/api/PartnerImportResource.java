package org.kiezwerk.partner.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.partner.domain.PartnerImport;
import org.kiezwerk.partner.domain.PartnerKind;
import org.kiezwerk.partner.service.ImportRows;
import org.kiezwerk.partner.service.PartnerImportService;

@Path("/api/v1/partners/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partners")
public class PartnerImportResource {

    @Inject
    PartnerImportService imports;

    @Inject
    RequestId requestId;

    @POST
    @Consumes({"text/csv", MediaType.APPLICATION_JSON})
    @Operation(summary = "Import partners from CSV or HSDS 3.0 JSON, as a job",
            description = "CSV (text/csv, UTF-8, a header line; columns in docs/directory-api.md) or HSDS organizations"
                    + " (application/json: an array, an HSDS page or one organization). Rows with an external_id that the"
                    + " directory knows update that partner; other rows create one. Each bad row is reported and skipped;"
                    + " the good rows are kept. Poll the job for progress.")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the job.",
            content = @Content(schema = @Schema(implementation = PartnerImportView.class)))
    @APIResponse(responseCode = "400", description = "The file cannot be read (not CSV or JSON, unknown columns, no name column).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@HeaderParam("Content-Type") String contentType,
            @Parameter(description = "Check every row, write nothing.") @QueryParam("dryRun") String dryRun,
            @Parameter(description = "false imports likely duplicates too (default: they are reported and skipped).")
            @QueryParam("duplicateCheck") String duplicateCheck,
            @Parameter(description = "Neighbourhood code for rows without one (HSDS has none).") @QueryParam("neighbourhood") String neighbourhood,
            @Parameter(description = "Partner kind for rows without one (HSDS has none); default other.") @QueryParam("kind") String kind,
            byte[] body) {
        String content = utf8(body);
        if (content == null || content.isBlank()) {
            throw new InvalidQueryException("body", "the file is empty");
        }
        if (content.indexOf('\0') >= 0) {
            throw new InvalidQueryException("body", NulCharacters.MESSAGE);
        }
        PartnerImport.Format format = contentType != null && contentType.startsWith("text/csv")
                ? PartnerImport.Format.CSV : PartnerImport.Format.HSDS;
        String defaultKind = kind == null || kind.isBlank() ? "other"
                : QueryParams.oneEnum("kind", kind.strip(), PartnerKind.class).name().toLowerCase();
        String area = neighbourhood == null || neighbourhood.isBlank() ? null : neighbourhood.strip();
        if (area != null && !area.matches(Texts.CODE)) {
            throw new InvalidQueryException("neighbourhood", Texts.CODE_MESSAGE);
        }
        PartnerImport job;
        try {
            job = imports.submit(format, QueryParams.flag("dryRun", dryRun),
                    duplicateCheck == null || duplicateCheck.isBlank() || QueryParams.flag("duplicateCheck", duplicateCheck),
                    area, defaultKind, content, requestId.value());
        } catch (ImportRows.UnreadableFileException e) {
            throw new InvalidQueryException("body", e.getMessage());
        }
        return Response.accepted(PartnerImportView.of(job)).header("Location", "/api/v1/partners/imports/" + job.id).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An import job: status, progress, counts and the rows that failed")
    public PartnerImportView get(@PathParam("id") UUID id) {
        return PartnerImportView.of(imports.get(id));
    }

    /** The file as text, strictly: bytes that are not UTF-8 are refused, not silently replaced. */
    private static String utf8(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidQueryException("body", "the file is not UTF-8 text");
        }
    }
}
