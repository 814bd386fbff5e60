package org.clearancemap.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * A geometry computed in Java written as GeoJSON geometry text, coordinates rounded to a number of
 * decimals (7 for degrees: about 1 cm; as PostGIS writes the stored features). One writer for
 * every place that serves the same geometry, so that they serve the same text.
 */
public final class GeoJsonGeometry {
    /** Decimals of longitude and latitude in served GeoJSON. */
    public static final int DEGREE_DECIMALS = 7;

    private GeoJsonGeometry() {
    }

    /** The geometry as GeoJSON, {@value #DEGREE_DECIMALS} decimals (lon/lat). */
    public static String write(Geometry geometry) {
        return write(geometry, DEGREE_DECIMALS);
    }

    public static String write(Geometry geometry, int decimals) {
        GeoJsonWriter writer = new GeoJsonWriter(decimals);
        writer.setEncodeCRS(false);
        return writer.write(geometry);
    }
}
