package org.clearancemap.coalition;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.clearancemap.audit.Actor;
import org.clearancemap.audit.AuditAction;
import org.clearancemap.audit.AuditLog;
import org.clearancemap.db.DataAccessException;
import org.clearancemap.db.Sql;

/**
 * Country Coalitions: partners and notes (replaced as a whole by each write) and meetings (only
 * added). Each write and its audit event commit together.
 */
public final class CoalitionRepository {
    private static final String UPSERT = """
            INSERT INTO coalition (iso3, notes) VALUES (?, ?)
            ON CONFLICT (iso3) DO UPDATE SET notes = excluded.notes, updated_at = now()
            """;
    private static final String DELETE_PARTNERS = "DELETE FROM coalition_partner WHERE iso3 = ?";
    private static final String INSERT_PARTNER = """
            INSERT INTO coalition_partner (iso3, position, name, kind, role) VALUES (?, ?, ?, ?, ?)
            """;
    private static final String SELECT_NOTES = "SELECT notes FROM coalition WHERE iso3 = ?";
    private static final String SELECT_PARTNERS = """
            SELECT name, kind, role FROM coalition_partner WHERE iso3 = ? ORDER BY position
            """;
    private static final String INSERT_MEETING = """
            INSERT INTO coalition_meeting (iso3, held_on, title, notes) VALUES (?, ?, ?, ?) RETURNING id
            """;
    private static final String SELECT_MEETINGS = """
            SELECT id, held_on, title, notes, recorded_at FROM coalition_meeting WHERE iso3 = ? ORDER BY held_on, id
            """;
    private static final String SELECT_EXISTING = """
            SELECT iso3 FROM coalition_partner UNION SELECT iso3 FROM coalition_meeting
            """;

    /** What is recorded of one State Party's coalition. */
    public record Recorded(List<Partner> partners, String notes, List<Meeting> meetings) {
        /** Whether partners or meetings are recorded. */
        public boolean exists() {
            return !partners.isEmpty() || !meetings.isEmpty();
        }
    }

    private final DataSource dataSource;

    public CoalitionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Replaces the partners and notes of {@code iso3}'s coalition. */
    public void set(Actor actor, String iso3, List<Partner> partners, String notes, JsonNode detail) {
        Sql.inTransaction(dataSource, "recording the coalition of " + iso3, c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setString(1, iso3);
                ps.setString(2, notes);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(DELETE_PARTNERS)) {
                ps.setString(1, iso3);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_PARTNER)) {
                for (int i = 0; i < partners.size(); i++) {
                    Partner p = partners.get(i);
                    ps.setString(1, iso3);
                    ps.setInt(2, i);
                    ps.setString(3, p.name());
                    ps.setString(4, p.kind());
                    ps.setString(5, p.role());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            AuditLog.record(c, actor, AuditAction.COALITION_SET, "coalition", iso3, iso3, null, detail);
            return null;
        });
    }

    /** Adds a meeting to {@code iso3}'s coalition; returns its id. */
    public long addMeeting(Actor actor, String iso3, LocalDate date, String title, String notes, JsonNode detail) {
        return Sql.inTransaction(dataSource, "recording a coalition meeting of " + iso3, c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement(INSERT_MEETING)) {
                ps.setString(1, iso3);
                ps.setObject(2, date);
                ps.setString(3, title);
                ps.setString(4, notes);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            AuditLog.record(c, actor, AuditAction.COALITION_MEETING_ADD, "coalition_meeting", String.valueOf(id), iso3,
                    null, detail);
            return id;
        });
    }

    /** The partners, notes and meetings of {@code iso3} (none recorded: empty lists, null notes). */
    public Recorded find(String iso3) {
        try (Connection c = dataSource.getConnection()) {
            String notes = null;
            try (PreparedStatement ps = c.prepareStatement(SELECT_NOTES)) {
                ps.setString(1, iso3);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        notes = rs.getString(1);
                    }
                }
            }
            List<Partner> partners = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT_PARTNERS)) {
                ps.setString(1, iso3);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        partners.add(new Partner(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            List<Meeting> meetings = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT_MEETINGS)) {
                ps.setString(1, iso3);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Date held = rs.getDate(2);
                        Timestamp at = rs.getTimestamp(5);
                        meetings.add(new Meeting(rs.getLong(1), held.toLocalDate(), rs.getString(3), rs.getString(4),
                                at.toInstant()));
                    }
                }
            }
            return new Recorded(List.copyOf(partners), notes, List.copyOf(meetings));
        } catch (SQLException e) {
            throw new DataAccessException("reading the coalition of " + iso3, e);
        }
    }

    /** The States Parties whose coalition exists (partners or meetings recorded). */
    public Set<String> existing() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_EXISTING);
             ResultSet rs = ps.executeQuery()) {
            Set<String> out = new HashSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("reading which coalitions exist", e);
        }
    }
}
