package org.clearancemap.progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.algorithm.Distance;
import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.algorithm.MinimumDiameter;
import org.locationtech.jts.algorithm.locate.PointOnGeometryLocator;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Splits a remaining area (lon/lat) into the pieces that count and the slivers that do not.
 *
 * <p>A piece is a sliver when an inward buffer of the tolerance (metres, in a local azimuthal
 * equidistant frame around the piece) erases it entirely: every point of it lies closer than the
 * tolerance to its edge. A piece with any point farther than the tolerance from its edge is kept
 * whole, however thin its other parts. A tolerance of 0 drops nothing.
 *
 * <p>A cheap bound spares the buffer for most pieces: a polygon whose every point lies within t of
 * its boundary has an area of at most t·L + n·π·t²/2 (L its perimeter, n its edge count): its area
 * is the integral over s from 0 to t of the length of the curve at distance s inside the boundary,
 * which is at most L plus an arc of s·(θ − π) < s·π at each reflex vertex.
 *
 * <p>The buffer runs in a local frame of metres around the piece (x = N₀·cos φ·Δλ, y = M₀·Δφ, with
 * the radii of curvature at its centre): over a piece of a few hundred metres it distorts lengths
 * by about 1e-5 of themselves, micrometres against a tolerance of decimetres.
 */
public final class Slivers {
    private static final GeometryFactory PLANE = new GeometryFactory();
    private static final double METRES_PER_DEGREE_LAT = 110_574.0;
    private static final double METRES_PER_DEGREE_LON_EQUATOR = 111_320.0;

    private final List<Polygon> kept = new ArrayList<>();
    private final List<Polygon> slivers = new ArrayList<>();

    private Slivers() {
    }

    /** The pieces of {@code remaining} sorted into kept and slivers. */
    public static Slivers of(Geometry remaining, double toleranceM) {
        Slivers result = new Slivers();
        for (int i = 0; i < remaining.getNumGeometries(); i++) {
            Geometry part = remaining.getGeometryN(i);
            if (part instanceof Polygon p && !p.isEmpty()) {
                if (toleranceM > 0 && isSliver(p, toleranceM)) {
                    result.slivers.add(p);
                } else {
                    result.kept.add(p);
                }
            }
        }
        return result;
    }

    public List<Polygon> kept() {
        return kept;
    }

    public List<Polygon> slivers() {
        return slivers;
    }

    /** The slivers as one geometry in lon/lat (an empty MultiPolygon when there are none). */
    public Geometry sliverGeometry(GeometryFactory factory) {
        return factory.createMultiPolygon(slivers.toArray(Polygon[]::new));
    }

    static boolean isSliver(Polygon p, double toleranceM) {
        Coordinate centre = p.getEnvelopeInternal().centre();
        double mx = METRES_PER_DEGREE_LON_EQUATOR * Math.cos(Math.toRadians(centre.y));
        double my = METRES_PER_DEGREE_LAT;
        double areaM2 = p.getArea() * mx * my;
        double lengthM = 0;
        int edges = 0;
        for (LinearRing ring : rings(p)) {
            Coordinate[] cs = ring.getCoordinates();
            for (int i = 1; i < cs.length; i++) {
                double dx = (cs[i].x - cs[i - 1].x) * mx;
                double dy = (cs[i].y - cs[i - 1].y) * my;
                lengthM += Math.sqrt(dx * dx + dy * dy);
            }
            edges += cs.length - 1;
        }
        double boundM2 = toleranceM * lengthM + edges * Math.PI * toleranceM * toleranceM / 2;
        if (areaM2 > 1.1 * boundM2) {
            return false;
        }
        Polygon local = toLocal(p, centre);
        // exact shortcuts before the buffer. A triangle is a sliver when its inscribed circle
        // (radius 2·area/perimeter) is no wider than t. A piece within a strip 2t wide is a sliver
        // (from any of its points, one of the two ways across the strip leaves the piece within t).
        // A piece with an inner point farther than t from its edge is not: the points tried are
        // JTS's interior point and the centres of the circles inscribed in the corners' triangles.
        Coordinate[] shell = local.getExteriorRing().getCoordinates();
        if (shell.length == 4 && local.getNumInteriorRing() == 0) {
            return 2 * local.getArea() / local.getLength() <= toleranceM;
        }
        if (new MinimumDiameter(local).getLength() <= 2 * toleranceM) {
            return true;
        }
        double beyond = toleranceM * (1 + 1e-9);
        Coordinate inner = InteriorPointArea.getInteriorPoint(local);
        if (inner != null && distanceToEdge(local, inner) > beyond) {
            return false;
        }
        if (shell.length <= 16) {
            PointOnGeometryLocator inside = new SimplePointInAreaLocator(local);
            for (int i = 0; i < shell.length - 1; i++) {
                Coordinate c = incentre(shell[i == 0 ? shell.length - 2 : i - 1], shell[i], shell[i + 1]);
                if (c != null && distanceToEdge(local, c) > beyond && inside.locate(c) == Location.INTERIOR) {
                    return false;
                }
            }
        }
        return local.buffer(-toleranceM).isEmpty();
    }

    /** The centre of the circle inscribed in triangle abc, or null when it is degenerate. */
    private static Coordinate incentre(Coordinate a, Coordinate b, Coordinate c) {
        double la = b.distance(c);
        double lb = c.distance(a);
        double lc = a.distance(b);
        double sum = la + lb + lc;
        if (!(sum > 0)) {
            return null;
        }
        return new Coordinate((la * a.x + lb * b.x + lc * c.x) / sum, (la * a.y + lb * b.y + lc * c.y) / sum);
    }

    /** The definition itself, without the shortcuts: whether the inward buffer of the tolerance erases the piece. For the tests. */
    static boolean isSliverByBuffer(Polygon p, double toleranceM) {
        return toLocal(p, p.getEnvelopeInternal().centre()).buffer(-toleranceM).isEmpty();
    }

    /** The distance from {@code c} to the nearest edge of {@code p}. */
    private static double distanceToEdge(Polygon p, Coordinate c) {
        double min = Double.MAX_VALUE;
        for (LinearRing ring : rings(p)) {
            Coordinate[] cs = ring.getCoordinates();
            for (int i = 1; i < cs.length; i++) {
                min = Math.min(min, Distance.pointToSegment(c, cs[i - 1], cs[i]));
            }
        }
        return min;
    }

    private static List<LinearRing> rings(Polygon p) {
        List<LinearRing> rings = new ArrayList<>();
        rings.add(p.getExteriorRing());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            rings.add(p.getInteriorRingN(i));
        }
        return rings;
    }

    private static final double A = 6_378_137.0;
    private static final double E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);

    private static Polygon toLocal(Polygon p, Coordinate centre) {
        double phi0 = Math.toRadians(centre.y);
        double w2 = 1 - E2 * Math.sin(phi0) * Math.sin(phi0);
        double n0 = A / Math.sqrt(w2);
        double m0 = A * (1 - E2) / (w2 * Math.sqrt(w2));
        double radiansPerDegree = Math.PI / 180;
        List<LinearRing> rings = rings(p);
        LinearRing[] local = new LinearRing[rings.size()];
        for (int r = 0; r < rings.size(); r++) {
            Coordinate[] cs = rings.get(r).getCoordinates();
            Coordinate[] out = new Coordinate[cs.length];
            for (int i = 0; i < cs.length; i++) {
                double phi = cs[i].y * radiansPerDegree;
                out[i] = new Coordinate(n0 * Math.cos(phi) * (cs[i].x - centre.x) * radiansPerDegree,
                        m0 * (phi - phi0));
            }
            out[cs.length - 1] = out[0];
            local[r] = PLANE.createLinearRing(out);
        }
        return PLANE.createPolygon(local[0], Arrays.copyOfRange(local, 1, local.length));
    }
}
