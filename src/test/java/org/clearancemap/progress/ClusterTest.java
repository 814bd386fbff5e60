package org.clearancemap.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.relateng.RelateNG;
import org.locationtech.jts.operation.relateng.RelatePredicate;

/** The clustering's intersection test answers as RelateNG does. */
class ClusterTest {
    private static final GeometryFactory F = new GeometryFactory();

    @Test
    void intersectsAnswersAsRelateNgOnNearbyPolygons() {
        SplittableRandom random = new SplittableRandom(17L);
        int yes = 0;
        int no = 0;
        for (int t = 0; t < 3_000; t++) {
            Polygon a = star(random, 0, 0, 1, random.nextInt(3, 30), t % 4 == 0);
            Geometry b = switch (t % 5) {
                // inside a's hole: envelopes meet, no land shared
                case 0 -> star(random, 0, 0, 0.15, random.nextInt(3, 12), false);
                // sharing a's first edge exactly: they touch
                case 1 -> F.createPolygon(new Coordinate[] {a.getCoordinates()[0], a.getCoordinates()[1],
                        new Coordinate(a.getCoordinates()[0].x * 2 + 0.1, a.getCoordinates()[0].y * 2 + 0.1), a.getCoordinates()[0]});
                default -> star(random, random.nextDouble(-2.5, 2.5), random.nextDouble(-2.5, 2.5), random.nextDouble(0.1, 1.5),
                        random.nextInt(3, 30), false);
            };
            if (!b.isValid()) {
                continue;
            }
            boolean expected = RelateNG.relate(a, b, RelatePredicate.intersects());
            assertEquals(expected, Cluster.intersects(a, b), "case " + t + ": " + a + " / " + b);
            assertEquals(expected, Cluster.intersects(b, a), "case " + t + " swapped");
            if (expected) {
                yes++;
            } else {
                no++;
            }
        }
        assertTrue(yes > 500 && no > 500, yes + " intersect, " + no + " do not");
    }

    private static Polygon star(SplittableRandom random, double x, double y, double radius, int vertices, boolean hole) {
        Coordinate[] ring = new Coordinate[vertices + 1];
        for (int i = 0; i < vertices; i++) {
            double angle = 2 * Math.PI * i / vertices;
            double r = radius * random.nextDouble(0.6, 1);
            ring[i] = new Coordinate(x + r * Math.cos(angle), y + r * Math.sin(angle));
        }
        ring[vertices] = ring[0];
        if (!hole) {
            return F.createPolygon(ring);
        }
        double h = radius * 0.3;
        LinearRing inner = F.createLinearRing(new Coordinate[] {new Coordinate(x - h, y - h), new Coordinate(x - h, y + h),
                new Coordinate(x + h, y + h), new Coordinate(x + h, y - h), new Coordinate(x - h, y - h)});
        return F.createPolygon(F.createLinearRing(ring), new LinearRing[] {inner});
    }
}
