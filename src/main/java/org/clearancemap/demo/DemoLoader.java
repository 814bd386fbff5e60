package org.clearancemap.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.clearancemap.audit.Actor;
import org.clearancemap.audit.AuditAction;
import org.clearancemap.audit.AuditLog;
import org.clearancemap.geo.Territories;
import org.clearancemap.land.Classification;
import org.clearancemap.land.ReleaseMethod;
import org.clearancemap.land.SyntheticLand;
import org.locationtech.jts.geom.MultiPolygon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the synthetic demo dataset ({@link DemoGenerator}) of every State Party in the
 * {@code state_party} table to the database, at the demo size or at another {@link DemoSize}.
 *
 * <p>Rules:
 * <ul>
 *   <li>Each State Party's hazards and releases are recorded as two uploads
 *       ({@code kind} hazards and releases) marked {@code synthetic}, by
 *       {@value #UPLOADED_BY}, whose checksum is SHA-256 of the generator version, the ISO3 code,
 *       the kind and, other than at the demo size, the size: an upload already there means that
 *       part is loaded, and it is skipped. Loading twice therefore changes nothing.</li>
 *   <li>One transaction per State Party: a failure leaves no part of that State written.</li>
 *   <li>Every row is {@code synthetic = true}; reference tables (reported figures, extensions,
 *       milestones) are not touched. Once the land is loaded, {@link DemoRequests} adds the
 *       synthetic extension requests (each labelled so) that are not there yet, and {@link DemoLap}
 *       the example indicator registry and its synthetic values.</li>
 *   <li>A State Party without a known territory is skipped, with a log line.</li>
 *   <li>Each upload gets an audit event (actor {@value #ACTOR}, action {@code demo.load}).</li>
 * </ul>
 */
public final class DemoLoader {

    /** What a call to {@link #load()} did. */
    public record Result(int states, int hazards, int hazardVersions, int releases, boolean alreadyLoaded) {
    }

    static final String UPLOADED_BY = "demo generator (synthetic data)";
    static final String ACTOR = "demo generator";
    private static final String ATTRIBUTES = "{\"synthetic\": true, \"generator\": \"" + DemoGenerator.GENERATOR + "\"}";

    private static final String SELECT_STATE_PARTIES = """
            SELECT iso3, eif_date FROM state_party ORDER BY iso3
            """;
    private static final String SELECT_UPLOAD = """
            SELECT id FROM upload WHERE iso3 = ? AND kind = ? AND content_sha256 = ?
            """;
    private static final String INSERT_UPLOAD = """
            INSERT INTO upload (iso3, kind, uploaded_by, file_name, format, content_sha256, size_bytes,
                                features, inserted, synthetic, report)
            VALUES (?, ?, ?, ?, 'generated', ?, 0, ?, ?, true, ?::jsonb)
            ON CONFLICT (iso3, kind, content_sha256) DO NOTHING
            RETURNING id
            """;

    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);

    private final DataSource dataSource;
    private final Territories territories;
    private final DemoSize size;

    public DemoLoader(DataSource dataSource) {
        this(dataSource, Territories.naturalEarth());
    }

    public DemoLoader(DataSource dataSource, Territories territories) {
        this(dataSource, territories, DemoSize.DEMO);
    }

    public DemoLoader(DataSource dataSource, Territories territories, DemoSize size) {
        this.dataSource = dataSource;
        this.territories = territories;
        this.size = size;
    }

    /** The checksum that marks the demo upload of {@code kind} for State {@code iso3}. */
    public static String contentSha256(String iso3, String kind) {
        return contentSha256(iso3, kind, DemoSize.DEMO);
    }

    /** The checksum that marks the upload of {@code kind} at {@code size} for State {@code iso3}. */
    public static String contentSha256(String iso3, String kind, DemoSize size) {
        String sized = size.isDemo() ? "" : "\n" + size.hazardsPerState() + " hazards per State Party";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (DemoGenerator.GENERATOR + "\n" + iso3 + "\n" + kind + sized).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Loads what is not loaded yet; see the class rules. */
    public Result load() {
        long started = System.nanoTime();
        int states = 0;
        int hazards = 0;
        int hazardVersions = 0;
        int releases = 0;
        int alreadyThere = 0;
        List<StateEntry> stateParties = stateParties();
        for (StateEntry state : stateParties) {
            Optional<MultiPolygon> territory = territories.territory(state.iso3());
            if (territory.isEmpty()) {
                LOG.info("demo {}: skipped, no territory known for this State Party", state.iso3());
                continue;
            }
            Loaded loaded = loadState(state, territory.get());
            if (loaded == null) {
                alreadyThere++;
                continue;
            }
            states++;
            hazards += loaded.hazards();
            hazardVersions += loaded.hazardVersions();
            releases += loaded.releases();
        }
        int requests = new DemoRequests(dataSource, DemoRequests.SLIVER_TOLERANCE_M).load();
        int indicatorValues = new DemoLap(dataSource).load();
        boolean alreadyLoaded = states == 0 && alreadyThere > 0;
        LOG.info("demo dataset: {} States Parties loaded ({} already loaded), {} hazards ({} versions), {} releases, "
                        + "{} synthetic extension requests, {} synthetic indicator values in {} ms", states, alreadyThere,
                hazards, hazardVersions, releases, requests, indicatorValues, (System.nanoTime() - started) / 1_000_000);
        return new Result(states, hazards, hazardVersions, releases, alreadyLoaded);
    }

    private record StateEntry(String iso3, LocalDate eifDate) {
    }

    private record Loaded(int hazards, int hazardVersions, int releases) {
    }

    private List<StateEntry> stateParties() {
        List<StateEntry> states = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_STATE_PARTIES);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                states.add(new StateEntry(rows.getString("iso3"), rows.getObject("eif_date", LocalDate.class)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the States Parties: " + e.getMessage(), e);
        }
        return states;
    }

    /** Loads one State Party in one transaction; null when both its uploads were already there. */
    private Loaded loadState(StateEntry state, MultiPolygon territory) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean hazardsThere = uploadExists(connection, state.iso3(), "hazards", size);
            boolean releasesThere = uploadExists(connection, state.iso3(), "releases", size);
            if (hazardsThere && releasesThere) {
                LOG.info("demo {}: already loaded", state.iso3());
                return null;
            }
            DemoDataset dataset = new DemoGenerator(state.iso3(), state.eifDate(), territory, size).generate();
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Loaded loaded = new Loaded(0, 0, 0);
                if (!hazardsThere) {
                    Long uploadId = insertUpload(connection, state.iso3(), "hazards", size, dataset.hazards().size());
                    if (uploadId != null) {
                        insertHazards(connection, state.iso3(), dataset.hazards(), uploadId);
                        insertAuditEvent(connection, state.iso3(), "hazards", uploadId, dataset.hazards().size());
                        loaded = new Loaded(dataset.hazardCount(), dataset.hazards().size(), 0);
                    }
                }
                if (!releasesThere) {
                    Long uploadId = insertUpload(connection, state.iso3(), "releases", size, dataset.releases().size());
                    if (uploadId != null) {
                        insertReleases(connection, state.iso3(), dataset.releases(), uploadId);
                        insertAuditEvent(connection, state.iso3(), "releases", uploadId, dataset.releases().size());
                        loaded = new Loaded(loaded.hazards(), loaded.hazardVersions(), dataset.releases().size());
                    }
                }
                connection.commit();
                LOG.info("demo {}: {} hazards ({} versions), {} releases in {} ms", state.iso3(), loaded.hazards(),
                        loaded.hazardVersions(), loaded.releases(), (System.nanoTime() - started) / 1_000_000);
                // nothing written: a concurrent load recorded both uploads first
                return loaded.hazardVersions() + loaded.releases() == 0 ? null : loaded;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the demo dataset of " + state.iso3() + ": " + e.getMessage(), e);
        }
    }

    private static boolean uploadExists(Connection connection, String iso3, String kind, DemoSize size)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_UPLOAD)) {
            select.setString(1, iso3);
            select.setString(2, kind);
            select.setString(3, contentSha256(iso3, kind, size));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The new upload's id, or null when a concurrent load recorded it first. */
    private static Long insertUpload(Connection connection, String iso3, String kind, DemoSize size, int features)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_UPLOAD)) {
            insert.setString(1, iso3);
            insert.setString(2, kind);
            insert.setString(3, UPLOADED_BY);
            insert.setString(4, "demo-synthetic-" + iso3 + "-" + kind);
            insert.setString(5, contentSha256(iso3, kind, size));
            insert.setInt(6, features);
            insert.setInt(7, features);
            insert.setString(8, "{\"features\": " + features + ", \"inserted\": " + features
                    + ", \"updated\": 0, \"unchanged\": 0, \"repaired\": 0, \"warnings\": [], \"synthetic\": true, "
                    + "\"generator\": \"" + DemoGenerator.GENERATOR + "\"}");
            try (ResultSet rows = insert.executeQuery()) {
                return rows.next() ? rows.getLong(1) : null;
            }
        }
    }

    private static void insertHazards(Connection connection, String iso3, List<DemoHazard> hazards, long uploadId)
            throws SQLException {
        try (var batch = SyntheticLand.hazards(connection, iso3, uploadId, ATTRIBUTES)) {
            for (DemoHazard h : hazards) {
                batch.addHazard(h.externalId(), h.version(), Classification.of(h.classification()), h.recordedOn(),
                        h.validUntil(), h.retiredOn(), h.retiredReason(), h.contamination(), h.evidence(),
                        h.geom4326(), h.areaSqm());
            }
            batch.write();
        }
    }

    private static void insertReleases(Connection connection, String iso3, List<DemoRelease> releases, long uploadId)
            throws SQLException {
        try (var batch = SyntheticLand.releases(connection, iso3, uploadId, ATTRIBUTES)) {
            for (DemoRelease r : releases) {
                batch.addRelease(r.externalId(), ReleaseMethod.of(r.method()), r.completedOn(), r.operator(),
                        r.itemsDestroyed(), r.hazardExternalId(), r.geom4326(), r.areaSqm());
            }
            batch.write();
        }
    }

    private static void insertAuditEvent(Connection connection, String iso3, String kind, long uploadId, int rows)
            throws SQLException {
        AuditLog.record(connection, Actor.system(ACTOR), AuditAction.DEMO_LOAD, "upload", Long.toString(uploadId),
                iso3, uploadId, Map.of("kind", kind, "rows", rows, "synthetic", true,
                        "generator", DemoGenerator.GENERATOR));
    }
}
