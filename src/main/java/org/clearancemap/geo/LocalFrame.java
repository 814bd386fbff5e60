package org.clearancemap.geo;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryTransformer;

/**
 * A local metric frame around a centre on the WGS 84 ellipsoid: {@code x} metres east and
 * {@code y} metres north of the centre, mapped to lon/lat (EPSG:4326) and back.
 *
 * <p>Rules:
 * <ul>
 *   <li>A local point at distance {@code d = hypot(x, y)} and azimuth {@code atan2(x, y)} (clockwise
 *       from north) is the end of the geodesic of length {@code d} leaving the centre at that
 *       azimuth (GeographicLib's direct problem): distances and azimuths <em>from the centre</em>
 *       are exact (an azimuthal equidistant projection).</li>
 *   <li>Within a few kilometres of the centre, other distances and areas differ from the
 *       ellipsoid's by less than one part in a million.</li>
 *   <li>Lon/lat results are rounded to 1e-8 degree (about 1 mm), so a geometry built the same way
 *       comes out identical on any platform.</li>
 *   <li>Edges stay straight lines between mapped vertices: they are not densified.</li>
 * </ul>
 */
public final class LocalFrame {

    private static final double DEGREE_STEPS = 1e8;
    private static final GeometryFactory LON_LAT = new GeometryFactory(new PrecisionModel(), 4326);

    private final double centreLon;
    private final double centreLat;

    public LocalFrame(double centreLon, double centreLat) {
        this.centreLon = centreLon;
        this.centreLat = centreLat;
    }

    public double centreLon() {
        return centreLon;
    }

    public double centreLat() {
        return centreLat;
    }

    /** The lon/lat of the local point {@code eastM} east and {@code northM} north of the centre. */
    public Coordinate toLonLat(double eastM, double northM) {
        double distanceM = Math.hypot(eastM, northM);
        if (distanceM == 0.0) {
            return new Coordinate(centreLon, centreLat);
        }
        double azimuthDeg = Math.toDegrees(Math.atan2(eastM, northM));
        GeodesicData end = Geodesic.WGS84.Direct(centreLat, centreLon, azimuthDeg, distanceM);
        return new Coordinate(rounded(end.lon2), rounded(end.lat2));
    }

    /** The local point (metres east, north) of a lon/lat position. */
    public Coordinate toLocal(double lon, double lat) {
        GeodesicData path = Geodesic.WGS84.Inverse(centreLat, centreLon, lat, lon);
        double azimuth = Math.toRadians(path.azi1);
        return new Coordinate(path.s12 * Math.sin(azimuth), path.s12 * Math.cos(azimuth));
    }

    /** {@code local} (metres east, north) mapped vertex by vertex to lon/lat, SRID 4326. */
    public Geometry toLonLat(Geometry local) {
        GeometryTransformer transformer = new GeometryTransformer() {
            @Override
            protected CoordinateSequence transformCoordinates(CoordinateSequence coordinates, Geometry parent) {
                Coordinate[] mapped = new Coordinate[coordinates.size()];
                for (int i = 0; i < mapped.length; i++) {
                    mapped[i] = toLonLat(coordinates.getX(i), coordinates.getY(i));
                }
                return factory.getCoordinateSequenceFactory().create(mapped);
            }
        };
        Geometry mapped = transformer.transform(local);
        Geometry result = LON_LAT.createGeometry(mapped);
        result.setSRID(4326);
        return result;
    }

    private static double rounded(double degrees) {
        return Math.round(degrees * DEGREE_STEPS) / DEGREE_STEPS;
    }
}
