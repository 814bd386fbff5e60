package org.clearancemap.land;

import java.time.LocalDate;

/**
 * Where and when a collection's data lies.
 *
 * @param bbox  minLon, minLat, maxLon, maxLat (minLon &gt; maxLon when the data crosses the antimeridian), or null when empty
 * @param first earliest date of the temporal property, or null
 * @param last  latest date of the temporal property, or null
 */
public record Extent(double[] bbox, LocalDate first, LocalDate last) {

    /** The plain box, or the box in shifted longitudes brought back to [-180, 180] when that is narrower. */
    public static double[] narrower(double[] box, double shiftedMin, double shiftedMax) {
        if (shiftedMax - shiftedMin >= box[2] - box[0]) {
            return box;
        }
        double west = shiftedMin > 180 ? shiftedMin - 360 : shiftedMin;
        double east = shiftedMax > 180 ? shiftedMax - 360 : shiftedMax;
        return new double[] {west, box[1], east, box[3]};
    }
}
