package org.clearancemap.stateparty;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.clearancemap.audit.Actor;
import org.clearancemap.audit.AuditAction;
import org.clearancemap.audit.AuditLog;
import org.clearancemap.db.Sql;

/**
 * Writes of the treaty records a coordinator keeps: State Parties, reported figures, milestones
 * and declarations of completion (extension requests: {@link ExtensionRequestRepository}). Each
 * write and its audit event commit together.
 */
public final class TreatyRecordRepository {
    private static final String INSERT_STATE_PARTY = """
            INSERT INTO state_party (iso3, name, eif_date, original_deadline, source)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (iso3) DO NOTHING
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
            int n = Sql.update(c, INSERT_STATE_PARTY, iso3, name, eifDate, originalDeadline, source);
            if (n == 1) {
                AuditLog.record(c, actor, AuditAction.STATE_PARTY_CREATE, "state_party", iso3,
                        iso3, null, detail);
            }
            return n == 1;
        });
    }

    public long addReportedFigure(Actor actor, String iso3, int year, Object remaining, Object cancelled,
                                  Object reduced, Object cleared, Object released, Integer destroyed,
                                  String confidence, String source, JsonNode detail) {
        return inTransaction("recording a reported figure of " + iso3, c -> {
            long id = Sql.returningId(c, INSERT_FIGURE, iso3, year, remaining, cancelled, reduced, cleared, released,
                    destroyed, confidence, source);
            AuditLog.record(c, actor, AuditAction.REPORTED_FIGURE_CREATE, "reported_figure", String.valueOf(id),
                    iso3, null, detail);
            return id;
        });
    }

    public long setMilestone(Actor actor, String iso3, int year, double targetReleaseSqm, Long extensionRequestId,
                             String source, JsonNode detail) {
        return inTransaction("setting a milestone of " + iso3, c -> {
            long id = Sql.returningId(c, UPSERT_MILESTONE, iso3, year, targetReleaseSqm, extensionRequestId, source);
            AuditLog.record(c, actor, AuditAction.MILESTONE_SET, "milestone", String.valueOf(id),
                    iso3, null, detail);
            return id;
        });
    }

    public void declareCompletion(Actor actor, String iso3, LocalDate completedOn, JsonNode detail) {
        inTransaction("recording the completion of " + iso3, c -> {
            Sql.update(c, DECLARE_COMPLETION, completedOn, iso3);
            AuditLog.record(c, actor, AuditAction.COMPLETION_DECLARE, "state_party", iso3,
                    iso3, null, detail);
            return null;
        });
    }

    private <T> T inTransaction(String doing, Sql.Work<T> work) {
        return Sql.inTransaction(dataSource, doing, work);
    }
}
