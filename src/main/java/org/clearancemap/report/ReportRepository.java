package org.clearancemap.report;

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

/** The hazard and release rows a report lists, with a point on each for its location. */
final class ReportRepository {
    private static final String HAZARDS_VALID_ON = """
            SELECT external_id, version, classification, recorded_on, contamination, area_sqm,
                   ST_X(ST_PointOnSurface(geom4326)) AS lon, ST_Y(ST_PointOnSurface(geom4326)) AS lat,
                   ST_AsBinary(geom4326) AS wkb
              FROM hazard
             WHERE iso3 = ? AND recorded_on <= ? AND (valid_until IS NULL OR valid_until > ?)
             ORDER BY external_id
            """;
    private static final String RELEASES_BETWEEN = """
            SELECT external_id, method, completed_on, operator, items_destroyed, hazard_external_id, area_sqm,
                   ST_X(ST_PointOnSurface(geom4326)) AS lon, ST_Y(ST_PointOnSurface(geom4326)) AS lat
              FROM land_release
             WHERE iso3 = ? AND superseded_at IS NULL AND completed_on >= ? AND completed_on <= ?
             ORDER BY completed_on, external_id
            """;

    record HazardRow(String externalId, int version, String classification, LocalDate recordedOn, String contamination,
                     double areaSqm, double lon, double lat, Geometry geom4326) {
    }

    record ReleaseRow(String externalId, String method, LocalDate completedOn, String operator, Integer itemsDestroyed,
                      String hazardExternalId, double areaSqm, double lon, double lat) {
    }

    private final DataSource dataSource;

    ReportRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<HazardRow> hazardsValidOn(String iso3, LocalDate date) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(HAZARDS_VALID_ON)) {
            ps.setString(1, iso3);
            ps.setObject(2, date);
            ps.setObject(3, date);
            WKBReader wkb = new WKBReader();
            List<HazardRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new HazardRow(rs.getString("external_id"), rs.getInt("version"),
                            rs.getString("classification"), rs.getObject("recorded_on", LocalDate.class),
                            rs.getString("contamination"), rs.getDouble("area_sqm"), rs.getDouble("lon"),
                            rs.getDouble("lat"), wkb.read(rs.getBytes("wkb"))));
                }
            }
            return rows;
        } catch (SQLException | ParseException e) {
            throw new DataAccessException("reading the hazards of " + iso3, e);
        }
    }

    List<ReleaseRow> releasesBetween(String iso3, LocalDate from, LocalDate to) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RELEASES_BETWEEN)) {
            ps.setString(1, iso3);
            ps.setObject(2, from);
            ps.setObject(3, to);
            List<ReleaseRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ReleaseRow(rs.getString("external_id"), rs.getString("method"),
                            rs.getObject("completed_on", LocalDate.class), rs.getString("operator"),
                            (Integer) rs.getObject("items_destroyed"), rs.getString("hazard_external_id"),
                            rs.getDouble("area_sqm"), rs.getDouble("lon"), rs.getDouble("lat")));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DataAccessException("reading the releases of " + iso3, e);
        }
    }
}
