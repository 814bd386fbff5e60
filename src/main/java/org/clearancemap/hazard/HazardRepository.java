package org.clearancemap.hazard;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.clearancemap.db.BinaryCopyRows;
import org.clearancemap.db.CopyRows;
import org.clearancemap.db.FeatureFilter;
import org.clearancemap.db.GeoJsonPage;
import org.clearancemap.db.JsonRows;
import org.clearancemap.db.StagedConflict;
import org.clearancemap.db.VersionCounts;
import org.locationtech.jts.io.WKBWriter;

/**
 * Reads hazardous-area versions for the map, and writes new versions from uploads.
 *
 * <p>Writing goes through a temporary stage table filled by COPY: the stage is compared with the
 * current versions in SQL (same external id, same State Party), so that a file of ten thousand
 * features costs a handful of statements. A changed hazard closes its current version
 * ({@code valid_until} = the new version's {@code recorded_on}) and gets version n+1; an identical
 * one is left alone ({@code unchanged}).
 */
public final class HazardRepository {

    /** The uploaded rows, and what becomes of each (filled by {@link #CLASSIFY_STAGE}). */
    private static final String CREATE_STAGE = """
            CREATE TEMP TABLE hazard_stage (
                ord            integer PRIMARY KEY,
                external_id    text    NOT NULL,
                classification text    NOT NULL,
                recorded_on    date    NOT NULL,
                contamination  text,
                evidence       text,
                attributes     jsonb   NOT NULL,
                geom4326       geometry(MultiPolygon, 4326) NOT NULL,
                area_sqm       double precision NOT NULL
            ) ON COMMIT DROP;
            CREATE TEMP TABLE hazard_outcome (
                ord                 integer PRIMARY KEY,
                current_id          bigint,
                current_recorded_on date,
                outcome             text    NOT NULL,
                next_version        integer NOT NULL
            ) ON COMMIT DROP
            """;
    private static final String COPY_STAGE = """
            COPY hazard_stage (ord, external_id, classification, recorded_on, contamination, evidence,
                               attributes, geom4326, area_sqm) FROM STDIN
            """;
    /**
     * Compares each staged row with the current version of the same hazard: none → inserted
     * (version after any retired ones), identical → unchanged, else updated (version n+1).
     */
    private static final String CLASSIFY_STAGE = """
            INSERT INTO hazard_outcome (ord, current_id, current_recorded_on, outcome, next_version)
            SELECT s.ord, h.id, h.recorded_on,
                   CASE WHEN h.id IS NULL THEN 'inserted'
                        WHEN h.classification = s.classification
                         AND h.recorded_on = s.recorded_on
                         AND h.contamination IS NOT DISTINCT FROM s.contamination
                         AND h.evidence IS NOT DISTINCT FROM s.evidence
                         AND h.attributes = s.attributes
                         AND ST_AsBinary(h.geom4326) = ST_AsBinary(s.geom4326) THEN 'unchanged'
                        ELSE 'updated' END,
                   CASE WHEN h.id IS NOT NULL THEN h.version + 1
                        ELSE coalesce((SELECT max(v.version) FROM hazard v
                                        WHERE v.iso3 = ? AND v.external_id = s.external_id), 0) + 1 END
              FROM hazard_stage s
              LEFT JOIN hazard h ON h.iso3 = ? AND h.external_id = s.external_id AND h.valid_until IS NULL
            """;
    private static final String STAGE_CONFLICTS = """
            SELECT o.ord, s.external_id, s.recorded_on, o.current_recorded_on
              FROM hazard_outcome o JOIN hazard_stage s USING (ord)
             WHERE o.outcome = 'updated' AND s.recorded_on < o.current_recorded_on
             ORDER BY o.ord
            """;
    private static final String COUNT_STAGE = """
            SELECT outcome, count(*) FROM hazard_outcome GROUP BY outcome
            """;
    private static final String CLOSE_CURRENT = """
            UPDATE hazard h
               SET valid_until = s.recorded_on
              FROM hazard_outcome o JOIN hazard_stage s USING (ord)
             WHERE h.id = o.current_id AND o.outcome = 'updated'
            """;
    private static final String INSERT_VERSIONS = """
            INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, contamination, evidence,
                                attributes, geom4326, area_sqm, upload_id)
            SELECT ?, s.external_id, o.next_version, s.classification, s.recorded_on, s.contamination, s.evidence,
                   s.attributes, s.geom4326, s.area_sqm, ?
              FROM hazard_stage s JOIN hazard_outcome o USING (ord)
             WHERE o.outcome <> 'unchanged'
            """;
    /** New hazards (no version of their external id stored yet) go straight into the table as version 1. */
    private static final String COPY_NEW = """
            COPY hazard (iso3, external_id, version, classification, recorded_on, contamination, evidence,
                         attributes, geom4326, area_sqm, upload_id) FROM STDIN (FORMAT binary)
            """;
    /** Every external id of a State Party, with whether it has a current version (false: retired). */
    private static final String SELECT_KNOWN = """
            SELECT external_id, bool_or(valid_until IS NULL) FROM hazard WHERE iso3 = ? GROUP BY external_id
            """;
    private static final String SELECT_CURRENT_FOR_UPDATE = """
            SELECT id, version, recorded_on FROM hazard
             WHERE iso3 = ? AND external_id = ? AND valid_until IS NULL
               FOR UPDATE
            """;
    private static final String RETIRE = """
            UPDATE hazard SET valid_until = ?, retired_on = ?, retired_reason = ? WHERE id = ?
            """;

    /** Versions valid on a date: recorded on or before it, not yet superseded or retired on it. */
    private static final String SELECT = """
            SELECT json_build_object(
                     'type', 'Feature',
                     'id', id,
                     'geometry', ST_AsGeoJSON(geom4326, 7)::json,
                     'properties', json_build_object(
                        'id', id, 'iso3', iso3, 'externalId', external_id, 'version', version,
                        'classification', classification, 'recordedOn', recorded_on,
                        'validUntil', valid_until, 'retiredOn', retired_on,
                        'contamination', contamination, 'evidence', evidence,
                        'areaSqm', area_sqm, 'uploadId', upload_id, 'synthetic', synthetic))::text
              FROM hazard
             WHERE (?::text IS NULL OR iso3 = ?)
               AND recorded_on <= ? AND (valid_until IS NULL OR valid_until > ?)
               AND %s
             ORDER BY id
             LIMIT ?
            """;

    /**
     * Every stored version of one hazard, oldest first, each as one JSON object with its geometry
     * (written by PostGIS) and the upload it came from.
     */
    private static final String SELECT_VERSIONS = """
            SELECT json_build_object(
                     'id', h.id, 'version', h.version,
                     'status', CASE WHEN h.retired_on IS NOT NULL THEN 'retired'
                                    WHEN h.valid_until IS NOT NULL THEN 'superseded' ELSE 'current' END,
                     'classification', h.classification, 'recordedOn', h.recorded_on,
                     'validUntil', h.valid_until, 'retiredOn', h.retired_on, 'retiredReason', h.retired_reason,
                     'contamination', h.contamination, 'evidence', h.evidence, 'areaSqm', h.area_sqm,
                     'attributes', h.attributes, 'synthetic', h.synthetic, 'storedAt', h.created_at,
                     'uploadId', h.upload_id,
                     'upload', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object(
                                 'id', u.id, 'fileName', u.file_name, 'format', u.format,
                                 'uploadedBy', u.uploaded_by, 'uploadedAt', u.uploaded_at) END,
                     'geometry', ST_AsGeoJSON(h.geom4326, 7)::json)::text
              FROM hazard h
              LEFT JOIN upload u ON u.id = h.upload_id
             WHERE h.iso3 = ? AND h.external_id = ?
             ORDER BY h.version
            """;

    private final DataSource dataSource;

    public HazardRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The hazard versions valid on {@code filter.asOf()}, as GeoJSON written by PostGIS. */
    public GeoJsonPage validOn(FeatureFilter filter) {
        String sql = SELECT.formatted(filter.bboxCondition());
        return GeoJsonPage.fetch(dataSource, sql, ps -> {
            ps.setString(1, filter.iso3());
            ps.setString(2, filter.iso3());
            ps.setDate(3, Date.valueOf(filter.asOf()));
            ps.setDate(4, Date.valueOf(filter.asOf()));
            return filter.bindBbox(ps, 5);
        }, filter.limit(), "hazards");
    }

    /** Every version of the hazard {@code externalId} of {@code iso3}, oldest first, as JSON objects; empty when none. */
    public List<String> versions(String iso3, String externalId) {
        return JsonRows.list(dataSource, SELECT_VERSIONS, iso3, externalId, "hazard versions");
    }

    /**
     * The external ids stored for {@code iso3} (any version), each mapped to whether it has a
     * current version; false means every version is closed, i.e. the hazard was retired.
     */
    public java.util.Map<String, Boolean> knownIds(Connection c, String iso3) throws SQLException {
        var result = new java.util.HashMap<String, Boolean>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_KNOWN)) {
            ps.setString(1, iso3);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), rs.getBoolean(2));
                }
            }
        }
        return result;
    }

    /** A COPY of first versions straight into the hazard table (rows by {@link #newRow}). */
    public static BinaryCopyRows copyNew(Connection c) throws SQLException {
        return new BinaryCopyRows(c, COPY_NEW);
    }

    /** The row of a new hazard's first version, for {@link #copyNew}; thread-safe. */
    public static byte[] newRow(String iso3, long uploadId, HazardVersion v) {
        v.geom4326().setSRID(4326);
        return new BinaryCopyRows.Row(11).text(iso3).text(v.externalId()).integer(1).text(v.classification())
                .date(v.recordedOn()).text(v.contamination()).text(v.evidence()).jsonb(v.attributesJson())
                .bytes(new WKBWriter(2, true).write(v.geom4326())).float8(v.areaSqm()).bigint(uploadId).bytes();
    }

    /** Opens a stage for one upload on a connection inside a transaction; it is dropped on commit or rollback. */
    public Stage stage(Connection c, String iso3) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(CREATE_STAGE);
        }
        return new Stage(c, iso3);
    }

    /** The rows of one upload on their way to becoming hazard versions. */
    public static final class Stage implements AutoCloseable {
        private final Connection c;
        private final String iso3;
        private final CopyRows copy;

        private Stage(Connection c, String iso3) throws SQLException {
            this.c = c;
            this.iso3 = iso3;
            this.copy = new CopyRows(c, COPY_STAGE);
        }

        /** The stage row of the feature at position {@code ord} of the file; thread-safe, for {@link #add}. */
        public static byte[] row(int ord, HazardVersion v) {
            v.geom4326().setSRID(4326);
            return CopyRows.row(ord, v.externalId(), v.classification(), v.recordedOn(), v.contamination(),
                    v.evidence(), v.attributesJson(), new WKBWriter(2, true).write(v.geom4326()),
                    v.areaSqm());
        }

        /** Adds a row made by {@link #row}, in file order. */
        public void add(byte[] row) throws SQLException {
            copy.addRow(row);
        }

        /** Ends the COPY and compares the stage with what is stored; nothing is written yet. */
        public VersionCounts classify() throws SQLException {
            copy.finish();
            try (PreparedStatement ps = c.prepareStatement(CLASSIFY_STAGE)) {
                ps.setString(1, iso3);
                ps.setString(2, iso3);
                ps.executeUpdate();
            }
            return VersionCounts.count(c, COUNT_STAGE);
        }

        /** New versions recorded before the version they would replace. */
        public List<StagedConflict> conflicts() throws SQLException {
            var result = new ArrayList<StagedConflict>();
            try (PreparedStatement ps = c.prepareStatement(STAGE_CONFLICTS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new StagedConflict(rs.getInt(1), rs.getString(2), "recorded_on "
                            + rs.getObject(3, LocalDate.class) + " is before the current version's recorded_on "
                            + rs.getObject(4, LocalDate.class) + "; a new version must be recorded on or after it"));
                }
            }
            return result;
        }

        /** Closes the current versions of changed hazards and inserts the new versions. */
        public void write(long uploadId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(CLOSE_CURRENT)) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_VERSIONS)) {
                ps.setString(1, iso3);
                ps.setLong(2, uploadId);
                ps.executeUpdate();
            }
        }

        @Override
        public void close() throws SQLException {
            copy.close();
        }
    }

    /** What retiring a hazard found. */
    public enum Retirement { RETIRED, NO_CURRENT_VERSION, BEFORE_RECORDED }

    /**
     * Retires the current version of a hazard on {@code date}: it stays stored, valid until that
     * date (exclusive). Runs on the caller's connection and transaction.
     *
     * @return the outcome and, when retired, the id of the retired version
     */
    public RetireResult retire(Connection c, String iso3, String externalId, LocalDate date, String reason)
            throws SQLException {
        long id;
        LocalDate recordedOn;
        try (PreparedStatement ps = c.prepareStatement(SELECT_CURRENT_FOR_UPDATE)) {
            ps.setString(1, iso3);
            ps.setString(2, externalId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new RetireResult(Retirement.NO_CURRENT_VERSION, null, null);
                }
                id = rs.getLong(1);
                recordedOn = rs.getObject(3, LocalDate.class);
            }
        }
        if (date.isBefore(recordedOn)) {
            return new RetireResult(Retirement.BEFORE_RECORDED, id, recordedOn);
        }
        try (PreparedStatement ps = c.prepareStatement(RETIRE)) {
            ps.setDate(1, Date.valueOf(date));
            ps.setDate(2, Date.valueOf(date));
            ps.setString(3, reason);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
        return new RetireResult(Retirement.RETIRED, id, recordedOn);
    }

    /** The outcome of {@link #retire}, with the version's id and recorded date when there was one. */
    public record RetireResult(Retirement outcome, Long hazardId, LocalDate recordedOn) {
    }
}
