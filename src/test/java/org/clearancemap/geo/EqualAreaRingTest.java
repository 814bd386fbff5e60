package org.clearancemap.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * The fast ring area ({@link EqualAreaRing}) against GeographicLib's {@code PolygonArea} on
 * deterministic random polygons of survey size: within 1e-9 relative + 1e-3 m² (GeographicLib's
 * own rounding on a 10 m polygon is of the order of 1e-4 m²).
 */
class EqualAreaRingTest {
    private static final GeometryFactory LON_LAT = new GeometryFactory();
    private static final double RELATIVE = 1e-9;
    private static final double ABSOLUTE_SQM = 1e-3;

    /** Checks {@link GeodesicArea#ofRingSqm} (fast where it can be); tells whether the fast method measured it. */
    private static boolean assertAgreesWithGeographicLib(Coordinate[] ring, String what) {
        LinearRing linearRing = LON_LAT.createLinearRing(ring);
        double reference = GeodesicArea.ofRingByGeographicLibSqm(linearRing);
        assertEquals(reference, GeodesicArea.ofRingSqm(linearRing), RELATIVE * reference + ABSOLUTE_SQM, what);
        return !Double.isNaN(EqualAreaRing.areaSqm(ring));
    }

    /** A star-shaped ring of {@code vertices} around (lon, lat) with radii up to {@code radiusM}. */
    private static Coordinate[] star(SplittableRandom random, double lon, double lat, double radiusM, int vertices,
                                     double stretch) {
        Coordinate[] ring = new Coordinate[vertices + 1];
        double start = random.nextDouble(2 * Math.PI);
        double turn = random.nextDouble(Math.PI);
        for (int i = 0; i < vertices; i++) {
            double angle = start + 2 * Math.PI * i / vertices;
            double r = radiusM * (0.3 + 0.7 * random.nextDouble());
            double u = r * Math.cos(angle) * stretch;
            double v = r * Math.sin(angle);
            double east = u * Math.cos(turn) - v * Math.sin(turn);
            double north = u * Math.sin(turn) + v * Math.cos(turn);
            ring[i] = new Coordinate(lon + east / (111_320 * Math.cos(Math.toRadians(lat))), lat + north / 110_574);
        }
        ring[vertices] = ring[0];
        return ring;
    }

    @Test
    void agreesWithGeographicLibOnThousandsOfSurveyPolygons() {
        SplittableRandom random = new SplittableRandom(20_261_128L);
        int measuredHere = 0;
        for (int t = 0; t < 6_000; t++) {
            // 10 m to 50 km across, log-uniform; latitudes where States Parties are (Chile to Germany)
            double radiusM = 5 * Math.pow(10, random.nextDouble(0, Math.log10(5_000)));
            double lat = random.nextDouble(-56, 56);
            double lon = random.nextDouble(-179, 179);
            int vertices = random.nextInt(4, 201);
            Coordinate[] ring = star(random, lon, lat, radiusM, vertices, 1);
            if (assertAgreesWithGeographicLib(ring, "polygon " + t)) {
                measuredHere++;
            }
        }
        // rings with an edge over 5 km (some of those above 20 km across) go to GeographicLib
        assertTrue(measuredHere > 4_500, "most survey polygons are measured without GeographicLib: " + measuredHere);
    }

    @Test
    void agreesWithGeographicLibOnThinPolygons() {
        // long thin strips (roads, river banks, jitter slivers): 1:20 to 1:1000
        SplittableRandom random = new SplittableRandom(7L);
        int measuredHere = 0;
        for (int t = 0; t < 2_000; t++) {
            double radiusM = random.nextDouble(50, 5_000);
            double stretch = random.nextDouble(20, 1_000);
            Coordinate[] ring = star(random, random.nextDouble(-179, 179), random.nextDouble(-56, 56),
                    radiusM / stretch, random.nextInt(4, 60), stretch);
            if (assertAgreesWithGeographicLib(ring, "strip " + t)) {
                measuredHere++;
            }
        }
        assertTrue(measuredHere > 1_500, "most strips are measured without GeographicLib: " + measuredHere);
    }

    @Test
    void holesAgreeWithGeographicLib() {
        SplittableRandom random = new SplittableRandom(11L);
        for (int t = 0; t < 500; t++) {
            double lon = random.nextDouble(-179, 179);
            double lat = random.nextDouble(-56, 56);
            double radiusM = random.nextDouble(20, 3_000);
            LinearRing shell = LON_LAT.createLinearRing(star(random, lon, lat, radiusM, random.nextInt(8, 100), 1));
            // a hole well inside: its radius below the shell's smallest (0.3 of the largest)
            LinearRing hole = LON_LAT.createLinearRing(star(random, lon, lat, radiusM * 0.25, random.nextInt(4, 50), 1));
            Polygon polygon = LON_LAT.createPolygon(shell, new LinearRing[] {hole});
            double reference = GeodesicArea.ofRingByGeographicLibSqm(shell) - GeodesicArea.ofRingByGeographicLibSqm(hole);
            assertEquals(reference, GeodesicArea.ofSqm(polygon), RELATIVE * reference + 2 * ABSOLUTE_SQM, "holed " + t);
        }
    }

    @Test
    void orientationAndStartingVertexDoNotMatter() {
        Coordinate[] ring = star(new SplittableRandom(3L), 102.6, 17.9, 400, 37, 1);
        Coordinate[] reversed = new Coordinate[ring.length];
        for (int i = 0; i < ring.length; i++) {
            reversed[i] = ring[ring.length - 1 - i];
        }
        Coordinate[] rotated = new Coordinate[ring.length];
        for (int i = 0; i < ring.length - 1; i++) {
            rotated[i] = ring[(i + 5) % (ring.length - 1)];
        }
        rotated[ring.length - 1] = rotated[0];
        double area = EqualAreaRing.areaSqm(ring);
        assertEquals(area, EqualAreaRing.areaSqm(reversed), 1e-12 * area);
        assertEquals(area, EqualAreaRing.areaSqm(rotated), 1e-12 * area);
    }

    @Test
    void aRingWithAnEdgeLongerThanFiveKilometresIsLeftToGeographicLib() {
        Coordinate[] ring = {new Coordinate(10, 10), new Coordinate(10.06, 10), new Coordinate(10.06, 10.01),
                new Coordinate(10, 10.01), new Coordinate(10, 10)};
        assertTrue(Double.isNaN(EqualAreaRing.areaSqm(ring)));
        LinearRing linearRing = LON_LAT.createLinearRing(ring);
        assertEquals(GeodesicArea.ofRingByGeographicLibSqm(linearRing), GeodesicArea.ofRingSqm(linearRing));
    }

    @Test
    void aRingAcrossTheAntimeridianIsLeftToGeographicLib() {
        Coordinate[] ring = {new Coordinate(179.99, -17), new Coordinate(-179.99, -17), new Coordinate(-179.99, -16.99),
                new Coordinate(179.99, -16.99), new Coordinate(179.99, -17)};
        assertTrue(Double.isNaN(EqualAreaRing.areaSqm(ring)));
        LinearRing linearRing = LON_LAT.createLinearRing(ring);
        double area = GeodesicArea.ofRingSqm(linearRing);
        assertEquals(GeodesicArea.ofRingByGeographicLibSqm(linearRing), area);
        assertTrue(area > 1e6 && area < 1e7, "a small cell, not most of the Earth: " + area);
    }

    @Test
    void aRingNearAPoleIsLeftToGeographicLib() {
        Coordinate[] ring = {new Coordinate(0, 85), new Coordinate(0.01, 85), new Coordinate(0.01, 85.01),
                new Coordinate(0, 85), new Coordinate(0, 85)};
        assertTrue(Double.isNaN(EqualAreaRing.areaSqm(ring)));
    }

    @Test
    void aTenMetreSquareIsOneHundredSquareMetres() {
        // 10 m × 10 m at the equator: 1e-4 degrees ≈ 11.13 m × 11.06 m
        Coordinate[] ring = {new Coordinate(0, 0), new Coordinate(1e-4, 0), new Coordinate(1e-4, 1e-4),
                new Coordinate(0, 1e-4), new Coordinate(0, 0)};
        assertAgreesWithGeographicLib(ring, "square");
        assertEquals(111.319_490_793 * 110.574_275_82 / 10_000 * 100, EqualAreaRing.areaSqm(ring), 0.01);
    }
}
