package org.clearancemap.land;

import java.time.LocalDate;
import org.locationtech.jts.geom.Geometry;

/**
 * A stored hazard version as the area engine sees it: its footprint, valid from {@code recordedOn}
 * until {@code validUntil} (exclusive; null while current).
 */
public record MappedHazard(long id, Classification classification, LocalDate recordedOn, LocalDate validUntil,
        Geometry geom4326) {

    /** Whether the hazard is confirmed (CHA) rather than suspected (SHA). */
    public boolean confirmed() {
        return classification == Classification.CHA;
    }

    /** Whether this version is the one in force on {@code date}. */
    public boolean validOn(LocalDate date) {
        return !recordedOn.isAfter(date) && (validUntil == null || validUntil.isAfter(date));
    }
}
