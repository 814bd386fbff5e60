package org.clearancemap.land;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;
import org.clearancemap.db.JsonRows;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Reads hazards and releases: the map's GeoJSON layers, the version history of one hazard or
 * release, what a report lists, and how much is mapped per State Party.
 */
public final class LandRepository {

    /**
     * A map layer on a day ({@code d.day}): GeoJSON Features written by PostGIS, in the one property
     * vocabulary. Formatted with: the kind's properties, its view, the condition placing versions on
     * the day, the bbox condition.
     */
    private static final String LAYER = """
            SELECT json_build_object(
                     'type', 'Feature',
                     'id', id,
                     'geometry', ST_AsGeoJSON(geom4326, 7)::json,
                     'properties', json_build_object(
                        'id', id, 'state_party', iso3, 'external_id', external_id, 'version', version,
                        %s,
                        'area_sqm', area_sqm, 'upload_id', upload_id, 'synthetic', synthetic))::text
              FROM %s CROSS JOIN (SELECT ?::date AS day) d
             WHERE (?::text IS NULL OR iso3 = ?)
               AND %s
               AND %s
             ORDER BY id
             LIMIT ?
            """;
    /** Hazard versions valid on a date: recorded on or before it, not yet closed on it. */
    private static final String HAZARD_LAYER = LAYER.formatted("""
            'classification', classification, 'recorded_on', recorded_on,
                        'valid_until', valid_until, 'retired_on', retired_on,
                        'contamination', contamination, 'evidence', evidence,
                        'admin1', admin1, 'admin2', admin2, 'pcode', pcode""",
            "land.hazard_version", "recorded_on <= d.day AND (is_current OR valid_until > d.day)", "%s");
    /** Current release versions completed on or before a date. */
    private static final String RELEASE_LAYER = LAYER.formatted("""
            'method', method, 'completed_on', completed_on, 'operator', operator,
                        'items_destroyed', items_destroyed, 'hazard_external_id', hazard_external_id,
                        'admin1', admin1, 'admin2', admin2, 'pcode', pcode""",
            "land.current_release", "completed_on <= d.day", "%s");

    /**
     * Every stored version of one hazard or release, oldest first, each one JSON object with its
     * geometry (written by PostGIS) and the upload it came from. Formatted with: the kind's status,
     * the kind's fields, its versions view.
     */
    private static final String VERSIONS = """
            SELECT json_build_object(
                     'id', v.id, 'version', v.version, 'status', %s,
                     %s,
                     'areaSqm', v.area_sqm, 'attributes', v.attributes, 'synthetic', v.synthetic,
                     'storedAt', v.created_at, 'uploadId', v.upload_id,
                     'upload', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object(
                                 'id', u.id, 'fileName', u.file_name, 'format', u.format,
                                 'uploadedBy', u.uploaded_by, 'uploadedAt', u.uploaded_at) END,
                     'geometry', ST_AsGeoJSON(v.geom4326, 7)::json)::text
              FROM %s v
              LEFT JOIN upload u ON u.id = v.upload_id
             WHERE v.iso3 = ? AND v.external_id = ?
             ORDER BY v.version
            """;
    private static final String HAZARD_STATUS = """
            CASE WHEN v.retired_on IS NOT NULL THEN 'retired' WHEN v.is_current THEN 'current' ELSE 'superseded' END""";
    private static final String HAZARD_FIELDS = """
            'classification', v.classification, 'recordedOn', v.recorded_on,
                     'validUntil', v.valid_until, 'retiredOn', v.retired_on, 'retiredReason', v.retired_reason,
                     'contamination', v.contamination, 'evidence', v.evidence,
                     'admin1', v.admin1, 'admin2', v.admin2, 'pcode', v.pcode""";
    private static final String RELEASE_STATUS = "CASE WHEN v.is_current THEN 'current' ELSE 'superseded' END";
    private static final String RELEASE_FIELDS = """
            'method', v.method, 'completedOn', v.completed_on, 'operator', v.operator,
                     'itemsDestroyed', v.items_destroyed, 'hazardExternalId', v.hazard_external_id,
                     'supersededAt', v.superseded_at, 'admin1', v.admin1, 'admin2', v.admin2, 'pcode', v.pcode""";

    /** What a report lists: the hazards valid on a date, with a point on each for its location. */
    private static final String LISTED_HAZARDS = """
            SELECT external_id, version, classification, recorded_on, contamination, area_sqm, admin1, admin2,
                   ST_X(ST_PointOnSurface(geom4326)) AS lon, ST_Y(ST_PointOnSurface(geom4326)) AS lat,
                   ST_AsBinary(geom4326) AS wkb
              FROM land.hazard_version
             WHERE iso3 = ? AND recorded_on <= ? AND (is_current OR valid_until > ?)
             ORDER BY external_id
            """;
    /** What a report lists: the current releases completed between two dates (both included). */
    private static final String LISTED_RELEASES = """
            SELECT external_id, method, completed_on, operator, items_destroyed, hazard_external_id, area_sqm,
                   admin1, admin2, ST_X(ST_PointOnSurface(geom4326)) AS lon, ST_Y(ST_PointOnSurface(geom4326)) AS lat
              FROM land.current_release
             WHERE iso3 = ? AND completed_on >= ? AND completed_on <= ?
             ORDER BY completed_on, external_id
            """;
    private static final String CURRENT_COUNTS = """
            SELECT iso3, sum(hazards), sum(releases) FROM (
                SELECT iso3, count(*) AS hazards, 0 AS releases FROM land.current_hazard GROUP BY iso3
                UNION ALL
                SELECT iso3, 0, count(*) FROM land.current_release GROUP BY iso3) n
             GROUP BY iso3
            """;

    /** A hazard version as a report lists it, with a point on it ({@code lon}, {@code lat}). */
    public record ListedHazard(String externalId, int version, Classification classification, LocalDate recordedOn,
            String contamination, double areaSqm, String admin1, String admin2, double lon, double lat,
            Geometry geom4326) {
    }

    /** A current release as a report lists it, with a point on it ({@code lon}, {@code lat}). */
    public record ListedRelease(String externalId, ReleaseMethod method, LocalDate completedOn, String operator,
            Integer itemsDestroyed, String hazardExternalId, double areaSqm, String admin1, String admin2, double lon,
            double lat) {
    }

    /** How many current hazards and releases a State Party has. */
    public record CurrentCounts(long hazards, long releases) {
        public static final CurrentCounts NONE = new CurrentCounts(0, 0);
    }

    private final DataSource dataSource;

    public LandRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The map layer of {@code kind} on {@code filter.asOf()}, as GeoJSON written by PostGIS: the hazard
     * versions valid on that day, or the current releases completed by then.
     */
    public GeoJsonPage layer(LandKind kind, FeatureFilter filter) {
        String sql = (kind == LandKind.HAZARDS ? HAZARD_LAYER : RELEASE_LAYER).formatted(filter.bboxCondition());
        return GeoJsonPage.fetch(dataSource, sql, ps -> {
            ps.setDate(1, Date.valueOf(filter.asOf()));
            ps.setString(2, filter.iso3());
            ps.setString(3, filter.iso3());
            return filter.bindBbox(ps, 4);
        }, filter.limit(), kind.singular() + "s");
    }

    /** Every version of the hazard or release {@code externalId} of {@code iso3}, oldest first; empty when none. */
    public List<String> versions(LandKind kind, String iso3, String externalId) {
        String sql = kind == LandKind.HAZARDS
                ? VERSIONS.formatted(HAZARD_STATUS, HAZARD_FIELDS, kind.versions())
                : VERSIONS.formatted(RELEASE_STATUS, RELEASE_FIELDS, kind.versions());
        return JsonRows.list(dataSource, sql, iso3, externalId, kind.singular() + " versions");
    }

    /**
     * The external ids of {@code kind} that start with {@code prefix}, any case, in {@code iso3}
     * (null: every State Party), by State Party and id, at most {@code limit}: each as JSON
     * {@code {iso3, externalId, versions}}.
     */
    public List<String> findByPrefix(LandKind kind, String iso3, String prefix, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepareFindByPrefix(c, kind, iso3, prefix, limit)) {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DataAccessException("finding " + kind.singular() + " ids", e);
        }
    }

    /**
     * The query of {@link #findByPrefix}, bound; the index on {@code lower(external_id)} of each
     * kind's table (migration V47) answers its prefix.
     */
    public static PreparedStatement prepareFindByPrefix(Connection c, LandKind kind, String iso3, String prefix, int limit)
            throws SQLException {
        String sql = """
                SELECT json_build_object('iso3', v.iso3, 'externalId', v.external_id, 'versions', count(*))::text
                  FROM %s v
                 WHERE (?::text IS NULL OR v.iso3 = ?) AND lower(v.external_id) LIKE ? ESCAPE '\\'
                 GROUP BY v.iso3, v.external_id
                 ORDER BY v.iso3, v.external_id
                 LIMIT ?
                """.formatted(kind.versions());
        String pattern = prefix.toLowerCase(Locale.ROOT).replaceAll("([\\\\%_])", "\\\\$1") + "%";
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setString(1, iso3);
        ps.setString(2, iso3);
        ps.setString(3, pattern);
        ps.setInt(4, limit);
        return ps;
    }

    /** The hazards of {@code iso3} valid on {@code date}, by external id. */
    public List<ListedHazard> listedHazards(String iso3, LocalDate date) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LISTED_HAZARDS)) {
            ps.setString(1, iso3);
            ps.setObject(2, date);
            ps.setObject(3, date);
            WKBReader wkb = new WKBReader();
            List<ListedHazard> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ListedHazard(rs.getString("external_id"), rs.getInt("version"),
                            Classification.of(rs.getString("classification")),
                            rs.getObject("recorded_on", LocalDate.class), rs.getString("contamination"),
                            rs.getDouble("area_sqm"), rs.getString("admin1"), rs.getString("admin2"),
                            rs.getDouble("lon"), rs.getDouble("lat"), wkb.read(rs.getBytes("wkb"))));
                }
            }
            return rows;
        } catch (SQLException | ParseException e) {
            throw new DataAccessException("reading the hazards of " + iso3, e);
        }
    }

    /** The current releases of {@code iso3} completed from {@code from} to {@code to}, in date order. */
    public List<ListedRelease> listedReleases(String iso3, LocalDate from, LocalDate to) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LISTED_RELEASES)) {
            ps.setString(1, iso3);
            ps.setObject(2, from);
            ps.setObject(3, to);
            List<ListedRelease> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ListedRelease(rs.getString("external_id"), ReleaseMethod.of(rs.getString("method")),
                            rs.getObject("completed_on", LocalDate.class), rs.getString("operator"),
                            (Integer) rs.getObject("items_destroyed"), rs.getString("hazard_external_id"),
                            rs.getDouble("area_sqm"), rs.getString("admin1"), rs.getString("admin2"),
                            rs.getDouble("lon"), rs.getDouble("lat")));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DataAccessException("reading the releases of " + iso3, e);
        }
    }

    /** Current hazards and releases per State Party; a State Party with neither is absent. */
    public Map<String, CurrentCounts> currentCounts() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CURRENT_COUNTS);
             ResultSet rs = ps.executeQuery()) {
            var result = new HashMap<String, CurrentCounts>();
            while (rs.next()) {
                result.put(rs.getString(1), new CurrentCounts(rs.getLong(2), rs.getLong(3)));
            }
            return result;
        } catch (SQLException e) {
            throw new DataAccessException("counting mapped features", e);
        }
    }
}
