package org.clearancemap.ogc;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The {@code remaining} collection: one feature per State Party, the land of its hazardous areas
 * valid on a date not covered by its releases completed by then (H(D) − R(D) in DESIGN.md), with
 * its geodesic area in m².
 *
 * <p>An interface so that the collection can be switched to the progress engine once it exists;
 * {@link PostgisRemainingAreas} computes it in PostGIS meanwhile.
 */
public interface RemainingAreas {

    /** A page of the State Parties with land remaining on {@code asOf}, ordered by ISO3 code, in the query's CRS. */
    FeaturePage page(ItemsQuery query, LocalDate asOf);

    /** The remaining land of one State Party on {@code asOf}, written in {@code crs}, if it has any. */
    Optional<String> one(String iso3, LocalDate asOf, OutputCrs crs);

    /** Where the remaining land can lie: the extent of the current hazardous areas. */
    Extent extent();
}
