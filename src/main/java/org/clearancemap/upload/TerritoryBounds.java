package org.clearancemap.upload;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.clearancemap.geo.Territories;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * Rejects features that lie far outside their State Party's territory, the usual sign of swapped
 * latitude/longitude or of projected coordinates read as degrees.
 *
 * <p>"Far" is more than {@link #TOLERANCE_DEGREES} (about 50 km) from the Natural Earth 1:50m
 * territory: the boundaries are coarse, and hazards along a border or a coast are common. A
 * State without a known territory is not checked. The prepared territories are built once per
 * State and kept.
 */
final class TerritoryBounds {
    static final double TOLERANCE_DEGREES = 0.5;

    private final Territories territories;
    private final Map<String, Optional<Prepared>> prepared = new ConcurrentHashMap<>();

    TerritoryBounds(Territories territories) {
        this.territories = territories;
    }

    private record Prepared(PreparedGeometry area, IndexedFacetDistance distance) {
    }

    /**
     * The check for one State Party, or null when its territory is unknown.
     *
     * @param crsDeclared whether the file declared its coordinate reference system ({@link GeoJsonSource#crsDeclared})
     */
    FeatureCheck.TerritoryCheck of(String iso3, String name, boolean crsDeclared) {
        Optional<Prepared> p = prepared.computeIfAbsent(iso3, code -> territories.territory(code)
                .map(t -> new Prepared(PreparedGeometryFactory.prepare(t), new IndexedFacetDistance(t))));
        if (p.isEmpty()) {
            return null;
        }
        Prepared t = p.get();
        return (feature, externalId, geometry) -> {
            if (near(t, geometry)) {
                return null;
            }
            Point centre = geometry.getInteriorPoint();
            double km = t.distance().distance(centre) * 111.32;
            String hint;
            Point marked = centre;
            Geometry swapped = swapped(geometry);
            if (near(t, swapped)) {
                hint = "latitude and longitude look swapped: coordinates must be [longitude, latitude] "
                        + "(the map marks the feature swapped back)";
                marked = swapped.getInteriorPoint();
            } else if (crsDeclared) {
                hint = "the coordinates were reprojected from the coordinate reference system the file declares "
                        + "(a Shapefile's .prj, a GeoPackage's SRS, an Esri spatialReference, a crs member): "
                        + "easting and northing may be "
                        + "swapped, or that system may not be the one the coordinates are in (another UTM zone "
                        + "or datum); check it against the coordinates";
            } else {
                hint = "check the coordinate reference system: a file without one is read as WGS 84 "
                        + "longitude/latitude (declare it in a legacy GeoJSON \"crs\" member or a Shapefile .prj)";
            }
            return FeatureProblem.at(feature, externalId, "outside-territory", "the feature lies about "
                    + Math.round(km) + " km outside the territory of " + name + "; " + hint, marked.getX(),
                    marked.getY());
        };
    }

    private static boolean near(Prepared t, Geometry g) {
        if (t.area().intersects(g)) {
            return true;
        }
        return t.distance().isWithinDistance(g.getEnvelope(), TOLERANCE_DEGREES);
    }

    private static Geometry swapped(MultiPolygon g) {
        Geometry copy = g.copy();
        copy.apply((org.locationtech.jts.geom.CoordinateFilter) (Coordinate c) -> {
            double x = c.x;
            c.x = c.y;
            c.y = x;
        });
        copy.geometryChanged();
        return copy;
    }
}
