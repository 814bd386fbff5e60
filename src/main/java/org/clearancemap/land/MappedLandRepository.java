package org.clearancemap.land;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Reads what the area engine needs of a State Party: every hazard version valid for at least a
 * day and every current release, with their footprints.
 */
public final class MappedLandRepository {

    /** Versions valid for no day at all (closed on the day they were recorded) are left out. */
    private static final String SELECT_HAZARDS = """
            SELECT id, classification, recorded_on, valid_until, ST_AsBinary(geom4326) AS wkb
              FROM land.hazard_version
             WHERE iso3 = ? AND (is_current OR valid_until > recorded_on)
             ORDER BY id
            """;
    private static final String SELECT_RELEASES = """
            SELECT id, method, completed_on, ST_AsBinary(geom4326) AS wkb
              FROM land.current_release
             WHERE iso3 = ?
             ORDER BY id
            """;

    private final DataSource dataSource;

    public MappedLandRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public MappedLand load(String iso3) {
        try (Connection c = dataSource.getConnection()) {
            WKBReader wkb = new WKBReader();
            List<MappedHazard> hazards = list(c, SELECT_HAZARDS, iso3, rs -> new MappedHazard(rs.getLong("id"),
                    Classification.of(rs.getString("classification")), rs.getObject("recorded_on", LocalDate.class),
                    rs.getObject("valid_until", LocalDate.class), geometry(wkb, rs.getBytes("wkb"))));
            List<MappedRelease> releases = list(c, SELECT_RELEASES, iso3, rs -> new MappedRelease(rs.getLong("id"),
                    ReleaseMethod.of(rs.getString("method")), rs.getObject("completed_on", LocalDate.class),
                    geometry(wkb, rs.getBytes("wkb"))));
            return new MappedLand(iso3, hazards, releases);
        } catch (SQLException e) {
            throw new DataAccessException("reading the mapped land of " + iso3, e);
        }
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> list(Connection c, String sql, String iso3, RowReader<T> reader) throws SQLException {
        var result = new ArrayList<T>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, iso3);
            ps.setFetchSize(2000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(reader.read(rs));
                }
            }
        }
        return result;
    }

    private static Geometry geometry(WKBReader wkb, byte[] bytes) throws SQLException {
        try {
            return wkb.read(bytes);
        } catch (ParseException e) {
            throw new SQLException("unreadable geometry: " + e.getMessage(), e);
        }
    }
}
