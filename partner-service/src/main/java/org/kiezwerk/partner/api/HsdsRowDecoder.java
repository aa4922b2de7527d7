package org.kiezwerk.partner.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kiezwerk.commons.api.Texts;
import org.kiezwerk.partner.api.hsds.HsdsNames;
import org.kiezwerk.partner.domain.Address;
import org.kiezwerk.partner.domain.HsdsPhone;
import org.kiezwerk.partner.domain.ImportMapping;
import org.kiezwerk.partner.domain.InvalidReferenceException.FieldProblem;
import org.kiezwerk.partner.domain.InvalidRowException;
import org.kiezwerk.partner.domain.OfferLocation;
import org.kiezwerk.partner.domain.OpeningSchedule;
import org.kiezwerk.partner.service.HsdsRow;
import org.kiezwerk.partner.service.ImportRows;
import org.kiezwerk.partner.service.PartnerAnnouncer;

/**
 * Reads one HSDS 3.0 organization of an import file, field by field, with the rules of the API's
 * own request bodies (PartnerDraft, AddressBody, OfferDraft, OpeningSchedule). A value those rules
 * refuse is left out, the rest of the organization is imported, and the job names what was left
 * out and why; so does every field the directory has no place for. Only an organization without a
 * valid name cannot be imported at all.
 */
@ApplicationScoped
public class HsdsRowDecoder {

    /** Fields that only link an object to the one it is nested in; the nesting says the same. */
    private static final Set<String> LINKS = Set.of("organization_id", "location_id", "service_id", "phone_id", "contact_id",
            "service_at_location_id", "link_id");

    private static final Set<String> ORGANIZATION = Set.of("id", "name", "alternate_name", "description", "email", "website",
            "phones", "locations", "services");
    private static final Set<String> PHONE = Set.of("id", "number", "extension", "type", "description");
    private static final Set<String> LOCATION = Set.of("id", "location_type", "name", "latitude", "longitude", "languages",
            "addresses", "accessibility");
    private static final Set<String> ADDRESS = Set.of("id", "address_1", "address_2", "city", "region", "state_province",
            "postal_code", "country", "address_type");
    private static final Set<String> LANGUAGE = Set.of("id", "code", "name");
    private static final Set<String> ACCESSIBILITY = Set.of("id", "description");
    /** last_modified is the source's time of change; the export names the directory's own. */
    private static final Set<String> SERVICE = Set.of("id", "name", "description", "status", "fees_description", "minimum_age",
            "maximum_age", "schedules", "languages", "attributes", "cost_options", "service_at_locations", "last_modified",
            "organization", "assured_date");
    private static final Set<String> SCHEDULE = Set.of("id", "freq", "interval", "byday", "bymonthday", "opens_at", "closes_at",
            "valid_from", "valid_to", "description");
    private static final Set<String> SERVICE_AT_LOCATION = Set.of("id", "location", "description");
    private static final Set<String> FREE_COST = Set.of("id", "option", "currency", "amount");

    static final Set<String> STATUSES = Set.of("active", "inactive", "defunct", "temporarily closed");
    static final Set<String> PLACE_TYPES = Set.of("physical", "postal", "virtual");
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d)(\\.\\d+)?)?");

    @Inject
    Validator validator;

    public HsdsRow decode(ImportRows.Row row, ImportMapping mapping) {
        return new Reader(row.hsds(), mapping == null ? ImportMapping.defaults() : mapping).read();
    }

    /** One organization's reading: what it keeps and what it had to leave out. */
    private final class Reader {

        final JsonNode org;
        final ImportMapping mapping;
        final List<FieldProblem> warnings = new ArrayList<>();
        final List<Address> addresses = new ArrayList<>();
        final List<String> addressPaths = new ArrayList<>();
        final Map<String, UUID> ids = new LinkedHashMap<>();
        final LinkedHashSet<String> languages = new LinkedHashSet<>();
        final LinkedHashSet<String> accessibility = new LinkedHashSet<>();
        final Set<UUID> locations = new LinkedHashSet<>();
        /** What derived ids hang on when the file gives none: the organization's id, else its name. */
        String key;

        Reader(JsonNode org, ImportMapping mapping) {
            this.org = org;
            this.mapping = mapping;
        }

        HsdsRow read() {
            String hsdsId = text(org, "id", "id");
            UUID uuid = uuidOf(hsdsId);
            String name = text(org, "name", "name");
            List<String> nameProblems = problems(PartnerDraft.class, "name", name);
            if (!nameProblems.isEmpty()) {
                throw new InvalidRowException(List.of(new FieldProblem("name", name == null ? "is missing: an organization"
                        + " needs a name" : quote(name) + " " + nameProblems.get(0))));
            }
            key = hsdsId != null ? hsdsId : name;
            if (hsdsId == null) {
                warn("id", "is missing: the partner gets an id of its own, and a repeated import cannot find it again");
            } else if (problems(PartnerDraft.class, "externalId", "hsds:" + hsdsId).size() > 0) {
                warn("id", quote(hsdsId) + " cannot be kept (printable ASCII without spaces, at most 195 characters):"
                        + " the partner gets an id"
                        + " of its own, and a repeated import cannot find it again");
                hsdsId = null;
            } else if (uuid == null) {
                warn("id", quote(hsdsId) + " is not a UUID: the partner gets an id of its own (a repeated import finds it"
                        + " by this id)");
            }
            String alternate = checked(text(org, "alternate_name", "alternate_name"), "alternate_name", PartnerDraft.class,
                    "alternateNames", true);
            String description = checked(text(org, "description", "description"), "description", PartnerDraft.class,
                    "description", false);
            if (description != null && description.strip().equals(name.strip())) {
                description = null; // what the export says of an organization without description
            }
            String email = checked(text(org, "email", "email"), "email", PartnerDraft.class, "email", false);
            String website = checked(text(org, "website", "website"), "website", PartnerDraft.class, "website", false);
            List<HsdsPhone> phones = phones(org.path("phones"), "phones");
            JsonNode places = org.path("locations");
            for (int i = 0; i < places.size(); i++) {
                location(places.get(i), "locations[" + i + "]");
            }
            List<HsdsRow.Service> services = new ArrayList<>();
            JsonNode offers = org.path("services");
            for (int k = 0; k < offers.size(); k++) {
                String path = "services[" + k + "]";
                if (services.size() >= PartnerAnnouncer.MAX_OFFERS) {
                    warn(path, "not imported: a partner holds at most " + PartnerAnnouncer.MAX_OFFERS + " offers");
                    continue;
                }
                HsdsRow.Service service = service(offers.get(k), path);
                if (service != null) {
                    services.add(service);
                }
            }
            List<String> kindValues = kindValues();
            notKept(org, "", ORGANIZATION);
            limit();
            List<String> spoken = new ArrayList<>(languages);
            if (spoken.size() > 30) {
                warn("locations", "the languages " + spoken.subList(30, spoken.size()) + " are not imported: a partner names"
                        + " at most 30 languages");
                spoken = spoken.subList(0, 30);
            }
            String access = accessibility.isEmpty() ? null : String.join("\n", accessibility);
            if (access != null && access.length() > 2000) {
                warn("locations", "the accessibility descriptions are not imported: together they are longer than 2000"
                        + " characters");
                access = null;
            }
            return new HsdsRow(hsdsId, uuid, name.strip(), alternate == null ? List.of() : List.of(alternate.strip()),
                    description, email, website, phones, List.copyOf(addresses), List.copyOf(addressPaths), List.copyOf(spoken),
                    access, Map.copyOf(ids), kindValues, List.copyOf(services), List.copyOf(warnings));
        }

        // ---- phones

        List<HsdsPhone> phones(JsonNode list, String path) {
            List<HsdsPhone> phones = new ArrayList<>();
            for (int j = 0; j < list.size(); j++) {
                JsonNode phone = list.get(j);
                String at = path + "[" + j + "]";
                notKept(phone, at, PHONE);
                String number = text(phone, "number", at + ".number");
                List<String> problems = problems(PartnerDraft.class, "phone", number);
                if (number == null || !problems.isEmpty()) {
                    warn(at + ".number", (number == null ? "is missing" : quote(number) + " " + problems.get(0))
                            + " – phone left out");
                    continue;
                }
                UUID id = id(phone, at, "phone", j);
                BigDecimal extension = decimal(phone, "extension", at + ".extension");
                String type = plain(text(phone, "type", at + ".type"), at + ".type", 50, false);
                String description = plain(text(phone, "description", at + ".description"), at + ".description", 1000, true);
                phones.add(new HsdsPhone(id, number.strip(), extension, type, description));
            }
            return phones;
        }

        // ---- locations and addresses

        /** Reads a location into address rows; returns its id. */
        UUID location(JsonNode place, String path) {
            notKept(place, path, LOCATION);
            UUID id = id(place, path, "location", locations.size());
            boolean again = !locations.add(id);
            String type = oneOf(text(place, "location_type", path + ".location_type"), PLACE_TYPES, path + ".location_type");
            String name = plain(text(place, "name", path + ".name"), path + ".name", 200, false);
            Double lat = number(place, "latitude", path + ".latitude");
            Double lon = number(place, "longitude", path + ".longitude");
            if (lat != null || lon != null) {
                List<String> problems = new ArrayList<>(problems(AddressBody.class, "lat", lat));
                problems.addAll(problems(AddressBody.class, "lon", lon));
                if (lat == null || lon == null) {
                    warn(path + (lat == null ? ".latitude" : ".longitude"), "is missing – coordinates left out");
                    warn(path + (lat == null ? ".longitude" : ".latitude"), "left out: it has no "
                            + (lat == null ? "latitude" : "longitude"));
                    lat = lon = null;
                } else if (!problems.isEmpty()) {
                    String pair = "(" + plainNumber(lat) + ", " + plainNumber(lon) + ") are not WGS 84 coordinates ("
                            + String.join("; ", problems) + ") – coordinates left out";
                    warn(path + ".latitude", pair);
                    warn(path + ".longitude", pair);
                    lat = lon = null;
                }
            }
            JsonNode spoken = place.path("languages");
            for (int j = 0; j < spoken.size(); j++) {
                String at = path + ".languages[" + j + "]";
                String code = language(spoken.get(j), at);
                if (code != null) {
                    languages.add(code);
                    UUID languageId = id(spoken.get(j), at, "language", j);
                    ids.putIfAbsent("language:" + id + ":" + code, languageId);
                }
            }
            JsonNode access = place.path("accessibility");
            for (int j = 0; j < access.size(); j++) {
                String at = path + ".accessibility[" + j + "]";
                notKept(access.get(j), at, ACCESSIBILITY);
                String text = checked(text(access.get(j), "description", at + ".description"), at + ".description",
                        PartnerDraft.class, "accessibility", false);
                if (text == null) {
                    continue;
                }
                if (ids.containsKey("accessibility:" + id)) {
                    warn(at, "joined with the location's first accessibility description (its id is not kept)");
                } else {
                    ids.put("accessibility:" + id, id(access.get(j), at, "accessibility", j));
                }
                accessibility.add(text.strip());
            }
            JsonNode postal = place.path("addresses");
            int rows = 0;
            for (int j = 0; j < postal.size(); j++) {
                String at = path + ".addresses[" + j + "]";
                Address address = address(postal.get(j), at);
                if (rows == 0 && !again) {
                    address.lat = lat;
                    address.lon = lon;
                }
                place(address, id, name, type);
                addresses.add(address);
                addressPaths.add(at);
                rows++;
            }
            if (rows == 0 && !again) {
                // a location without an address is kept as an address row with its coordinates only
                Address only = Address.of(null, null, null, lat, lon);
                place(only, id, name, type);
                addresses.add(only);
                addressPaths.add(path);
            }
            return id;
        }

        void place(Address address, UUID location, String name, String type) {
            address.locationId = location;
            address.locationName = name;
            address.locationType = type;
        }

        Address address(JsonNode node, String path) {
            notKept(node, path, ADDRESS);
            Address address = new Address();
            address.addressId = id(node, path, "address", addresses.size());
            address.street = checked(text(node, "address_1", path + ".address_1"), path + ".address_1", AddressBody.class,
                    "street", false);
            address.postcode = checked(text(node, "postal_code", path + ".postal_code"), path + ".postal_code",
                    AddressBody.class, "postcode", false);
            address.city = checked(text(node, "city", path + ".city"), path + ".city", AddressBody.class, "city", false);
            address.address2 = plain(text(node, "address_2", path + ".address_2"), path + ".address_2", 200, false);
            address.region = plain(text(node, "region", path + ".region"), path + ".region", 200, false);
            address.stateProvince = plain(text(node, "state_province", path + ".state_province"), path + ".state_province",
                    200, false);
            address.country = plain(text(node, "country", path + ".country"), path + ".country", 100, false);
            address.addressType = oneOf(text(node, "address_type", path + ".address_type"), PLACE_TYPES, path + ".address_type");
            address.street = strip(address.street);
            address.postcode = strip(address.postcode);
            address.city = strip(address.city);
            return address;
        }

        /** At most 10 addresses per partner: the rest is named. */
        void limit() {
            while (addresses.size() > 10) {
                int last = addresses.size() - 1;
                warn(addressPaths.get(last), "not imported: a partner holds at most 10 addresses");
                addresses.remove(last);
                addressPaths.remove(last);
            }
        }

        String language(JsonNode node, String path) {
            notKept(node, path, LANGUAGE);
            String code = text(node, "code", path + ".code");
            if (code == null) {
                warn(path, "has no code – left out");
                return null;
            }
            String kept = code.strip().toLowerCase(Locale.ROOT);
            Matcher tagged = Pattern.compile("([a-z]{2,3})[-_].*").matcher(kept);
            if (tagged.matches()) {
                kept = tagged.group(1);
            }
            List<String> problems = problems(PartnerDraft.class, "languages", List.of(kept));
            if (!problems.isEmpty()) {
                warn(path + ".code", quote(code) + " " + problems.get(0) + " – left out");
                return null;
            }
            if (!kept.equals(code)) {
                warn(path + ".code", quote(code) + " kept as " + quote(kept));
            }
            String name = text(node, "name", path + ".name");
            String published = HsdsNames.language(kept);
            if (name != null && !name.equals(published)) {
                warn(path + ".name", quote(name) + " is not kept: the export names the language " + (published == null
                        ? "by its code only" : quote(published)));
            }
            return kept;
        }

        // ---- services

        HsdsRow.Service service(JsonNode node, String path) {
            notKept(node, path, SERVICE);
            String name = text(node, "name", path + ".name");
            List<String> nameProblems = problems(OfferDraft.class, "name", name);
            if (!nameProblems.isEmpty()) {
                warn(path, "not imported: " + (name == null ? "it has no name" : "its name " + quote(name) + " "
                        + nameProblems.get(0)));
                return null;
            }
            String hsdsId = text(node, "id", path + ".id");
            UUID uuid = uuidOf(hsdsId);
            if (hsdsId == null) {
                warn(path + ".id", "is missing: the offer gets an id of its own (a repeated import finds it by its position)");
            } else if (uuid == null) {
                warn(path + ".id", quote(hsdsId) + " is not a UUID: the offer gets an id of its own (a repeated import finds"
                        + " it by this id)");
            }
            String description = checked(text(node, "description", path + ".description"), path + ".description",
                    OfferDraft.class, "description", false);
            String status = text(node, "status", path + ".status");
            if (status == null) {
                warn(path + ".status", "is missing – kept as active");
                status = "active";
            } else if (!STATUSES.contains(status.strip().toLowerCase(Locale.ROOT))) {
                warn(path + ".status", "unknown value " + quote(status) + " – kept as active");
                status = "active";
            } else {
                status = status.strip().toLowerCase(Locale.ROOT);
            }
            String cost = checked(text(node, "fees_description", path + ".fees_description"), path + ".fees_description",
                    OfferDraft.class, "cost", false);
            Integer ageMin = age(node, "minimum_age", path, "ageMin");
            Integer ageMax = age(node, "maximum_age", path, "ageMax");
            if (ageMin != null && ageMax != null && ageMin > ageMax) {
                warn(path + ".minimum_age", "minimum_age " + ageMin + " is above maximum_age " + ageMax + " – both left out");
                ageMin = ageMax = null;
            }
            Map<String, UUID> serviceIds = new LinkedHashMap<>();
            boolean free = false;
            JsonNode costs = node.path("cost_options");
            for (int j = 0; j < costs.size(); j++) {
                String at = path + ".cost_options[" + j + "]";
                JsonNode option = costs.get(j);
                BigDecimal amount = option.path("amount").isNumber() ? option.path("amount").decimalValue() : null;
                if (!free && amount != null && amount.signum() == 0) {
                    free = true;
                    serviceIds.put("cost:free", id(option, at, "cost", j));
                    notKept(option, at, FREE_COST);
                } else {
                    warn(at, "not imported: the directory keeps what an offer costs as the text fees_description"
                            + (amount == null ? "" : " (amount " + amount.toPlainString() + ")"));
                }
            }
            List<OpeningSchedule> schedules = new ArrayList<>();
            JsonNode times = node.path("schedules");
            for (int j = 0; j < times.size(); j++) {
                String at = path + ".schedules[" + j + "]";
                if (schedules.size() >= 20) {
                    warn(at, "not imported: an offer holds at most 20 schedules");
                    continue;
                }
                OpeningSchedule schedule = schedule(times.get(j), at);
                if (schedule != null) {
                    serviceIds.put(HsdsNames.scheduleKey(schedules.size(), schedule),
                            id(times.get(j), at, "schedule", j));
                    schedules.add(schedule);
                }
            }
            LinkedHashSet<String> spoken = new LinkedHashSet<>();
            JsonNode languageList = node.path("languages");
            for (int j = 0; j < languageList.size(); j++) {
                String at = path + ".languages[" + j + "]";
                String code = language(languageList.get(j), at);
                if (code != null && spoken.size() >= 30) {
                    warn(at, "not imported: an offer names at most 30 languages");
                } else if (code != null && spoken.add(code)) {
                    serviceIds.put("language:" + code, id(languageList.get(j), at, "language", j));
                }
            }
            List<HsdsRow.TermRef> terms = new ArrayList<>();
            JsonNode attributes = node.path("attributes");
            for (int j = 0; j < attributes.size(); j++) {
                JsonNode attribute = attributes.get(j);
                JsonNode term = attribute.path("taxonomy_term");
                String at = path + ".attributes[" + j + "]";
                UUID termId = uuidOf(text(attribute, "taxonomy_term_id", at + ".taxonomy_term_id"));
                if (termId == null) {
                    termId = uuidOf(text(term, "id", at + ".taxonomy_term.id"));
                }
                String taxonomy = text(term, "taxonomy", at + ".taxonomy_term.taxonomy");
                if (taxonomy == null) {
                    taxonomy = text(term.path("taxonomy_detail"), "name", at + ".taxonomy_term.taxonomy_detail.name");
                }
                terms.add(new HsdsRow.TermRef(at, uuidOf(text(attribute, "id", at + ".id")), termId,
                        text(term, "code", at + ".taxonomy_term.code"), text(term, "name", at + ".taxonomy_term.name"), taxonomy));
            }
            List<OfferLocation> at = new ArrayList<>();
            JsonNode places = node.path("service_at_locations");
            for (int j = 0; j < places.size(); j++) {
                String where = path + ".service_at_locations[" + j + "]";
                OfferLocation located = serviceAtLocation(places.get(j), where, hsdsId, j);
                if (located != null) {
                    at.add(located);
                }
            }
            LocalDate assured = null;
            String assuredText = text(node, "assured_date", path + ".assured_date");
            if (assuredText != null) {
                try {
                    assured = LocalDate.parse(assuredText.strip());
                } catch (DateTimeParseException e) {
                    warn(path + ".assured_date", "not imported: not a date (YYYY-MM-DD); the import time counts as the confirmation");
                }
            }
            return new HsdsRow.Service(path, hsdsId, uuid, name.strip(), description, status, ageMin, ageMax, free, cost,
                    List.copyOf(schedules), List.copyOf(spoken), List.copyOf(terms), Map.copyOf(serviceIds), List.copyOf(at), assured);
        }

        Integer age(JsonNode node, String field, String path, String property) {
            Double value = number(node, field, path + "." + field);
            if (value == null) {
                return null;
            }
            if (value != Math.rint(value) || !problems(OfferDraft.class, property, (int) Math.rint(value)).isEmpty()) {
                warn(path + "." + field, plainNumber(value) + " is not an age in whole years from 0 to 120 – left out");
                return null;
            }
            return (int) Math.rint(value);
        }

        OpeningSchedule schedule(JsonNode node, String path) {
            notKept(node, path, SCHEDULE);
            String freq = text(node, "freq", path + ".freq");
            String upper = freq == null ? null : freq.strip().toUpperCase(Locale.ROOT);
            if (upper == null || !problems(OpeningSchedule.class, "freq", upper).isEmpty()) {
                warn(path, "not imported: " + (freq == null ? "it has no freq" : "freq " + quote(freq) + " is not WEEKLY or"
                        + " MONTHLY") + " (a schedule without a rhythm cannot be kept)");
                return null;
            }
            Integer interval = null;
            Double every = number(node, "interval", path + ".interval");
            if (every != null) {
                if (every != Math.rint(every) || !problems(OpeningSchedule.class, "interval", (int) Math.rint(every)).isEmpty()) {
                    warn(path + ".interval", plainNumber(every) + " is not a whole number from 1 to 366 – left out");
                } else {
                    interval = (int) Math.rint(every);
                }
            }
            String byDay = checkedUpper(node, "byday", path, "byDay");
            String byMonthDay = checked(text(node, "bymonthday", path + ".bymonthday"), path + ".bymonthday",
                    OpeningSchedule.class, "byMonthDay", false);
            String opens = time(text(node, "opens_at", path + ".opens_at"), path + ".opens_at");
            String closes = time(text(node, "closes_at", path + ".closes_at"), path + ".closes_at");
            LocalDate from = date(text(node, "valid_from", path + ".valid_from"), path + ".valid_from");
            LocalDate to = date(text(node, "valid_to", path + ".valid_to"), path + ".valid_to");
            String description = checked(text(node, "description", path + ".description"), path + ".description",
                    OpeningSchedule.class, "description", false);
            OpeningSchedule schedule = new OpeningSchedule(upper, interval, byDay, byMonthDay == null ? null : byMonthDay.strip(),
                    opens, closes, from, to, description);
            Set<ConstraintViolation<OpeningSchedule>> left = validator.validate(schedule);
            if (!left.isEmpty()) {
                warn(path, "not imported: " + left.iterator().next().getMessage());
                return null;
            }
            return schedule;
        }

        String checkedUpper(JsonNode node, String field, String path, String property) {
            String value = text(node, field, path + "." + field);
            if (value == null) {
                return null;
            }
            String upper = value.strip().toUpperCase(Locale.ROOT).replace(" ", "");
            List<String> problems = problems(OpeningSchedule.class, property, upper);
            if (!problems.isEmpty()) {
                warn(path + "." + field, quote(value) + " " + problems.get(0) + " – left out");
                return null;
            }
            return upper;
        }

        String time(String value, String path) {
            if (value == null) {
                return null;
            }
            Matcher time = TIME.matcher(value.strip());
            if (!time.matches()) {
                warn(path, quote(value) + " is not a time HH:MM:SS – left out");
                return null;
            }
            if (time.group(3) != null && (!time.group(3).equals("00") || time.group(4) != null && !time.group(4).matches("\\.0+"))) {
                warn(path, quote(value) + " kept as " + time.group(1) + ":" + time.group(2) + " (the directory keeps minutes)");
            }
            return time.group(1) + ":" + time.group(2);
        }

        LocalDate date(String value, String path) {
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                warn(path, quote(value) + " is not a date YYYY-MM-DD – left out");
                return null;
            }
        }

        OfferLocation serviceAtLocation(JsonNode node, String path, String serviceId, int position) {
            notKept(node, path, SERVICE_AT_LOCATION);
            String locationText = text(node, "location_id", path + ".location_id");
            JsonNode nested = node.path("location");
            if (locationText == null && nested.isObject()) {
                locationText = text(nested, "id", path + ".location.id");
            }
            UUID location = uuidOf(locationText);
            if (location == null || !locations.contains(location)) {
                if (nested.isObject() && !nested.isEmpty()) {
                    // a location the organization does not list: it becomes one of the partner's
                    UUID added = location(nested, path + ".location");
                    limit();
                    if (addresses.stream().noneMatch(a -> added.equals(a.locationId))) {
                        return null; // named by limit()
                    }
                    location = added;
                } else {
                    warn(path, "not imported: " + (locationText == null ? "it names no location" : "location "
                            + quote(locationText) + " is none of the organization's locations"));
                    return null;
                }
            }
            UUID id = id(node, path, "service_at_location:" + serviceId, position);
            String description = plain(text(node, "description", path + ".description"), path + ".description", 4000, true);
            return OfferLocation.of(id, location, description);
        }

        // ---- the partner kind

        List<String> kindValues() {
            List<String> values = new ArrayList<>();
            switch (mapping.kindBy() == null ? ImportMapping.DEFAULT_KIND_BY : mapping.kindBy()) {
                case "legal_status", "tax_status" -> {
                    String value = text(org, mapping.kindBy(), mapping.kindBy());
                    if (value != null) {
                        values.add(value.strip());
                    }
                }
                case "attribute" -> org.path("attributes").forEach(attribute -> {
                    JsonNode term = attribute.path("taxonomy_term");
                    for (String field : List.of("code", "name")) {
                        if (term.path(field).isTextual() && !term.path(field).asText().isBlank()) {
                            values.add(term.path(field).asText().strip());
                        }
                    }
                    if (attribute.path("value").isTextual() && !attribute.path("value").asText().isBlank()) {
                        values.add(attribute.path("value").asText().strip());
                    }
                });
                default -> {
                }
            }
            return List.copyOf(values);
        }

        // ---- reading values

        /** Every field the directory has no place for is named, so that nothing is dropped unseen. */
        void notKept(JsonNode node, String path, Set<String> known) {
            if (!node.isObject()) {
                return;
            }
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(Comparator.naturalOrder());
            for (String field : names) {
                if (known.contains(field) || LINKS.contains(field) || !present(node.get(field))) {
                    continue;
                }
                warn(path.isEmpty() ? field : path + "." + field, switch (field) {
                    case "contacts", "attention" -> "not imported: the directory holds no persons, only organisations and"
                            + " their public contact";
                    case "metadata" -> "not imported: the change history stays with the source";
                    default -> "not imported: the directory has no field for it";
                });
            }
        }

        String text(JsonNode node, String field, String path) {
            JsonNode value = node.path(field);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            if (value.isContainerNode()) {
                warn(path, "is not text – left out");
                return null;
            }
            String text = value.asText();
            return text.isBlank() ? null : text;
        }

        Double number(JsonNode node, String field, String path) {
            JsonNode value = node.path(field);
            if (value.isMissingNode() || value.isNull() || value.isTextual() && value.asText().isBlank()) {
                return null;
            }
            if (value.isNumber()) {
                return value.doubleValue();
            }
            if (value.isTextual()) {
                try {
                    double number = Double.parseDouble(value.asText().strip());
                    if (Double.isFinite(number)) {
                        return number;
                    }
                } catch (NumberFormatException e) {
                    // named below
                }
            }
            warn(path, quote(value.asText()) + " is not a number – left out");
            return null;
        }

        BigDecimal decimal(JsonNode node, String field, String path) {
            Double number = number(node, field, path);
            return number == null ? null : node.path(field).isNumber() ? node.path(field).decimalValue()
                    : new BigDecimal(node.path(field).asText().strip());
        }

        /** A text the API's rules accept for that property, or null (and a warning). */
        String checked(String value, String path, Class<?> type, String property, boolean inList) {
            if (value == null) {
                return null;
            }
            List<String> problems = problems(type, property, inList ? List.of(value.strip()) : value);
            if (!problems.isEmpty()) {
                warn(path, quote(value) + " " + problems.get(0) + " – left out");
                return null;
            }
            return value;
        }

        String plain(String value, String path, int max, boolean multiline) {
            if (value == null) {
                return null;
            }
            if (!value.matches(multiline ? Texts.MULTILINE : Texts.PLAIN)) {
                warn(path, Texts.PLAIN_MESSAGE + " – left out");
                return null;
            }
            if (value.length() > max) {
                warn(path, "is longer than " + max + " characters – left out");
                return null;
            }
            return value;
        }

        String oneOf(String value, Set<String> allowed, String path) {
            if (value == null) {
                return null;
            }
            String lower = value.strip().toLowerCase(Locale.ROOT);
            if (!allowed.contains(lower)) {
                warn(path, "unknown value " + quote(value) + " (" + String.join(", ", new TreeSet<>(allowed))
                        + ") – left out");
                return null;
            }
            return lower;
        }

        /** The record's id if it is a UUID; else one derived from where it is, the same at every import. */
        UUID id(JsonNode node, String path, String kind, int position) {
            String given = text(node, "id", path + ".id");
            UUID id = uuidOf(given);
            if (id != null) {
                return id;
            }
            UUID derived = UUID.nameUUIDFromBytes(("hsds-import:" + key + ":" + kind + ":" + path + ":" + position)
                    .getBytes(StandardCharsets.UTF_8));
            warn(path + ".id", (given == null ? "is missing" : quote(given) + " is not a UUID") + " – the export names it "
                    + derived);
            return derived;
        }

        List<String> problems(Class<?> type, String property, Object value) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Set<ConstraintViolation<?>> violations = (Set) validator.validateValue((Class) type, property, value);
            return violations.stream().map(ConstraintViolation::getMessage).sorted().toList();
        }

        void warn(String field, String message) {
            warnings.add(new FieldProblem(field, message));
        }
    }

    static boolean present(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isTextual()) {
            return !value.asText().isBlank();
        }
        if (value.isContainerNode()) {
            for (Iterator<JsonNode> items = value.elements(); items.hasNext(); ) {
                if (present(items.next())) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    static UUID uuidOf(String text) {
        if (text == null || !text.strip().matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            return null;
        }
        return UUID.fromString(text.strip());
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    private static String quote(String value) {
        String shown = value.length() > 80 ? value.substring(0, 77) + "…" : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", " ") + "'";
    }

    private static String plainNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
