package org.clearancemap.land;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * One version of a land release as uploaded, ready to be written.
 *
 * @param externalId       the operator's id of the release, stable across versions
 * @param method           how the land was released
 * @param completedOn      the date the land was released
 * @param itemsDestroyed   submunitions destroyed, when reported
 * @param hazardExternalId the hazard this release belongs to, when known
 * @param attributesJson   every other property of the feature, as a JSON object
 * @param geom4326         the area, valid, in WGS 84
 * @param areaSqm          geodesic area of {@code geom4326} on the WGS 84 ellipsoid
 */
public record ReleaseVersion(String externalId, ReleaseMethod method, LocalDate completedOn, String operator,
        Integer itemsDestroyed, String hazardExternalId, AdminArea admin, String attributesJson, MultiPolygon geom4326,
        double areaSqm) implements LandVersion {

    @Override
    public LandKind kind() {
        return LandKind.RELEASES;
    }

    /** In the order of {@link LandKind#RELEASES}' described columns. */
    @Override
    public List<Object> described() {
        return Arrays.asList(method.key(), completedOn, operator, itemsDestroyed, hazardExternalId, admin.admin1(),
                admin.admin2(), admin.pcode());
    }
}
