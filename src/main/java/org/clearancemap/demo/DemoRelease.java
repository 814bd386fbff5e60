package org.clearancemap.demo;

import java.time.LocalDate;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * One synthetic land release, as it is stored (always version 1,
 * never superseded). {@code itemsDestroyed} is set for clearance only; {@code hazardExternalId}
 * is null for land released outside any hazard.
 */
public record DemoRelease(
        String externalId,
        String method,
        LocalDate completedOn,
        String operator,
        Integer itemsDestroyed,
        String hazardExternalId,
        MultiPolygon geom4326,
        double areaSqm) {
}
