package org.clearancemap.hazard;

import java.time.LocalDate;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * One version of a hazardous area as uploaded, ready to be written.
 *
 * @param externalId     the operator's id of the hazard, stable across versions
 * @param classification {@code SHA} or {@code CHA}
 * @param recordedOn     the date this version is valid from
 * @param attributesJson every other property of the feature, as a JSON object
 * @param geom4326       the area, valid, in WGS 84
 * @param areaSqm        geodesic area of {@code geom4326} on the WGS 84 ellipsoid
 */
public record HazardVersion(String externalId, String classification, LocalDate recordedOn, String contamination,
        String evidence, String attributesJson, MultiPolygon geom4326, double areaSqm) {
}
