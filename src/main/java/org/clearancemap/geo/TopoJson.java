package org.clearancemap.geo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.clearancemap.http.Json;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * The areal features of one object of a TopoJSON topology, decoded to JTS MultiPolygons in
 * lon/lat (EPSG:4326).
 *
 * <p>Rules (TopoJSON specification 1.0):
 * <ul>
 *   <li>With a {@code transform}, arc positions are quantized and delta-encoded: each position
 *       adds to the previous one, and a position is {@code translate + q * scale}. Without one,
 *       positions are absolute.</li>
 *   <li>A ring is its arcs joined in order; arc index {@code ~i} (a negative index) is arc
 *       {@code i} reversed; the first position of each arc after the first repeats the last
 *       position of the previous arc and is dropped.</li>
 *   <li>A Polygon is its first ring as outer boundary and the others as holes; a MultiPolygon is
 *       a list of such polygons. Every feature comes out as a MultiPolygon.</li>
 *   <li>Rings with fewer than three distinct positions (collapsed by quantization) are dropped.</li>
 *   <li>A geometry JTS finds invalid is repaired with {@link GeometryFixer}.</li>
 *   <li>Geometries of other types (points, lines, null) are skipped.</li>
 * </ul>
 */
final class TopoJson {

    /** One decoded feature: its {@code id} (may be null), its {@code properties.name}, its shape. */
    record Feature(String id, String name, MultiPolygon geom4326) {
    }

    private static final GeometryFactory GEOMETRY_FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private final List<Coordinate[]> arcs;

    private TopoJson(List<Coordinate[]> arcs) {
        this.arcs = arcs;
    }

    /** The areal features of object {@code objectName} of the topology read from {@code in}. */
    static List<Feature> read(InputStream in, String objectName) throws IOException {
        JsonNode topology = Json.mapper().readTree(in);
        if (topology == null || !"Topology".equals(topology.path("type").asText())) {
            throw new IOException("not a TopoJSON Topology");
        }
        JsonNode object = topology.path("objects").path(objectName);
        if (object.isMissingNode()) {
            throw new IOException("the topology has no object named " + objectName);
        }
        TopoJson decoder = new TopoJson(decodeArcs(topology.path("arcs"), topology.path("transform")));
        List<Feature> features = new ArrayList<>();
        for (JsonNode geometry : object.path("geometries")) {
            MultiPolygon shape = decoder.multiPolygon(geometry);
            if (shape != null) {
                String id = geometry.hasNonNull("id") ? geometry.get("id").asText() : null;
                String name = geometry.path("properties").path("name").asText(null);
                features.add(new Feature(id, name, shape));
            }
        }
        return Collections.unmodifiableList(features);
    }

    static GeometryFactory geometryFactory() {
        return GEOMETRY_FACTORY;
    }

    private static List<Coordinate[]> decodeArcs(JsonNode arcsNode, JsonNode transform) {
        boolean quantized = !transform.isMissingNode() && !transform.isNull();
        double scaleX = quantized ? transform.path("scale").get(0).asDouble() : 1.0;
        double scaleY = quantized ? transform.path("scale").get(1).asDouble() : 1.0;
        double translateX = quantized ? transform.path("translate").get(0).asDouble() : 0.0;
        double translateY = quantized ? transform.path("translate").get(1).asDouble() : 0.0;
        List<Coordinate[]> arcs = new ArrayList<>(arcsNode.size());
        for (JsonNode arc : arcsNode) {
            Coordinate[] positions = new Coordinate[arc.size()];
            long x = 0;
            long y = 0;
            for (int i = 0; i < arc.size(); i++) {
                JsonNode position = arc.get(i);
                if (quantized) {
                    x += position.get(0).asLong();
                    y += position.get(1).asLong();
                    positions[i] = new Coordinate(translateX + x * scaleX, translateY + y * scaleY);
                } else {
                    positions[i] = new Coordinate(position.get(0).asDouble(), position.get(1).asDouble());
                }
            }
            arcs.add(positions);
        }
        return arcs;
    }

    private MultiPolygon multiPolygon(JsonNode geometry) {
        String type = geometry.path("type").asText();
        List<Polygon> polygons = new ArrayList<>();
        if ("Polygon".equals(type)) {
            addPolygon(geometry.path("arcs"), polygons);
        } else if ("MultiPolygon".equals(type)) {
            for (JsonNode polygonArcs : geometry.path("arcs")) {
                addPolygon(polygonArcs, polygons);
            }
        } else {
            return null;
        }
        if (polygons.isEmpty()) {
            return null;
        }
        MultiPolygon shape = GEOMETRY_FACTORY.createMultiPolygon(polygons.toArray(new Polygon[0]));
        return shape.isValid() ? shape : asMultiPolygon(GeometryFixer.fix(shape));
    }

    private void addPolygon(JsonNode ringsArcs, List<Polygon> polygons) {
        LinearRing shell = null;
        List<LinearRing> holes = new ArrayList<>();
        for (JsonNode ringArcs : ringsArcs) {
            LinearRing ring = ring(ringArcs);
            if (shell == null) {
                if (ring == null) {
                    return; // a collapsed outer ring: the whole polygon collapsed
                }
                shell = ring;
            } else if (ring != null) {
                holes.add(ring);
            }
        }
        if (shell != null) {
            polygons.add(GEOMETRY_FACTORY.createPolygon(shell, holes.toArray(new LinearRing[0])));
        }
    }

    private LinearRing ring(JsonNode ringArcs) {
        List<Coordinate> positions = new ArrayList<>();
        for (JsonNode indexNode : ringArcs) {
            int index = indexNode.asInt();
            Coordinate[] arc = index >= 0 ? arcs.get(index) : reversed(arcs.get(~index));
            for (int i = positions.isEmpty() ? 0 : 1; i < arc.length; i++) {
                positions.add(arc[i].copy());
            }
        }
        if (positions.isEmpty()) {
            return null;
        }
        if (!positions.get(0).equals2D(positions.get(positions.size() - 1))) {
            positions.add(positions.get(0).copy());
        }
        if (positions.stream().map(c -> c.x + "," + c.y).distinct().count() < 3) {
            return null;
        }
        return GEOMETRY_FACTORY.createLinearRing(positions.toArray(new Coordinate[0]));
    }

    private static Coordinate[] reversed(Coordinate[] arc) {
        Coordinate[] reversed = new Coordinate[arc.length];
        for (int i = 0; i < arc.length; i++) {
            reversed[i] = arc[arc.length - 1 - i];
        }
        return reversed;
    }

    /** The polygons of {@code geometry} as one MultiPolygon (empty when it has none). */
    static MultiPolygon asMultiPolygon(Geometry geometry) {
        if (geometry instanceof MultiPolygon multiPolygon) {
            return multiPolygon;
        }
        List<Polygon> polygons = new ArrayList<>();
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Geometry part = geometry.getGeometryN(i);
            if (part instanceof Polygon polygon && !polygon.isEmpty()) {
                polygons.add(polygon);
            } else if (part instanceof MultiPolygon nested) {
                for (int j = 0; j < nested.getNumGeometries(); j++) {
                    polygons.add((Polygon) nested.getGeometryN(j));
                }
            }
        }
        return GEOMETRY_FACTORY.createMultiPolygon(polygons.toArray(new Polygon[0]));
    }
}
