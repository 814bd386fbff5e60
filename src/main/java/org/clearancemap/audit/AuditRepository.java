package org.clearancemap.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;
import org.clearancemap.http.Json;

/** Reads the audit trail, newest first. */
public final class AuditRepository {
    /**
     * Each filter is off when its parameter is null. The action filter takes the stored name and,
     * for a current action, the name it had before (with the entity when that name was shared).
     */
    private static final String PAGE = """
            SELECT id, at, token_id, actor, action, entity, entity_id, iso3, upload_id, detail::text AS detail
            FROM audit_event
            WHERE (?::char(3) IS NULL OR iso3 = ?::char(3))
              AND (?::text IS NULL OR action = ?::text
                   OR (action = ?::text AND (?::text IS NULL OR entity = ?::text)))
              AND (?::timestamptz IS NULL OR at >= ?::timestamptz)
            ORDER BY at DESC, id DESC
            LIMIT ? OFFSET ?
            """;

    /**
     * What to show: filters (null = any) and the page. {@code action} is a stored action name; a
     * current one ({@link AuditAction}) also finds the events written under its earlier name.
     */
    public record Query(String iso3, String action, OffsetDateTime since, int limit, long offset) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json = Json.mapper();

    public AuditRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<AuditEvent> page(Query q) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(PAGE)) {
            ps.setString(1, q.iso3());
            ps.setString(2, q.iso3());
            AuditAction.Earlier earlier = q.action() == null ? null
                    : AuditAction.named(q.action()).map(AuditAction::earlier).orElse(null);
            ps.setString(3, q.action());
            ps.setString(4, q.action());
            ps.setString(5, earlier == null ? null : earlier.action());
            ps.setString(6, earlier == null ? null : earlier.entity());
            ps.setString(7, earlier == null ? null : earlier.entity());
            ps.setObject(8, q.since(), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(9, q.since(), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setInt(10, q.limit());
            ps.setLong(11, q.offset());
            try (ResultSet rs = ps.executeQuery()) {
                var events = new ArrayList<AuditEvent>();
                while (rs.next()) {
                    events.add(new AuditEvent(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class),
                            rs.getObject("token_id", Long.class), rs.getString("actor"), rs.getString("action"),
                            rs.getString("entity"), rs.getString("entity_id"), rs.getString("iso3"),
                            rs.getObject("upload_id", Long.class), json.readTree(rs.getString("detail"))));
                }
                return events;
            }
        } catch (SQLException | IOException e) {
            throw new DataAccessException("reading the audit trail", e);
        }
    }
}
