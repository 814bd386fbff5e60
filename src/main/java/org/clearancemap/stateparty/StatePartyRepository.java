package org.clearancemap.stateparty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.clearancemap.db.DataAccessException;
import org.clearancemap.http.ApiException;
import javax.sql.DataSource;
import org.clearancemap.land.LandRepository;

/** Reads State Parties and their treaty records (extensions, reported figures, milestones). */
public final class StatePartyRepository {

    /** Current deadline = the latest granted extension (by decision, then submission), else the original. */
    private static final String SELECT_STATE_PARTIES = """
            SELECT s.iso3, s.name, s.eif_date, s.original_deadline, s.completed_on, s.confidence, s.source,
                   coalesce((SELECT e.granted_until
                               FROM extension_request_summary e
                              WHERE e.iso3 = s.iso3 AND e.status = 'granted'
                              ORDER BY coalesce(e.decided_on, e.submitted_on) DESC NULLS LAST,
                                       e.granted_until DESC, e.id DESC
                              LIMIT 1),
                            s.original_deadline) AS current_deadline
              FROM state_party s
             WHERE (?::text IS NULL OR s.iso3 = ?)
             ORDER BY s.iso3
            """;
    private static final String SELECT_EXTENSIONS = """
            SELECT id, coalesce(decided_at_meeting, meeting) AS meeting, submitted_on, requested_until, status,
                   granted_until, decided_on, confidence, source,
                   (SELECT r.synthetic FROM extension_request r WHERE r.id = extension_request_summary.id) AS synthetic
              FROM extension_request_summary
             WHERE iso3 = ?
             ORDER BY coalesce(submitted_on, decided_on, granted_until), id
            """;
    private static final String SELECT_FIGURES = """
            SELECT id, year, remaining_km2, cancelled_km2, reduced_km2, cleared_km2, released_km2,
                   submunitions_destroyed, confidence, source
              FROM reported_figure
             WHERE iso3 = ?
             ORDER BY year, id
            """;
    /**
     * The yearly targets: the work plan of the latest granted request that has one (each year's
     * area to cancel, reduce and clear, in m²), and for the years it does not cover, the milestones
     * set one by one. Binds: iso3, iso3.
     */
    private static final String SELECT_MILESTONES = """
            WITH granted AS (
                SELECT e.id, e.latest_revision_id, coalesce(e.decided_at_meeting, e.meeting) AS meeting
                  FROM extension_request_summary e
                 WHERE e.iso3 = ? AND e.status = 'granted'
                   AND EXISTS (SELECT 1 FROM work_plan_year w WHERE w.revision_id = e.latest_revision_id)
                 ORDER BY coalesce(e.decided_on, e.submitted_on) DESC NULLS LAST, e.granted_until DESC, e.id DESC
                 LIMIT 1),
            plan AS (
                SELECT NULL::bigint AS id, w.year, (w.cancel_km2 + w.reduce_km2 + w.clear_km2) * 1000000 AS target,
                       'Work plan of extension request ' || g.id || coalesce(' (' || g.meeting || ')', '') AS source,
                       g.id AS extension_request_id
                  FROM granted g JOIN work_plan_year w ON w.revision_id = g.latest_revision_id)
            SELECT id, year, target::double precision AS target_release_sqm, source, extension_request_id FROM plan
            UNION ALL
            SELECT m.id, m.year, m.target_release_sqm, m.source, m.extension_request_id
              FROM milestone m
             WHERE m.iso3 = ? AND NOT EXISTS (SELECT 1 FROM plan p WHERE p.year = m.year)
             ORDER BY year
            """;

    /** Whether any of what is mapped per State Party is synthetic (the counts come from the land). */
    private static final String SELECT_MAPPED = """
            SELECT s.iso3,
                   EXISTS (SELECT 1 FROM upload u WHERE u.iso3 = s.iso3 AND u.synthetic) AS synthetic
              FROM state_party s
            """;

    private final DataSource dataSource;
    private final LandRepository land;

    public StatePartyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
        this.land = new LandRepository(dataSource);
    }

    public List<StateParty> findAll() {
        return query(null);
    }

    public Optional<StateParty> find(String iso3) {
        return query(iso3).stream().findFirst();
    }

    /** The State Party with code {@code iso3}; a 404 problem when there is none. */
    public StateParty existing(String iso3) {
        return find(iso3).orElseThrow(() -> new ApiException.NotFound("No State Party with code " + iso3 + "."));
    }

    private List<StateParty> query(String iso3) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT_STATE_PARTIES)) {
            ps.setString(1, iso3);
            ps.setString(2, iso3);
            try (ResultSet rs = ps.executeQuery()) {
                var result = new ArrayList<StateParty>();
                while (rs.next()) {
                    result.add(new StateParty(rs.getString("iso3"), rs.getString("name"),
                            date(rs, "eif_date"), date(rs, "original_deadline"), date(rs, "current_deadline"),
                            date(rs, "completed_on"), rs.getString("confidence"), rs.getString("source")));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading State Parties", e);
        }
    }

    /** Counts of what is mapped, per State Party. */
    public Map<String, Mapped> mapped() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT_MAPPED);
             ResultSet rs = ps.executeQuery()) {
            Map<String, LandRepository.CurrentCounts> counts = land.currentCounts();
            var result = new HashMap<String, Mapped>();
            while (rs.next()) {
                var n = counts.getOrDefault(rs.getString("iso3"), LandRepository.CurrentCounts.NONE);
                result.put(rs.getString("iso3"), new Mapped(n.hazards(), n.releases(), rs.getBoolean("synthetic")));
            }
            return result;
        } catch (SQLException e) {
            throw new DataAccessException("counting mapped features", e);
        }
    }

    /** What is mapped for one State Party. */
    public record Mapped(long hazardCount, long releaseCount, boolean synthetic) {
        public static final Mapped NONE = new Mapped(0, 0, false);
    }

    public List<Extension> extensions(String iso3) {
        return list(SELECT_EXTENSIONS, iso3, rs -> new Extension(rs.getLong("id"), rs.getString("meeting"),
                date(rs, "submitted_on"), date(rs, "requested_until"), rs.getString("status"),
                date(rs, "granted_until"), date(rs, "decided_on"), rs.getString("confidence"),
                rs.getString("source"), rs.getBoolean("synthetic")));
    }

    public List<ReportedFigure> reportedFigures(String iso3) {
        return list(SELECT_FIGURES, iso3, rs -> new ReportedFigure(rs.getLong("id"), rs.getInt("year"),
                rs.getBigDecimal("remaining_km2"), rs.getBigDecimal("cancelled_km2"),
                rs.getBigDecimal("reduced_km2"), rs.getBigDecimal("cleared_km2"),
                rs.getBigDecimal("released_km2"), (Integer) rs.getObject("submunitions_destroyed"),
                rs.getString("confidence"), rs.getString("source")));
    }

    public List<Milestone> milestones(String iso3) {
        return list(SELECT_MILESTONES, iso3, rs -> new Milestone((Long) rs.getObject("id"), rs.getInt("year"),
                rs.getDouble("target_release_sqm"), rs.getString("source"), (Long) rs.getObject("extension_request_id")));
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> list(String sql, String iso3, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            // every parameter of these queries is the State Party's code (none holds a literal '?')
            for (int i = 1; i <= sql.chars().filter(ch -> ch == '?').count(); i++) {
                ps.setString(i, iso3);
            }
            try (ResultSet rs = ps.executeQuery()) {
                var result = new ArrayList<T>();
                while (rs.next()) {
                    result.add(mapper.map(rs));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading records of " + iso3, e);
        }
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}
