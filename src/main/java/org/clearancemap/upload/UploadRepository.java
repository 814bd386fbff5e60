package org.clearancemap.upload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;

/** The {@code upload} table: every file uploaded, with its report. */
final class UploadRepository {

    private static final String SELECT_REPORT_BY_CONTENT = """
            SELECT id, uploaded_at, report::text FROM upload WHERE iso3 = ? AND kind = ? AND content_sha256 = ?
            """;
    /**
     * The COPY of a large upload lasts as long as its features take to parse and check, which can
     * pass the server-wide statement timeout: an upload transaction gets ten minutes per statement.
     */
    private static final String UPLOAD_TIMEOUT = """
            SET LOCAL statement_timeout = '10min'
            """;
    /** One upload at a time per State Party and kind: versions are numbered from what is stored. */
    private static final String LOCK = """
            SELECT pg_advisory_xact_lock(hashtext('upload:' || ? || ':' || ?))
            """;
    private static final String INSERT = """
            INSERT INTO upload (iso3, kind, uploaded_by, file_name, format, content_sha256, size_bytes)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            RETURNING id, uploaded_at
            """;
    private static final String FINISH = """
            UPDATE upload
               SET features = ?, inserted = ?, updated = ?, unchanged = ?, repaired = ?, report = ?::jsonb
             WHERE id = ?
            """;
    private static final String SELECT_LIST = """
            SELECT id, iso3, kind, uploaded_by, uploaded_at, file_name, format, size_bytes,
                   features, inserted, updated, unchanged, repaired, synthetic
              FROM upload
             WHERE (?::text IS NULL OR iso3 = ?)
             ORDER BY id DESC
             LIMIT ?
            """;
    private static final String SELECT_ONE = """
            SELECT id, iso3, kind, uploaded_by, uploaded_at, file_name, format, size_bytes,
                   features, inserted, updated, unchanged, repaired, synthetic, report::text AS report
              FROM upload
             WHERE id = ?
            """;

    private final DataSource dataSource;

    /** An upload of the same file before: its id, when it was made and its stored report. */
    record Previous(long uploadId, OffsetDateTime uploadedAt, String report) {
    }

    UploadRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** The identical file uploaded before to the same place, if any. */
    Optional<Previous> previous(Connection c, String iso3, UploadKind kind, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_REPORT_BY_CONTENT)) {
            ps.setString(1, iso3);
            ps.setString(2, kind.column());
            ps.setString(3, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Previous(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    Optional<Previous> previous(String iso3, UploadKind kind, String sha256) {
        try (Connection c = dataSource.getConnection()) {
            return previous(c, iso3, kind, sha256);
        } catch (SQLException e) {
            throw new DataAccessException("reading uploads", e);
        }
    }

    /** Starts the work of an upload in the open transaction: its statement timeout, then the lock. */
    void lock(Connection c, String iso3, UploadKind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPLOAD_TIMEOUT)) {
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setString(1, iso3);
            ps.setString(2, kind.column());
            ps.executeQuery().close();
        }
    }

    /** Records the upload (counts follow in {@link #finish}); returns its id and time. */
    Map.Entry<Long, OffsetDateTime> insert(Connection c, UploadReport r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, r.iso3());
            ps.setString(2, r.kind());
            ps.setString(3, r.uploadedBy());
            ps.setString(4, r.fileName());
            ps.setString(5, r.format());
            ps.setString(6, r.sha256());
            ps.setLong(7, r.sizeBytes());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Map.entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class));
            }
        }
    }

    void finish(Connection c, UploadReport r, String reportJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FINISH)) {
            ps.setInt(1, r.features());
            ps.setInt(2, r.inserted());
            ps.setInt(3, r.updated());
            ps.setInt(4, r.unchanged());
            ps.setInt(5, r.repaired());
            ps.setString(6, reportJson);
            ps.setLong(7, r.uploadId());
            ps.executeUpdate();
        }
    }

    /** The latest uploads, newest first, optionally of one State Party. */
    List<Map<String, Object>> list(String iso3, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_LIST)) {
            ps.setString(1, iso3);
            ps.setString(2, iso3);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                var result = new ArrayList<Map<String, Object>>();
                while (rs.next()) {
                    result.add(summary(rs));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new DataAccessException("listing uploads", e);
        }
    }

    private static Map<String, Object> summary(ResultSet rs) throws SQLException {
        var row = new LinkedHashMap<String, Object>();
        row.put("uploadId", rs.getLong("id"));
        row.put("iso3", rs.getString("iso3"));
        row.put("kind", rs.getString("kind"));
        row.put("uploadedBy", rs.getString("uploaded_by"));
        row.put("uploadedAt", rs.getObject("uploaded_at", OffsetDateTime.class));
        row.put("fileName", rs.getString("file_name"));
        row.put("format", rs.getString("format"));
        row.put("sizeBytes", rs.getLong("size_bytes"));
        row.put("features", rs.getInt("features"));
        row.put("inserted", rs.getInt("inserted"));
        row.put("updated", rs.getInt("updated"));
        row.put("unchanged", rs.getInt("unchanged"));
        row.put("repaired", rs.getInt("repaired"));
        row.put("synthetic", rs.getBoolean("synthetic"));
        return row;
    }

    /** One upload: its summary and, under {@code report}, the stored report text. */
    Optional<Map<String, Object>> one(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_ONE)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> row = summary(rs);
                row.put("report", rs.getString("report"));
                return Optional.of(row);
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading upload " + id, e);
        }
    }
}
