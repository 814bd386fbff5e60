package org.clearancemap.ogc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;

/**
 * What a client asked of {@code /collections/{id}/items}, checked before any SQL is built.
 *
 * @param bbox     minLon, minLat, maxLon, maxLat (minLon &gt; maxLon crosses the antimeridian), or null
 * @param datetime the dates asked for, or null
 * @param filters  property filter to its value, in declaration order
 * @param limit    features per page, 1..{@value #MAX_LIMIT}
 * @param offset   features skipped before the page
 * @param crs      the CRS the geometries are written in
 * @param filter   the CQL2 filter, or null
 */
public record ItemsQuery(double[] bbox, DateInterval datetime, Map<PropertyFilter, String> filters, int limit, long offset,
        OutputCrs crs, Cql2Filter filter) {
    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 10_000;
    /** Parameters every collection's items accept besides its property filters. */
    public static final List<String> COMMON_PARAMETERS = List.of("f", "limit", "offset", "bbox", "bbox-crs", "datetime", "crs",
            "filter", "filter-lang");

    /**
     * Reads the query string; 400 naming the parameter for an unknown parameter, a malformed value
     * or a limit below 1. A limit above {@value #MAX_LIMIT} is clamped to it.
     */
    public static ItemsQuery parse(Map<String, List<String>> query, Collection collection) {
        var known = new TreeSet<>(COMMON_PARAMETERS);
        collection.filters().forEach(f -> known.add(f.parameter()));
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw ApiException.BadRequest.parameter(name, "Unknown parameter '" + Params.abbreviate(name)
                        + "' for the " + collection.id() + " collection; known: " + String.join(", ", known) + ".");
            }
        }
        checkFormat(query);
        var filters = new LinkedHashMap<PropertyFilter, String>();
        for (PropertyFilter f : collection.filters()) {
            String raw = single(query, f.parameter());
            if (raw != null) {
                filters.put(f, f.parse(raw.trim()));
            }
        }
        int limit = (int) Math.min(MAX_LIMIT, number(query, "limit", DEFAULT_LIMIT, 1));
        long offset = number(query, "offset", 0, 0);
        OutputCrs bboxCrs = OutputCrs.parse(single(query, "bbox-crs"), "bbox-crs");
        String language = single(query, "filter-lang");
        if (language != null && !language.equals("cql2-text")) {
            throw ApiException.BadRequest.parameter("filter-lang", "filter-lang must be cql2-text (got '" + Params.abbreviate(language) + "').");
        }
        String filter = single(query, "filter");
        return new ItemsQuery(bbox(single(query, "bbox"), bboxCrs), DateInterval.parse(single(query, "datetime")),
                Map.copyOf(filters), limit, offset, OutputCrs.parse(single(query, "crs"), "crs"),
                filter == null || filter.isBlank() ? null : Cql2Filter.parse(filter, Queryable.of(collection)));
    }

    /** The {@code crs} of a single feature; 400 for any parameter other than {@code f} and {@code crs}. */
    public static OutputCrs featureCrs(Map<String, List<String>> query) {
        for (String name : query.keySet()) {
            if (!name.equals("f") && !name.equals("crs")) {
                throw ApiException.BadRequest.parameter(name, "Unknown parameter '" + Params.abbreviate(name) + "'; only f and crs are accepted here.");
            }
        }
        checkFormat(query);
        return OutputCrs.parse(single(query, "crs"), "crs");
    }

    /** Rejects a query string with parameters other than {@code f}; for resources that take none. */
    public static void checkOnlyFormat(Map<String, List<String>> query) {
        for (String name : query.keySet()) {
            if (!name.equals("f")) {
                throw ApiException.BadRequest.parameter(name, "Unknown parameter '" + Params.abbreviate(name) + "'; only f is accepted here.");
            }
        }
        checkFormat(query);
    }

    private static void checkFormat(Map<String, List<String>> query) {
        Encoding.of(single(query, "f"), null);
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.BadRequest.parameter(name, name + " must be given once (got " + values.size() + " values).");
        }
        return values.get(0);
    }

    private static long number(Map<String, List<String>> query, String name, long fallback, long min) {
        String raw = single(query, name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(raw.trim());
            if (n < min) {
                throw ApiException.BadRequest.parameter(name, name + " must be at least " + min + " (got " + n + ").");
            }
            return n;
        } catch (NumberFormatException e) {
            if (raw.trim().matches("\\d{19,}")) {
                return Long.MAX_VALUE;
            }
            throw ApiException.BadRequest.parameter(name, name + " must be a whole number (got '" + Params.abbreviate(raw) + "').");
        }
    }

    /**
     * Four numbers in the axis order of {@code crs} ({@code minLon,minLat,maxLon,maxLat} in CRS84),
     * or the 6-number form with heights (ignored: the data is 2D); returned in CRS84.
     */
    static double[] bbox(String raw, OutputCrs crs) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String[] parts = raw.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw ApiException.BadRequest.parameter("bbox",
                    "bbox must be four numbers minLon,minLat,maxLon,maxLat (or six with heights) (got '" + Params.abbreviate(raw) + "').");
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw ApiException.BadRequest.parameter("bbox",
                        "bbox value " + (i + 1) + " is not a number (got '" + Params.abbreviate(parts[i]) + "').");
            }
            if (!Double.isFinite(v[i])) {
                throw ApiException.BadRequest.parameter("bbox", "bbox values must be finite numbers.");
            }
        }
        double[] box = crs.toCrs84(parts.length == 4 ? v : new double[] {v[0], v[1], v[3], v[4]});
        for (int i : new int[] {0, 2}) {
            if (box[i] < -180 || box[i] > 180) {
                throw ApiException.BadRequest.parameter("bbox", "bbox longitudes must lie in [-180, 180] (got " + box[i] + ").");
            }
        }
        if (box[1] < -90 || box[3] > 90 || box[1] > box[3]) {
            throw ApiException.BadRequest.parameter("bbox", "bbox latitudes must lie in [-90, 90] with minLat <= maxLat.");
        }
        return box;
    }
}
