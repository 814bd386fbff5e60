package org.clearancemap.stateparty;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.clearancemap.audit.Actor;
import org.clearancemap.audit.AuditAction;
import org.clearancemap.audit.AuditLog;
import org.clearancemap.db.DataAccessException;
import org.clearancemap.db.Sql;

/**
 * Extension requests (Art. 4(5)–(8)): each with every revision the State Party submitted, their
 * work plans and funding, the questions and answers exchanged with the Analysis Group, and the
 * decision. Revisions are only ever added: an earlier one is never changed. Each write and its
 * audit event commit together.
 */
public final class ExtensionRequestRepository {
    private static final String INSERT_REQUEST = """
            INSERT INTO extension_request (iso3, status, source, synthetic) VALUES (?, 'submitted', ?, ?) RETURNING id
            """;
    private static final String SELECT_SYNTHETIC = """
            SELECT synthetic FROM extension_request WHERE iso3 = ? AND id = ?
            """;
    private static final String SELECT_SYNTHETIC_REQUEST = """
            SELECT id FROM extension_request WHERE iso3 = ? AND synthetic ORDER BY id LIMIT 1
            """;
    private static final String INSERT_REVISION;
    private static final String INSERT_PLAN_YEAR = """
            INSERT INTO work_plan_year (revision_id, year, cancel_km2, reduce_km2, clear_km2, teams, budget_needed_usd)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String INSERT_FUNDING = """
            INSERT INTO work_plan_funding (revision_id, year, source, amount_usd, status) VALUES (?, ?, ?, ?, ?)
            """;
    /** Locks the request, so that two revisions at once get numbers one after the other. */
    private static final String REQUEST_FOR_UPDATE = """
            SELECT status, (SELECT max(number) FROM extension_revision r WHERE r.extension_request_id = e.id)
              FROM extension_request e WHERE iso3 = ? AND id = ? FOR UPDATE
            """;
    private static final String DECIDE = """
            UPDATE extension_request
               SET status = ?, granted_until = ?::date, decided_on = ?::date, benchmarks = ?,
                   decided_at_meeting = coalesce(?::text, (SELECT meeting FROM extension_revision r
                                                            WHERE r.extension_request_id = extension_request.id
                                                            ORDER BY number DESC LIMIT 1))
             WHERE iso3 = ? AND id = ? AND status = 'submitted'
            """;
    private static final String SELECT_REVISIONS;
    private static final String SELECT_DECISION = """
            SELECT status, granted_until, decided_on, decided_at_meeting, benchmarks FROM extension_request WHERE id = ?
            """;
    private static final String SELECT_PLAN_YEARS = """
            SELECT year, cancel_km2, reduce_km2, clear_km2, teams, budget_needed_usd
              FROM work_plan_year WHERE revision_id = ? ORDER BY year
            """;
    private static final String SELECT_FUNDING = """
            SELECT year, source, amount_usd, status FROM work_plan_funding WHERE revision_id = ? ORDER BY year, id
            """;
    private static final String INSERT_QUESTION = """
            INSERT INTO extension_question (extension_request_id, asked_on, asked_by, question)
            SELECT id, ?, ?, ? FROM extension_request WHERE iso3 = ? AND id = ?
            RETURNING id
            """;
    private static final String ANSWER = """
            UPDATE extension_question q SET answer = ?, answered_on = ?
              FROM extension_request e
             WHERE q.extension_request_id = e.id AND e.iso3 = ? AND e.id = ? AND q.id = ? AND q.answer IS NULL
            """;
    private static final String QUESTION_EXISTS = """
            SELECT 1 FROM extension_question q JOIN extension_request e ON e.id = q.extension_request_id
             WHERE e.iso3 = ? AND e.id = ? AND q.id = ?
            """;
    private static final String SELECT_QUESTIONS = """
            SELECT id, asked_on, asked_by, question, answer, answered_on
              FROM extension_question WHERE extension_request_id = ? ORDER BY asked_on, id
            """;

    static {
        StringBuilder columns = new StringBuilder();
        for (RequestSection s : RequestSection.values()) {
            columns.append(", ").append(s.column());
        }
        String sections = columns.toString();
        INSERT_REVISION = "INSERT INTO extension_revision (extension_request_id, number, meeting, meeting_date, submitted_on, "
                + "requested_until, interim" + sections + ", contaminated_at_eif_km2, discovered_since_eif_km2, "
                + "released_since_eif_km2, remaining_km2, source) VALUES (?, ?, ?, ?, ?, ?, ?"
                + ", ?".repeat(RequestSection.values().length) + ", ?, ?, ?, ?, ?) RETURNING id";
        SELECT_REVISIONS = "SELECT id, number, meeting, meeting_date, submitted_on, requested_until, interim" + sections
                + ", contaminated_at_eif_km2, discovered_since_eif_km2, released_since_eif_km2, remaining_km2, source, "
                + "created_at FROM extension_revision WHERE extension_request_id = ? ORDER BY number";
    }

    /** A revision as submitted, before it has an id. */
    public record NewRevision(String meeting, LocalDate meetingDate, LocalDate submittedOn, LocalDate requestedUntil,
                              boolean interim, Map<RequestSection, String> sections,
                              ExtensionRevision.StatedFigures statedFigures, List<ExtensionRevision.WorkPlanYear> workPlan,
                              List<ExtensionRevision.Funding> funding, String source) {
    }

    /** A question of the Analysis Group and, once given, the State Party's answer. */
    public record Question(long id, LocalDate askedOn, String askedBy, String question, String answer,
                           LocalDate answeredOn) {
    }

    /** The decision on a request (Art. 4(7)): granted (perhaps for less than asked), refused or withdrawn. */
    public record Decision(String status, LocalDate grantedUntil, LocalDate decidedOn, String meeting, String benchmarks) {
    }

    /** The outcome of a write to an existing request. */
    public enum Outcome { DONE, NOT_FOUND, ALREADY_DECIDED, ALREADY_ANSWERED }

    private final DataSource dataSource;

    public ExtensionRequestRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a submitted request with its first revision; returns the request's id. */
    public long create(Actor actor, String iso3, NewRevision revision, JsonNode detail) {
        return create(actor, iso3, revision, detail, false);
    }

    /**
     * Records a submitted request with its first revision, {@code synthetic} when invented for the
     * demo; returns the request's id.
     */
    public long create(Actor actor, String iso3, NewRevision revision, JsonNode detail, boolean synthetic) {
        return Sql.inTransaction(dataSource, "recording an extension request of " + iso3, c -> {
            long id = Sql.returningId(c, INSERT_REQUEST, iso3, revision.source(), synthetic);
            insertRevision(c, id, 1, revision);
            AuditLog.record(c, actor, AuditAction.EXTENSION_REQUEST_CREATE, "extension_request", String.valueOf(id),
                    iso3, null, detail);
            return id;
        });
    }

    /** Adds a revision to a request awaiting its decision. */
    public Outcome revise(Actor actor, String iso3, long id, NewRevision revision, JsonNode detail) {
        return Sql.inTransaction(dataSource, "revising extension request " + id, c -> {
            try (PreparedStatement ps = Sql.prepare(c, REQUEST_FOR_UPDATE, iso3, id); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Outcome.NOT_FOUND;
                }
                if (!"submitted".equals(rs.getString(1))) {
                    return Outcome.ALREADY_DECIDED;
                }
                int number = rs.getInt(2) + 1;
                insertRevision(c, id, number, revision);
                AuditLog.record(c, actor, AuditAction.EXTENSION_REQUEST_REVISE, "extension_request", String.valueOf(id),
                        iso3, null, detail);
                return Outcome.DONE;
            }
        });
    }

    public Outcome decide(Actor actor, String iso3, long id, String status, LocalDate grantedUntil, LocalDate decidedOn,
                          String meeting, String benchmarks, JsonNode detail) {
        return Sql.inTransaction(dataSource, "deciding extension request " + id, c -> {
            if (Sql.update(c, DECIDE, status, grantedUntil, decidedOn, benchmarks, meeting, iso3, id) == 1) {
                AuditLog.record(c, actor, AuditAction.EXTENSION_REQUEST_DECIDE, "extension_request", String.valueOf(id),
                        iso3, null, detail);
                return Outcome.DONE;
            }
            try (PreparedStatement ps = Sql.prepare(c, REQUEST_FOR_UPDATE, iso3, id); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Outcome.ALREADY_DECIDED : Outcome.NOT_FOUND;
            }
        });
    }

    /** Records a question on a request; empty when there is no such request. */
    public Optional<Long> ask(Actor actor, String iso3, long id, LocalDate askedOn, String askedBy, String question,
                              JsonNode detail) {
        return Sql.inTransaction(dataSource, "recording a question on extension request " + id, c -> {
            try (PreparedStatement ps = Sql.prepare(c, INSERT_QUESTION, askedOn, askedBy, question, iso3, id);
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.<Long>empty();
                }
                long qid = rs.getLong(1);
                AuditLog.record(c, actor, AuditAction.EXTENSION_QUESTION_ASK, "extension_question", String.valueOf(qid),
                        iso3, null, detail);
                return Optional.of(qid);
            }
        });
    }

    /** Records the answer to a question not yet answered. */
    public Outcome answer(Actor actor, String iso3, long id, long questionId, String answer, LocalDate answeredOn,
                          JsonNode detail) {
        return Sql.inTransaction(dataSource, "recording an answer on extension request " + id, c -> {
            if (Sql.update(c, ANSWER, answer, answeredOn, iso3, id, questionId) == 1) {
                AuditLog.record(c, actor, AuditAction.EXTENSION_QUESTION_ANSWER, "extension_question",
                        String.valueOf(questionId), iso3, null, detail);
                return Outcome.DONE;
            }
            try (PreparedStatement ps = Sql.prepare(c, QUESTION_EXISTS, iso3, id, questionId); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Outcome.ALREADY_ANSWERED : Outcome.NOT_FOUND;
            }
        });
    }

    /** Every revision of a request, oldest first, with its plan and funding. */
    public List<ExtensionRevision> revisions(long requestId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, SELECT_REVISIONS, requestId);
             ResultSet rs = ps.executeQuery()) {
            List<ExtensionRevision> out = new ArrayList<>();
            while (rs.next()) {
                Map<RequestSection, String> sections = new EnumMap<>(RequestSection.class);
                for (RequestSection s : RequestSection.values()) {
                    String text = rs.getString(s.column());
                    if (text != null) {
                        sections.put(s, text);
                    }
                }
                long id = rs.getLong("id");
                out.add(new ExtensionRevision(id, rs.getInt("number"), rs.getString("meeting"),
                        rs.getObject("meeting_date", LocalDate.class), rs.getObject("submitted_on", LocalDate.class),
                        rs.getObject("requested_until", LocalDate.class), rs.getBoolean("interim"), sections,
                        new ExtensionRevision.StatedFigures(rs.getBigDecimal("contaminated_at_eif_km2"),
                                rs.getBigDecimal("discovered_since_eif_km2"), rs.getBigDecimal("released_since_eif_km2"),
                                rs.getBigDecimal("remaining_km2")),
                        planYears(c, id), funding(c, id), rs.getString("source"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()));
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("reading the revisions of extension request " + requestId, e);
        }
    }

    /** Whether request {@code id} of {@code iso3} is synthetic; empty when there is no such request. */
    public Optional<Boolean> synthetic(String iso3, long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, SELECT_SYNTHETIC, iso3, id);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new DataAccessException("reading extension request " + id, e);
        }
    }

    /** The first synthetic request of {@code iso3}, if any. */
    public Optional<Long> syntheticRequest(String iso3) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, SELECT_SYNTHETIC_REQUEST, iso3);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new DataAccessException("reading the synthetic extension requests of " + iso3, e);
        }
    }

    /** The decision on a request; null while it awaits one. */
    public Decision decision(long requestId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, SELECT_DECISION, requestId);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || "submitted".equals(rs.getString("status"))) {
                return null;
            }
            return new Decision(rs.getString("status"), rs.getObject("granted_until", LocalDate.class),
                    rs.getObject("decided_on", LocalDate.class), rs.getString("decided_at_meeting"), rs.getString("benchmarks"));
        } catch (SQLException e) {
            throw new DataAccessException("reading the decision on extension request " + requestId, e);
        }
    }

    public List<Question> questions(long requestId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, SELECT_QUESTIONS, requestId);
             ResultSet rs = ps.executeQuery()) {
            List<Question> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Question(rs.getLong("id"), rs.getObject("asked_on", LocalDate.class), rs.getString("asked_by"),
                        rs.getString("question"), rs.getString("answer"), rs.getObject("answered_on", LocalDate.class)));
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("reading the questions on extension request " + requestId, e);
        }
    }

    private static void insertRevision(Connection c, long requestId, int number, NewRevision r) throws SQLException {
        List<Object> values = new ArrayList<>(List.of(requestId, number));
        values.add(r.meeting());
        values.add(r.meetingDate());
        values.add(r.submittedOn());
        values.add(r.requestedUntil());
        values.add(r.interim());
        for (RequestSection s : RequestSection.values()) {
            values.add(r.sections().get(s));
        }
        ExtensionRevision.StatedFigures f = r.statedFigures();
        values.add(f.contaminatedAtEifKm2());
        values.add(f.discoveredSinceEifKm2());
        values.add(f.releasedSinceEifKm2());
        values.add(f.remainingKm2());
        values.add(r.source());
        long revisionId = Sql.returningId(c, INSERT_REVISION, values.toArray());
        for (ExtensionRevision.WorkPlanYear y : r.workPlan()) {
            Sql.update(c, INSERT_PLAN_YEAR, revisionId, y.year(), y.cancelKm2(), y.reduceKm2(), y.clearKm2(), y.teams(),
                    y.budgetNeededUsd());
        }
        for (ExtensionRevision.Funding f2 : r.funding()) {
            Sql.update(c, INSERT_FUNDING, revisionId, f2.year(), f2.source(), f2.amountUsd(), f2.status());
        }
    }

    private static List<ExtensionRevision.WorkPlanYear> planYears(Connection c, long revisionId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, SELECT_PLAN_YEARS, revisionId); ResultSet rs = ps.executeQuery()) {
            List<ExtensionRevision.WorkPlanYear> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new ExtensionRevision.WorkPlanYear(rs.getInt("year"), rs.getBigDecimal("cancel_km2"),
                        rs.getBigDecimal("reduce_km2"), rs.getBigDecimal("clear_km2"), (Integer) rs.getObject("teams"),
                        rs.getBigDecimal("budget_needed_usd")));
            }
            return out;
        }
    }

    private static List<ExtensionRevision.Funding> funding(Connection c, long revisionId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, SELECT_FUNDING, revisionId); ResultSet rs = ps.executeQuery()) {
            List<ExtensionRevision.Funding> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new ExtensionRevision.Funding(rs.getInt("year"), rs.getString("source"),
                        rs.getBigDecimal("amount_usd"), rs.getString("status")));
            }
            return out;
        }
    }

}
