package db.migration;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Map;
import org.clearancemap.stateparty.Csv;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Loads the sourced reference data (States Parties, extension requests and decisions, reported
 * figures) shipped in {@code src/main/resources/reference/}. Runs once: later corrections are made
 * by coordinators through the API and are never overwritten by a restart.
 */
public class V2__Reference_data extends BaseJavaMigration {

    private static final String INSERT_STATE_PARTY = """
            INSERT INTO state_party (iso3, name, eif_date, original_deadline, completed_on, confidence, source)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String INSERT_EXTENSION = """
            INSERT INTO extension_request (iso3, meeting, submitted_on, requested_until, status, granted_until,
                                           confidence, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String INSERT_FIGURE = """
            INSERT INTO reported_figure (iso3, year, remaining_km2, cancelled_km2, reduced_km2, cleared_km2,
                                         released_km2, submunitions_destroyed, confidence, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (PreparedStatement ps = c.prepareStatement(INSERT_STATE_PARTY)) {
            for (Map<String, String> row : Csv.readResource("/reference/state_parties.csv")) {
                ps.setString(1, row.get("iso3"));
                ps.setString(2, row.get("name"));
                ps.setObject(3, date(row.get("eif_date")), Types.DATE);
                ps.setObject(4, date(row.get("original_deadline")), Types.DATE);
                ps.setObject(5, date(row.get("completed_on")), Types.DATE);
                ps.setString(6, blankToNull(row.get("confidence")));
                ps.setString(7, blankToNull(row.get("source")));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_EXTENSION)) {
            for (Map<String, String> row : Csv.readResource("/reference/extensions.csv")) {
                ps.setString(1, row.get("iso3"));
                ps.setString(2, blankToNull(row.get("meeting")));
                ps.setObject(3, date(row.get("submitted_on")), Types.DATE);
                ps.setObject(4, date(row.get("requested_until")), Types.DATE);
                ps.setString(5, row.get("status"));
                ps.setObject(6, date(row.get("granted_until")), Types.DATE);
                ps.setString(7, blankToNull(row.get("confidence")));
                ps.setString(8, blankToNull(row.get("source")));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_FIGURE)) {
            for (Map<String, String> row : Csv.readResource("/reference/reported_figures.csv")) {
                ps.setString(1, row.get("iso3"));
                ps.setInt(2, Integer.parseInt(row.get("year")));
                int i = 3;
                for (String column : new String[] {"remaining_km2", "cancelled_km2", "reduced_km2", "cleared_km2",
                        "released_km2"}) {
                    ps.setBigDecimal(i++, number(row.get(column)));
                }
                String items = row.get("submunitions_destroyed");
                ps.setObject(8, items.isBlank() ? null : Integer.valueOf(items), Types.INTEGER);
                ps.setString(9, blankToNull(row.get("confidence")));
                ps.setString(10, row.get("source"));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Date date(String value) {
        return value == null || value.isBlank() ? null : Date.valueOf(LocalDate.parse(value));
    }

    private static BigDecimal number(String value) {
        return value == null || value.isBlank() ? null : new BigDecimal(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
