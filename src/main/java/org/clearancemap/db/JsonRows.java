package org.clearancemap.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Runs a query whose only column is a JSON object written by PostgreSQL, with text parameters bound in order. */
public final class JsonRows {
    private JsonRows() {
    }

    /** The JSON text of every row, in the query's order. */
    public static List<String> list(DataSource dataSource, String sql, String first, String second, String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, first);
            ps.setString(2, second);
            try (ResultSet rs = ps.executeQuery()) {
                var rows = new ArrayList<String>();
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading " + what, e);
        }
    }
}
