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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearancemap.http.ApiException;

/**
 * Reads a GeoJSON FeatureCollection one feature at a time (Jackson streaming: only one feature
 * is in memory at once), refusing nesting deeper than {@link #MAX_DEPTH} so that an array nested
 * a million times cannot exhaust the stack.
 *
 * <p>{@link #scan} reads the top level first: it checks that the document is a FeatureCollection
 * and finds a legacy {@code crs} member (GeoJSON 2008), wherever it stands in the document.
 * {@code NaN} and {@code Infinity} literals are read so that they can be reported per feature.
 */
final class GeoJsonFeatures {
    /** Deep enough for any MultiPolygon (5 levels) inside a feature collection, with room for properties. */
    static final int MAX_DEPTH = 32;
    private static final Pattern EPSG = Pattern.compile("(?i)EPSG:{1,2}(?:[0-9.]*:)?(\\d+)$");

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final ObjectMapper TREES = new ObjectMapper(FACTORY);

    /** Receives each feature: its index, its properties and its geometry (null when absent). */
    interface FeatureSink {
        void accept(int index, Map<String, Object> properties, JsonNode geometry) throws Exception;
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

    /** Checks the top level; 400 when it is not JSON, 422 when it is not a FeatureCollection. */
    static Scan scan(Path file) {
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ApiException.BadRequest("The body is empty: send a GeoJSON FeatureCollection or another supported file.");
            }
            if (first != JsonToken.START_OBJECT) {
                throw notCollection("a JSON " + describe(first));
            }
            String type = null;
            boolean features = false;
            String crsName = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> type = value == JsonToken.VALUE_STRING ? p.getText() : String.valueOf(value);
                    case "features" -> {
                        features = value == JsonToken.START_ARRAY;
                        p.skipChildren();
                    }
                    case "crs" -> {
                        JsonNode crs = TREES.readTree(p);
                        crsName = crs.path("properties").path("name").asText(null);
                        if (crsName == null) {
                            throw new ApiException.Unprocessable("The legacy crs member has no properties.name; "
                                    + "remove it (RFC 7946 files are WGS 84) or name an EPSG code such as EPSG:32648.",
                                    Map.of("errors", java.util.List.of(FeatureProblem.ofFile("unknown-crs",
                                            "crs without properties.name"))));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new ApiException.BadRequest("The body holds more than one JSON value.");
            }
            if (!"FeatureCollection".equals(type)) {
                throw notCollection(type == null ? "a JSON object without a type" : "a GeoJSON " + type);
            }
            if (!features) {
                throw notCollection("a FeatureCollection without a features array");
            }
            return new Scan(epsg(crsName), crsName);
        } catch (StreamConstraintsException e) {
            throw new ApiException.Unprocessable("The JSON is nested more than " + MAX_DEPTH
                    + " levels deep; GeoJSON polygons need at most 8.", Map.of("errors", java.util.List.of(
                            FeatureProblem.ofFile("too-deeply-nested", "nesting deeper than " + MAX_DEPTH))));
        } catch (JsonProcessingException e) {
            throw new ApiException.BadRequest("The body is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ".");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
     * Calls {@code sink} for every feature in order. Must follow a successful {@link #scan}.
     *
     * @return the number of features
     * @throws ApiException.PayloadTooLarge when there are more than {@code maxFeatures}
     */
    static int read(Path file, int maxFeatures, FeatureSink sink) throws Exception {
        try (JsonParser p = FACTORY.createParser(Files.newInputStream(file))) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!"features".equals(field)) {
                    p.skipChildren();
                    continue;
                }
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (index >= maxFeatures) {
                        throw new ApiException.PayloadTooLarge("The file has more than " + maxFeatures
                                + " features (MAX_FEATURES_PER_UPLOAD); split it into several uploads.");
                    }
                    JsonNode feature = TREES.readTree(p);
                    sink.accept(index, properties(feature.get("properties")), feature.get("geometry"));
                    index++;
                }
                return index;
            }
            return 0;
        }
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
