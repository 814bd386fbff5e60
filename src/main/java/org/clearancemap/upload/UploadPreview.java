package org.clearancemap.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.clearancemap.land.HazardVersion;
import org.clearancemap.land.LandVersion;
import org.clearancemap.land.ReleaseVersion;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * What a dry run would store, for the operator to see on the map before confirming: the features
 * without an error as they would be written (in WGS 84, repaired), in file order, as a GeoJSON
 * FeatureCollection with the {@code bbox} of all of them. At most {@link #MAX_FEATURES} features
 * and {@link #MAX_VERTICES} vertices are drawn; {@code omitted} counts the others, which the
 * {@code bbox} still covers.
 */
final class UploadPreview {
    static final int MAX_FEATURES = 2_000;
    static final int MAX_VERTICES = 200_000;
    private final ObjectMapper json;
    private final ObjectNode collection;
    private final ArrayNode features;
    private final Envelope extent = new Envelope();
    private final GeoJsonWriter writer = new GeoJsonWriter(7);
    private int vertices;
    private int omitted;

    UploadPreview(ObjectMapper json) {
        this.json = json;
        this.collection = json.createObjectNode().put("type", "FeatureCollection");
        this.features = json.createArrayNode();
        writer.setEncodeCRS(false);
    }

    /** Adds feature {@code index} as it would be stored; called in file order. */
    void add(int index, LandVersion version) {
        extent.expandToInclude(version.geom4326().getEnvelopeInternal());
        int points = version.geom4326().getNumPoints();
        if (features.size() >= MAX_FEATURES || vertices + points > MAX_VERTICES) {
            omitted++;
            return;
        }
        vertices += points;
        ObjectNode feature = features.addObject().put("type", "Feature");
        ObjectNode properties = json.createObjectNode().put("feature", index).put("external_id", version.externalId());
        if (version instanceof HazardVersion h) {
            properties.put("classification", h.classification().key());
            properties.put("area_sqm", Math.round(h.areaSqm() * 1000) / 1000.0);
        } else if (version instanceof ReleaseVersion r) {
            properties.put("method", r.method().key());
            properties.put("area_sqm", Math.round(r.areaSqm() * 1000) / 1000.0);
        }
        try {
            feature.set("geometry", json.readTree(writer.write(version.geom4326())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        feature.set("properties", properties);
    }

    /** The collection; its bbox is absent when no feature could be stored. */
    ObjectNode toJson() {
        ObjectNode out = collection.deepCopy();
        if (!extent.isNull()) {
            out.putArray("bbox").add(extent.getMinX()).add(extent.getMinY()).add(extent.getMaxX()).add(extent.getMaxY());
        }
        out.set("features", features.deepCopy());
        out.put("omitted", omitted);
        return out;
    }
}
