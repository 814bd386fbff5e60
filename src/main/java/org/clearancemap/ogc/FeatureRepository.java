package org.clearancemap.ogc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Optional;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;

/**
 * Reads the {@code hazards} and {@code releases} collections: pages of features, one feature, the
 * extent. PostGIS writes each feature as GeoJSON text; the bbox goes through the GiST index on
 * {@code geom4326}.
 */
public final class FeatureRepository {

    /**
     * A current hazard version as a GeoJSON Feature; the geometry text ({@code {geometry}}: an
     * {@link OutputCrs} expression) is concatenated, never re-parsed.
     */
    private static final String HAZARD_FEATURE = """
            '{"type":"Feature","id":' || id || ',"geometry":' || {geometry}
              || ',"properties":' || json_build_object(
                   'state_party', iso3, 'external_id', external_id, 'version', version,
                   'classification', classification, 'recorded_on', recorded_on,
                   'contamination', contamination, 'evidence', evidence, 'area_sqm', area_sqm)::text || '}'
            """;
    private static final String RELEASE_FEATURE = """
            '{"type":"Feature","id":' || id || ',"geometry":' || {geometry}
              || ',"properties":' || json_build_object(
                   'state_party', iso3, 'external_id', external_id, 'version', version,
                   'method', method, 'completed_on', completed_on, 'operator', operator,
                   'items_destroyed', items_destroyed, 'hazard_external_id', hazard_external_id,
                   'area_sqm', area_sqm)::text || '}'
            """;
    private static final String HAZARD_CURRENT = "valid_until IS NULL";
    private static final String RELEASE_CURRENT = "superseded_at IS NULL";

    /**
     * The page's ids are chosen first, so that PostGIS writes GeoJSON for the returned rows only,
     * not for the rows OFFSET skips; the same scan counts every match ({@code numberMatched}).
     * Formatted with: feature, table, condition.
     */
    private static final String PAGE = """
            SELECT %1$s, matched FROM %2$s
              JOIN (SELECT id, count(*) OVER () AS matched FROM %2$s WHERE %3$s ORDER BY id LIMIT ? OFFSET ?) page USING (id)
             ORDER BY id
            """;
    private static final String COUNT = "SELECT count(*) FROM %s WHERE %s";
    private static final String ONE = "SELECT %s FROM %s WHERE %s AND id = ?";
    private static final String EXTENT = """
            SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b), first, last
              FROM (SELECT ST_Extent(geom4326) AS b, min(%2$s) AS first, max(%2$s) AS last FROM %1$s WHERE %3$s) e
            """;
    /** Longitudes in [0, 360): narrower than the plain extent when the data crosses the antimeridian. */
    private static final String SHIFTED_EXTENT = """
            SELECT ST_XMin(b), ST_XMax(b) FROM (SELECT ST_Extent(ST_ShiftLongitude(geom4326)) AS b FROM %s WHERE %s) e
            """;

    /** A collection's table, the condition selecting its current rows, its date column and its feature text. */
    private record Table(String name, String current, String dateColumn, String feature) {
    }

    private static final Table HAZARDS = new Table("hazard", HAZARD_CURRENT, "recorded_on", HAZARD_FEATURE);
    private static final Table RELEASES = new Table("land_release", RELEASE_CURRENT, "completed_on", RELEASE_FEATURE);

    private final DataSource dataSource;

    public FeatureRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The page query of the collection, bound and ready to run: one GeoJSON Feature text per row,
     * then how many features match in all.
     */
    static PreparedStatement preparePage(Connection c, Collection collection, ItemsQuery query) throws SQLException {
        Table t = table(collection);
        Where where = where(t, query);
        PreparedStatement ps = c.prepareStatement(PAGE.formatted(feature(t, query.crs()), t.name(), where.sql()));
        int i = where.bind(ps, 1);
        ps.setInt(i++, query.limit());
        ps.setLong(i, query.offset());
        ps.setFetchSize(1000);
        return ps;
    }

    /** One page of the collection and how many features match in all. */
    public FeaturePage page(Collection collection, ItemsQuery query) {
        Table t = table(collection);
        Where where = where(t, query);
        try (Connection c = dataSource.getConnection()) {
            var features = new ArrayList<byte[]>(Math.min(query.limit(), 1000));
            long matched = -1;
            try (PreparedStatement ps = preparePage(c, collection, query); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    features.add(rs.getBytes(1));
                    matched = rs.getLong(2);
                }
            }
            if (matched < 0) {
                // a page past the end has no row to carry the count
                try (PreparedStatement ps = c.prepareStatement(COUNT.formatted(t.name(), where.sql()))) {
                    where.bind(ps, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        matched = rs.getLong(1);
                    }
                }
            }
            return new FeaturePage(features, matched);
        } catch (SQLException e) {
            throw new DataAccessException("reading " + collection.id(), e);
        }
    }

    /** The current feature with this id, if any. */
    public Optional<String> one(Collection collection, long id, OutputCrs crs) {
        Table t = table(collection);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(ONE.formatted(feature(t, crs), t.name(), t.current()))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading one feature of " + collection.id(), e);
        }
    }

    /** The bbox and date range of the collection's current rows. */
    public Extent extent(Collection collection) {
        Table t = table(collection);
        try (Connection c = dataSource.getConnection()) {
            double[] box = null;
            java.sql.Date first;
            java.sql.Date last;
            try (PreparedStatement ps = c.prepareStatement(EXTENT.formatted(t.name(), t.dateColumn(), t.current()));
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getObject(1) != null) {
                    box = new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
                }
                first = rs.getDate(5);
                last = rs.getDate(6);
            }
            if (box != null && box[2] - box[0] > 180) {
                try (PreparedStatement ps = c.prepareStatement(SHIFTED_EXTENT.formatted(t.name(), t.current()));
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    box = narrower(box, rs.getDouble(1), rs.getDouble(2));
                }
            }
            return new Extent(box, first == null ? null : first.toLocalDate(), last == null ? null : last.toLocalDate());
        } catch (SQLException e) {
            throw new DataAccessException("reading the extent of " + collection.id(), e);
        }
    }

    /** The plain box, or the box in shifted longitudes brought back to [-180, 180] when that is narrower. */
    static double[] narrower(double[] box, double shiftedMin, double shiftedMax) {
        if (shiftedMax - shiftedMin >= box[2] - box[0]) {
            return box;
        }
        double west = shiftedMin > 180 ? shiftedMin - 360 : shiftedMin;
        double east = shiftedMax > 180 ? shiftedMax - 360 : shiftedMax;
        return new double[] {west, box[1], east, box[3]};
    }

    private static String feature(Table t, OutputCrs crs) {
        return t.feature().replace("{geometry}", crs.geoJsonSql());
    }

    private static Where where(Table t, ItemsQuery query) {
        return new Where(t.current())
                .bbox(query.bbox())
                .dates(t.dateColumn(), query.datetime())
                .equalities(query.filters())
                .cql(query.filter());
    }

    private static Table table(Collection collection) {
        return switch (collection) {
            case HAZARDS -> HAZARDS;
            case RELEASES -> RELEASES;
            case REMAINING -> throw new IllegalArgumentException("remaining is computed by RemainingAreas");
        };
    }
}
