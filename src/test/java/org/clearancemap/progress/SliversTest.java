package org.clearancemap.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.clearancemap.geo.GeodesicArea;
import org.clearancemap.land.Classification;
import org.clearancemap.land.MappedHazard;
import org.clearancemap.land.MappedLand;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

class SliversTest {
    private static final LocalDate RECORDED = LocalDate.of(2020, 1, 1);

    private static Geometry wkt(String text) throws Exception {
        return new WKTReader().read(text);
    }

    @Test
    void aStripHalfAMetreWideIsASliverAtTolerancePointFive() throws Exception {
        // 0.000004° of latitude is about 0.44 m
        assertTrue(Slivers.isSliver((Polygon) wkt("POLYGON((105 15,105.002 15,105.002 15.000004,105 15.000004,105 15))"), 0.5));
    }

    @Test
    void aStripTwoMetresWideIsNotASliverAtTolerancePointFive() throws Exception {
        assertFalse(Slivers.isSliver((Polygon) wkt("POLYGON((105 15,105.002 15,105.002 15.000018,105 15.000018,105 15))"), 0.5));
    }

    @Test
    void aThinHazardThatNoReleaseTouchedIsNeverDroppedAsASliver() throws Exception {
        Geometry thin = wkt("MULTIPOLYGON(((105 15,105.002 15,105.002 15.000004,105 15.000004,105 15)))");
        MappedLand land = new MappedLand("ZZZ", List.of(new MappedHazard(1, Classification.CHA, RECORDED, null, thin)), List.of());
        AreaFigures f = new AreaEngine(0.5).figuresOn(Cluster.of(land), LocalDate.of(2021, 1, 1));
        assertEquals(GeodesicArea.ofSqm(thin), f.remainingSqm(), 1e-9);
        assertEquals(0.0, f.ignoredSliverSqm());
    }

    /**
     * The shortcuts (the bound on the area, a strip 2t wide, an inner point farther than t from
     * the edge) decide as the inward buffer does, on 3,000 random pieces of the shapes a jittered
     * release leaves: lenses, bent strips, thin triangles and quadrilaterals and small blobs, with widths on both
     * sides of 2t.
     */
    @Test
    void theShortcutsDecideAsTheBufferDoes() {
        java.util.Random random = new java.util.Random(20261128);
        GeometryFactory f = new GeometryFactory();
        double lat = 33.5;
        double mPerDegLat = 110_900;
        double mPerDegLon = 111_320 * Math.cos(Math.toRadians(lat));
        int slivers = 0;
        int kept = 0;
        for (int n = 0; n < 3_000; n++) {
            List<double[]> local = new java.util.ArrayList<>();
            int shape = n % 4;
            double width = 0.2 + 2.8 * random.nextDouble();
            if (shape == 0) {
                // a lens: two arcs between the same ends
                double length = 2 + 60 * random.nextDouble();
                int k = 6 + random.nextInt(20);
                for (int i = 0; i <= k; i++) {
                    double s = (double) i / k;
                    local.add(new double[] {s * length, width / 2 * Math.sin(Math.PI * s)});
                }
                for (int i = k - 1; i > 0; i--) {
                    double s = (double) i / k;
                    local.add(new double[] {s * length, -width / 2 * Math.sin(Math.PI * s) * (0.3 + 0.7 * random.nextDouble())});
                }
            } else if (shape == 1) {
                // a strip bent at a corner (an L), of constant width
                double a = 3 + 30 * random.nextDouble();
                double b = 3 + 30 * random.nextDouble();
                local.add(new double[] {0, 0});
                local.add(new double[] {a, 0});
                local.add(new double[] {a, b});
                local.add(new double[] {a - width, b});
                local.add(new double[] {a - width, width});
                local.add(new double[] {0, width});
            } else if (shape == 3) {
                // a thin triangle, or a thin quadrilateral: the pieces between two crossing edges
                double length = 2 + 60 * random.nextDouble();
                double apex = length * random.nextDouble();
                local.add(new double[] {0, 0});
                local.add(new double[] {length, 0});
                if (n % 8 == 7) {
                    local.add(new double[] {apex + length * 0.1, width * (0.5 + random.nextDouble())});
                }
                local.add(new double[] {apex, width * (1 + random.nextDouble())});
            } else {
                // a small irregular blob
                int k = 5 + random.nextInt(12);
                for (int i = 0; i < k; i++) {
                    double angle = 2 * Math.PI * i / k;
                    double r = width * (0.4 + 0.6 * random.nextDouble());
                    local.add(new double[] {r * Math.cos(angle), r * Math.sin(angle)});
                }
            }
            double turn = 2 * Math.PI * random.nextDouble();
            Coordinate[] ring = new Coordinate[local.size() + 1];
            for (int i = 0; i < local.size(); i++) {
                double x = local.get(i)[0] * Math.cos(turn) - local.get(i)[1] * Math.sin(turn);
                double y = local.get(i)[0] * Math.sin(turn) + local.get(i)[1] * Math.cos(turn);
                ring[i] = new Coordinate(70 + x / mPerDegLon, lat + y / mPerDegLat);
            }
            ring[local.size()] = ring[0];
            Polygon p = f.createPolygon(ring);
            if (!p.isValid()) {
                continue;
            }
            boolean byBuffer = Slivers.isSliverByBuffer(p, 0.5);
            assertEquals(byBuffer, Slivers.isSliver(p, 0.5), () -> "shape " + p);
            if (byBuffer) {
                slivers++;
            } else {
                kept++;
            }
        }
        // both answers were given many times: the test compares decisions, not one of them
        assertTrue(slivers > 500 && kept > 500, slivers + " slivers, " + kept + " kept");
    }
}
