package org.clearancemap.progress;

import java.time.LocalDate;
import org.locationtech.jts.geom.Geometry;

/**
 * One version of a hazardous area, valid from {@code recordedOn} until {@code validUntil}
 * (exclusive; null while current).
 *
 * @param confirmed true for CHA, false for SHA
 */
public record HazardVersion(long id, boolean confirmed, LocalDate recordedOn, LocalDate validUntil, Geometry geom4326) {

    /** Whether this version is the one in force on {@code date}. */
    public boolean validOn(LocalDate date) {
        return !recordedOn.isAfter(date) && (validUntil == null || validUntil.isAfter(date));
    }
}
