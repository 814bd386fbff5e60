package org.clearancemap.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import org.clearancemap.auth.Principal;
import org.clearancemap.http.Json;

/**
 * The audit trail: one {@code audit_event} row per write, written on the caller's connection
 * inside the caller's transaction, so the event exists if and only if the write committed.
 *
 * <p>Usage in a write (one call, after the data statements, before {@code commit}):
 * <pre>{@code
 * Principal who = Access.require(ctx, Role.OPERATOR, iso3);       // in the route
 * ...
 * c.setAutoCommit(false);                                          // in the repository
 * ... insert the hazards ...
 * AuditLog.record(c, who, "hazards.upload", "upload", Long.toString(uploadId), iso3, uploadId,
 *         Map.of("inserted", 12, "updated", 3));
 * c.commit();
 * }</pre>
 *
 * <p>Actions are {@code <thing>.<verb>} in lower case ({@code hazards.upload}, {@code hazard.retire},
 * {@code extension.decide}, {@code token.revoke}). Rows can be neither updated nor deleted (migration V40).
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
     * @param principal who did it (its token id and name are kept)
     * @param action    what was done, e.g. {@code hazards.upload}
     * @param entity    the kind of thing written, e.g. {@code hazard}, {@code upload}, {@code state_party}
     * @param entityId  its id or external id; may be null
     * @param iso3      the State Party concerned; may be null
     * @param uploadId  the upload that carried the write; may be null
     * @param detail    anything else worth keeping (counts, old and new values); may be null
     */
    public static void record(Connection connection, Principal principal, String action, String entity,
            String entityId, String iso3, Long uploadId, Map<String, ?> detail) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            if (principal.tokenId() == null) {
                ps.setNull(1, Types.BIGINT);
            } else {
                ps.setLong(1, principal.tokenId());
            }
            ps.setString(2, principal.name());
            ps.setString(3, action);
            ps.setString(4, entity);
            ps.setString(5, entityId);
            ps.setString(6, iso3);
            if (uploadId == null) {
                ps.setNull(7, Types.BIGINT);
            } else {
                ps.setLong(7, uploadId);
            }
            ps.setString(8, json(detail));
            ps.executeUpdate();
        }
    }

    private static String json(Map<String, ?> detail) {
        try {
            return JSON.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
