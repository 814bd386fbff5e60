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

    /**
     * The nodes found on each string are those MCIndexNoder finds, also on rings that double back
     * on themselves (a spike, consecutive collinear segments overlapping), where consecutive
     * segments meet beyond their common vertex and must still be given to the intersector.
     */
    @Test
    void nodesAreThoseOfTheChainNoderAlsoOnRingsThatDoubleBack() {
        SplittableRandom random = new SplittableRandom(11L);
        int spikes = 0;
        for (int t = 0; t < 300; t++) {
            java.util.List<Coordinate> ring = new java.util.ArrayList<>();
            int k = random.nextInt(5, 40);
            for (int i = 0; i < k; i++) {
                double angle = 2 * Math.PI * i / k;
                double r = random.nextDouble(0.5, 1);
                ring.add(new Coordinate(r * Math.cos(angle), r * Math.sin(angle)));
                if (t % 2 == 0 && i == k / 2) {
                    // a spike: out along a line and back over part of it
                    Coordinate c = ring.get(ring.size() - 1);
                    ring.add(new Coordinate(c.x * 1.6, c.y * 1.6));
                    ring.add(new Coordinate(c.x * 1.3, c.y * 1.3));
                    spikes++;
                }
            }
            ring.add(ring.get(0).copy());
            Coordinate[] other = star(random, random.nextDouble(-0.5, 0.5), random.nextDouble(-0.5, 0.5), 0.8,
                    random.nextInt(4, 40)).getCoordinates();
            java.util.List<java.util.List<String>> ours = nodes(new SweepNoder(new IntersectionAdder(new RobustLineIntersector())),
                    ring.toArray(Coordinate[]::new), other);
            MCIndexNoder chains = chainNoder();
            java.util.List<java.util.List<String>> theirs = nodes(chains, ring.toArray(Coordinate[]::new), other);
            assertEquals(theirs, ours, "case " + t);
        }
        assertTrue(spikes > 100);
    }

    private static java.util.List<java.util.List<String>> nodes(org.locationtech.jts.noding.Noder noder, Coordinate[]... strings) {
        java.util.List<org.locationtech.jts.noding.NodedSegmentString> input = new java.util.ArrayList<>();
        for (Coordinate[] cs : strings) {
            input.add(new org.locationtech.jts.noding.NodedSegmentString(cs, null));
        }
        noder.computeNodes(input);
        java.util.List<java.util.List<String>> out = new java.util.ArrayList<>();
        for (var s : input) {
            java.util.List<String> nodes = new java.util.ArrayList<>();
            for (java.util.Iterator<?> it = s.getNodeList().iterator(); it.hasNext(); ) {
                var node = (org.locationtech.jts.noding.SegmentNode) it.next();
                nodes.add(node.segmentIndex + " " + node.coord.x + " " + node.coord.y);
            }
            out.add(nodes);
        }
        return out;
    }

    @Test
    void sortByKeyOrdersLikeArraysSort() {
        SplittableRandom random = new SplittableRandom(3L);
        for (int t = 0; t < 200; t++) {
            int n = random.nextInt(0, 400);
            double[] key = new double[n];
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                key[i] = t % 2 == 0 ? random.nextInt(0, 20) : random.nextDouble(-1, 1);
                order[i] = i;
            }
            SweepNoder.sortByKey(order, key, 0, n - 1);
            double[] sorted = key.clone();
            java.util.Arrays.sort(sorted);
            int[] seen = new int[n];
            for (int i = 0; i < n; i++) {
                assertEquals(sorted[i], key[order[i]], "case " + t);
                seen[order[i]]++;
            }
            for (int i = 0; i < n; i++) {
                assertEquals(1, seen[i], "a permutation, case " + t);
            }
        }
    }
}
