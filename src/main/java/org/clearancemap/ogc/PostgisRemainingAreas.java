package org.clearancemap.ogc;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Optional;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;

/**
 * Remaining land computed in PostGIS, per State Party: {@code ST_Difference} of the union of the
 * hazardous areas valid on the date and the union of the releases completed by then. Slivers are
 * not removed here (the progress engine owns that rule).
 */
public final class PostgisRemainingAreas implements RemainingAreas {

    /** Binds: asOf, asOf, iso3, iso3 (hazards); asOf, iso3, iso3 (releases); asOf (property); then the outer WHERE. */
    private static final String REMAINING = """
            WITH h AS (
                SELECT iso3, ST_Union(geom4326) AS g FROM hazard
                 WHERE recorded_on <= ? AND (valid_until IS NULL OR valid_until > ?)
                   AND (?::text IS NULL OR iso3 = ?)
                 GROUP BY iso3),
            r AS (
                SELECT iso3, ST_Union(geom4326) AS g FROM land_release
                 WHERE superseded_at IS NULL AND completed_on <= ?
                   AND (?::text IS NULL OR iso3 = ?)
                 GROUP BY iso3),
            remaining AS (
                SELECT h.iso3, ST_Multi(ST_CollectionExtract(
                         CASE WHEN r.g IS NULL THEN h.g ELSE ST_Difference(h.g, r.g) END, 3)) AS geom4326
                  FROM h LEFT JOIN r USING (iso3))
            SELECT '{"type":"Feature","id":"' || iso3 || '","geometry":' || {geometry}
                     || ',"properties":' || json_build_object(
                          'state_party', iso3, 'name', sp.name, 'as_of', ?::date,
                          'remaining_sqm', ST_Area(geom4326::geography))::text || '}',
                   count(*) OVER ()
              FROM remaining JOIN state_party sp USING (iso3)
             WHERE %s
             ORDER BY iso3
             LIMIT ? OFFSET ?
            """;
    private static final String EXTENT = """
            SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)
              FROM (SELECT ST_Extent(geom4326) AS b FROM hazard WHERE valid_until IS NULL) e
            """;

    private final DataSource dataSource;

    public PostgisRemainingAreas(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public FeaturePage page(ItemsQuery query, LocalDate asOf) {
        return run(query.filters().get(PropertyFilter.STATE_PARTY), asOf, query.bbox(), query.filter(), query.limit(),
                query.offset(), query.crs());
    }

    @Override
    public Optional<String> one(String iso3, LocalDate asOf, OutputCrs crs) {
        var page = run(iso3, asOf, null, null, 1, 0, crs);
        return page.first();
    }

    private FeaturePage run(String iso3, LocalDate asOf, double[] bbox, Cql2Filter filter, int limit, long offset, OutputCrs crs) {
        Where where = new Where("NOT ST_IsEmpty(geom4326)").bbox(bbox).cql(filter);
        Date day = Date.valueOf(asOf);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(REMAINING.replace("{geometry}", crs.geoJsonSql()).formatted(where.sql()))) {
            int i = 1;
            for (Object v : new Object[] {day, day, iso3, iso3, day, iso3, iso3, day}) {
                ps.setObject(i++, v);
            }
            i = where.bind(ps, i);
            ps.setInt(i++, limit);
            ps.setLong(i, offset);
            var features = new ArrayList<byte[]>();
            long matched = -1;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    features.add(rs.getBytes(1));
                    matched = rs.getLong(2);
                }
            }
            if (matched < 0) {
                matched = offset == 0 ? 0 : run(iso3, asOf, bbox, filter, ItemsQuery.MAX_LIMIT, 0, OutputCrs.CRS84).numberMatched();
            }
            return new FeaturePage(features, matched);
        } catch (SQLException e) {
            throw new DataAccessException("computing the remaining land", e);
        }
    }

    @Override
    public Extent extent() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(EXTENT);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getObject(1) == null) {
                return new Extent(null, null, null);
            }
            return new Extent(new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)}, null, null);
        } catch (SQLException e) {
            throw new DataAccessException("reading the extent of the remaining land", e);
        }
    }
}
