package org.clearancemap.upload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.clearancemap.http.ApiException;

/**
 * An Esri JSON FeatureSet: what an ArcGIS feature service query with {@code f=json} returns,
 * {@code {geometryType, spatialReference: {wkid, latestWkid}, fields, features: [{attributes,
 * geometry: {rings}}]}}. GDAL's ESRIJSON driver reads it (rings by Esri orientation: clockwise
 * outer rings, counter-clockwise holes; dates as epoch milliseconds); this class only tells it
 * apart from GeoJSON and reads its top level, so that what GDAL would refuse vaguely or read
 * wrongly is refused with its reason first.
 *
 * <p>Told apart by content: a JSON object whose top level has no {@code type} and whose first
 * feature has {@code attributes} (GeoJSON's have {@code properties}), or, with no feature, that
 * names a {@code geometryType} or {@code spatialReference}.
 */
final class EsriJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(GeoJsonFeatures.MAX_DEPTH).build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    /** The wkids Esri uses for Web Mercator, which EPSG calls 3857. */
    private static final List<Integer> WEB_MERCATOR = List.of(102100, 102113, 900913, 3857);

    /**
     * The top level of a FeatureSet.
     *
     * @param geometryType          e.g. {@code esriGeometryPolygon}; null when absent
     * @param wkid                  {@code spatialReference.wkid}; null when absent
     * @param latestWkid            {@code spatialReference.latestWkid}; null when absent
     * @param wkt                   the spatialReference is given as WKT (GDAL reads it)
     * @param hasFields             the {@code fields} member is there (GDAL needs it)
     * @param exceededTransferLimit the service stopped at its record limit: more features exist
     */
    record FeatureSet(String geometryType, Integer wkid, Integer latestWkid, boolean wkt, boolean hasFields,
            boolean exceededTransferLimit) {

        boolean hasSpatialReference() {
            return wkid != null || latestWkid != null || wkt;
        }

        /** The wkids as written, for messages. */
        String describeReference() {
            var parts = new ArrayList<String>();
            if (wkid != null) {
                parts.add("wkid " + wkid);
            }
            if (latestWkid != null && !latestWkid.equals(wkid)) {
                parts.add("latestWkid " + latestWkid);
            }
            return String.join(", ", parts);
        }
    }

    private EsriJson() {
    }

    /** The file's FeatureSet top level, or null when the file is not an Esri JSON FeatureSet (GeoJSON, or not JSON). */
    static FeatureSet scan(Path file) {
        try (JsonParser p = FACTORY.createParser(Files.newInputStream(file))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String geometryType = null;
            Integer wkid = null;
            Integer latestWkid = null;
            boolean wkt = false;
            boolean fields = false;
            boolean exceeded = false;
            Boolean esriFeatures = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> {
                        return null;
                    }
                    case "geometryType" -> geometryType = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "exceededTransferLimit" -> exceeded = value == JsonToken.VALUE_TRUE;
                    case "fields" -> {
                        fields = value == JsonToken.START_ARRAY;
                        p.skipChildren();
                    }
                    case "spatialReference" -> {
                        if (value == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String member = p.currentName();
                                JsonToken v = p.nextToken();
                                if (v == JsonToken.VALUE_NUMBER_INT && member.equals("wkid")) {
                                    wkid = p.getIntValue();
                                } else if (v == JsonToken.VALUE_NUMBER_INT && member.equals("latestWkid")) {
                                    latestWkid = p.getIntValue();
                                } else if (v == JsonToken.VALUE_STRING && member.equals("wkt")) {
                                    wkt = !p.getText().isBlank();
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "features" -> {
                        if (value != JsonToken.START_ARRAY) {
                            p.skipChildren();
                            continue;
                        }
                        JsonToken first = p.nextToken();
                        if (first == JsonToken.START_OBJECT) {
                            esriFeatures = firstFeatureHasAttributes(p);
                            if (!esriFeatures) {
                                return null;
                            }
                        } else {
                            p.skipChildren();
                        }
                        if (first != JsonToken.END_ARRAY) {
                            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
                                p.skipChildren(); // the other features: GDAL reads them
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            boolean named = geometryType != null || wkid != null || latestWkid != null || wkt;
            if (Boolean.TRUE.equals(esriFeatures) || (esriFeatures == null && named)) {
                return new FeatureSet(geometryType, wkid, latestWkid, wkt, fields, exceeded);
            }
            return null;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return null; // not JSON after all: the GeoJSON reader says where it breaks
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the first feature's members (the parser on its '{'); true when it has attributes and no properties. */
    private static boolean firstFeatureHasAttributes(JsonParser p) throws IOException {
        boolean attributes = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String member = p.currentName();
            p.nextToken();
            if (member.equals("properties") || member.equals("type")) {
                return false;
            }
            attributes |= member.equals("attributes");
            p.skipChildren();
        }
        return attributes;
    }

    /**
     * Refuses what cannot be survey areas or what GDAL cannot read: another geometry type than
     * polygons, or no {@code fields} member.
     */
    static void check(FeatureSet set) {
        if (set.geometryType() != null && !set.geometryType().equals("esriGeometryPolygon")) {
            throw refuse("not-a-polygon", "The Esri JSON holds " + abbreviate(set.geometryType())
                    + " features; survey areas must be polygons (geometryType esriGeometryPolygon).");
        }
        if (!set.hasFields()) {
            throw refuse("unreadable-file", "The Esri JSON has no 'fields' member, which names the attributes' "
                    + "types; query the feature service with outFields=* and f=json.");
        }
    }

    /**
     * The coordinate reference system to read the features in, for {@code ogr2ogr -s_srs}: from
     * {@code latestWkid}, else {@code wkid}, the first one {@code known} (as an EPSG code, else an
     * ESRI one); null when the spatialReference is WKT only (GDAL reads it) or absent.
     *
     * @throws ApiException.Unprocessable when it names wkids only and none is known
     */
    static String sourceCrs(FeatureSet set, Predicate<String> known) {
        var candidates = new LinkedHashSet<String>();
        for (Integer code : new Integer[] {set.latestWkid(), set.wkid()}) {
            if (code == null) {
                continue;
            }
            if (WEB_MERCATOR.contains(code)) {
                candidates.add("EPSG:3857");
            } else {
                candidates.add("EPSG:" + code);
                candidates.add("ESRI:" + code);
            }
        }
        for (String crs : candidates) {
            if (crs.equals("EPSG:3857") || crs.equals("EPSG:4326") || known.test(crs)) {
                return crs;
            }
        }
        if (!candidates.isEmpty()) {
            throw refuse("unknown-crs", "The Esri JSON's spatialReference (" + set.describeReference()
                    + ") is no coordinate reference system known here (EPSG or ESRI code); query the feature "
                    + "service with outSR=4326 or export with another wkid.");
        }
        return null;
    }

    private static ApiException refuse(String code, String detail) {
        return new ApiException.Unprocessable(detail, Map.of("errors", List.of(FeatureProblem.ofFile(code, detail))));
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
