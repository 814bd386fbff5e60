package org.clearancemap.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;

/**
 * {@link Claim} gives from one difference overlay the areas that the intersection and difference
 * overlays give, on hazards and jittered releases from 50 m to 20 km across (edges beyond 5 km and
 * latitudes beyond 80° are measured by GeographicLib), with holes, releases shifted half out, and
 * hazards of two polygons.
 */
class ClaimTest {
    private static final GeometryFactory F = new GeometryFactory();

    @Test
    void oneOverlayGivesTheAreasOfTheIntersectionAndOfBothDifferences() {
        Random random = new Random(4_2026_11_28L);
        double[] radii = {50, 300, 2_000, 20_000};
        double[] latitudes = {-41.2, 0.3, 15.1, 33.7, 64.9, 79.5, 84.2};
        int cases = 0;
        int oneOverlay = 0;
        int correctionMattered = 0;
        for (int n = 0; n < 600; n++) {
            double radius = radii[n % radii.length];
            double lat = latitudes[(n / radii.length) % latitudes.length];
            double lon = -170 + 340 * random.nextDouble();
            Polygon hazard = star(random, lon, lat, radius, 10 + random.nextInt(50), n % 5 == 0);
            Geometry a = hazard;
            if (n % 7 == 0) {
                // a second polygon, far from the release: kept out of the overlay
                a = F.createMultiPolygon(new Polygon[] {hazard, star(random, lon + 0.5, lat, radius, 12, false)});
            }
            double shift = n % 4 == 0 ? radius / degreesPerMetreInverse(lat) : 0;
            Polygon release = jittered(random, hazard, radius * 0.01, shift);
            Claim claim = Claim.of(a, release, true);
            double intersection = ClusterTimeline.areaSqm(ClusterTimeline.overlay(a, release, OverlayNG.INTERSECTION));
            double difference = ClusterTimeline.areaSqm(ClusterTimeline.overlay(a, release, OverlayNG.DIFFERENCE));
            double outside = ClusterTimeline.areaSqm(ClusterTimeline.overlay(release, a, OverlayNG.DIFFERENCE));
            double scale = ClusterTimeline.areaSqm(a) + ClusterTimeline.areaSqm(release);
            double tolerance = 1e-10 * scale + 1e-6;
            String where = "case " + n + " (radius " + radius + " m, latitude " + lat + ")";
            assertEquals(intersection, claim.claimedSqm, tolerance, where + ": |a ∩ b|");
            assertEquals(outside, claim.outsideSqm, tolerance, where + ": |b − a|");
            assertEquals(difference, ClusterTimeline.areaSqm(claim.rest), tolerance, where + ": |a − b|");
            cases++;
            if (claim.oneOverlay) {
                oneOverlay++;
                // without the thin polygons of the split edges, |a| − |a − b| misses |a ∩ b| by more than that
                if (Math.abs(ClusterTimeline.areaSqm(a) - difference - intersection) > 10 * tolerance) {
                    correctionMattered++;
                }
            }
        }
        assertTrue(oneOverlay > cases * 0.8, oneOverlay + " of " + cases + " from one overlay");
        assertTrue(correctionMattered > cases / 10, "the split-edge correction mattered in " + correctionMattered + " cases");
    }

    @Test
    void aReleaseAwayFromTheLandTakesNothingAndLiesWhollyOutside() {
        Random random = new Random(7);
        Polygon hazard = star(random, 70, 33, 200, 20, false);
        Polygon far = star(random, 70.1, 33, 200, 20, false);
        Claim claim = Claim.of(hazard, far, true);
        assertEquals(0.0, claim.claimedSqm);
        assertEquals(ClusterTimeline.areaSqm(far), claim.outsideSqm, 1e-9);
        assertTrue(claim.rest == hazard);
    }

    private static double degreesPerMetreInverse(double lat) {
        return 111_320 * Math.cos(Math.toRadians(lat)) * 2;
    }

    /** An irregular star-shaped polygon, optionally with a hole. */
    private static Polygon star(Random random, double lon, double lat, double radius, int vertices, boolean hole) {
        double mLon = 111_320 * Math.cos(Math.toRadians(lat));
        double mLat = 110_900;
        Coordinate[] shell = new Coordinate[vertices + 1];
        for (int i = 0; i < vertices; i++) {
            double angle = 2 * Math.PI * i / vertices;
            double r = radius * (0.6 + 0.4 * random.nextDouble());
            shell[i] = new Coordinate(lon + r * Math.cos(angle) / mLon, lat + r * Math.sin(angle) / mLat);
        }
        shell[vertices] = shell[0];
        if (!hole) {
            return F.createPolygon(shell);
        }
        Coordinate[] inner = new Coordinate[5];
        double h = radius * 0.2;
        inner[0] = new Coordinate(lon - h / mLon, lat - h / mLat);
        inner[1] = new Coordinate(lon - h / mLon, lat + h / mLat);
        inner[2] = new Coordinate(lon + h / mLon, lat + h / mLat);
        inner[3] = new Coordinate(lon + h / mLon, lat - h / mLat);
        inner[4] = inner[0];
        return F.createPolygon(F.createLinearRing(shell), new LinearRing[] {F.createLinearRing(inner)});
    }

    /** The hazard's outline digitised again: each vertex moved by up to {@code jitterM}, the whole shifted east. */
    private static Polygon jittered(Random random, Polygon hazard, double jitterM, double shiftDegrees) {
        Coordinate[] cs = hazard.getExteriorRing().getCoordinates();
        double lat = cs[0].y;
        double mLon = 111_320 * Math.cos(Math.toRadians(lat));
        List<Coordinate> out = new ArrayList<>();
        for (int i = 0; i < cs.length - 1; i++) {
            double dx = (2 * random.nextDouble() - 1) * jitterM / mLon;
            double dy = (2 * random.nextDouble() - 1) * jitterM / 110_900;
            out.add(new Coordinate(cs[i].x + dx + shiftDegrees, cs[i].y + dy));
        }
        out.add(out.get(0));
        return F.createPolygon(out.toArray(Coordinate[]::new));
    }
}
