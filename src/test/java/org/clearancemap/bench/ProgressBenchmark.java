package org.clearancemap.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.clearancemap.config.Config;
import org.clearancemap.db.Database;
import org.clearancemap.demo.DemoDataset;
import org.clearancemap.demo.DemoGenerator;
import org.clearancemap.demo.DemoHazard;
import org.clearancemap.demo.DemoRelease;
import org.clearancemap.demo.DemoSize;
import org.clearancemap.geo.Territories;
import org.clearancemap.progress.AreaEngine;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.progress.Cluster;
import org.clearancemap.land.MappedLandRepository;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.testing.TestDatabase;
import org.locationtech.jts.io.WKBWriter;

/**
 * The progress benchmark ({@code scripts/bench.sh progress [S|M|L]}): on the synthetic dataset of
 * that size ({@link SyntheticData}), times side by side our computation of the area figures
 * (footprint, remaining) of every State Party and the best equivalent PostGIS SQL; then a State
 * Party's figures fresh after a 100-polygon upload. Prints figures and ratios.
 */
public final class ProgressBenchmark {
    private static final List<String> STATES = List.of("AFG", "CHL", "DEU", "IRQ", "LAO", "LBN", "MRT", "SOM", "SSD", "TCD");
    private static final LocalDate DATE = LocalDate.of(2025, 12, 31);
    private static final int RUNS = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "3"));
    /** Untimed passes before timing: 15 at S and M, where one pass is too short for the JIT to finish (the passes kept getting faster up to about the 12th); 2 at L. */
    private static int warmUpPasses(String size) {
        return Integer.parseInt(System.getenv().getOrDefault("BENCH_WARM_UP_PASSES", "L".equals(size) ? "2" : "15"));
    }

    /** PostGIS: per cluster of intersecting hazards, the union minus the union of the releases that touch it. */
    private static final String POSTGIS_SINGLE_DATE = """
            WITH h AS (SELECT iso3, geom4326 AS g FROM hazard
                        WHERE recorded_on <= ? AND (valid_until IS NULL OR valid_until > ?) AND (?::text IS NULL OR iso3 = ?)),
                 c AS (SELECT iso3, g, ST_ClusterDBSCAN(g, 0, 1) OVER (PARTITION BY iso3) AS cid FROM h),
                 cu AS (SELECT iso3, cid, ST_Union(g) AS g FROM c GROUP BY iso3, cid)
            SELECT cu.iso3, sum(ST_Area(cu.g::geography)) AS footprint,
                   sum(ST_Area(CASE WHEN x.ru IS NULL THEN cu.g ELSE ST_Difference(cu.g, x.ru) END::geography)) AS remaining
              FROM cu
              LEFT JOIN LATERAL (SELECT ST_Union(r.geom4326) AS ru FROM land_release r
                                  WHERE r.iso3 = cu.iso3 AND r.superseded_at IS NULL AND r.completed_on <= ?
                                    AND ST_Intersects(r.geom4326, cu.g)) AS x ON true
             GROUP BY cu.iso3
            """;
    /** The freshness upload: written straight to the tables, as the upload's store step would. */
    private static final String INSERT_HAZARD = """
            INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, valid_until, retired_on,
                                geom4326, area_sqm, synthetic)
            VALUES (?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326), ?, true)
            """;
    private static final String INSERT_RELEASE = """
            INSERT INTO land_release (iso3, external_id, version, method, completed_on, geom4326, area_sqm, synthetic)
            VALUES (?, ?, 1, ?, ?, ST_GeomFromWKB(?, 4326), ?, true)
            """;
    private static final String UPLOADED_INTO = "LAO";
    private static final LocalDate UPLOADED_INTO_EIF = LocalDate.of(2010, 8, 1);

    private ProgressBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String size = SyntheticData.sizeName(args);
        try (TestDatabase data = SyntheticData.load(ProgressBenchmark.class, size)) {
            // the settings of the environment (PROGRESS_THREADS, SLIVER_TOLERANCE_M, DB_STATEMENT_TIMEOUT_MS, ...)
            // on the scratch database
            Config config = Config.fromEnv().withDatabase(data.config().databaseUrl(), data.config().databaseUser(),
                    data.config().databasePassword());
            try (Database db = Database.open(config)) {
                run(db, config, warmUpPasses(size), size);
            }
        }
    }

    private static void run(Database db, Config config, int warmUpPasses, String size) throws SQLException {
        MappedLandRepository land = new MappedLandRepository(db.dataSource());
        AreaEngine engine = new AreaEngine(config.sliverToleranceM(), config.progressThreadCount());
        out("cores: %d, area engine threads: %d (PROGRESS_THREADS), max heap: %d MB, sliver tolerance %.2f m, date %s",
                Runtime.getRuntime().availableProcessors(), config.progressThreadCount(), Runtime.getRuntime().maxMemory() >> 20,
                config.sliverToleranceM(), DATE);

        // warm-up: full passes until the JIT has compiled the overlay code (it takes C2 a few passes;
        // a server runs warm)
        for (int i = 0; i < warmUpPasses; i++) {
            long warm = System.nanoTime();
            allStates(new ProgressCache(land, engine));
            out("warm-up pass %d of %d (JIT compiling): %.2f s", i + 1, warmUpPasses, secs(System.nanoTime() - warm));
        }

        double single = Double.MAX_VALUE;
        double singleCpu = Double.MAX_VALUE;
        AreaFigures total = null;
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            long cpu = processCpuNanos();
            total = allStates(new ProgressCache(land, engine));
            single = Math.min(single, secs(System.nanoTime() - t));
            singleCpu = Math.min(singleCpu, secs(processCpuNanos() - cpu));
        }
        out("ours, all States Parties, one date: %.2f s (CPU time of all our threads: %.2f s)", single, singleCpu);
        // where that time goes: reading and clustering, then the engine on clusters already in memory
        double reading = Double.MAX_VALUE;
        double computing = Double.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            List<List<Cluster>> clusters = new ArrayList<>();
            for (String iso3 : STATES) {
                clusters.add(Cluster.of(land.load(iso3)));
            }
            long t1 = System.nanoTime();
            for (List<Cluster> c : clusters) {
                engine.figuresOn(c, DATE);
            }
            reading = Math.min(reading, secs(t1 - t));
            computing = Math.min(computing, secs(System.nanoTime() - t1));
        }
        out("  of which reading the geometry and clustering: %.2f s, the engine on clusters in memory: %.2f s", reading, computing);
        double balance = Double.MAX_VALUE;
        double balanceCpu = Double.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            ProgressCache cache = new ProgressCache(land, engine);
            long t = System.nanoTime();
            long cpu = processCpuNanos();
            cache.readAhead(STATES);
            for (String iso3 : STATES) {
                cache.balance(iso3, DATE.getYear() - 14, DATE);
            }
            balance = Math.min(balance, secs(System.nanoTime() - t));
            balanceCpu = Math.min(balanceCpu, secs(processCpuNanos() - cpu));
        }
        out("ours, 15-year balance: %.2f s (CPU time of all our threads: %.2f s)", balance, balanceCpu);
        AreaFigures strict = allStates(new ProgressCache(land, new AreaEngine(0, config.progressThreadCount())));

        double postgis = Double.MAX_VALUE;
        double[] pg = null;
        for (int i = 0; i < Math.min(2, RUNS); i++) {
            long t = System.nanoTime();
            pg = postgis(db, null);
            postgis = Math.min(postgis, secs(System.nanoTime() - t));
        }
        out("PostGIS, all States Parties, one date: %.2f s", postgis);

        // freshness: an upload of 100 polygons into one State Party, then its figures again
        var territory = Territories.naturalEarth().territory(UPLOADED_INTO).orElseThrow();
        ProgressCache cache = new ProgressCache(land, engine);
        allStates(cache);
        List<Double> fresh = new ArrayList<>();
        double insertMs = 0;
        for (int i = 0; i < RUNS; i++) {
            // 50 hazard versions and 50 releases among LAO's existing ones, from another seed
            DemoDataset upload = new DemoGenerator(UPLOADED_INTO, UPLOADED_INTO_EIF, territory, 7_000L + i,
                    DemoSize.hazards(100)).generate();
            List<DemoHazard> hazards = upload.hazards().subList(0, 50);
            List<DemoRelease> releases = upload.releases().subList(0, 50);
            long t = System.nanoTime();
            insert(db, "-upload" + i, hazards, releases);
            insertMs += (System.nanoTime() - t) / 1e6 / RUNS;
            t = System.nanoTime();
            cache.invalidate(UPLOADED_INTO);
            cache.figuresOn(UPLOADED_INTO, DATE);
            fresh.add((System.nanoTime() - t) / 1e6);
        }
        double freshMs = fresh.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double postgisOneMs = Double.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            postgis(db, UPLOADED_INTO);
            postgisOneMs = Math.min(postgisOneMs, (System.nanoTime() - t) / 1e6);
        }

        out("");
        out("figures on %s, all States Parties (ours, tolerance %.2f m):", DATE, config.sliverToleranceM());
        out("  footprint %,.0f m², remaining %,.0f m² (ignored slivers %,.1f m²), released %,.0f m², outside hazards %,.0f m²",
                total.footprintSqm(), total.remainingSqm(), total.ignoredSliverSqm(), total.releasedSqm(),
                total.releasedOutsideHazardsSqm());
        out("  agreement with PostGIS at tolerance 0: footprint %.2e relative, remaining %.2e relative",
                Math.abs(strict.footprintSqm() - pg[0]) / pg[0], Math.abs(strict.remainingSqm() - pg[1]) / pg[1]);
        out("");
        out("%-58s %10s %10s %8s", "timing (best of runs, includes reading the geometry)", "ours", "PostGIS", "ratio");
        out("%-58s %9.2fs %9.2fs %8.2f", "all States Parties, one date", single, postgis, single / postgis);
        out("%-58s %9.2fs %10s %8.2f", "yearly balance, 15 years, all States Parties (x single date)", balance, "",
                balance / single);
        out("%-58s %8.0fms %8.0fms %8.2f", "one State Party fresh after a 100-polygon upload", freshMs, postgisOneMs,
                freshMs / postgisOneMs);
        out("  (the upload's insert itself took %.0f ms; freshness runs: %s ms)", insertMs, fresh.stream()
                .map(x -> String.format(Locale.ROOT, "%.0f", x)).toList());
        out("goals: single date <= 1/3 of PostGIS: %s; balance <= 2x single date: %s; fresh <= 100 ms: %s",
                single <= postgis / 3 ? "met" : "NOT met", balance <= 2 * single ? "met" : "NOT met",
                !"M".equals(size) ? "(a goal at M)" : freshMs <= 100 ? "met" : "NOT met");
    }

    /** As the server computes all State Parties (GET /api/state-parties, /api/deadlines): each read ahead of its computation. */
    private static AreaFigures allStates(ProgressCache cache) {
        cache.readAhead(STATES);
        AreaFigures total = AreaFigures.ZERO;
        for (String iso3 : STATES) {
            total = total.plus(cache.figuresOn(iso3, DATE));
        }
        return total;
    }

    /** {footprint, remaining} summed over the State Parties (or one). */
    private static double[] postgis(Database db, String iso3) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(POSTGIS_SINGLE_DATE)) {
            try (Statement st = c.createStatement()) {
                st.execute("SET statement_timeout = 0"); // the pool's timeout is for serving, not for L
            }
            ps.setObject(1, DATE);
            ps.setObject(2, DATE);
            ps.setString(3, iso3);
            ps.setString(4, iso3);
            ps.setObject(5, DATE);
            double[] sum = new double[2];
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sum[0] += rs.getDouble("footprint");
                    sum[1] += rs.getDouble("remaining");
                }
            }
            return sum;
        }
    }

    private static void insert(Database db, String suffix, List<DemoHazard> hazards, List<DemoRelease> releases)
            throws SQLException {
        WKBWriter wkb = new WKBWriter();
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT_HAZARD)) {
                for (DemoHazard h : hazards) {
                    ps.setString(1, UPLOADED_INTO);
                    ps.setString(2, h.externalId() + suffix);
                    ps.setInt(3, h.version());
                    ps.setString(4, h.classification());
                    ps.setObject(5, h.recordedOn());
                    ps.setObject(6, h.validUntil());
                    ps.setObject(7, h.retiredOn());
                    ps.setBytes(8, wkb.write(h.geom4326()));
                    ps.setDouble(9, h.areaSqm());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_RELEASE)) {
                for (DemoRelease r : releases) {
                    ps.setString(1, UPLOADED_INTO);
                    ps.setString(2, r.externalId() + suffix);
                    ps.setString(3, r.method());
                    ps.setObject(4, r.completedOn());
                    ps.setBytes(5, wkb.write(r.geom4326()));
                    ps.setDouble(6, r.areaSqm());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    /** CPU time of this process (all threads), to tell our work from the load of a shared machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

}
