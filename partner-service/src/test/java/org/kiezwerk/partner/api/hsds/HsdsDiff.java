package org.kiezwerk.partner.api.hsds;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Field-by-field differences between an HSDS document and what the directory exports after
 * importing it: objects by field, arrays of records by their ids, numbers by value. Paths use the
 * positions of the imported document ({@code services[1].schedules[0].opens_at}), so that they
 * match the paths of the import's warnings; patterns leave the positions out.
 */
final class HsdsDiff {

    enum Kind { MISSING, ADDED, CHANGED }

    record Difference(Kind kind, String path, JsonNode before, JsonNode after) {

        String pattern() {
            return path.replaceAll("\\[\\d+]", "[]");
        }

        @Override
        public String toString() {
            return kind + " " + path + (kind == Kind.ADDED ? " = " + brief(after) : kind == Kind.MISSING ? " (was " + brief(before)
                    + ")" : ": " + brief(before) + " → " + brief(after));
        }

        private static String brief(JsonNode node) {
            String text = String.valueOf(node);
            return text.length() > 120 ? text.substring(0, 117) + "…" : text;
        }
    }

    /**
     * What the documentation (docs/directory-api.md, "HSDS 3.0 import and export") says an export
     * differs in from any import, whatever the data; each is a kind and a pattern of paths.
     */
    record Rule(String why, Pattern pattern, Kind... kinds) {

        boolean allows(Difference d) {
            for (Kind kind : kinds) {
                if (kind == d.kind() && pattern.matcher(d.pattern()).matches()) {
                    return true;
                }
            }
            return false;
        }
    }

    static final List<Rule> DOCUMENTED = List.of(
            new Rule("the export names the parent's id of every nested record",
                    Pattern.compile("(.*\\.)?(organization_id|service_id|location_id|link_id)"), Kind.ADDED),
            new Rule("last_modified is the time of the last change in this directory",
                    Pattern.compile("services\\[]\\.last_modified"), Kind.ADDED, Kind.CHANGED),
            new Rule("assured_date is the date of the last confirmation; a service imported without one was confirmed by the import",
                    Pattern.compile("services\\[]\\.assured_date"), Kind.ADDED),
            new Rule("a kept attribute names the directory's own taxonomy term, linked as category or target_group",
                    Pattern.compile("services\\[]\\.attributes\\[]\\.(taxonomy_term_id|link_type|link_entity|value|taxonomy_term(\\..*)?)"),
                    Kind.ADDED, Kind.CHANGED, Kind.MISSING),
            new Rule("eligibility_description names the offer's target groups",
                    Pattern.compile("services\\[]\\.eligibility_description"), Kind.ADDED),
            new Rule("a language is named by its code's English name",
                    Pattern.compile("(.*\\.)?languages\\[]\\.name"), Kind.ADDED),
            new Rule("a location without a name or type has its organization's name and type physical",
                    Pattern.compile("locations\\[]\\.(name|location_type)"), Kind.ADDED),
            new Rule("an address without region, state, country or type: the partner's neighbourhood, the configured state"
                    + " and country, physical", Pattern.compile("locations\\[]\\.addresses\\[]\\.(region|state_province|country|address_type)"),
                    Kind.ADDED),
            new Rule("an organization without description is described by its name", Pattern.compile("description"), Kind.ADDED),
            new Rule("a free service's cost option reads option free, amount 0, the configured currency",
                    Pattern.compile("services\\[]\\.cost_options\\[]\\.(option|currency|amount)"), Kind.ADDED, Kind.CHANGED),
            new Rule("languages and accessibility are the partner's: every location shows them all",
                    Pattern.compile("locations\\[]\\.(languages|accessibility)\\[]"), Kind.ADDED),
            new Rule("a service that names no location is at its organization's first",
                    Pattern.compile("services\\[]\\.service_at_locations(\\[])?"), Kind.ADDED));

    private HsdsDiff() {
    }

    static List<Difference> between(JsonNode before, JsonNode after) {
        List<Difference> out = new ArrayList<>();
        walk("", before, after, out);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<Difference> out) {
        if (a.isObject() && b.isObject()) {
            for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String at = path.isEmpty() ? name : path + "." + name;
                JsonNode there = b.get(name);
                if (!present(a.get(name))) {
                    continue;
                }
                if (!present(there)) {
                    out.add(new Difference(Kind.MISSING, at, a.get(name), null));
                } else {
                    walk(at, a.get(name), there, out);
                }
            }
            for (Iterator<String> names = b.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (present(b.get(name)) && !present(a.get(name))) {
                    out.add(new Difference(Kind.ADDED, path.isEmpty() ? name : path + "." + name, null, b.get(name)));
                }
            }
        } else if (a.isArray() && b.isArray() && records(a) && records(b)) {
            Map<String, JsonNode> byId = new HashMap<>();
            b.forEach(item -> byId.put(item.path("id").asText(), item));
            Map<String, Boolean> seen = new HashMap<>();
            for (int i = 0; i < a.size(); i++) {
                String id = a.get(i).path("id").asText();
                seen.put(id, true);
                if (byId.containsKey(id)) {
                    walk(path + "[" + i + "]", a.get(i), byId.get(id), out);
                } else {
                    out.add(new Difference(Kind.MISSING, path + "[" + i + "]", a.get(i), null));
                }
            }
            for (int j = 0; j < b.size(); j++) {
                if (!seen.containsKey(b.get(j).path("id").asText())) {
                    out.add(new Difference(Kind.ADDED, path + "[" + j + "]", null, b.get(j)));
                }
            }
        } else if (!same(a, b)) {
            out.add(new Difference(Kind.CHANGED, path, a, b));
        }
    }

    private static boolean records(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject() || !item.hasNonNull("id")) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText())) == 0;
        }
        return a.equals(b);
    }

    static boolean present(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isTextual()) {
            return !value.asText().isBlank();
        }
        if (value.isContainerNode()) {
            for (JsonNode item : value) {
                if (present(item)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /** Whether an import warning names the difference: the same field, a field inside it, or the record it is in. */
    static boolean warned(Difference d, List<String> warnedFields) {
        for (String field : warnedFields) {
            if (field.equals(d.path()) || d.path().startsWith(field + ".") || d.path().startsWith(field + "[")
                    || field.startsWith(d.path() + ".") || field.startsWith(d.path() + "[")) {
                return true;
            }
        }
        return false;
    }

    static boolean documented(Difference d) {
        return DOCUMENTED.stream().anyMatch(rule -> rule.allows(d)) || timeWithSeconds(d);
    }

    /** Times are published as HH:MM:SS; an import that gave HH:MM gets the seconds added. */
    private static boolean timeWithSeconds(Difference d) {
        return d.kind() == Kind.CHANGED && d.pattern().matches("services\\[]\\.schedules\\[]\\.(opens_at|closes_at)")
                && (d.before().asText() + ":00").equals(d.after().asText());
    }
}
