package org.clearancemap.land;

import java.time.LocalDate;
import java.util.Comparator;
import org.locationtech.jts.geom.Geometry;

/** A current release as the area engine sees it: land released by {@code method}, completed on {@code completedOn}. */
public record MappedRelease(long id, ReleaseMethod method, LocalDate completedOn, Geometry geom4326) {

    /** The order in which releases claim land: earliest first; same day: cleared, reduced, cancelled. */
    public static final Comparator<MappedRelease> CLAIM_ORDER = Comparator.comparing(MappedRelease::completedOn)
            .thenComparing(MappedRelease::method).thenComparingLong(MappedRelease::id);
}
