package org.clearancemap.geo;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * The geodesic area, in square metres on the WGS 84 ellipsoid, of an areal geometry in lon/lat
 * ({@code x} = longitude, {@code y} = latitude, degrees).
 *
 * <p>Rules:
 * <ul>
 *   <li>Edges are geodesics between consecutive vertices on the WGS 84 ellipsoid; the result
 *       agrees with PostGIS {@code ST_Area(geom::geography)} (Karney's algorithm). Rings of survey
 *       size are measured by {@link EqualAreaRing} (an exact equal-area projection plus each
 *       edge's geodesic bulge), within 1e-9 relative + 1e-3 m² of Karney's algorithm; any other
 *       ring (long edges, near a pole, across the antimeridian) by GeographicLib's
 *       {@code PolygonArea} on {@link Geodesic#WGS84}.</li>
 *   <li>Ring orientation does not matter: each ring counts by its absolute area, always the
 *       smaller of the two regions it bounds.</li>
 *   <li>A polygon is its outer ring minus its holes; a multipolygon is the sum of its polygons
 *       (overlapping parts, which a valid multipolygon does not have, would count twice).</li>
 *   <li>An empty geometry has area 0.</li>
 *   <li>Anything but a {@code Polygon} or {@code MultiPolygon} is refused with
 *       {@link IllegalArgumentException}: points and lines have no area, and a collection
 *       would hide overlaps.</li>
 * </ul>
 */
public final class GeodesicArea {

    private final Geometry geometry;

    /** @param geometry a Polygon or MultiPolygon in lon/lat degrees */
    public GeodesicArea(Geometry geometry) {
        this.geometry = geometry;
    }

    /** The geodesic area in m² of a Polygon or MultiPolygon in lon/lat; see the class rules. */
    public static double ofSqm(Geometry geometry) {
        return new GeodesicArea(geometry).getResultSqm();
    }

    /** The geodesic area in m² of one closed ring in lon/lat, whatever its orientation. */
    public static double ofRingSqm(LinearRing ring) {
        Coordinate[] coordinates = ring.getCoordinates();
        if (coordinates.length < 4) {
            return 0.0;
        }
        double fast = EqualAreaRing.areaSqm(coordinates);
        return Double.isNaN(fast) ? ofRingByGeographicLibSqm(coordinates) : fast;
    }

    /** A ring's signed area (m², counter-clockwise positive) and whether GeographicLib measured it. */
    public record SignedArea(double sqm, boolean byGeographicLib) {
    }

    /**
     * The signed geodesic area of a closed ring (last coordinate = first), measured as
     * {@link #ofRingSqm} measures it: by {@link EqualAreaRing} when the ring is of survey size, else
     * by GeographicLib. Both are sums of one term per edge, so the signed area of a ring with split
     * edges is that of the ring plus the signed areas of the thin polygons each edge makes with its
     * pieces, measured the same way ({@link #signedRingSqm}).
     */
    public static SignedArea signedRing(Coordinate[] coordinates) {
        if (coordinates.length < 4) {
            return new SignedArea(0.0, false);
        }
        double fast = EqualAreaRing.signedAreaSqm(coordinates);
        return Double.isNaN(fast) ? new SignedArea(signedByGeographicLibSqm(coordinates), true) : new SignedArea(fast, false);
    }

    /** The signed area of a closed ring in m², by GeographicLib or else by the survey-size method where it applies. */
    public static double signedRingSqm(Coordinate[] coordinates, boolean byGeographicLib) {
        if (coordinates.length < 4) {
            return 0.0;
        }
        double fast = byGeographicLib ? Double.NaN : EqualAreaRing.signedAreaSqm(coordinates);
        return Double.isNaN(fast) ? signedByGeographicLibSqm(coordinates) : fast;
    }

    private static double signedByGeographicLibSqm(Coordinate[] coordinates) {
        PolygonArea polygon = new PolygonArea(Geodesic.WGS84, false);
        // the closing vertex repeats the first: GeographicLib closes the ring itself
        for (int i = 0; i < coordinates.length - 1; i++) {
            polygon.AddPoint(coordinates[i].y, coordinates[i].x);
        }
        return polygon.Compute(false, true).area;
    }

    /** As {@link #ofRingSqm(LinearRing)}, always by GeographicLib's {@code PolygonArea} (the reference). */
    public static double ofRingByGeographicLibSqm(LinearRing ring) {
        Coordinate[] coordinates = ring.getCoordinates();
        return coordinates.length < 4 ? 0.0 : ofRingByGeographicLibSqm(coordinates);
    }

    private static double ofRingByGeographicLibSqm(Coordinate[] coordinates) {
        return Math.abs(signedByGeographicLibSqm(coordinates));
    }

    /** The geodesic area in m²; see the class rules. */
    public double getResultSqm() {
        if (geometry == null) {
            throw new IllegalArgumentException("no geometry to measure");
        }
        if (geometry.isEmpty()) {
            return 0.0;
        }
        if (geometry instanceof Polygon polygon) {
            return ofPolygonSqm(polygon);
        }
        if (geometry instanceof MultiPolygon multiPolygon) {
            double sum = 0.0;
            for (int i = 0; i < multiPolygon.getNumGeometries(); i++) {
                sum += ofPolygonSqm((Polygon) multiPolygon.getGeometryN(i));
            }
            return sum;
        }
        throw new IllegalArgumentException(
                "a geodesic area needs a Polygon or MultiPolygon, not a " + geometry.getGeometryType());
    }

    private static double ofPolygonSqm(Polygon polygon) {
        if (polygon.isEmpty()) {
            return 0.0;
        }
        double area = ofRingSqm(polygon.getExteriorRing());
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            area -= ofRingSqm(polygon.getInteriorRingN(i));
        }
        return area;
    }
}
