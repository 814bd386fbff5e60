package org.clearancemap.upload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Json;

/**
 * Reads a GeoJSON FeatureCollection one feature at a time (Jackson streaming: only one feature
 * is in memory at once), refusing nesting deeper than {@link #MAX_DEPTH} so that an array nested
 * a million times cannot exhaust the stack.
 *
 * <p>One pass over the file: the top level is checked on the way (a FeatureCollection with a
 * features array, one JSON value) and a legacy {@code crs} member (GeoJSON 2008) is found wherever
 * it stands in the document; geometries are read into compact rings ({@link RawGeometry}).
 * {@code NaN} and {@code Infinity} literals are read so that they can be reported per feature.
 */
final class GeoJsonFeatures {
    /** Deep enough for any MultiPolygon (5 levels) inside a feature collection, with room for properties. */
    static final int MAX_DEPTH = 32;
    private static final Pattern EPSG = Pattern.compile("(?i)EPSG:{1,2}(?:[0-9.]*:)?(\\d+)$");

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private static final ObjectMapper TREES = Json.readingThrough(FACTORY);

    /** Receives each feature: its index, its properties and its geometry as read. */
    interface FeatureSink {
        void accept(int index, Map<String, Object> properties, RawGeometry geometry) throws Exception;
    }

    /**
     * A feature's geometry as the parser met it. A well-formed Polygon or MultiPolygon with
     * finite coordinates in range comes as compact rings ({@code polygons}: per polygon, per
     * ring, {@code [x0, y0, x1, y1, ...]}), read in the same pass over the file with no JSON tree.
     * Anything else is read again as a JSON tree from its place in the file ({@link #tree}), so
     * that {@link PolygonReader} can say exactly what is wrong with it.
     *
     * @param polygons the compact rings, or null
     * @param file     the file it was read from, null when the feature has no geometry
     * @param offset   the byte offset of the geometry in {@code file}
     */
    record RawGeometry(List<List<double[]>> polygons, Path file, long offset) {
        static final RawGeometry ABSENT = new RawGeometry(null, null, -1);

        boolean absent() {
            return file == null && polygons == null;
        }

        /** The geometry as a JSON tree, read again from the file; null when absent. */
        JsonNode tree() {
            if (file == null) {
                return null;
            }
            try (var channel = java.nio.channels.FileChannel.open(file)) {
                channel.position(offset);
                // read as the first element of an array: a scalar geometry (a number, say) followed by
                // the feature's '}' is then one complete value, not a root value missing its separator
                var in = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(new byte[] {'['}),
                        java.nio.channels.Channels.newInputStream(channel));
                try (JsonParser p = FACTORY.createParser(in)) {
                    p.nextToken();
                    p.nextToken();
                    return TREES.readTree(p);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * What the top level of the document says.
     *
     * @param crsEpsg the EPSG code of a legacy {@code crs} member, or null for WGS 84 (none, CRS84 or 4326)
     * @param crsName the crs name as written, for messages
     */
    record Scan(Integer crsEpsg, String crsName) {
    }

    private GeoJsonFeatures() {
    }

    private static ApiException notCollection(String what) {
        return new ApiException.Unprocessable("The body is " + what
                + "; upload a GeoJSON FeatureCollection of Polygon or MultiPolygon features.",
                Map.of("errors", java.util.List.of(FeatureProblem.ofFile("not-a-feature-collection",
                        "expected a FeatureCollection"))));
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            default -> "value";
        };
    }

    /** The EPSG code a legacy crs name gives, null when it means WGS 84 lon/lat. */
    static Integer epsg(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim();
        if (n.equalsIgnoreCase("urn:ogc:def:crs:OGC:1.3:CRS84") || n.equalsIgnoreCase("urn:ogc:def:crs:OGC::CRS84")
                || n.equalsIgnoreCase("CRS84") || n.equalsIgnoreCase("EPSG:4326")
                || n.equalsIgnoreCase("urn:ogc:def:crs:EPSG::4326")) {
            return null;
        }
        Matcher m = EPSG.matcher(n.replace("urn:ogc:def:crs:", ""));
        if (!m.find()) {
            throw new ApiException.Unprocessable("The legacy crs member names '" + n
                    + "', which is not an EPSG code; use e.g. urn:ogc:def:crs:EPSG::32648 or export in WGS 84.",
                    Map.of("errors", java.util.List.of(FeatureProblem.ofFile("unknown-crs", "crs " + n))));
        }
        return Integer.valueOf(m.group(1));
    }

    /**
     * Calls {@code sink} for every feature in order. Must follow a successful the top level.
     *
     * @return the number of features
     * @throws ApiException.PayloadTooLarge when there are more than {@code maxFeatures}
     */
    /**
     * Thrown by {@link #read} when the document's legacy {@code crs} names a CRS other than WGS 84:
     * what was read must be dropped and the file reprojected first.
     */
    static final class NeedsReprojection extends RuntimeException {
        private final Scan scan;

        NeedsReprojection(Scan scan) {
            super("legacy crs " + scan.crsName(), null, false, false);
            this.scan = scan;
        }

        Scan scan() {
            return scan;
        }
    }

    /**
     * Reads the document in one pass, calling {@code sink} for every feature in order, and checks
     * its top level on the way as the top level does (400 when it is not JSON, 422 when it is not
     * a FeatureCollection, raised when the fault is met, possibly after some features).
     *
     * @return the number of features
     * @throws ApiException.PayloadTooLarge when there are more than {@code maxFeatures}
     * @throws NeedsReprojection when a legacy crs names a CRS other than WGS 84
     */
    static int read(Path file, int maxFeatures, int maxVertices, FeatureSink sink) throws Exception {
        try (JsonParser p = FACTORY.createParser(Files.newInputStream(file))) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ApiException.BadRequest("The body is empty: send a GeoJSON FeatureCollection or another "
                        + "supported file.");
            }
            if (first != JsonToken.START_OBJECT) {
                throw notCollection("a JSON " + describe(first));
            }
            String type = null;
            boolean hasFeatures = false;
            int index = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("type".equals(field)) {
                    type = value == JsonToken.VALUE_STRING ? p.getText() : String.valueOf(value);
                    continue;
                }
                if ("crs".equals(field)) {
                    Scan scan = crs(TREES.readTree(p));
                    if (scan.crsEpsg() != null) {
                        throw new NeedsReprojection(scan);
                    }
                    continue;
                }
                if (!"features".equals(field) || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                hasFeatures = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (index >= maxFeatures) {
                        throw new ApiException.PayloadTooLarge("The file has more than " + maxFeatures
                                + " features (MAX_FEATURES_PER_UPLOAD); split it into several uploads.");
                    }
                    JsonNode properties = null;
                    RawGeometry geometry = RawGeometry.ABSENT;
                    if (p.currentToken() == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            p.nextToken();
                            if ("properties".equals(name)) {
                                properties = TREES.readTree(p);
                            } else if ("geometry".equals(name)) {
                                geometry = geometry(p, file, maxVertices);
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                    sink.accept(index, properties(properties), geometry);
                    index++;
                }
            }
            if (p.nextToken() != null) {
                throw new ApiException.BadRequest("The body holds more than one JSON value.");
            }
            if (!"FeatureCollection".equals(type)) {
                throw notCollection(type == null ? "a JSON object without a type" : "a GeoJSON " + type);
            }
            if (!hasFeatures) {
                throw notCollection("a FeatureCollection without a features array");
            }
            return index;
        } catch (StreamConstraintsException e) {
            throw tooDeep();
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    private static ApiException tooDeep() {
        return new ApiException.Unprocessable("The JSON is nested more than " + MAX_DEPTH
                + " levels deep; GeoJSON polygons need at most 8.", Map.of("errors", java.util.List.of(
                        FeatureProblem.ofFile("too-deeply-nested", "nesting deeper than " + MAX_DEPTH))));
    }

    private static ApiException notJson(JsonProcessingException e) {
        return ApiException.BadRequest.notJson(e);
    }

    /** What a legacy crs member says; 422 when it has no name or names no EPSG code. */
    private static Scan crs(JsonNode crs) {
        String crsName = crs.path("properties").path("name").asText(null);
        if (crsName == null) {
            throw new ApiException.Unprocessable("The legacy crs member has no properties.name; "
                    + "remove it (RFC 7946 files are WGS 84) or name an EPSG code such as EPSG:32648.",
                    Map.of("errors", java.util.List.of(FeatureProblem.ofFile("unknown-crs",
                            "crs without properties.name"))));
        }
        return new Scan(epsg(crsName), crsName);
    }

    /** The geometry value the parser is at, consumed whole. */
    private static RawGeometry geometry(JsonParser p, Path file, int maxVertices) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return RawGeometry.ABSENT;
        }
        long offset = p.currentTokenLocation().getByteOffset();
        var slow = new RawGeometry(null, file, offset);
        if (t != JsonToken.START_OBJECT || offset < 0) {
            p.skipChildren();
            return slow;
        }
        String type = null;
        Object coordinates = null;
        boolean fast = true;
        int types = 0;
        int coordinateFields = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("type".equals(name)) {
                types++;
                type = value == JsonToken.VALUE_STRING ? p.getText() : null;
                p.skipChildren();
            } else if ("coordinates".equals(name)) {
                coordinateFields++;
                coordinates = value == JsonToken.START_ARRAY ? array(p, new Budget(maxVertices)) : skip(p);
            } else {
                p.skipChildren();
            }
        }
        if (types != 1 || coordinateFields != 1) {
            fast = false;
        }
        if (fast && "Polygon".equals(type) && coordinates instanceof Poly poly) {
            return new RawGeometry(List.of(poly.rings()), file, offset);
        }
        if (fast && "MultiPolygon".equals(type) && coordinates instanceof Multi multi) {
            return new RawGeometry(multi.polygons(), file, offset);
        }
        return slow;
    }

    /** What an array of coordinates turned out to be; BAD for anything the fast path leaves to the tree. */
    private static final Object BAD = new Object();
    private static final Object POSITION = new Object();

    private record Ring(double[] xy) {
    }

    private record Poly(List<double[]> rings) {
    }

    private record Multi(List<List<double[]>> polygons) {
    }

    /** The position just read (no allocation per position) and the vertices still allowed. */
    private static final class Budget {
        int left;
        double x;
        double y;

        Budget(int maxVertices) {
            this.left = maxVertices;
        }
    }

    private static Object skip(JsonParser p) throws IOException {
        p.skipChildren();
        return BAD;
    }

    /**
     * An array the parser is at (START_ARRAY), consumed to its END_ARRAY: a position (its x, y in
     * {@code b}), a ring of positions, a polygon of rings, a multipolygon of polygons, or BAD.
     */
    private static Object array(JsonParser p, Budget b) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            return BAD;
        }
        if (t != JsonToken.START_ARRAY) {
            return position(p, t, b);
        }
        Object first = array(p, b);
        double[] xy = null;
        int n = 0;
        List<Object> items = null;
        boolean bad = first == BAD;
        if (first == POSITION) {
            if (--b.left < 0) {
                bad = true;
            } else {
                xy = new double[64];
                xy[n++] = b.x;
                xy[n++] = b.y;
            }
        } else if (!bad) {
            items = new java.util.ArrayList<>();
            items.add(first);
        }
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_ARRAY) {
                p.skipChildren();
                bad = true;
                continue;
            }
            Object item = array(p, b);
            if (bad || item == BAD) {
                bad = true;
            } else if (xy != null) {
                if (item != POSITION || --b.left < 0) {
                    bad = true;
                } else {
                    if (n == xy.length) {
                        xy = java.util.Arrays.copyOf(xy, n * 2);
                    }
                    xy[n++] = b.x;
                    xy[n++] = b.y;
                }
            } else if (item.getClass() != first.getClass()) {
                bad = true;
            } else {
                items.add(item);
            }
        }
        if (bad) {
            return BAD;
        }
        if (xy != null) {
            return new Ring(java.util.Arrays.copyOf(xy, n));
        }
        if (first instanceof Ring) {
            var rings = new java.util.ArrayList<double[]>(items.size());
            items.forEach(r -> rings.add(((Ring) r).xy()));
            return new Poly(rings);
        }
        if (first instanceof Poly) {
            var polygons = new java.util.ArrayList<List<double[]>>(items.size());
            items.forEach(r -> polygons.add(((Poly) r).rings()));
            return new Multi(polygons);
        }
        return BAD;
    }

    /** The rest of a position whose first value is {@code t}: POSITION when its first two values are finite lon/lat in range. */
    private static Object position(JsonParser p, JsonToken t, Budget b) throws IOException {
        int count = 0;
        boolean ok = true;
        while (t != JsonToken.END_ARRAY) {
            if (count < 2) {
                if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                    double v = p.getDoubleValue();
                    if (count == 0) {
                        b.x = v;
                    } else {
                        b.y = v;
                    }
                } else {
                    ok = false;
                }
            }
            p.skipChildren();
            count++;
            t = p.nextToken();
        }
        if (!ok || count < 2 || !(b.x >= -180 && b.x <= 180 && b.y >= -90 && b.y <= 90)) {
            return BAD;
        }
        return POSITION;
    }

    /** Properties as plain values; nested objects and arrays stay JSON trees; non-finite numbers become text. */
    private static Map<String, Object> properties(JsonNode node) {
        var map = new LinkedHashMap<String, Object>();
        if (node == null || !node.isObject()) {
            return map;
        }
        node.properties().forEach(e -> {
            JsonNode v = e.getValue();
            Object value;
            if (v.isNull()) {
                value = null;
            } else if (v.isTextual()) {
                value = v.asText();
            } else if (v.isBoolean()) {
                value = v.asBoolean();
            } else if (v.isIntegralNumber()) {
                value = v.canConvertToLong() ? (Object) v.asLong() : v.asText();
            } else if (v.isNumber()) {
                double d = v.asDouble();
                value = Double.isFinite(d) ? (Object) d : v.asText();
            } else {
                value = v;
            }
            map.put(e.getKey(), value);
        });
        return map;
    }
}
