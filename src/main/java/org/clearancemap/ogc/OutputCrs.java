package org.clearancemap.ogc;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;

/**
 * The coordinate reference systems features are served in (OGC API – Features Part 2), each with
 * the PostGIS expression that writes a geometry in it and the way a bbox given in it is brought
 * back to CRS84, where the data is stored.
 *
 * <p>Axis order follows each CRS's definition: CRS84 is longitude, latitude; EPSG:4326 is
 * latitude, longitude; EPSG:3857 is easting, northing in metres (written to the centimetre).
 * Geometries carry no {@code "crs"} member of their own: the {@code Content-Crs} header names it.
 */
public enum OutputCrs {
    CRS84("http://www.opengis.net/def/crs/OGC/1.3/CRS84", "ST_AsGeoJSON(geom4326, 7)"),
    EPSG_4326("http://www.opengis.net/def/crs/EPSG/0/4326", "ST_AsGeoJSON(ST_FlipCoordinates(geom4326), 7)"),
    EPSG_3857("http://www.opengis.net/def/crs/EPSG/0/3857", "ST_AsGeoJSON(ST_Transform(geom4326, 3857), 2, 0)");

    /** Half the circumference of the Web Mercator sphere, in metres. */
    private static final double MERCATOR_HALF = 20037508.342789244;

    private final String uri;
    private final String geoJsonSql;

    OutputCrs(String uri, String geoJsonSql) {
        this.uri = uri;
        this.geoJsonSql = geoJsonSql;
    }

    public String uri() {
        return uri;
    }

    /** The SQL expression writing {@code geom4326} as GeoJSON geometry text in this CRS. */
    String geoJsonSql() {
        return geoJsonSql;
    }

    public static List<String> uris() {
        return Arrays.stream(values()).map(OutputCrs::uri).collect(Collectors.toList());
    }

    /** The CRS named by a parameter; CRS84 when absent; 400 naming the parameter when unknown. */
    public static OutputCrs parse(String raw, String parameter) {
        if (raw == null) {
            return CRS84;
        }
        Optional<OutputCrs> crs = Arrays.stream(values()).filter(c -> c.uri.equals(raw.trim())).findFirst();
        return crs.orElseThrow(() -> ApiException.BadRequest.parameter(parameter, parameter + " must be one of "
                + String.join(", ", uris()) + " (got '" + Params.abbreviate(raw) + "')."));
    }

    /**
     * A bbox given in this CRS as minLon, minLat, maxLon, maxLat in CRS84 (the four numbers in this
     * CRS's axis order: for EPSG:4326 minLat, minLon, maxLat, maxLon).
     */
    double[] toCrs84(double[] box) {
        return switch (this) {
            case CRS84 -> box;
            case EPSG_4326 -> new double[] {box[1], box[0], box[3], box[2]};
            case EPSG_3857 -> new double[] {
                box[0] / MERCATOR_HALF * 180, latitude(box[1]), box[2] / MERCATOR_HALF * 180, latitude(box[3])};
        };
    }

    private static double latitude(double northing) {
        return Math.toDegrees(Math.atan(Math.sinh(northing / MERCATOR_HALF * Math.PI)));
    }
}
