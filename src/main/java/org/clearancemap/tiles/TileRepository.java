package org.clearancemap.tiles;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;
import org.clearancemap.land.LandFeatures;
import org.clearancemap.ogc.RemainingAreas;
import org.locationtech.jts.io.WKBWriter;

/**
 * Vector tiles, one SQL round trip each: hazards and releases by {@link LandFeatures}, remaining land
 * here. Rows are found through the GiST index on
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
     * In the tile query, OFFSET 0 keeps PostgreSQL from folding the inner query into the outer one,
     * which would compute ST_AsMVTGeom twice per feature.
     */

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

    private final DataSource dataSource;

    public TileRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The box a tile's features are looked for in: its WGS 84 box grown by the margin. */
    public static double[] searchBox(TileAddress tile) {
        return tile.bounds4326(INDEX_MARGIN);
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
}
