package org.clearancemap.upload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The properties of one uploaded feature, split into the fields the domain knows (by their
 * DESIGN.md snake_case name) and everything else, kept as attributes.
 *
 * <p>Names match case-insensitively, ignoring underscores, hyphens and spaces, so
 * {@code recorded_on}, {@code recordedOn} and {@code RECORDED ON} are the same field. Each field
 * also accepts the names real exports use (IMSMA, Survey123/ArcGIS, QGIS, KoBo), listed in
 * {@link #HAZARD_ALIASES} and {@link #RELEASE_ALIASES} in order of preference; when a file has
 * several of them the first one wins and the others stay attributes. A Shapefile cuts field names
 * to 10 characters ({@code external_i}, {@code classifica}): a 10-character name that begins a
 * known name matches it.
 *
 * @param fields     domain field name → the value as read (String, Number, Boolean or null)
 * @param sourceName domain field name → the name the file used, for messages
 * @param attributes every other property, in file order, nulls and empty strings dropped
 */
public record SurveyProperties(Map<String, Object> fields, Map<String, String> sourceName,
        Map<String, Object> attributes) {

    /*
     * The admin area, for both kinds: IMSMA's Province and District, the OCHA common operational
     * datasets (ADM1_EN, ADM2_PCODE, ...), HDX and humanitarian exports (admin1Name_en, admin2Pcode).
     * The P-code read is the most specific one: the second level's before the first's. The same
     * names, in the same order, moved these out of the attributes of earlier versions (V48).
     */
    private static final List<String> ADMIN1 = List.of("province", "adm1_en", "adm1_name", "admin1_name",
            "admin1name_en", "admin1_en", "adm1", "region", "governorate", "oblast");
    private static final List<String> ADMIN2 = List.of("district", "adm2_en", "adm2_name", "admin2_name",
            "admin2name_en", "admin2_en", "adm2", "municipality", "raion");
    private static final List<String> PCODE = List.of("adm2_pcode", "admin2_pcode", "admin2pcode", "adm1_pcode",
            "admin1_pcode", "admin1pcode");

    /** Hazardous areas: IMSMA "Land" exports, Survey123 forms, national databases. */
    static final Map<String, List<String>> HAZARD_ALIASES = aliases(
            "external_id", List.of("externalid", "hazard_id", "hazard_reference", "hazard_ref", "land_id",
                    "land_reference", "hazardous_area_id", "ha_id", "localid", "local_id", "id", "name"),
            "classification", List.of("class", "hazard_type", "hazard_class", "land_classification",
                    "area_type", "land_type", "classificat", "category", "status", "type"),
            "recorded_on", List.of("recorded", "date_recorded", "survey_date", "date_of_survey", "surveyed_on",
                    "start_date", "date", "recorded_date", "creation_date", "creationdate"),
            "contamination", List.of("contaminant", "munition_type", "ordnance_type", "device_type",
                    "cmr_type", "submunition_type", "contamination_type"),
            "evidence", List.of("evidence_type", "evidence_of_contamination", "evidence_description"),
            "admin1", ADMIN1, "admin2", ADMIN2, "pcode", PCODE);

    /** Land releases: IMSMA "Activity" exports (cancellation, technical survey, clearance). */
    static final Map<String, List<String>> RELEASE_ALIASES = aliases(
            "external_id", List.of("externalid", "release_id", "activity_id", "activity_reference", "task_id",
                    "task_reference", "localid", "local_id", "id", "name"),
            "method", List.of("release_method", "land_release_method", "clearance_method", "activity_type",
                    "activity", "release_type", "type"),
            "completed_on", List.of("completion_date", "date_completed", "completed", "end_date", "release_date",
                    "date_of_completion", "date"),
            "operator", List.of("organisation", "organization", "operator_name", "implementing_partner", "org",
                    "organisation_name"),
            "items_destroyed", List.of("submunitions_destroyed", "cmr_destroyed", "items_found_destroyed",
                    "bomblets_destroyed", "number_destroyed", "items"),
            "hazard_external_id", List.of("hazard_id", "hazard_reference", "land_id", "land_reference",
                    "hazardous_area_id", "linked_hazard"),
            "admin1", ADMIN1, "admin2", ADMIN2, "pcode", PCODE);

    private static Map<String, List<String>> aliases(Object... pairs) {
        var map = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) pairs[i + 1];
            var all = new java.util.ArrayList<String>();
            all.add((String) pairs[i]);
            all.addAll(names);
            map.put((String) pairs[i], List.copyOf(all));
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** Normalised alias → field and rank, per kind, built once. */
    private static final Map<UploadKind, Map<String, Match>> LOOKUP = Map.of(
            UploadKind.HAZARDS, lookup(HAZARD_ALIASES), UploadKind.RELEASES, lookup(RELEASE_ALIASES));

    private record Match(String field, int rank) {
    }

    private static Map<String, Match> lookup(Map<String, List<String>> table) {
        var map = new java.util.HashMap<String, Match>();
        table.forEach((field, names) -> {
            for (int i = 0; i < names.size(); i++) {
                map.putIfAbsent(normal(names.get(i)), new Match(field, i));
            }
        });
        return Map.copyOf(map);
    }

    /** Sorts raw properties into domain fields and attributes for the given kind of upload. */
    public static SurveyProperties of(UploadKind kind, Map<String, Object> raw) {
        Map<String, List<String>> table = kind == UploadKind.HAZARDS ? HAZARD_ALIASES : RELEASE_ALIASES;
        Map<String, Match> lookup = LOOKUP.get(kind);
        var sourceName = new LinkedHashMap<String, String>();
        var rank = new java.util.HashMap<String, Integer>();
        for (String key : raw.keySet()) {
            Match m = lookup.get(normal(key));
            if (m == null && key.length() == 10) {
                m = truncated(key, table);
            }
            if (m != null) {
                Integer held = rank.get(m.field());
                if (held == null || m.rank() < held) {
                    rank.put(m.field(), m.rank());
                    sourceName.put(m.field(), key);
                }
            }
        }
        var used = new java.util.HashSet<String>(sourceName.values());
        var fields = new LinkedHashMap<String, Object>();
        sourceName.forEach((field, key) -> fields.put(field, raw.get(key)));
        var attributes = new LinkedHashMap<String, Object>();
        raw.forEach((key, value) -> {
            if (!used.contains(key) && value != null && !(value instanceof String s && s.isBlank())) {
                attributes.put(key, value);
            }
        });
        return new SurveyProperties(fields, sourceName, attributes);
    }

    /** A Shapefile (dBase) field name cut to 10 characters that begins a longer known name. */
    private static Match truncated(String key, Map<String, List<String>> table) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (var entry : table.entrySet()) {
            List<String> names = entry.getValue();
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).length() > 10 && names.get(i).startsWith(lower)) {
                    return new Match(entry.getKey(), i);
                }
            }
        }
        return null;
    }

    static String normal(String name) {
        var b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (Character.isLetterOrDigit(ch)) {
                b.append(Character.toLowerCase(ch));
            }
        }
        return b.toString();
    }

    /** The value of a domain field as trimmed text, or null when absent or blank. */
    public String text(String field) {
        Object value = fields.get(field);
        if (value == null) {
            return null;
        }
        String s = value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                ? Long.toString(d.longValue()) : value.toString().trim();
        return s.isEmpty() ? null : s;
    }

    /** The name the file used for a field, or the field name itself. */
    public String nameOf(String field) {
        return sourceName.getOrDefault(field, field);
    }
}
