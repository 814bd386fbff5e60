package org.clearancemap.land;

import java.time.LocalDate;

/**
 * Which features of a map layer to return.
 *
 * @param iso3  one State Party, or null for all
 * @param bbox  minLon, minLat, maxLon, maxLat in WGS 84 (minLon &gt; maxLon crosses the antimeridian), or null
 * @param asOf  the date the layer is drawn for
 * @param limit most features to return
 */
public record FeatureFilter(String iso3, double[] bbox, LocalDate asOf, int limit) {

    /**
     * The SQL condition for the bbox on {@code geom4326}, written so the GiST index is used; two
     * boxes when the bbox crosses the antimeridian. Binds nothing when there is no bbox.
     */
    public String bboxCondition() {
        if (bbox == null) {
            return "TRUE";
        }
        if (bbox[0] <= bbox[2]) {
            return "geom4326 && ST_MakeEnvelope(?, ?, ?, ?, 4326)";
        }
        return "(geom4326 && ST_MakeEnvelope(?, ?, 180, ?, 4326) OR geom4326 && ST_MakeEnvelope(-180, ?, ?, ?, 4326))";
    }

    /** Binds the bbox values of {@link #bboxCondition()} from parameter index {@code first}; returns the next index. */
    public int bindBbox(java.sql.PreparedStatement ps, int first) throws java.sql.SQLException {
        if (bbox == null) {
            return first;
        }
        int i = first;
        if (bbox[0] <= bbox[2]) {
            for (double v : bbox) {
                ps.setDouble(i++, v);
            }
            return i;
        }
        ps.setDouble(i++, bbox[0]);
        ps.setDouble(i++, bbox[1]);
        ps.setDouble(i++, bbox[3]);
        ps.setDouble(i++, bbox[1]);
        ps.setDouble(i++, bbox[2]);
        ps.setDouble(i++, bbox[3]);
        return i;
    }
}
