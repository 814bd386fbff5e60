package org.clearancemap.tiles;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;
import org.clearancemap.land.LandFeatures;
import org.clearancemap.ogc.RemainingAreas;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.progress.Aggregates;
import org.locationtech.jts.io.WKBWriter;

/**
 * Vector tiles, one SQL round trip per layer: hazards and releases by {@link LandFeatures}, remaining
 * land and the aggregates layer here. Rows are found through the GiST index on
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

    /**
     * The aggregates layer: one point per cell (where its land lies), with the geodesic areas the
     * cell stands for. Binds: the date, z, x, y; then the cells' values as arrays (State Party,
     * lon, lat, clusters, footprint, remaining, remaining CHA, remaining SHA, released, released
     * outside hazards). The largest footprint comes first, so that a client drawing in order puts
     * the smaller symbols on top.
     */
    private static final String AGGREGATES = """
            SELECT ST_AsMVT(t, 'aggregates', 4096, 'geom' ORDER BY t.footprint_sqm DESC, t.state_party) FROM (
                SELECT a.state_party, a.clusters, a.footprint_sqm, a.remaining_sqm, a.remaining_cha_sqm,
                       a.remaining_sha_sqm, a.released_sqm, a.released_outside_hazards_sqm, ?::text AS as_of,
                       ST_AsMVTGeom(ST_Transform(ST_SetSRID(ST_MakePoint(a.lon, a.lat), 4326), 3857),
                           ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom
                  FROM unnest(?::text[], ?::float8[], ?::float8[], ?::int[], ?::float8[], ?::float8[], ?::float8[],
                              ?::float8[], ?::float8[], ?::float8[])
                       AS a(state_party, lon, lat, clusters, footprint_sqm, remaining_sqm, remaining_cha_sqm,
                            remaining_sha_sqm, released_sqm, released_outside_hazards_sqm)
                OFFSET 0) t
             WHERE geom IS NOT NULL
            """;

    /** A cell of a State Party's aggregates, as the aggregates layer carries it. */
    public record AggregateCell(String iso3, Aggregates.Cell cell) {
    }

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

    /**
     * The aggregates layer of these cells on {@code day} (each cell's point inside
     * {@link #searchBox}), as bytes to append to a tile (layers concatenate); empty when there is none.
     */
    public byte[] aggregateLayer(TileAddress tile, LocalDate day, List<AggregateCell> cells) {
        if (cells.isEmpty()) {
            return new byte[0];
        }
        int n = cells.size();
        String[] codes = new String[n];
        Object[][] numbers = new Object[9][n];
        for (int i = 0; i < n; i++) {
            Aggregates.Cell cell = cells.get(i).cell();
            AreaFigures f = cell.figures();
            codes[i] = cells.get(i).iso3();
            Object[] values = {cell.lon(), cell.lat(), cell.clusters(), f.footprintSqm(), f.remainingSqm(),
                f.remainingChaSqm(), f.remainingShaSqm(), f.releasedSqm(), f.releasedOutsideHazardsSqm()};
            for (int v = 0; v < values.length; v++) {
                numbers[v][i] = values[v];
            }
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(AGGREGATES)) {
            int p = 1;
            ps.setString(p++, day.toString());
            ps.setInt(p++, tile.z());
            ps.setInt(p++, tile.x());
            ps.setInt(p++, tile.y());
            ps.setArray(p++, c.createArrayOf("text", codes));
            for (int v = 0; v < numbers.length; v++) {
                ps.setArray(p++, c.createArrayOf(v == 2 ? "int4" : "float8", numbers[v]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                byte[] bytes = rs.getBytes(1);
                return bytes == null ? new byte[0] : bytes;
            }
        } catch (SQLException e) {
            throw new DataAccessException("making tile aggregates/" + tile.z() + "/" + tile.x() + "/" + tile.y(), e);
        }
    }
}
