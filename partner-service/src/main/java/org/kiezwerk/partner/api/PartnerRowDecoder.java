package org.kiezwerk.partner.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.kiezwerk.partner.domain.ImportMapping;
import org.kiezwerk.partner.domain.InvalidReferenceException.FieldProblem;
import org.kiezwerk.partner.domain.InvalidRowException;
import org.kiezwerk.partner.service.HsdsRow;
import org.kiezwerk.partner.service.ImportRowDecoder;
import org.kiezwerk.partner.service.ImportRows;
import org.kiezwerk.partner.service.PartnerChange;

/** A CSV import row becomes a {@link PartnerDraft} and must pass the same checks as a POST body; HSDS rows: {@link HsdsRowDecoder}. */
@ApplicationScoped
public class PartnerRowDecoder implements ImportRowDecoder {

    /** CSV column → the draft's field, where they differ. */
    private static final Map<String, String> FIELDS = Map.of("external_id", "externalId", "opening_hours", "openingHours",
            "last_verified", "lastVerified", "alternate_names", "alternateNames");

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    @Inject
    HsdsRowDecoder hsds;

    @Override
    public HsdsRow decodeHsds(ImportRows.Row row, ImportMapping mapping) {
        return hsds.decode(row, mapping);
    }

    @Override
    public PartnerChange decode(ImportRows.Row row, String defaultNeighbourhood, String defaultKind) {
        Map<String, String> f = row.fields();
        Map<String, Object> draft = new HashMap<>();
        for (String column : List.of("external_id", "name", "kind", "description", "email", "phone", "website",
                "accessibility", "opening_hours", "status", "source", "last_verified")) {
            if (f.containsKey(column)) {
                draft.put(FIELDS.getOrDefault(column, column), f.get(column));
            }
        }
        draft.putIfAbsent("kind", defaultKind);
        draft.put("alternateNames", list(f.get("alternate_names")));
        draft.put("languages", list(f.get("languages")));
        List<String> areas = list(f.get("neighbourhoods"));
        draft.put("neighbourhoods", areas.isEmpty() && defaultNeighbourhood != null ? List.of(defaultNeighbourhood) : areas);
        if (f.keySet().stream().anyMatch(Set.of("street", "postcode", "city", "lat", "lon")::contains)) {
            Map<String, Object> address = new HashMap<>();
            for (String part : List.of("street", "postcode", "city", "lat", "lon")) {
                address.put(part, f.get(part));
            }
            draft.put("addresses", List.of(address));
        }
        PartnerDraft partner;
        try {
            partner = json.convertValue(draft, PartnerDraft.class);
        } catch (IllegalArgumentException e) {
            throw new InvalidRowException(List.of(wrongType(e)));
        }
        Set<ConstraintViolation<PartnerDraft>> violations = validator.validate(partner);
        if (!violations.isEmpty()) {
            throw new InvalidRowException(violations.stream()
                    .map(v -> new FieldProblem(column(v.getPropertyPath().toString()), v.getMessage()))
                    .sorted(Comparator.comparing(FieldProblem::field)).toList());
        }
        return partner.toChange();
    }

    private static List<String> list(String cell) {
        return cell == null ? List.of()
                : Arrays.stream(cell.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static FieldProblem wrongType(IllegalArgumentException e) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream().map(ref -> ref.getFieldName() == null ? "" : ref.getFieldName())
                    .filter(name -> !name.isEmpty()).collect(Collectors.joining("."));
            return new FieldProblem(column(field), "has the wrong type or format: " + mapping.getOriginalMessage()
                    .replaceAll("\\s+", " ").replaceAll("(?s)\\s*at \\[Source.*", ""));
        }
        return new FieldProblem(null, "cannot be read: " + e.getMessage());
    }

    /** Report problems by the names the file uses. */
    private static String column(String field) {
        String plain = field.replaceAll("^addresses\\[0\\]\\.", "");
        return FIELDS.entrySet().stream().filter(e -> e.getValue().equals(plain)).map(Map.Entry::getKey).findFirst()
                .orElse(plain);
    }
}
