package org.clearancemap.release;

import java.sql.Date;
import javax.sql.DataSource;
import org.clearancemap.db.FeatureFilter;
import org.clearancemap.db.GeoJsonPage;

/** Reads land releases for the map. */
public final class ReleaseRepository {

    /** Current versions of the releases completed on or before a date. */
    private static final String SELECT = """
            SELECT json_build_object(
                     'type', 'Feature',
                     'id', id,
                     'geometry', ST_AsGeoJSON(geom4326, 7)::json,
                     'properties', json_build_object(
                        'id', id, 'iso3', iso3, 'externalId', external_id, 'version', version,
                        'method', method, 'completedOn', completed_on, 'operator', operator,
                        'itemsDestroyed', items_destroyed, 'hazardExternalId', hazard_external_id,
                        'areaSqm', area_sqm, 'uploadId', upload_id, 'synthetic', synthetic))::text
              FROM land_release
             WHERE (?::text IS NULL OR iso3 = ?)
               AND superseded_at IS NULL AND completed_on <= ?
               AND %s
             ORDER BY id
             LIMIT ?
            """;

    private final DataSource dataSource;

    public ReleaseRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The releases completed on or before {@code filter.asOf()}, as GeoJSON written by PostGIS. */
    public GeoJsonPage completedBy(FeatureFilter filter) {
        String sql = SELECT.formatted(filter.bboxCondition());
        return GeoJsonPage.fetch(dataSource, sql, ps -> {
            ps.setString(1, filter.iso3());
            ps.setString(2, filter.iso3());
            ps.setDate(3, Date.valueOf(filter.asOf()));
            return filter.bindBbox(ps, 4);
        }, filter.limit(), "releases");
    }
}
