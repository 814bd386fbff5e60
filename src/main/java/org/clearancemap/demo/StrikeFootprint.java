package org.clearancemap.demo;

import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * The shape of a cluster munition strike footprint in a local frame (metres east, north): an
 * ellipse with an irregular edge.
 *
 * <p>Rules:
 * <ul>
 *   <li>The ellipse is {@code widthM} across and {@code lengthM} long, its long axis on
 *       {@code bearingDeg} (clockwise from north), centred on ({@code eastM}, {@code northM}).</li>
 *   <li>The edge has {@code vertices} vertices at evenly spaced angles, each at the ellipse's radius
 *       for that angle times a factor drawn uniformly in [1 − jitter, 1 + jitter].</li>
 *   <li>Angles strictly increase and radii stay positive, so the ring is simple (star-shaped
 *       around the centre) and the polygon valid.</li>
 * </ul>
 *
 * @param eastM      centre, metres east of the frame's origin
 * @param northM     centre, metres north of the frame's origin
 * @param widthM     across the long axis
 * @param lengthM    along the long axis
 * @param bearingDeg direction of the long axis, degrees clockwise from north
 */
public record StrikeFootprint(double eastM, double northM, double widthM, double lengthM, double bearingDeg) {

    /** Edge irregularity: each radius is jittered by up to ±15 %. */
    public static final double RADIUS_JITTER = 0.15;

    /** This footprint's shape with {@code vertices} edge vertices, jittered from {@code random}. */
    public Polygon shape(GeometryFactory local, int vertices, SplittableRandom random) {
        Coordinate[] ring = new Coordinate[vertices + 1];
        double semiAcross = widthM / 2.0;
        double semiAlong = lengthM / 2.0;
        double bearing = Math.toRadians(bearingDeg);
        double phase = random.nextDouble(0.0, 2.0 * Math.PI / vertices);
        for (int i = 0; i < vertices; i++) {
            double t = phase + 2.0 * Math.PI * i / vertices;
            double along = semiAlong * Math.cos(t);
            double across = semiAcross * Math.sin(t);
            double factor = 1.0 + random.nextDouble(-RADIUS_JITTER, RADIUS_JITTER);
            along *= factor;
            across *= factor;
            // long axis on the bearing: its unit vector is (sin b, cos b) in (east, north)
            double east = along * Math.sin(bearing) + across * Math.cos(bearing);
            double north = along * Math.cos(bearing) - across * Math.sin(bearing);
            ring[i] = new Coordinate(eastM + east, northM + north);
        }
        ring[vertices] = ring[0].copy();
        return local.createPolygon(ring);
    }

    /** This footprint grown or shrunk about its centre by {@code factor}. */
    public StrikeFootprint scaled(double factor) {
        return new StrikeFootprint(eastM, northM, widthM * factor, lengthM * factor, bearingDeg);
    }
}
