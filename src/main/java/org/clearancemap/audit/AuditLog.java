package org.clearancemap.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import org.clearancemap.http.Json;

/**
 * The one writer of the audit trail: one {@code audit_event} row per write, written on the
 * caller's connection inside the caller's transaction, so the event exists if and only if the
 * write committed.
 *
 * <p>Usage in a write (one call, after the data statements, before {@code commit}):
 * <pre>{@code
 * Principal who = Access.require(ctx, Role.OPERATOR, iso3);       // in the route: a Principal is an Actor
 * ...
 * c.setAutoCommit(false);                                          // in the repository
 * ... insert the hazards ...
 * AuditLog.record(c, who, AuditAction.UPLOAD_CREATE, "upload", Long.toString(uploadId), iso3, uploadId,
 *         Map.of("kind", "hazards", "inserted", 12, "updated", 3));
 * c.commit();
 * }</pre>
 *
 * <p>Every event names its actor and, when the write came with a token, the token's id. Rows can
 * be neither updated nor deleted (migration V40).
 */
public final class AuditLog {
    private static final ObjectMapper JSON = Json.mapper();
    private static final String INSERT = """
            INSERT INTO audit_event (token_id, actor, action, entity, entity_id, iso3, upload_id, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            """;

    private AuditLog() {
    }

    /**
     * Records one event on {@code connection} (which must not be in auto-commit mode when the
     * event is to share the write's fate).
     *
     * @param actor    who did it (its token id and name are kept)
     * @param action   what was done
     * @param entity   the kind of thing written, e.g. {@code hazard}, {@code upload}, {@code state_party}
     * @param entityId its id or external id; may be null
     * @param iso3     the State Party concerned; may be null
     * @param uploadId the upload that carried the write; may be null
     * @param detail   anything else worth keeping (counts, old and new values) as a JSON object: a
     *                 {@link Map} or a Jackson {@code JsonNode}; null for none
     */
    public static void record(Connection connection, Actor actor, AuditAction action, String entity,
            String entityId, String iso3, Long uploadId, Object detail) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            setLong(ps, 1, actor.tokenId());
            ps.setString(2, actor.name());
            ps.setString(3, action.wireName());
            ps.setString(4, entity);
            ps.setString(5, entityId);
            ps.setString(6, iso3);
            setLong(ps, 7, uploadId);
            ps.setString(8, json(detail));
            ps.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static String json(Object detail) {
        try {
            return JSON.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
