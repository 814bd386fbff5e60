package org.clearancemap.stateparty;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.clearancemap.audit.Actor;
import org.clearancemap.audit.AuditAction;
import org.clearancemap.audit.AuditLog;
import org.clearancemap.db.DataAccessException;

/**
 * Writes of the treaty records a coordinator keeps: State Parties, extension requests and the
 * decisions on them, reported figures, milestones and declarations of completion. Each write and
 * its audit event commit together.
 */
public final class TreatyRecordRepository {
    private static final String INSERT_STATE_PARTY = """
            INSERT INTO state_party (iso3, name, eif_date, original_deadline, source)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (iso3) DO NOTHING
            """;
    private static final String INSERT_EXTENSION = """
            INSERT INTO extension_request (iso3, meeting, submitted_on, requested_until, status, source)
            VALUES (?, ?, ?, ?, 'submitted', ?)
            RETURNING id
            """;
    private static final String DECIDE_EXTENSION = """
            UPDATE extension_request
               SET status = ?, granted_until = ?::date, decided_on = ?::date, meeting = coalesce(?::text, meeting)
             WHERE iso3 = ? AND id = ? AND status = 'submitted'
            """;
    private static final String EXTENSION_STATUS = """
            SELECT status FROM extension_request WHERE iso3 = ? AND id = ?
            """;
    private static final String INSERT_FIGURE = """
            INSERT INTO reported_figure (iso3, year, remaining_km2, cancelled_km2, reduced_km2, cleared_km2,
                                         released_km2, submunitions_destroyed, confidence, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING id
            """;
    private static final String UPSERT_MILESTONE = """
            INSERT INTO milestone (iso3, year, target_release_sqm, extension_request_id, source)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (iso3, year) DO UPDATE
               SET target_release_sqm = excluded.target_release_sqm,
                   extension_request_id = excluded.extension_request_id, source = excluded.source
            RETURNING id
            """;
    private static final String DECLARE_COMPLETION = """
            UPDATE state_party SET completed_on = ? WHERE iso3 = ?
            """;

    private final DataSource dataSource;

    public TreatyRecordRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds a State Party; false when one with that code already exists. */
    public boolean addStateParty(Actor actor, String iso3, String name, LocalDate eifDate, LocalDate originalDeadline,
                                 String source, JsonNode detail) {
        return inTransaction("adding State Party " + iso3, c -> {
            int n = update(c, INSERT_STATE_PARTY, iso3, name, eifDate, originalDeadline, source);
            if (n == 1) {
                AuditLog.record(c, actor, AuditAction.STATE_PARTY_CREATE, "state_party", iso3,
                        iso3, null, detail);
            }
            return n == 1;
        });
    }

    /** Records a submitted extension request; returns its id. */
    public long addExtensionRequest(Actor actor, String iso3, String meeting, LocalDate submittedOn,
                                    LocalDate requestedUntil, String source, JsonNode detail) {
        return inTransaction("recording an extension request of " + iso3, c -> {
            long id = returningId(c, INSERT_EXTENSION, iso3, meeting, submittedOn, requestedUntil, source);
            AuditLog.record(c, actor, AuditAction.EXTENSION_REQUEST_CREATE, "extension_request", String.valueOf(id),
                    iso3, null, detail);
            return id;
        });
    }

    /** The outcome of deciding an extension request. */
    public enum Decided { DECIDED, NOT_FOUND, ALREADY_DECIDED }

    public Decided decideExtensionRequest(Actor actor, String iso3, long id, String status, LocalDate grantedUntil,
                                          LocalDate decidedOn, String meeting, JsonNode detail) {
        return inTransaction("deciding extension request " + id, c -> {
            int n = update(c, DECIDE_EXTENSION, status, grantedUntil, decidedOn, meeting, iso3, id);
            if (n == 1) {
                AuditLog.record(c, actor, AuditAction.EXTENSION_REQUEST_DECIDE, "extension_request", String.valueOf(id),
                        iso3, null, detail);
                return Decided.DECIDED;
            }
            try (PreparedStatement ps = c.prepareStatement(EXTENSION_STATUS)) {
                ps.setString(1, iso3);
                ps.setLong(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Decided.ALREADY_DECIDED : Decided.NOT_FOUND;
                }
            }
        });
    }

    public long addReportedFigure(Actor actor, String iso3, int year, Object remaining, Object cancelled,
                                  Object reduced, Object cleared, Object released, Integer destroyed,
                                  String confidence, String source, JsonNode detail) {
        return inTransaction("recording a reported figure of " + iso3, c -> {
            long id = returningId(c, INSERT_FIGURE, iso3, year, remaining, cancelled, reduced, cleared, released,
                    destroyed, confidence, source);
            AuditLog.record(c, actor, AuditAction.REPORTED_FIGURE_CREATE, "reported_figure", String.valueOf(id),
                    iso3, null, detail);
            return id;
        });
    }

    public long setMilestone(Actor actor, String iso3, int year, double targetReleaseSqm, Long extensionRequestId,
                             String source, JsonNode detail) {
        return inTransaction("setting a milestone of " + iso3, c -> {
            long id = returningId(c, UPSERT_MILESTONE, iso3, year, targetReleaseSqm, extensionRequestId, source);
            AuditLog.record(c, actor, AuditAction.MILESTONE_SET, "milestone", String.valueOf(id),
                    iso3, null, detail);
            return id;
        });
    }

    public void declareCompletion(Actor actor, String iso3, LocalDate completedOn, JsonNode detail) {
        inTransaction("recording the completion of " + iso3, c -> {
            update(c, DECLARE_COMPLETION, completedOn, iso3);
            AuditLog.record(c, actor, AuditAction.COMPLETION_DECLARE, "state_party", iso3,
                    iso3, null, detail);
            return null;
        });
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String doing, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException(doing, e);
        }
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values)) {
            return ps.executeUpdate();
        }
    }

    private static long returningId(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, values[i]);
            }
        }
        return ps;
    }
}
