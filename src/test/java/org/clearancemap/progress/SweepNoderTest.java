package org.clearancemap.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.noding.IntersectionAdder;
import org.locationtech.jts.noding.MCIndexNoder;
import org.locationtech.jts.operation.overlayng.OverlayNG;

/**
 * The engine's overlays, noded by {@link SweepNoder}, give exactly what JTS's {@code MCIndexNoder}
 * gives in the same floating-precision overlay (including its rare invalid results, which the
 * engine's fallbacks handle).
 */
class SweepNoderTest {
    private static final GeometryFactory LON_LAT = new GeometryFactory();

    private static Polygon star(SplittableRandom random, double lon, double lat, double radiusDeg, int vertices) {
        Coordinate[] ring = new Coordinate[vertices + 1];
        for (int i = 0; i < vertices; i++) {
            double angle = 2 * Math.PI * i / vertices;
            double r = radiusDeg * (0.4 + 0.6 * random.nextDouble());
            ring[i] = new Coordinate(lon + r * Math.cos(angle), lat + r * Math.sin(angle));
        }
        ring[vertices] = ring[0];
        return LON_LAT.createPolygon(ring);
    }

    @Test
    void overlaysOfOverlappingSurveyPolygonsAgreeWithTheRobustOverlay() {
        SplittableRandom random = new SplittableRandom(5L);
        int[] ops = {OverlayNG.INTERSECTION, OverlayNG.DIFFERENCE, OverlayNG.UNION};
        int valid = 0;
        for (int t = 0; t < 600; t++) {
            double lon = random.nextDouble(-70, 110);
            double lat = random.nextDouble(-40, 40);
            Polygon a = star(random, lon, lat, 0.005, random.nextInt(4, 80));
            // a release digitised near the hazard: shifted by up to its size, some sharing its vertices
            Polygon b = t % 5 == 0
                    ? (Polygon) a.copy()
                    : star(random, lon + random.nextDouble(-0.006, 0.006), lat + random.nextDouble(-0.006, 0.006),
                    0.004, random.nextInt(4, 80));
            Geometry ab = t % 3 == 0 ? ClusterTimeline.overlay(a, b, OverlayNG.UNION) : a;
            for (int op : ops) {
                Geometry ours = ClusterTimeline.overlay(ab, b, op);
                Geometry byChains;
                try {
                    byChains = OverlayNG.overlay(ab, b, op, new PrecisionModel(), chainNoder());
                } catch (TopologyException e) {
                    continue; // floating noding failed with either noder; the engine falls back to the robust overlay
                }
                assertEquals(byChains.getArea(), ours.getArea(), 1e-12 * ab.getArea(), "pair " + t + " op " + op);
                assertEquals(byChains.getNumPoints(), ours.getNumPoints(), "pair " + t + " op " + op);
                assertEquals(byChains.isValid(), ours.isValid(), "pair " + t + " op " + op);
                if (byChains.isValid()) {
                    valid++;
                }
            }
        }
        assertTrue(valid > 1_500, "most results are valid: " + valid);
    }

    /** JTS's usual noder, as the engine used it before. */
    private static MCIndexNoder chainNoder() {
        MCIndexNoder noder = new MCIndexNoder();
        noder.setSegmentIntersector(new IntersectionAdder(new RobustLineIntersector()));
        return noder;
    }
}
