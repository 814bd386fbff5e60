package org.clearancemap.hazard;

import java.sql.Date;
import javax.sql.DataSource;
import org.clearancemap.db.FeatureFilter;
import org.clearancemap.db.GeoJsonPage;

/** Reads hazardous-area versions for the map. */
public final class HazardRepository {

    /** Versions valid on a date: recorded on or before it, not yet superseded or retired on it. */
    private static final String SELECT = """
            SELECT json_build_object(
                     'type', 'Feature',
                     'id', id,
                     'geometry', ST_AsGeoJSON(geom4326, 7)::json,
                     'properties', json_build_object(
                        'id', id, 'iso3', iso3, 'externalId', external_id, 'version', version,
                        'classification', classification, 'recordedOn', recorded_on,
                        'validUntil', valid_until, 'retiredOn', retired_on,
                        'contamination', contamination, 'evidence', evidence,
                        'areaSqm', area_sqm, 'uploadId', upload_id, 'synthetic', synthetic))::text
              FROM hazard
             WHERE (?::text IS NULL OR iso3 = ?)
               AND recorded_on <= ? AND (valid_until IS NULL OR valid_until > ?)
               AND %s
             ORDER BY id
             LIMIT ?
            """;

    private final DataSource dataSource;

    public HazardRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The hazard versions valid on {@code filter.asOf()}, as GeoJSON written by PostGIS. */
    public GeoJsonPage validOn(FeatureFilter filter) {
        String sql = SELECT.formatted(filter.bboxCondition());
        return GeoJsonPage.fetch(dataSource, sql, ps -> {
            ps.setString(1, filter.iso3());
            ps.setString(2, filter.iso3());
            ps.setDate(3, Date.valueOf(filter.asOf()));
            ps.setDate(4, Date.valueOf(filter.asOf()));
            return filter.bindBbox(ps, 5);
        }, filter.limit(), "hazards");
    }
}
