package org.kiezwerk.partner.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.commons.api.InvalidQueryException;
import org.kiezwerk.commons.api.NotForEditors;
import org.kiezwerk.commons.api.NulCharacters;
import org.kiezwerk.commons.api.Problem;
import org.kiezwerk.commons.api.QueryParams;
import org.kiezwerk.commons.api.RequestId;
import org.kiezwerk.commons.api.Texts;
import org.kiezwerk.partner.domain.ImportMapping;
import org.kiezwerk.partner.domain.PartnerImport;
import org.kiezwerk.partner.domain.PartnerKind;
import org.kiezwerk.partner.domain.SearchText;
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

    @RolesAllowed({"partners:write", "admin"})
    @NotForEditors
    @POST
    @Consumes({"text/csv", MediaType.APPLICATION_JSON})
    @Operation(summary = "Import partners from CSV or HSDS 3.0 JSON, as a job",
            description = "CSV (text/csv, UTF-8, a header line; columns in docs/directory-api.md) or HSDS organizations"
                    + " with their locations and services nested (application/json: an array, an HSDS page or one"
                    + " organization). Rows with an external_id (HSDS: an id) that the directory knows update that partner;"
                    + " other rows create one. Each bad row is reported and skipped; the good rows are kept; what an HSDS row"
                    + " could not keep is listed in `warnings`. Poll the job for progress.")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the job.",
            content = @Content(schema = @Schema(implementation = PartnerImportView.class)))
    @APIResponse(responseCode = "400", description = "The file cannot be read (not CSV or JSON, unknown columns, no name column),"
            + " or a parameter is invalid.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A mapping names a neighbourhood, category or target group the directory lacks.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@HeaderParam("Content-Type") String contentType,
            @Parameter(description = "Check every row, write nothing.") @QueryParam("dryRun") String dryRun,
            @Parameter(description = "false imports likely duplicates too (default: they are reported and skipped).")
            @QueryParam("duplicateCheck") String duplicateCheck,
            @Parameter(description = "Neighbourhood code for rows without one (HSDS: for organizations whose addresses name none).")
            @QueryParam("neighbourhood") String neighbourhood,
            @Parameter(description = "Partner kind for rows without one; default other.") @QueryParam("kind") String kind,
            @Parameter(description = "HSDS: which address field names a partner's neighbourhoods: region (default), city,"
                    + " postal_code or none. Its value is looked up in areaMap, else as a neighbourhood code or name.")
            @QueryParam("areaBy") String areaBy,
            @Parameter(description = "HSDS: value:code pairs, comma-separated or repeated (or one JSON object), e.g."
                    + " areaMap=65103:lindenhof,65104:nordviertel.") @QueryParam("areaMap") List<String> areaMap,
            @Parameter(description = "HSDS: which organization field names the partner kind: attribute (default: the codes"
                    + " and names of its attributes' taxonomy terms), legal_status, tax_status or none.")
            @QueryParam("kindBy") String kindBy,
            @Parameter(description = "HSDS: value:kind pairs, e.g. kindMap=e.V.:association,Kirchengemeinde:parish.")
            @QueryParam("kindMap") List<String> kindMap,
            @Parameter(description = "HSDS: taxonomy term code or name → offer category or target group code, e.g."
                    + " termMap=counseling:counselling,seniors-65:seniors.") @QueryParam("termMap") List<String> termMap,
            @Parameter(description = "HSDS: the offer category of services whose terms name none; default other.")
            @QueryParam("category") String category,
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
        ImportMapping mapping = mapping(format, areaBy, areaMap, kindBy, kindMap, termMap, category);
        PartnerImport job;
        try {
            job = imports.submit(format, QueryParams.flag("dryRun", dryRun),
                    duplicateCheck == null || duplicateCheck.isBlank() || QueryParams.flag("duplicateCheck", duplicateCheck),
                    area, defaultKind, mapping, content, requestId.value());
        } catch (ImportRows.UnreadableFileException e) {
            throw new InvalidQueryException("body", e.getMessage());
        }
        return Response.accepted(PartnerImportView.of(job)).header("Location", "/api/v1/partners/imports/" + job.id).build();
    }

    /** The mapping rules of an HSDS import, checked; CSV files name neighbourhoods and kinds in their columns. */
    private static ImportMapping mapping(PartnerImport.Format format, String areaBy, List<String> areaMap, String kindBy,
            List<String> kindMap, List<String> termMap, String category) {
        if (format == PartnerImport.Format.CSV) {
            Map<String, Boolean> given = new LinkedHashMap<>();
            given.put("areaBy", text(areaBy) != null);
            given.put("areaMap", given(areaMap));
            given.put("kindBy", text(kindBy) != null);
            given.put("kindMap", given(kindMap));
            given.put("termMap", given(termMap));
            given.put("category", text(category) != null);
            given.entrySet().stream().filter(Map.Entry::getValue).findFirst().ifPresent(e -> {
                throw new InvalidQueryException(e.getKey(), "applies to HSDS files only (CSV rows name their neighbourhoods"
                        + " and kind in columns)");
            });
            return null;
        }
        String by = oneOf("areaBy", areaBy, List.of("region", "city", "postal_code", "none"), ImportMapping.DEFAULT_AREA_BY);
        Map<String, String> areas = pairs("areaMap", areaMap, code -> code(code, "areaMap"));
        String kinds = oneOf("kindBy", kindBy, List.of("attribute", "legal_status", "tax_status", "none"),
                ImportMapping.DEFAULT_KIND_BY);
        Map<String, String> kindPairs = pairs("kindMap", kindMap,
                value -> QueryParams.oneEnum("kindMap", value, PartnerKind.class).name().toLowerCase(Locale.ROOT));
        Map<String, String> terms = pairs("termMap", termMap, code -> code(code, "termMap"));
        String fallback = text(category) == null ? ImportMapping.DEFAULT_CATEGORY : code(category.strip(), "category");
        return new ImportMapping(by, areas, kinds, kindPairs, terms, fallback);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** value:code pairs, repeated or comma-separated, or one JSON object of them (for values with commas); keys folded. */
    private static Map<String, String> pairs(String name, List<String> raw, UnaryOperator<String> target) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (raw == null) {
            return pairs;
        }
        for (String item : raw) {
            if (item == null || item.isBlank()) {
                continue;
            }
            String text = item.strip();
            Map<String, String> given = new LinkedHashMap<>();
            if (text.startsWith("{")) {
                try {
                    JSON.readTree(text).fields().forEachRemaining(e -> {
                        if (!e.getValue().isTextual()) {
                            throw new InvalidQueryException(name, "must map each value to a code as text ('" + e.getKey()
                                    + "' does not)");
                        }
                        given.put(e.getKey(), e.getValue().asText());
                    });
                } catch (IOException e) {
                    throw new InvalidQueryException(name, "must be value:code pairs such as Lindenhof:lindenhof, or one JSON"
                            + " object of them");
                }
            } else {
                for (String part : text.split(",")) {
                    if (part.isBlank()) {
                        continue;
                    }
                    int colon = part.lastIndexOf(':');
                    if (colon <= 0 || colon == part.length() - 1) {
                        throw new InvalidQueryException(name, "must be value:code pairs such as Lindenhof:lindenhof ('"
                                + part.strip() + "' is none)");
                    }
                    given.put(part.substring(0, colon), part.substring(colon + 1));
                }
            }
            given.forEach((value, code) -> {
                String key = SearchText.fold(value.strip());
                if (key.isEmpty()) {
                    throw new InvalidQueryException(name, "maps an empty value");
                }
                pairs.put(key, target.apply(code.strip()));
            });
        }
        if (pairs.size() > 5000) {
            throw new InvalidQueryException(name, "has more than 5000 pairs");
        }
        return pairs;
    }

    private static String code(String code, String name) {
        if (!code.matches(Texts.CODE)) {
            throw new InvalidQueryException(name, Texts.CODE_MESSAGE + " ('" + code + "' is none)");
        }
        return code;
    }

    private static String oneOf(String name, String value, List<String> allowed, String fallback) {
        String given = text(value);
        if (given == null) {
            return fallback;
        }
        if (!allowed.contains(given)) {
            throw new InvalidQueryException(name, "must be one of " + String.join(", ", allowed));
        }
        return given;
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean given(List<String> values) {
        return values != null && values.stream().anyMatch(v -> v != null && !v.isBlank());
    }

    @RolesAllowed({"partners:write", "admin"})
    @NotForEditors
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
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidQueryException("body", "the file is not UTF-8 text");
        }
    }
}
