package org.clearancemap.release;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.clearancemap.db.BinaryCopyRows;
import org.clearancemap.db.CopyRows;
import org.clearancemap.db.FeatureFilter;
import org.clearancemap.db.GeoJsonPage;
import org.clearancemap.db.JsonRows;
import org.clearancemap.db.VersionCounts;
import org.locationtech.jts.io.WKBWriter;

/**
 * Reads land releases for the map, and writes new versions from uploads.
 *
 * <p>Writing goes through a temporary stage table filled by COPY and compared with the current
 * versions in SQL. A changed release gets version n+1 and its previous version is kept with
 * {@code superseded_at} set; an identical one is left alone ({@code unchanged}).
 */
public final class ReleaseRepository {

    /** The uploaded rows, and what becomes of each (filled by {@link #CLASSIFY_STAGE}). */
    private static final String CREATE_STAGE = """
            CREATE TEMP TABLE release_stage (
                ord                integer PRIMARY KEY,
                external_id        text    NOT NULL,
                method             text    NOT NULL,
                completed_on       date    NOT NULL,
                operator           text,
                items_destroyed    integer,
                hazard_external_id text,
                attributes         jsonb   NOT NULL,
                geom4326           geometry(MultiPolygon, 4326) NOT NULL,
                area_sqm           double precision NOT NULL
            ) ON COMMIT DROP;
            CREATE TEMP TABLE release_outcome (
                ord          integer PRIMARY KEY,
                current_id   bigint,
                outcome      text    NOT NULL,
                next_version integer NOT NULL
            ) ON COMMIT DROP
            """;
    private static final String COPY_STAGE = """
            COPY release_stage (ord, external_id, method, completed_on, operator, items_destroyed,
                                hazard_external_id, attributes, geom4326, area_sqm) FROM STDIN
            """;
    /** Compares each staged row with the current version of the same release. */
    private static final String CLASSIFY_STAGE = """
            INSERT INTO release_outcome (ord, current_id, outcome, next_version)
            SELECT s.ord, r.id,
                   CASE WHEN r.id IS NULL THEN 'inserted'
                        WHEN r.method = s.method
                         AND r.completed_on = s.completed_on
                         AND r.operator IS NOT DISTINCT FROM s.operator
                         AND r.items_destroyed IS NOT DISTINCT FROM s.items_destroyed
                         AND r.hazard_external_id IS NOT DISTINCT FROM s.hazard_external_id
                         AND r.attributes = s.attributes
                         AND ST_AsBinary(r.geom4326) = ST_AsBinary(s.geom4326) THEN 'unchanged'
                        ELSE 'updated' END,
                   CASE WHEN r.id IS NOT NULL THEN r.version + 1
                        ELSE coalesce((SELECT max(v.version) FROM land_release v
                                        WHERE v.iso3 = ? AND v.external_id = s.external_id), 0) + 1 END
              FROM release_stage s
              LEFT JOIN land_release r ON r.iso3 = ? AND r.external_id = s.external_id AND r.superseded_at IS NULL
            """;
    private static final String COUNT_STAGE = """
            SELECT outcome, count(*) FROM release_outcome GROUP BY outcome
            """;
    private static final String SUPERSEDE_CURRENT = """
            UPDATE land_release r
               SET superseded_at = now()
              FROM release_outcome o
             WHERE r.id = o.current_id AND o.outcome = 'updated'
            """;
    private static final String INSERT_VERSIONS = """
            INSERT INTO land_release (iso3, external_id, version, method, completed_on, operator, items_destroyed,
                                      hazard_external_id, attributes, geom4326, area_sqm, upload_id)
            SELECT ?, s.external_id, o.next_version, s.method, s.completed_on, s.operator, s.items_destroyed,
                   s.hazard_external_id, s.attributes, s.geom4326, s.area_sqm, ?
              FROM release_stage s JOIN release_outcome o USING (ord)
             WHERE o.outcome <> 'unchanged'
            """;

    /** New releases (no version of their external id stored yet) go straight into the table as version 1. */
    private static final String COPY_NEW = """
            COPY land_release (iso3, external_id, version, method, completed_on, operator, items_destroyed,
                               hazard_external_id, attributes, geom4326, area_sqm, upload_id) FROM STDIN (FORMAT binary)
            """;
    private static final String SELECT_KNOWN = """
            SELECT DISTINCT external_id FROM land_release WHERE iso3 = ?
            """;

    /** Current versions of the releases completed on or before a date. */
    private static final String SELECT = """
            SELECT json_build_object(
                     'type', 'Feature',
                     'id', id,
                     'geometry', ST_AsGeoJSON(geom4326, 7)::json,
                     'properties', json_build_object(
                        'id', id, 'iso3', iso3, 'externalId', external_id, 'version', version,
                        'method', method, 'completedOn', completed_on, 'operator', operator,
                        'itemsDestroyed', items_destroyed, 'hazardExternalId', hazard_external_id,
                        'areaSqm', area_sqm, 'uploadId', upload_id, 'synthetic', synthetic))::text
              FROM land_release
             WHERE (?::text IS NULL OR iso3 = ?)
               AND superseded_at IS NULL AND completed_on <= ?
               AND %s
             ORDER BY id
             LIMIT ?
            """;

    /**
     * Every stored version of one release, oldest first, each as one JSON object with its geometry
     * (written by PostGIS) and the upload it came from.
     */
    private static final String SELECT_VERSIONS = """
            SELECT json_build_object(
                     'id', r.id, 'version', r.version,
                     'status', CASE WHEN r.superseded_at IS NULL THEN 'current' ELSE 'superseded' END,
                     'method', r.method, 'completedOn', r.completed_on, 'operator', r.operator,
                     'itemsDestroyed', r.items_destroyed, 'hazardExternalId', r.hazard_external_id,
                     'supersededAt', r.superseded_at, 'areaSqm', r.area_sqm,
                     'attributes', r.attributes, 'synthetic', r.synthetic, 'storedAt', r.created_at,
                     'uploadId', r.upload_id,
                     'upload', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object(
                                 'id', u.id, 'fileName', u.file_name, 'format', u.format,
                                 'uploadedBy', u.uploaded_by, 'uploadedAt', u.uploaded_at) END,
                     'geometry', ST_AsGeoJSON(r.geom4326, 7)::json)::text
              FROM land_release r
              LEFT JOIN upload u ON u.id = r.upload_id
             WHERE r.iso3 = ? AND r.external_id = ?
             ORDER BY r.version
            """;

    private final DataSource dataSource;

    public ReleaseRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The releases completed on or before {@code filter.asOf()}, as GeoJSON written by PostGIS. */
    public GeoJsonPage completedBy(FeatureFilter filter) {
        String sql = SELECT.formatted(filter.bboxCondition());
        return GeoJsonPage.fetch(dataSource, sql, ps -> {
            ps.setString(1, filter.iso3());
            ps.setString(2, filter.iso3());
            ps.setDate(3, Date.valueOf(filter.asOf()));
            return filter.bindBbox(ps, 4);
        }, filter.limit(), "releases");
    }

    /** Every version of the release {@code externalId} of {@code iso3}, oldest first, as JSON objects; empty when none. */
    public List<String> versions(String iso3, String externalId) {
        return JsonRows.list(dataSource, SELECT_VERSIONS, iso3, externalId, "release versions");
    }

    /** The external ids of {@code iso3}'s releases, any version. */
    public java.util.Set<String> knownIds(Connection c, String iso3) throws SQLException {
        var result = new java.util.HashSet<String>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_KNOWN)) {
            ps.setString(1, iso3);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
        }
        return result;
    }

    /** A COPY of first versions straight into the land_release table (rows by {@link #newRow}). */
    public static BinaryCopyRows copyNew(Connection c) throws SQLException {
        return new BinaryCopyRows(c, COPY_NEW);
    }

    /** The row of a new release's first version, for {@link #copyNew}; thread-safe. */
    public static byte[] newRow(String iso3, long uploadId, ReleaseVersion v) {
        v.geom4326().setSRID(4326);
        return new BinaryCopyRows.Row(12).text(iso3).text(v.externalId()).integer(1).text(v.method())
                .date(v.completedOn()).text(v.operator()).integer(v.itemsDestroyed()).text(v.hazardExternalId())
                .jsonb(v.attributesJson()).bytes(new WKBWriter(2, true).write(v.geom4326())).float8(v.areaSqm())
                .bigint(uploadId).bytes();
    }

    /** Opens a stage for one upload on a connection inside a transaction; it is dropped on commit or rollback. */
    public Stage stage(Connection c, String iso3) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(CREATE_STAGE);
        }
        return new Stage(c, iso3);
    }

    /** The rows of one upload on their way to becoming release versions. */
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
        public static byte[] row(int ord, ReleaseVersion v) {
            v.geom4326().setSRID(4326);
            return CopyRows.row(ord, v.externalId(), v.method(), v.completedOn(), v.operator(), v.itemsDestroyed(),
                    v.hazardExternalId(), v.attributesJson(),
                    new WKBWriter(2, true).write(v.geom4326()), v.areaSqm());
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

        /** Marks the current versions of changed releases superseded and inserts the new versions. */
        public void write(long uploadId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(SUPERSEDE_CURRENT)) {
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
}
