package org.clearancemap.land;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.clearancemap.db.BinaryCopyRows;
import org.clearancemap.db.CopyRows;
import org.locationtech.jts.io.WKBWriter;

/**
 * The versioned write of one upload of either kind: its rows go into a temporary stage table by
 * COPY, are compared with the current versions in SQL (same external id, same State Party), and
 * then become new versions; a file of ten thousand features costs a handful of statements.
 *
 * <p>A staged row with no current version is {@code inserted} (numbered after any closed
 * versions); one equal to its current version in every described column, the attributes and the
 * geometry is {@code unchanged} and left alone; any other is {@code updated}: the current version
 * is closed as its {@link LandKind} says and version n+1 is inserted. External ids never stored
 * before skip the stage and are copied straight into the table as version 1 ({@link #copyNew}).
 * The stage is dropped on commit or rollback.
 */
public final class VersionStage implements AutoCloseable {

    /** The stage has the stored columns' types; the outcome says what becomes of each row. */
    private static final String CREATE = """
            CREATE TEMP TABLE {stage} ON COMMIT DROP AS
            SELECT 0 AS ord, {columns} FROM {table} WITH NO DATA;
            ALTER TABLE {stage} ADD PRIMARY KEY (ord);
            CREATE TEMP TABLE {outcome} (
                ord          integer PRIMARY KEY,
                current_id   bigint,
                current_on   date,
                outcome      text    NOT NULL,
                next_version integer NOT NULL
            ) ON COMMIT DROP
            """;
    private static final String COPY = "COPY {stage} (ord, {columns}) FROM STDIN";
    private static final String CLASSIFY = """
            INSERT INTO {outcome} (ord, current_id, current_on, outcome, next_version)
            SELECT s.ord, c.id, c.{date},
                   CASE WHEN c.id IS NULL THEN 'inserted'
                        WHEN {unchanged} THEN 'unchanged'
                        ELSE 'updated' END,
                   CASE WHEN c.id IS NOT NULL THEN c.version + 1
                        ELSE coalesce((SELECT max(v.version) FROM {table} v
                                        WHERE v.iso3 = ? AND v.external_id = s.external_id), 0) + 1 END
              FROM {stage} s
              LEFT JOIN {current} c ON c.iso3 = ? AND c.external_id = s.external_id
            """;
    private static final String COUNT = "SELECT outcome, count(*) FROM {outcome} GROUP BY outcome";
    private static final String LEAVE_OUT = "DELETE FROM {outcome} WHERE ord = ANY (?)";
    /** Updates dated before the version they would replace. */
    private static final String CONFLICTS = """
            SELECT o.ord, s.external_id, s.{date}, o.current_on
              FROM {outcome} o JOIN {stage} s USING (ord)
             WHERE o.outcome = 'updated' AND s.{date} < o.current_on
             ORDER BY o.ord
            """;
    private static final String CLOSE_CURRENT = """
            UPDATE {table} t
               SET {close}
              FROM {outcome} o JOIN {stage} s USING (ord)
             WHERE t.id = o.current_id AND o.outcome = 'updated'
            """;
    private static final String INSERT_VERSIONS = """
            INSERT INTO {table} (iso3, external_id, version, {described}, attributes, geom4326, area_sqm, upload_id)
            SELECT ?, s.external_id, o.next_version, {s.described}, s.attributes, s.geom4326, s.area_sqm, ?
              FROM {stage} s JOIN {outcome} o USING (ord)
             WHERE o.outcome <> 'unchanged'
            """;
    private static final String COPY_NEW = """
            COPY {table} (iso3, external_id, version, {described}, attributes, geom4326, area_sqm, upload_id)
            FROM STDIN (FORMAT binary)
            """;
    /** Every external id, with whether it has a current version (false: every version closed, i.e. retired). */
    private static final String KNOWN = """
            SELECT external_id, bool_or(is_current) FROM {versions} WHERE iso3 = ? GROUP BY external_id
            """;

    private final Connection c;
    private final LandKind kind;
    private final String iso3;
    private final CopyRows copy;

    private VersionStage(Connection c, LandKind kind, String iso3) throws SQLException {
        this.c = c;
        this.kind = kind;
        this.iso3 = iso3;
        this.copy = new CopyRows(c, sql(COPY, kind));
    }

    /** Opens the stage of one upload on a connection inside a transaction. */
    public static VersionStage open(Connection c, LandKind kind, String iso3) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(sql(CREATE, kind));
        }
        return new VersionStage(c, kind, iso3);
    }

    /**
     * The external ids stored for {@code iso3} (any version), each mapped to whether it has a current
     * version; false means every version is closed, i.e. the hazard was retired.
     */
    public static Map<String, Boolean> known(Connection c, LandKind kind, String iso3) throws SQLException {
        var result = new HashMap<String, Boolean>();
        try (PreparedStatement ps = c.prepareStatement(sql(KNOWN, kind))) {
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

    /** A COPY of first versions straight into the kind's table (rows by {@link #newRow}). */
    public static BinaryCopyRows copyNew(Connection c, LandKind kind) throws SQLException {
        return new BinaryCopyRows(c, sql(COPY_NEW, kind));
    }

    /** The row of a new external id's first version, for {@link #copyNew}; thread-safe. */
    public static byte[] newRow(String iso3, long uploadId, LandVersion v) {
        var row = new BinaryCopyRows.Row(7 + v.kind().described().size()).text(iso3).text(v.externalId()).integer(1);
        for (Object value : v.described()) {
            if (value == null || value instanceof String) {
                row.text((String) value);
            } else if (value instanceof LocalDate d) {
                row.date(d);
            } else if (value instanceof Integer i) {
                row.integer(i);
            } else {
                throw new IllegalArgumentException("no COPY type for " + value.getClass());
            }
        }
        return row.jsonb(v.attributesJson()).bytes(wkb(v)).float8(v.areaSqm()).bigint(uploadId).bytes();
    }

    /** The stage row of the feature at position {@code ord} of the file; thread-safe, for {@link #add}. */
    public static byte[] row(int ord, LandVersion v) {
        var values = new ArrayList<Object>(v.described().size() + 5);
        values.add(ord);
        values.add(v.externalId());
        values.addAll(v.described());
        values.add(v.attributesJson());
        values.add(wkb(v));
        values.add(v.areaSqm());
        return CopyRows.row(values.toArray());
    }

    /** Adds a row made by {@link #row}, in file order. */
    public void add(byte[] row) throws SQLException {
        copy.addRow(row);
    }

    /** Ends the COPY and compares the stage with what is stored; nothing is written yet. */
    public VersionCounts classify() throws SQLException {
        copy.finish();
        try (PreparedStatement ps = c.prepareStatement(sql(CLASSIFY, kind))) {
            ps.setString(1, iso3);
            ps.setString(2, iso3);
            ps.executeUpdate();
        }
        return VersionCounts.count(c, sql(COUNT, kind));
    }

    /** The staged rows that cannot become new versions (after {@link #classify}). */
    public List<StagedConflict> conflicts() throws SQLException {
        var result = new ArrayList<StagedConflict>();
        if (!kind.datedAfterCurrent()) {
            return result;
        }
        String date = kind.dateColumn();
        try (PreparedStatement ps = c.prepareStatement(sql(CONFLICTS, kind)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new StagedConflict(rs.getInt(1), rs.getString(2), date + " "
                        + rs.getObject(3, LocalDate.class) + " is before the current version's " + date + " "
                        + rs.getObject(4, LocalDate.class) + "; a new version must be " + kind.dated() + " on or after it"));
            }
        }
        return result;
    }

    /**
     * Leaves the staged rows at these positions out of what {@link #write} writes (after
     * {@link #classify}); returns the counts of what is left.
     */
    public VersionCounts leaveOut(List<Integer> ords) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql(LEAVE_OUT, kind))) {
            ps.setArray(1, c.createArrayOf("integer", ords.toArray()));
            ps.executeUpdate();
        }
        return VersionCounts.count(c, sql(COUNT, kind));
    }

    /** Closes the current versions of changed things and inserts the new versions. */
    public void write(long uploadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql(CLOSE_CURRENT, kind))) {
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(sql(INSERT_VERSIONS, kind))) {
            ps.setString(1, iso3);
            ps.setLong(2, uploadId);
            ps.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        copy.close();
    }

    private static byte[] wkb(LandVersion v) {
        v.geom4326().setSRID(4326);
        return new WKBWriter(2, true).write(v.geom4326());
    }

    /** Unchanged: equal in every described column and the attributes, the same geometry to the byte. */
    private static String unchanged(LandKind kind) {
        return kind.described().stream().map(col -> "c." + col + " IS NOT DISTINCT FROM s." + col)
                .collect(Collectors.joining("\n AND ", "", "\n AND c.attributes = s.attributes"
                        + "\n AND ST_AsBinary(c.geom4326) = ST_AsBinary(s.geom4326)"));
    }

    /** A statement of this class with the kind's names and columns filled in (never a request's values). */
    private static String sql(String template, LandKind kind) {
        String described = String.join(", ", kind.described());
        return template
                .replace("{stage}", kind.singular() + "_stage")
                .replace("{outcome}", kind.singular() + "_outcome")
                .replace("{table}", kind.table())
                .replace("{current}", kind.current())
                .replace("{versions}", kind.versions())
                .replace("{date}", kind.dateColumn())
                .replace("{close}", kind.closeCurrent())
                .replace("{unchanged}", unchanged(kind))
                .replace("{columns}", "external_id, " + described + ", attributes, geom4326, area_sqm")
                .replace("{s.described}", "s." + String.join(", s.", kind.described()))
                .replace("{described}", described);
    }
}
