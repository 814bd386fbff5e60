package org.clearancemap.tiles;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;
import org.clearancemap.ogc.Collection;
import org.clearancemap.ogc.RemainingAreas;
import org.locationtech.jts.io.WKBWriter;

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

    /*
     * In the tile queries, OFFSET 0 keeps PostgreSQL from folding the inner query into the outer
     * one, which would compute ST_AsMVTGeom twice per feature: once for "geom IS NOT NULL", once
     * for the tile.
     */

    /** Binds: z, x, y; minLon, minLat, maxLon, maxLat. */
    private static final String HAZARDS = """
            SELECT ST_AsMVT(t, 'hazards', 4096, 'geom', 'id' ORDER BY t.id) FROM (
                SELECT id, iso3 AS state_party, external_id, classification, recorded_on::text AS recorded_on, area_sqm,
                       ST_AsMVTGeom(ST_Transform(geom4326, 3857), ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom
                  FROM hazard
                 WHERE valid_until IS NULL AND geom4326 && ST_MakeEnvelope(?, ?, ?, ?, 4326)
                OFFSET 0) t
             WHERE geom IS NOT NULL
            """;
    /** Binds: z, x, y; minLon, minLat, maxLon, maxLat. */
    private static final String RELEASES = """
            SELECT ST_AsMVT(t, 'releases', 4096, 'geom', 'id' ORDER BY t.id) FROM (
                SELECT id, iso3 AS state_party, external_id, method, completed_on::text AS completed_on, area_sqm,
                       ST_AsMVTGeom(ST_Transform(geom4326, 3857), ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom
                  FROM land_release
                 WHERE superseded_at IS NULL AND geom4326 && ST_MakeEnvelope(?, ?, ?, ?, 4326)
                OFFSET 0) t
             WHERE geom IS NOT NULL
            """;
    /**
     * Remaining land: the area engine's remaining land of each State Party, clipped in Java to the
     * tile's box (plus the margin), sent as WKB and encoded here. Binds: z, x, y; codes, WKB (hex).
     */
    private static final String REMAINING = """
            SELECT ST_AsMVT(t, 'remaining', 4096, 'geom' ORDER BY t.state_party) FROM (
                SELECT r.state_party,
                       ST_AsMVTGeom(ST_Transform(ST_GeomFromWKB(decode(r.wkb, 'hex'), 4326), 3857),
                           ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom
                  FROM unnest(?::text[], ?::text[]) AS r(state_party, wkb)
                OFFSET 0) t
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

    /** The SQL of a hazards or releases tile. */
    private static String sql(Collection collection) {
        return switch (collection) {
            case HAZARDS -> HAZARDS;
            case RELEASES -> RELEASES;
            case REMAINING -> throw new IllegalArgumentException("remaining tiles are made by remainingTile");
        };
    }

    /** Binds a tile's values in the order {@link #sql(Collection)} takes them. */
    private static void bind(PreparedStatement ps, TileAddress tile) throws SQLException {
        double[] box = tile.bounds4326(INDEX_MARGIN);
        int i = 1;
        ps.setInt(i++, tile.z());
        ps.setInt(i++, tile.x());
        ps.setInt(i++, tile.y());
        for (double v : box) {
            ps.setDouble(i++, v);
        }
    }

    /** The box a tile's features are looked for in: its WGS 84 box grown by the margin. */
    public static double[] searchBox(TileAddress tile) {
        return tile.bounds4326(INDEX_MARGIN);
    }

    /** The tile's bytes (hazards or releases); empty when no feature reaches it. */
    public byte[] tile(Collection collection, TileAddress tile) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql(collection))) {
            bind(ps, tile);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                byte[] bytes = rs.getBytes(1);
                return bytes == null ? new byte[0] : bytes;
            }
        } catch (SQLException e) {
            throw new DataAccessException("making tile " + collection.id() + "/" + tile.z() + "/" + tile.x() + "/" + tile.y(), e);
        }
    }

    /** The remaining tile of these lands (each clipped to {@link #searchBox}); empty when there is none. */
    public byte[] remainingTile(TileAddress tile, List<RemainingAreas.Land> lands) {
        if (lands.isEmpty()) {
            return new byte[0];
        }
        WKBWriter wkb = new WKBWriter();
        String[] codes = new String[lands.size()];
        String[] geometries = new String[lands.size()];
        for (int i = 0; i < lands.size(); i++) {
            codes[i] = lands.get(i).iso3();
            geometries[i] = WKBWriter.toHex(wkb.write(lands.get(i).geometry()));
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(REMAINING)) {
            ps.setInt(1, tile.z());
            ps.setInt(2, tile.x());
            ps.setInt(3, tile.y());
            ps.setArray(4, c.createArrayOf("text", codes));
            ps.setArray(5, c.createArrayOf("text", geometries));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                byte[] bytes = rs.getBytes(1);
                return bytes == null ? new byte[0] : bytes;
            }
        } catch (SQLException e) {
            throw new DataAccessException("making tile remaining/" + tile.z() + "/" + tile.x() + "/" + tile.y(), e);
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
