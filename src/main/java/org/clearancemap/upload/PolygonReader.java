package org.clearancemap.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Reads a GeoJSON geometry object into a JTS MultiPolygon in WGS 84 longitude/latitude, or says
 * precisely what is wrong with it.
 *
 * <p>Accepted: {@code Polygon} and {@code MultiPolygon} whose every ring has at least four
 * positions, is closed (last position equals the first), and whose coordinates are finite numbers
 * with longitude in [-180, 180] and latitude in [-90, 90]. A third (height) value is dropped.
 * Validity (self-intersections and the like) is not checked here: see {@link FeatureCheck}.
 */
final class PolygonReader {
    static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    /** The geometry, or the first problem found in it. */
    record Result(MultiPolygon geometry, int vertices, String code, String message, double[] location) {
        boolean ok() {
            return geometry != null;
        }
    }

    private final int maxVertices;
    private int vertices;

    private PolygonReader(int maxVertices) {
        this.maxVertices = maxVertices;
    }

    /**
     * A geometry as the parser read it: built straight from its compact rings when it has them
     * and they make a polygon; anything else (or any problem) is read from its JSON tree, so
     * every problem is described by the one code below.
     */
    static Result read(GeoJsonFeatures.RawGeometry geometry, int maxVertices) {
        if (geometry.polygons() != null) {
            Result fast = compact(geometry.polygons(), maxVertices);
            if (fast != null) {
                return fast;
            }
        }
        return read(geometry.tree(), maxVertices);
    }

    /** The MultiPolygon of compact rings; null when any ring is short or open, or there are too many vertices. */
    private static Result compact(java.util.List<java.util.List<double[]>> polygons, int maxVertices) {
        int vertices = 0;
        var result = new Polygon[polygons.size()];
        for (int i = 0; i < result.length; i++) {
            var rings = polygons.get(i);
            var linear = new LinearRing[rings.size()];
            for (int r = 0; r < linear.length; r++) {
                double[] xy = rings.get(r);
                int n = xy.length / 2;
                vertices += n;
                if (n < 4 || vertices > maxVertices || xy[0] != xy[xy.length - 2] || xy[1] != xy[xy.length - 1]) {
                    return null;
                }
                var coords = new Coordinate[n];
                for (int k = 0; k < n; k++) {
                    coords[k] = new Coordinate(xy[2 * k], xy[2 * k + 1]);
                }
                linear[r] = WGS84.createLinearRing(coords);
            }
            if (linear.length == 0) {
                return null;
            }
            result[i] = WGS84.createPolygon(linear[0], java.util.Arrays.copyOfRange(linear, 1, linear.length));
        }
        if (result.length == 0) {
            return null;
        }
        return new Result(WGS84.createMultiPolygon(result), vertices, null, null, null);
    }

    static Result read(JsonNode geometry, int maxVertices) {
        try {
            return new PolygonReader(maxVertices).geometry(geometry);
        } catch (Bad bad) {
            return new Result(null, 0, bad.code, bad.getMessage(), bad.location);
        }
    }

    private Result geometry(JsonNode g) {
        if (g == null || g.isNull()) {
            throw new Bad("missing-geometry", "the feature has no geometry; a Polygon or MultiPolygon is required", null);
        }
        String type = g.path("type").asText("");
        JsonNode coordinates = g.get("coordinates");
        switch (type) {
            case "Polygon" -> {
                Polygon p = polygon(array(coordinates, "Polygon coordinates"));
                return new Result(WGS84.createMultiPolygon(new Polygon[] {p}), vertices, null, null, null);
            }
            case "MultiPolygon" -> {
                JsonNode polygons = array(coordinates, "MultiPolygon coordinates");
                if (polygons.isEmpty()) {
                    throw new Bad("empty-geometry", "the MultiPolygon has no polygons", null);
                }
                var list = new ArrayList<Polygon>();
                for (JsonNode p : polygons) {
                    list.add(polygon(array(p, "a polygon of the MultiPolygon")));
                }
                return new Result(WGS84.createMultiPolygon(list.toArray(new Polygon[0])), vertices, null, null, null);
            }
            default -> {
                String what = type.isEmpty() ? "a geometry without a type" : "a " + type;
                throw new Bad("not-a-polygon", "the geometry is " + what
                        + "; only Polygon and MultiPolygon are accepted (survey areas are polygons)",
                        firstPosition(coordinates));
            }
        }
    }

    private Polygon polygon(JsonNode rings) {
        if (rings.isEmpty()) {
            throw new Bad("empty-geometry", "a polygon has no rings", null);
        }
        LinearRing shell = ring(rings.get(0), "outer ring");
        var holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i), "hole " + i);
        }
        return WGS84.createPolygon(shell, holes);
    }

    private LinearRing ring(JsonNode positions, String which) {
        array(positions, "the " + which);
        int n = positions.size();
        var coords = new Coordinate[n];
        for (int i = 0; i < n; i++) {
            coords[i] = position(positions.get(i));
        }
        vertices += n;
        if (vertices > maxVertices) {
            throw new Bad("too-many-vertices", "the feature has more than " + maxVertices
                    + " vertices (MAX_VERTICES_PER_FEATURE); simplify it or split it", lonLat(coords[0]));
        }
        if (n < 4) {
            throw new Bad("too-few-points", "the " + which + " has " + n
                    + " positions; a ring needs at least 4 (a triangle plus the closing position)",
                    n == 0 ? null : lonLat(coords[0]));
        }
        if (!coords[0].equals2D(coords[n - 1])) {
            throw new Bad("unclosed-ring", "the " + which + " is not closed: its last position ["
                    + coords[n - 1].x + ", " + coords[n - 1].y + "] differs from its first", lonLat(coords[0]));
        }
        return WGS84.createLinearRing(coords);
    }

    private static Coordinate position(JsonNode p) {
        if (p == null || !p.isArray() || p.size() < 2) {
            throw new Bad("bad-coordinate", "a position must be an array [longitude, latitude] (got "
                    + abbreviate(p) + ")", null);
        }
        JsonNode xn = p.get(0);
        JsonNode yn = p.get(1);
        if (!xn.isNumber() || !yn.isNumber()) {
            throw new Bad("bad-coordinate", "a position must hold numbers (got " + abbreviate(p) + ")", null);
        }
        double x = xn.asDouble();
        double y = yn.asDouble();
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new Bad("non-finite-coordinate", "a coordinate is not a finite number (got " + abbreviate(p) + ")",
                    null);
        }
        if (x < -180 || x > 180 || y < -90 || y > 90) {
            throw new Bad("coordinate-out-of-range", outOfRange(x, y), outOfRangeLocation(x, y));
        }
        return new Coordinate(x, y);
    }

    /**
     * Where the map may mark a coordinate out of range: swapped back when latitude and longitude
     * look swapped (where the feature was meant to be); nowhere otherwise, since no such place exists.
     */
    static double[] outOfRangeLocation(double x, double y) {
        return looksSwapped(x, y) ? new double[] {y, x} : null;
    }

    private static boolean looksSwapped(double x, double y) {
        return (y < -90 || y > 90) && Math.abs(x) <= 90 && Math.abs(y) <= 180;
    }

    /** Why a coordinate is out of range, with a hint at the likely cause. */
    static String outOfRange(double x, double y) {
        String what = (y < -90 || y > 90) ? "latitude " + y + " is outside [-90, 90]"
                : "longitude " + x + " is outside [-180, 180]";
        if (Math.abs(x) > 1000 || Math.abs(y) > 1000) {
            return what + ": these look like projected coordinates (metres), not longitude/latitude; declare the "
                    + "coordinate reference system (a legacy GeoJSON \"crs\" member, or the Shapefile's .prj) "
                    + "or export in WGS 84";
        }
        if (looksSwapped(x, y)) {
            return what + ": latitude and longitude look swapped; GeoJSON puts longitude first, [lon, lat] "
                    + "(the map marks the point swapped back)";
        }
        return what;
    }

    private static JsonNode array(JsonNode node, String what) {
        if (node == null || !node.isArray()) {
            throw new Bad("bad-coordinates", what + " must be an array", null);
        }
        return node;
    }

    private static double[] firstPosition(JsonNode coordinates) {
        JsonNode n = coordinates;
        while (n != null && n.isArray() && !n.isEmpty() && n.get(0).isArray()) {
            n = n.get(0);
        }
        if (n != null && n.isArray() && n.size() >= 2 && n.get(0).isNumber() && n.get(1).isNumber()
                && Double.isFinite(n.get(0).asDouble()) && Double.isFinite(n.get(1).asDouble())) {
            return new double[] {n.get(0).asDouble(), n.get(1).asDouble()};
        }
        return null;
    }

    private static double[] lonLat(Coordinate c) {
        return new double[] {c.x, c.y};
    }

    private static String abbreviate(JsonNode n) {
        String s = String.valueOf(n);
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static final class Bad extends RuntimeException {
        private final String code;
        private final double[] location;

        Bad(String code, String message, double[] location) {
            super(message, null, false, false);
            this.code = code;
            this.location = location;
        }
    }
}
