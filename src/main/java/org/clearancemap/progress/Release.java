package org.clearancemap.progress;

import java.time.LocalDate;
import java.util.Comparator;
import org.locationtech.jts.geom.Geometry;

/** A current land release version: land released by {@code method}, completed on {@code completedOn}. */
public record Release(long id, ReleaseMethod method, LocalDate completedOn, Geometry geom4326) {

    /** The order in which releases claim land: earliest first; same day: cleared, reduced, cancelled. */
    public static final Comparator<Release> CLAIM_ORDER = Comparator.comparing(Release::completedOn)
            .thenComparing(Release::method).thenComparingLong(Release::id);
}
