package org.clearancemap.land;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;

/**
 * A GeoJSON FeatureCollection whose features PostGIS wrote ({@code ST_AsGeoJSON}); the server
 * joins them without parsing the geometry.
 *
 * @param features     each feature as GeoJSON text
 * @param limitReached true when more features matched than were returned
 */
public record GeoJsonPage(List<String> features, boolean limitReached) {

    /** Binds the parameters of a feature query. */
    public interface Binder {
        /** Binds from index 1 and returns the index of the LIMIT parameter, which comes last. */
        int bind(PreparedStatement ps) throws SQLException;
    }

    /**
     * Runs a query whose only column is a GeoJSON Feature and whose last parameter is its LIMIT;
     * asks for one more row than {@code limit} to know whether the limit was reached.
     */
    public static GeoJsonPage fetch(DataSource dataSource, String sql, Binder binder, int limit, String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(binder.bind(ps), limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                var features = new ArrayList<String>();
                while (rs.next()) {
                    features.add(rs.getString(1));
                }
                boolean more = features.size() > limit;
                return new GeoJsonPage(more ? features.subList(0, limit) : features, more);
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading " + what, e);
        }
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write("{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < features.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(features.get(i).getBytes(StandardCharsets.UTF_8));
        }
        out.write(("],\"numberReturned\":" + features.size() + ",\"limitReached\":" + limitReached + "}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
