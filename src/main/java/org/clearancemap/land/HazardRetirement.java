package org.clearancemap.land;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;

/**
 * Retires a hazard: its current version stays stored, valid until the retirement date (exclusive),
 * and no version of it is current any more. A retirement dated before the current version was
 * recorded is refused.
 */
public final class HazardRetirement {
    private static final String SELECT_CURRENT_FOR_UPDATE = """
            SELECT id, recorded_on FROM land.current_hazard WHERE iso3 = ? AND external_id = ? FOR UPDATE
            """;
    private static final String RETIRE = """
            UPDATE hazard SET valid_until = ?, retired_on = ?, retired_reason = ? WHERE id = ?
            """;

    /** What retiring a hazard found. */
    public enum Outcome { RETIRED, NO_CURRENT_VERSION, BEFORE_RECORDED }

    /** The outcome, with the current version's id and recorded date when there was one. */
    public record Result(Outcome outcome, Long hazardId, LocalDate recordedOn) {
    }

    /** Work done in the retirement's transaction, on its connection. */
    public interface InTransaction {
        void run(Connection c) throws SQLException;
    }

    /** Work done in the retirement's transaction once the version is retired (e.g. its audit event). */
    public interface OnRetired {
        void retired(Connection c, long hazardId) throws SQLException;
    }

    private final DataSource dataSource;

    public HazardRetirement(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Retires the current version of the hazard {@code externalId} of {@code iso3} on {@code date},
     * in one transaction: {@code first} (e.g. taking the State Party's write lock), the retirement,
     * then {@code onRetired}. Nothing is written unless the outcome is {@link Outcome#RETIRED}.
     */
    public Result retire(String iso3, String externalId, LocalDate date, String reason, InTransaction first,
            OnRetired onRetired) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                first.run(c);
                Result r = retire(c, iso3, externalId, date, reason);
                if (r.outcome() == Outcome.RETIRED) {
                    onRetired.retired(c, r.hazardId());
                    c.commit();
                } else {
                    c.rollback();
                }
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException("retiring a hazard", e);
        }
    }

    private static Result retire(Connection c, String iso3, String externalId, LocalDate date, String reason)
            throws SQLException {
        long id;
        LocalDate recordedOn;
        try (PreparedStatement ps = c.prepareStatement(SELECT_CURRENT_FOR_UPDATE)) {
            ps.setString(1, iso3);
            ps.setString(2, externalId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Result(Outcome.NO_CURRENT_VERSION, null, null);
                }
                id = rs.getLong(1);
                recordedOn = rs.getObject(2, LocalDate.class);
            }
        }
        if (date.isBefore(recordedOn)) {
            return new Result(Outcome.BEFORE_RECORDED, id, recordedOn);
        }
        try (PreparedStatement ps = c.prepareStatement(RETIRE)) {
            ps.setDate(1, Date.valueOf(date));
            ps.setDate(2, Date.valueOf(date));
            ps.setString(3, reason);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
        return new Result(Outcome.RETIRED, id, recordedOn);
    }
}
