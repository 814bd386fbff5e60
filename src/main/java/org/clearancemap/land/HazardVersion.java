package org.clearancemap.land;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * One version of a hazardous area as uploaded, ready to be written.
 *
 * @param externalId     the operator's id of the hazard, stable across versions
 * @param classification suspected or confirmed
 * @param recordedOn     the date this version is valid from
 * @param admin          the admin area the file names
 * @param attributesJson every other property of the feature, as a JSON object
 * @param geom4326       the area, valid, in WGS 84
 * @param areaSqm        geodesic area of {@code geom4326} on the WGS 84 ellipsoid
 */
public record HazardVersion(String externalId, Classification classification, LocalDate recordedOn,
        String contamination, String evidence, AdminArea admin, String attributesJson, MultiPolygon geom4326, double areaSqm)
        implements LandVersion {

    @Override
    public LandKind kind() {
        return LandKind.HAZARDS;
    }

    /** In the order of {@link LandKind#HAZARDS}' described columns. */
    @Override
    public List<Object> described() {
        return Arrays.asList(classification.key(), recordedOn, contamination, evidence, admin.admin1(),
                admin.admin2(), admin.pcode());
    }
}
