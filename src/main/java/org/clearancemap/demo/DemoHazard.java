package org.clearancemap.demo;

import java.time.LocalDate;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * One synthetic hazardous-area version, as it goes into the {@code hazard} table.
 *
 * <p>A version is valid from {@code recordedOn} until {@code validUntil} (exclusive, null while
 * current); a retired version has {@code retiredOn == validUntil} and a reason.
 */
public record DemoHazard(
        String externalId,
        int version,
        String classification,
        LocalDate recordedOn,
        LocalDate validUntil,
        LocalDate retiredOn,
        String retiredReason,
        String contamination,
        String evidence,
        MultiPolygon geom4326,
        double areaSqm) {

    /** Whether this version is the hazard's open one (not superseded, not retired). */
    public boolean isCurrent() {
        return validUntil == null;
    }
}
