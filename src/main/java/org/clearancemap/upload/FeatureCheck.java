package org.clearancemap.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.clearancemap.geo.GeodesicArea;
import org.clearancemap.land.AdminArea;
import org.clearancemap.land.Classification;
import org.clearancemap.land.HazardVersion;
import org.clearancemap.land.LandVersion;
import org.clearancemap.land.ReleaseMethod;
import org.clearancemap.land.ReleaseVersion;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Checks one feature of an upload against the rules of ../shared/DESIGN.md and turns it into a
 * hazard or release version, collecting every problem rather than stopping at the first.
 *
 * <ul>
 * <li>Geometry: see {@link PolygonReader}. An invalid polygon (self-intersection, bow-tie,
 *     self-touching ring, ...) is repaired with JTS {@link GeometryFixer} and reported as a
 *     {@code repaired-geometry} warning at the place {@link IsValidOp} names; under
 *     {@code strict} it is an {@code invalid-geometry} error instead. Rings are stored with the
 *     RFC 7946 orientation (outer rings counter-clockwise).</li>
 * <li>Dates: {@code YYYY-MM-DD} (also {@code YYYY/MM/DD}, an ISO date-time, or epoch milliseconds,
 *     as a number or as text, as ArcGIS and Survey123 export them), a real calendar date, not before {@link #earliest}, not
 *     after tomorrow (UTC, so a field team ahead of UTC is not refused).</li>
 * <li>Classification and method: the DESIGN.md values or a known synonym, else an error naming
 *     the accepted values.</li>
 * </ul>
 */
final class FeatureCheck {
    private static final Pattern SLASHED_DATE = Pattern.compile("\\d{4}/\\d{2}/\\d{2}");
    /** Epoch milliseconds written as text: 11 to 13 digits (1973 to 2286). */
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{11,13}");
    /** Day, month and year in either order of the first two, as spreadsheets write dates. */
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})");

    /** What one check produced: a version when there was no error, and the problems found. */
    record Checked(int index, String externalId, HazardVersion hazard, ReleaseVersion release, List<FeatureProblem> errors,
            List<FeatureProblem> warnings, boolean repaired) {

        /** The version to write (a hazard or a release), or null when there was an error. */
        LandVersion version() {
            return hazard != null ? hazard : release;
        }
    }

    /**
     * The rules of one upload.
     *
     * @param earliest  the earliest date accepted
     * @param latest    the latest date accepted
     * @param strict    reject invalid polygons instead of repairing them
     * @param territory where the State Party's features may lie, or null when unknown
     */
    record Rules(UploadKind kind, LocalDate earliest, LocalDate latest, boolean strict, TerritoryCheck territory) {
    }

    /** Whether a feature lies where it should; null when it does, else the problem. */
    interface TerritoryCheck {
        FeatureProblem check(int feature, String externalId, MultiPolygon geometry);
    }

    private final Rules rules;
    private final ObjectMapper json;

    FeatureCheck(Rules rules, ObjectMapper json) {
        this.rules = rules;
        this.json = json;
    }

    Checked check(int index, Map<String, Object> raw, PolygonReader.Result geometry) {
        SurveyProperties p = SurveyProperties.of(rules.kind(), raw);
        var errors = new ArrayList<FeatureProblem>();
        var warnings = new ArrayList<FeatureProblem>();
        String externalId = p.text("external_id");
        if (externalId == null) {
            errors.add(FeatureProblem.of(index, null, "missing-external-id",
                    "the feature has no external_id (also read from hazard_id, land_id, id, ...)"));
        } else if (externalId.length() > 200) {
            errors.add(FeatureProblem.of(index, null, "bad-external-id", "external_id is longer than 200 characters"));
            externalId = null;
        }
        MultiPolygon geom = null;
        boolean repaired = false;
        if (!geometry.ok()) {
            errors.add(new FeatureProblem(index, externalId, geometry.code(), geometry.message(), geometry.location()));
        } else {
            geom = geometry.geometry();
            IsValidOp valid = new IsValidOp(geom);
            if (!valid.isValid()) {
                TopologyValidationError e = valid.getValidationError();
                Coordinate at = e.getCoordinate();
                String what = e.getMessage().toLowerCase(java.util.Locale.ROOT);
                if (rules.strict()) {
                    errors.add(FeatureProblem.at(index, externalId, "invalid-geometry", "the polygon is invalid ("
                            + what + "); fix it or upload without strict=true to have it repaired", at.x, at.y));
                    geom = null;
                } else {
                    geom = fix(geom);
                    if (geom == null) {
                        errors.add(FeatureProblem.at(index, externalId, "invalid-geometry", "the polygon is invalid ("
                                + what + ") and collapses to nothing when repaired", at.x, at.y));
                    } else {
                        repaired = true;
                        warnings.add(FeatureProblem.at(index, externalId, "repaired-geometry", "the polygon was invalid ("
                                + what + ") and was repaired; check the stored shape", at.x, at.y));
                    }
                }
            }
            if (geom != null && rules.territory() != null) {
                FeatureProblem outside = rules.territory().check(index, externalId, geom);
                if (outside != null) {
                    errors.add(outside);
                    geom = null;
                }
            }
        }
        double areaSqm = 0;
        if (geom != null) {
            geom = oriented(geom);
            areaSqm = GeodesicArea.ofSqm(geom);
        }
        String attributes = attributesJson(p.attributes());
        if (rules.kind() == UploadKind.HAZARDS) {
            Classification classification = word(p, raw, CLASSIFICATIONS, index, externalId, errors);
            LocalDate recordedOn = date(p, "recorded_on", index, externalId, errors);
            if (errors.isEmpty()) {
                return new Checked(index, externalId, new HazardVersion(externalId, classification, recordedOn,
                        p.text("contamination"), p.text("evidence"), admin(p), attributes, geom, areaSqm), null, errors,
                        warnings, repaired);
            }
        } else {
            ReleaseMethod method = word(p, raw, METHODS, index, externalId, errors);
            LocalDate completedOn = date(p, "completed_on", index, externalId, errors);
            Integer items = count(p, "items_destroyed", index, externalId, errors);
            if (errors.isEmpty()) {
                return new Checked(index, externalId, null, new ReleaseVersion(externalId, method, completedOn,
                        p.text("operator"), items, p.text("hazard_external_id"), admin(p), attributes, geom, areaSqm),
                        errors, warnings, repaired);
            }
        }
        return new Checked(index, externalId, null, null, errors, warnings, repaired);
    }

    private static AdminArea admin(SurveyProperties p) {
        return new AdminArea(p.text("admin1"), p.text("admin2"), p.text("pcode"));
    }

    /** The valid polygonal part of a repaired geometry, or null when nothing is left. */
    private static MultiPolygon fix(MultiPolygon g) {
        Geometry fixed = GeometryFixer.fix(g);
        @SuppressWarnings("unchecked")
        List<Polygon> polygons = PolygonExtracter.getPolygons(fixed);
        polygons.removeIf(Geometry::isEmpty);
        if (polygons.isEmpty()) {
            return null;
        }
        return PolygonReader.WGS84.createMultiPolygon(polygons.toArray(new Polygon[0]));
    }

    /** Outer rings counter-clockwise, holes clockwise (RFC 7946 §3.1.6). */
    private static MultiPolygon oriented(MultiPolygon g) {
        var polygons = new Polygon[g.getNumGeometries()];
        for (int i = 0; i < polygons.length; i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            LinearRing shell = ring(p.getExteriorRing(), true);
            var holes = new LinearRing[p.getNumInteriorRing()];
            for (int h = 0; h < holes.length; h++) {
                holes[h] = ring(p.getInteriorRingN(h), false);
            }
            polygons[i] = PolygonReader.WGS84.createPolygon(shell, holes);
        }
        return PolygonReader.WGS84.createMultiPolygon(polygons);
    }

    private static LinearRing ring(LinearRing r, boolean counterClockwise) {
        return Orientation.isCCW(r.getCoordinateSequence()) == counterClockwise ? r : r.reverse();
    }

    /**
     * A property naming one of a few things, with the words accepted for each (compared after
     * {@link SurveyProperties#normal}) and how an error names it.
     */
    private record Words<T>(String property, String choices, String noun, String hint, Map<String, T> byWord) {
    }

    private static final Words<Classification> CLASSIFICATIONS = new Words<>("classification", "SHA or CHA",
            "classification", "SHA (suspected) or CHA (confirmed)", byWord(Map.of(
                    Classification.SHA, List.of("sha", "suspected", "suspectedhazardousarea", "suspectedarea",
                            "suspectedha"),
                    Classification.CHA, List.of("cha", "confirmed", "confirmedhazardousarea", "confirmedarea",
                            "confirmedha", "dha", "definedhazardousarea"))));
    private static final Words<ReleaseMethod> METHODS = new Words<>("method", "cancelled, reduced or cleared",
            "release method", "cancelled (non-technical survey), reduced (technical survey) or cleared (clearance)",
            byWord(Map.of(
                    ReleaseMethod.CANCELLED, List.of("cancelled", "canceled", "cancellation", "cancel", "nts",
                            "nontechnicalsurvey", "cancelledbynts", "landcancelled"),
                    ReleaseMethod.REDUCED, List.of("reduced", "reduction", "ts", "technicalsurvey", "reducedbyts",
                            "landreduced"),
                    ReleaseMethod.CLEARED, List.of("cleared", "clearance", "clear", "bac", "battleareaclearance",
                            "landcleared", "clearedbyclearance"))));

    private static <T> Map<String, T> byWord(Map<T, List<String>> words) {
        var result = new java.util.HashMap<String, T>();
        words.forEach((value, list) -> list.forEach(w -> result.put(w, value)));
        return Map.copyOf(result);
    }

    private <T> T word(SurveyProperties p, Map<String, Object> properties, Words<T> words, int index,
            String externalId, List<FeatureProblem> errors) {
        String raw = p.text(words.property());
        if (raw == null) {
            errors.add(FeatureProblem.of(index, externalId, "missing-" + words.property(),
                    "the feature has no " + words.property() + " (" + words.choices() + ")" + otherKind(properties)));
            return null;
        }
        T value = words.byWord().get(SurveyProperties.normal(raw));
        if (value == null) {
            errors.add(FeatureProblem.of(index, externalId, "unknown-" + words.property(), p.nameOf(words.property())
                    + " '" + abbreviate(raw) + "' is not a " + words.noun() + "; use " + words.hint()));
        }
        return value;
    }

    /**
     * A hint when a feature lacking this kind's word has the other kind's (a release's method in a
     * hazard upload, a hazard's classification in a release upload): the file was likely sent as
     * the wrong kind. Empty otherwise.
     */
    private String otherKind(Map<String, Object> properties) {
        boolean hazards = rules.kind() == UploadKind.HAZARDS;
        UploadKind other = hazards ? UploadKind.RELEASES : UploadKind.HAZARDS;
        String field = hazards ? "method" : "classification";
        SurveyProperties theirs = SurveyProperties.of(other, properties);
        String value = theirs.text(field);
        if (value == null) {
            return "";
        }
        return "; it has " + theirs.nameOf(field) + " '" + abbreviate(value) + "', which "
                + (hazards ? "land releases have: is this a file of releases? Upload it to .../releases"
                        : "hazardous areas have: is this a file of hazards? Upload it to .../hazards");
    }

    private LocalDate date(SurveyProperties p, String field, int index, String externalId, List<FeatureProblem> errors) {
        Object raw = p.fields().get(field);
        String name = p.nameOf(field);
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            errors.add(FeatureProblem.of(index, externalId, "missing-date", "the feature has no " + field));
            return null;
        }
        LocalDate date = parseDate(raw);
        if (date == null) {
            errors.add(FeatureProblem.of(index, externalId, "bad-date", badDate(name, raw)));
            return null;
        }
        if (date.isBefore(rules.earliest())) {
            errors.add(FeatureProblem.of(index, externalId, "date-too-early", name + " " + date
                    + " is before " + rules.earliest() + "; check the year"));
            return null;
        }
        if (date.isAfter(rules.latest())) {
            errors.add(FeatureProblem.of(index, externalId, "date-in-future", name + " " + date
                    + " is in the future"));
            return null;
        }
        return date;
    }

    /**
     * Why a date was not read: what was read, the form expected and, for day and month in another
     * order (14/03/2026, 03/14/2026), the date it would be.
     */
    static String badDate(String name, Object raw) {
        String read = String.valueOf(raw).trim();
        String message = name + " '" + abbreviate(read) + "' is not a date in the expected form YYYY-MM-DD "
                + "(also read: YYYY/MM/DD, an ISO date-time, epoch milliseconds)";
        var m = DAY_MONTH_YEAR.matcher(read);
        if (!m.matches()) {
            return message;
        }
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        String year = m.group(3);
        if (a > 12 && b <= 12) {
            return message + "; it looks like day/month/year: write " + inIsoForm(year, b, a);
        }
        if (b > 12 && a <= 12) {
            return message + "; it looks like month/day/year: write " + inIsoForm(year, a, b);
        }
        return message + "; day/month/year or month/day/year cannot be told apart: write it as YYYY-MM-DD";
    }

    private static String inIsoForm(String year, int month, int day) {
        try {
            return LocalDate.of(Integer.parseInt(year), month, day).toString();
        } catch (java.time.DateTimeException e) {
            return "YYYY-MM-DD (" + year + "-" + month + "-" + day + " is no real date)";
        }
    }

    /** A date from text or epoch milliseconds; null when it is not a real date. */
    static LocalDate parseDate(Object raw) {
        if (raw instanceof Number n) {
            double ms = n.doubleValue();
            if (ms != Math.rint(ms) || Math.abs(ms) < 1e10) {
                return null;
            }
            return Instant.ofEpochMilli(n.longValue()).atOffset(ZoneOffset.UTC).toLocalDate();
        }
        String s = String.valueOf(raw).trim();
        if (EPOCH_MILLIS.matcher(s).matches()) {
            return parseDate(Long.valueOf(s)); // GDAL reads Esri JSON dates (esriFieldTypeDate) as text
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(SLASHED_DATE.matcher(s).matches() ? s.replace('/', '-') : s);
            }
            if (s.length() > 10 && (s.charAt(10) == 'T' || s.charAt(10) == ' ')) {
                String iso = s.substring(0, 10).replace('/', '-') + "T" + s.substring(11);
                try {
                    return OffsetDateTime.parse(iso).toLocalDate();
                } catch (DateTimeParseException e) {
                    return LocalDateTime.parse(iso.endsWith("Z") ? iso.substring(0, iso.length() - 1) : iso)
                            .toLocalDate();
                }
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        return null;
    }

    private Integer count(SurveyProperties p, String field, int index, String externalId, List<FeatureProblem> errors) {
        String raw = p.text(field);
        if (raw == null) {
            return null;
        }
        try {
            long n = Math.round(Double.parseDouble(raw));
            if (n < 0 || n > Integer.MAX_VALUE || n != Double.parseDouble(raw)) {
                throw new NumberFormatException();
            }
            return (int) n;
        } catch (NumberFormatException e) {
            errors.add(FeatureProblem.of(index, externalId, "bad-number", p.nameOf(field) + " '" + abbreviate(raw)
                    + "' is not a whole number of items (0 or more)"));
            return null;
        }
    }

    private String attributesJson(Map<String, Object> attributes) {
        try {
            return json.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("attributes cannot be written as JSON", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
