package org.clearancemap.land;

import java.util.List;
import org.locationtech.jts.geom.MultiPolygon;

/** A version of a hazard or release as uploaded: what {@link VersionStage} writes. */
public sealed interface LandVersion permits HazardVersion, ReleaseVersion {

    LandKind kind();

    String externalId();

    /** The values of the kind's described columns ({@link LandKind#described()}), in order. */
    List<Object> described();

    String attributesJson();

    MultiPolygon geom4326();

    double areaSqm();
}
