package org.clearancemap.tiles;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;
import org.clearancemap.ogc.Collection;

/**
 * Vector tiles, one SQL round trip each. Rows are found through the GiST index on
 * {@code geom4326} with the tile's WGS 84 box (plus a margin for the buffer), projected to Web
 * Mercator, clipped and quantised by {@code ST_AsMVTGeom} to the {@code ST_TileEnvelope} of
 * {@code z/x/y}, and encoded by {@code ST_AsMVT}.
 */
public final class TileRepository {
    /** Tile resolution and the buffer around it, in tile units (the PostGIS defaults). */
    static final int EXTENT = 4096;
    static final int BUFFER = 64;
    /** The index box grows by twice the buffer, so that nothing that can reach the buffer is missed. */
    static final double INDEX_MARGIN = 2.0 * BUFFER / EXTENT;

    /** Binds: z, x, y; minLon, minLat, maxLon, maxLat. */
    private static final String HAZARDS = """
            SELECT ST_AsMVT(t, 'hazards', 4096, 'geom', 'id') FROM (
                SELECT id, iso3 AS state_party, external_id, classification, recorded_on::text AS recorded_on, area_sqm,
                       ST_AsMVTGeom(ST_Transform(geom4326, 3857), ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom
                  FROM hazard
                 WHERE valid_until IS NULL AND geom4326 && ST_MakeEnvelope(?, ?, ?, ?, 4326)) t
             WHERE geom IS NOT NULL
            """;
    /** Binds: z, x, y; minLon, minLat, maxLon, maxLat. */
    private static final String RELEASES = """
            SELECT ST_AsMVT(t, 'releases', 4096, 'geom', 'id') FROM (
                SELECT id, iso3 AS state_party, external_id, method, completed_on::text AS completed_on, area_sqm,
                       ST_AsMVTGeom(ST_Transform(geom4326, 3857), ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom
                  FROM land_release
                 WHERE superseded_at IS NULL AND geom4326 && ST_MakeEnvelope(?, ?, ?, ?, 4326)) t
             WHERE geom IS NOT NULL
            """;
    /**
     * Remaining land inside the tile only: (H ∩ box) − (R ∩ box) equals (H − R) ∩ box, so each tile
     * computes its own small difference. Binds: minLon, minLat, maxLon, maxLat; day, day (hazards);
     * day (releases); z, x, y.
     */
    private static final String REMAINING = """
            WITH box AS (SELECT ST_MakeEnvelope(?, ?, ?, ?, 4326) AS b),
            h AS (
                SELECT iso3, ST_Union(ST_Intersection(geom4326, box.b)) AS g FROM hazard, box
                 WHERE geom4326 && box.b AND recorded_on <= ? AND (valid_until IS NULL OR valid_until > ?)
                 GROUP BY iso3),
            r AS (
                SELECT iso3, ST_Union(ST_Intersection(geom4326, box.b)) AS g FROM land_release, box
                 WHERE geom4326 && box.b AND superseded_at IS NULL AND completed_on <= ?
                 GROUP BY iso3)
            SELECT ST_AsMVT(t, 'remaining', 4096, 'geom') FROM (
                SELECT h.iso3 AS state_party,
                       ST_AsMVTGeom(ST_Transform(ST_CollectionExtract(
                           CASE WHEN r.g IS NULL THEN h.g ELSE ST_Difference(h.g, r.g) END, 3), 3857),
                           ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom
                  FROM h LEFT JOIN r USING (iso3)) t
             WHERE geom IS NOT NULL
            """;
    /**
     * A fingerprint of the served data: changes whenever a hazard or release is inserted, superseded,
     * retired or deleted (rows are never edited in place otherwise).
     */
    private static final String DATA_VERSION = """
            SELECT concat_ws('-',
                     (SELECT coalesce(max(id), 0) FROM hazard), (SELECT count(*) FROM hazard WHERE valid_until IS NULL),
                     (SELECT coalesce(max(id), 0) FROM land_release),
                     (SELECT count(*) FROM land_release WHERE superseded_at IS NULL))
            """;

    private final DataSource dataSource;

    public TileRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The SQL of a collection's tile (the benchmark runs it raw). */
    public static String sql(Collection collection) {
        return switch (collection) {
            case HAZARDS -> HAZARDS;
            case RELEASES -> RELEASES;
            case REMAINING -> REMAINING;
        };
    }

    /** Binds a tile's values in the order {@link #sql(Collection)} takes them. */
    public static void bind(PreparedStatement ps, Collection collection, TileAddress tile, LocalDate today) throws SQLException {
        double[] box = tile.bounds4326(INDEX_MARGIN);
        int i = 1;
        if (collection == Collection.REMAINING) {
            for (double v : box) {
                ps.setDouble(i++, v);
            }
            Date day = Date.valueOf(today);
            ps.setDate(i++, day);
            ps.setDate(i++, day);
            ps.setDate(i++, day);
            ps.setInt(i++, tile.z());
            ps.setInt(i++, tile.x());
            ps.setInt(i, tile.y());
            return;
        }
        ps.setInt(i++, tile.z());
        ps.setInt(i++, tile.x());
        ps.setInt(i++, tile.y());
        for (double v : box) {
            ps.setDouble(i++, v);
        }
    }

    /** The tile's bytes; empty when no feature reaches it. */
    public byte[] tile(Collection collection, TileAddress tile, LocalDate today) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql(collection))) {
            bind(ps, collection, tile, today);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                byte[] bytes = rs.getBytes(1);
                return bytes == null ? new byte[0] : bytes;
            }
        } catch (SQLException e) {
            throw new DataAccessException("making tile " + collection.id() + "/" + tile.z() + "/" + tile.x() + "/" + tile.y(), e);
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
}
