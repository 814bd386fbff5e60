package org.clearancemap.land;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Optional;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;

/**
 * The current hazards and releases as served features: pages of GeoJSON features, one feature, the
 * extent, vector tiles, and a fingerprint of the data. PostGIS writes every feature; the bbox goes
 * through the GiST index on {@code geom4326}.
 */
public final class LandFeatures {

    /**
     * A current version as a GeoJSON Feature, in the one property vocabulary; the geometry text
     * ({@code {geometry}}: a GeoJSON expression on {@code geom4326}) is concatenated, never re-parsed.
     * Formatted with: the kind's properties.
     */
    private static final String FEATURE = """
            '{"type":"Feature","id":' || id || ',"geometry":' || {geometry}
              || ',"properties":' || json_build_object(
                   'state_party', iso3, 'external_id', external_id, 'version', version,
                   %s,
                   'area_sqm', area_sqm)::text || '}'
            """;
    private static final String HAZARD_FEATURE = FEATURE.formatted("""
            'classification', classification, 'recorded_on', recorded_on,
                   'contamination', contamination, 'evidence', evidence,
                   'admin1', admin1, 'admin2', admin2, 'pcode', pcode""");
    private static final String RELEASE_FEATURE = FEATURE.formatted("""
            'method', method, 'completed_on', completed_on, 'operator', operator,
                   'items_destroyed', items_destroyed, 'hazard_external_id', hazard_external_id,
                   'admin1', admin1, 'admin2', admin2, 'pcode', pcode""");

    /**
     * The page's ids are chosen first, so that PostGIS writes GeoJSON for the returned rows only,
     * not for the rows OFFSET skips; the same scan counts every match ({@code numberMatched}).
     * Formatted with: feature, table, current view, condition.
     */
    private static final String PAGE = """
            SELECT %1$s, matched FROM %2$s
              JOIN (SELECT id, count(*) OVER () AS matched FROM %3$s WHERE %4$s ORDER BY id LIMIT ? OFFSET ?) page USING (id)
             ORDER BY id
            """;
    private static final String COUNT = "SELECT count(*) FROM %s WHERE %s";
    private static final String ONE = "SELECT %s FROM %s WHERE id = ?";
    private static final String EXTENT = """
            SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b), first, last
              FROM (SELECT ST_Extent(geom4326) AS b, min(%2$s) AS first, max(%2$s) AS last FROM %1$s) e
            """;
    /** Longitudes in [0, 360): narrower than the plain extent when the data crosses the antimeridian. */
    private static final String SHIFTED_EXTENT = """
            SELECT ST_XMin(b), ST_XMax(b) FROM (SELECT ST_Extent(ST_ShiftLongitude(geom4326)) AS b FROM %s) e
            """;

    /*
     * In the tile queries, OFFSET 0 keeps PostgreSQL from folding the inner query into the outer
     * one, which would compute ST_AsMVTGeom twice per feature: once for "geom IS NOT NULL", once
     * for the tile.
     */

    /**
     * A tile of current versions. Binds: z, x, y; minLon, minLat, maxLon, maxLat of the box to look
     * in. Formatted with: the layer's name, the kind's properties, its view.
     */
    private static final String TILE = """
            SELECT ST_AsMVT(t, '%s', 4096, 'geom', 'id' ORDER BY t.id) FROM (
                SELECT id, iso3 AS state_party, external_id, %s, area_sqm,
                       ST_AsMVTGeom(ST_Transform(geom4326, 3857), ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom
                  FROM %s
                 WHERE geom4326 && ST_MakeEnvelope(?, ?, ?, ?, 4326)
                OFFSET 0) t
             WHERE geom IS NOT NULL
            """;
    private static final String HAZARD_TILE = TILE.formatted("hazards",
            "classification, recorded_on::text AS recorded_on", "land.current_hazard");
    private static final String RELEASE_TILE = TILE.formatted("releases",
            "method, completed_on::text AS completed_on", "land.current_release");

    /**
     * A fingerprint of the served data: changes whenever a hazard or release is inserted, superseded,
     * retired or deleted (rows are never edited in place otherwise).
     */
    private static final String DATA_VERSION = """
            SELECT concat_ws('-',
                     (SELECT coalesce(max(id), 0) FROM hazard), (SELECT count(*) FROM land.current_hazard),
                     (SELECT coalesce(max(id), 0) FROM land_release), (SELECT count(*) FROM land.current_release))
            """;

    private final DataSource dataSource;

    public LandFeatures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The page query, bound and ready to run: one GeoJSON Feature text per row (geometry written by
     * {@code geometrySql}), then how many features match in all.
     */
    public static PreparedStatement preparePage(Connection c, LandKind kind, String geometrySql, Condition where,
            int limit, long offset) throws SQLException {
        PreparedStatement ps = c.prepareStatement(PAGE.formatted(feature(kind, geometrySql), kind.table(),
                kind.current(), where.sql()));
        int i = where.bind(ps, 1);
        ps.setInt(i++, limit);
        ps.setLong(i, offset);
        ps.setFetchSize(1000);
        return ps;
    }

    /** One page of the current features of {@code kind} that meet {@code where}, and how many match in all. */
    public FeaturePage page(LandKind kind, String geometrySql, Condition where, int limit, long offset) {
        try (Connection c = dataSource.getConnection()) {
            var features = new ArrayList<byte[]>(Math.min(limit, 1000));
            long matched = -1;
            try (PreparedStatement ps = preparePage(c, kind, geometrySql, where, limit, offset);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    features.add(rs.getBytes(1));
                    matched = rs.getLong(2);
                }
            }
            if (matched < 0) {
                // a page past the end has no row to carry the count
                try (PreparedStatement ps = c.prepareStatement(COUNT.formatted(kind.current(), where.sql()))) {
                    where.bind(ps, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        matched = rs.getLong(1);
                    }
                }
            }
            return new FeaturePage(features, matched);
        } catch (SQLException e) {
            throw new DataAccessException("reading " + kind.singular() + " features", e);
        }
    }

    /** The current feature of {@code kind} with this id, if any. */
    public Optional<String> one(LandKind kind, String geometrySql, long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(ONE.formatted(feature(kind, geometrySql), kind.current()))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading one " + kind.singular() + " feature", e);
        }
    }

    /** The bbox and date range of the current versions of {@code kind}. */
    public Extent extent(LandKind kind) {
        try (Connection c = dataSource.getConnection()) {
            double[] box = null;
            java.sql.Date first;
            java.sql.Date last;
            try (PreparedStatement ps = c.prepareStatement(EXTENT.formatted(kind.current(), kind.dateColumn()));
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getObject(1) != null) {
                    box = new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
                }
                first = rs.getDate(5);
                last = rs.getDate(6);
            }
            if (box != null && box[2] - box[0] > 180) {
                try (PreparedStatement ps = c.prepareStatement(SHIFTED_EXTENT.formatted(kind.current()));
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    box = Extent.narrower(box, rs.getDouble(1), rs.getDouble(2));
                }
            }
            return new Extent(box, first == null ? null : first.toLocalDate(), last == null ? null : last.toLocalDate());
        } catch (SQLException e) {
            throw new DataAccessException("reading the extent of the " + kind.singular() + " features", e);
        }
    }

    /** The SQL of a tile of {@code kind}'s current features (binds: z, x, y, then the box to look in). */
    public static String tileSql(LandKind kind) {
        return kind == LandKind.HAZARDS ? HAZARD_TILE : RELEASE_TILE;
    }

    /** The tile's bytes; empty when no feature in {@code box4326} (minLon, minLat, maxLon, maxLat) reaches it. */
    public byte[] tile(LandKind kind, int z, int x, int y, double[] box4326) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(tileSql(kind))) {
            bindTile(ps, z, x, y, box4326);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                byte[] bytes = rs.getBytes(1);
                return bytes == null ? new byte[0] : bytes;
            }
        } catch (SQLException e) {
            throw new DataAccessException("making tile " + kind.singular() + "s/" + z + "/" + x + "/" + y, e);
        }
    }

    /** Binds a tile's values in the order {@link #tileSql} takes them. */
    public static void bindTile(PreparedStatement ps, int z, int x, int y, double[] box4326) throws SQLException {
        int i = 1;
        ps.setInt(i++, z);
        ps.setInt(i++, x);
        ps.setInt(i++, y);
        for (double v : box4326) {
            ps.setDouble(i++, v);
        }
    }

    /** The current fingerprint of the data (see {@link #DATA_VERSION}). */
    public String dataVersion() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DATA_VERSION);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new DataAccessException("reading the data version", e);
        }
    }

    private static String feature(LandKind kind, String geometrySql) {
        return (kind == LandKind.HAZARDS ? HAZARD_FEATURE : RELEASE_FEATURE).replace("{geometry}", geometrySql);
    }
}
