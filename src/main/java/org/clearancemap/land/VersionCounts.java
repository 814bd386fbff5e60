package org.clearancemap.land;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What writing a batch of versions did: new things, new versions of changed things, and the rest. */
public record VersionCounts(int inserted, int updated, int unchanged) {

    /**
     * Runs {@code countSql}, a query of {@code (outcome, count)} rows where outcome is
     * {@code inserted}, {@code updated} or anything else for unchanged, and adds them up.
     */
    public static VersionCounts count(Connection c, String countSql) throws SQLException {
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        try (PreparedStatement ps = c.prepareStatement(countSql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                switch (rs.getString(1)) {
                    case "inserted" -> inserted = rs.getInt(2);
                    case "updated" -> updated = rs.getInt(2);
                    default -> unchanged = rs.getInt(2);
                }
            }
        }
        return new VersionCounts(inserted, updated, unchanged);
    }
}
