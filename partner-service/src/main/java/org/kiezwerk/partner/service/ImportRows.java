package org.kiezwerk.partner.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kiezwerk.partner.domain.PartnerImport;

/**
 * Reads an import file into rows: the CSV columns as named fields (documented in docs/directory-api.md),
 * or HSDS 3.0 organizations, one per row.
 */
public final class ImportRows {

    /** The CSV columns; multiple values in one cell are separated by |. */
    public static final List<String> COLUMNS = List.of("external_id", "name", "alternate_names", "kind", "description",
            "neighbourhoods", "street", "postcode", "city", "lat", "lon", "email", "phone", "website", "languages",
            "accessibility", "opening_hours", "status", "source", "last_verified");

    /**
     * One row: its number in the file (CSV: the line; HSDS: the organization's position from 1), its
     * fields (CSV) or the organization itself (HSDS).
     */
    public record Row(int number, Map<String, String> fields, JsonNode hsds) {

        public Row(int number, Map<String, String> fields) {
            this(number, fields, null);
        }
    }

    /** The file itself is unusable (not CSV or JSON, unknown columns, no name column): the upload is refused. */
    public static class UnreadableFileException extends RuntimeException {
        public UnreadableFileException(String message) {
            super(message);
        }
    }

    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static List<Row> parse(PartnerImport.Format format, String content) {
        return format == PartnerImport.Format.CSV ? csv(content) : hsds(content);
    }

    static List<Row> csv(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content; // a BOM from spreadsheet exports
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> lines = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            Set<String> unknown = null;
            while (lines.hasNextValue()) {
                int line = rows.size() + 2; // the header is line 1
                Map<String, String> fields = lines.nextValue();
                if (unknown == null) {
                    unknown = new TreeSet<>(fields.keySet());
                    unknown.removeAll(COLUMNS);
                    if (!unknown.isEmpty()) {
                        throw new UnreadableFileException("unknown column(s) " + unknown + "; the columns are " + COLUMNS);
                    }
                    if (!fields.containsKey("name")) {
                        throw new UnreadableFileException("the header has no name column; the columns are " + COLUMNS);
                    }
                }
                Map<String, String> clean = new LinkedHashMap<>();
                fields.forEach((column, value) -> {
                    if (value != null && !value.isBlank()) {
                        clean.put(column, value.strip());
                    }
                });
                rows.add(new Row(line, clean));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableFileException unreadable) {
                throw unreadable;
            }
            throw new UnreadableFileException("not a readable CSV file with a header line: " + e.getMessage());
        }
        return rows;
    }

    /**
     * An array of HSDS organizations, an HSDS page ({@code contents}) or one organization, each with
     * its locations and services nested (as /organizations/{id}?full_service=true answers). Each
     * organization is one row; HsdsRowDecoder reads it.
     */
    static List<Row> hsds(String content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw new UnreadableFileException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnreadableFileException("not JSON: " + e.getMessage());
        }
        // one organization counts only if it looks like one: {} or {"x": 1} is not a file of organizations
        JsonNode items = root == null ? null : root.isArray() ? root : root.has("contents") ? root.get("contents")
                : root.isObject() && (root.has("name") || root.has("id")) ? JSON.createArrayNode().add(root) : null;
        if (items == null || !items.isArray()) {
            throw new UnreadableFileException("expected HSDS organizations: an array, a page with contents, or one organization"
                    + " object with a name");
        }
        if (items.isEmpty()) {
            throw new UnreadableFileException("the file holds no organizations");
        }
        int position = 0;
        for (JsonNode item : items) {
            position++;
            if (!item.isObject()) {
                throw new UnreadableFileException("item " + position + " is not an HSDS organization object");
            }
            // a service has a status (organizations have none) or its organization nested
            if (item.has("status") || item.path("organization").isObject() || item.has("service_id")) {
                throw new UnreadableFileException("item " + position + " is an HSDS service or service_at_location, not an"
                        + " organization: import organizations with their services nested (another directory's"
                        + " /organizations?full=true&full_service=true or /organizations/{id}?full_service=true)");
            }
        }
        List<Row> rows = new ArrayList<>();
        int number = 0;
        for (JsonNode org : items) {
            number++;
            Map<String, String> fields = new LinkedHashMap<>();
            put(fields, "name", org.path("name").asText(null));
            rows.add(new Row(number, fields, org));
        }
        return rows;
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, value.strip());
        }
    }

    private ImportRows() {
    }
}
