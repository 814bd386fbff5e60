package org.clearancemap.map;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import org.clearancemap.db.FeatureFilter;
import org.clearancemap.db.GeoJsonPage;
import org.clearancemap.hazard.HazardRepository;
import org.clearancemap.http.Params;
import org.clearancemap.release.ReleaseRepository;

/**
 * The map page's GeoJSON layers: {@code GET /api/hazards} and {@code GET /api/releases}, each
 * filtered by {@code state_party}, {@code bbox} and {@code asOf}, capped at the configured page size.
 */
public final class MapLayerRoutes {
    private final HazardRepository hazards;
    private final ReleaseRepository releases;
    private final Clock clock;
    private final int maxFeatures;

    public MapLayerRoutes(HazardRepository hazards, ReleaseRepository releases, Clock clock, int maxFeatures) {
        this.hazards = hazards;
        this.releases = releases;
        this.clock = clock;
        this.maxFeatures = maxFeatures;
    }

    public void hazards(Context ctx) throws IOException {
        write(ctx, hazards.validOn(filter(ctx)));
    }

    public void releases(Context ctx) throws IOException {
        write(ctx, releases.completedBy(filter(ctx)));
    }

    private FeatureFilter filter(Context ctx) {
        String iso3 = ctx.queryParam("state_party");
        return new FeatureFilter(
                iso3 == null || iso3.isBlank() ? null : Params.iso3(iso3, "state_party"),
                Params.bbox(ctx, "bbox"),
                Params.date(ctx, "asOf", LocalDate.now(clock)),
                maxFeatures);
    }

    private static void write(Context ctx, GeoJsonPage page) throws IOException {
        var out = new ByteArrayOutputStream();
        page.writeTo(out);
        ctx.contentType("application/geo+json").result(out.toByteArray());
    }
}
