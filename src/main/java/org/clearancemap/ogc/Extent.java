package org.clearancemap.ogc;

import java.time.LocalDate;

/**
 * Where and when a collection's data lies.
 *
 * @param bbox  minLon, minLat, maxLon, maxLat (minLon &gt; maxLon when the data crosses the antimeridian), or null when empty
 * @param first earliest date of the temporal property, or null
 * @param last  latest date of the temporal property, or null
 */
public record Extent(double[] bbox, LocalDate first, LocalDate last) {
}
