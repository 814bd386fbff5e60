package org.clearancemap.bench;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.clearancemap.App;
import org.clearancemap.auth.Principal;
import org.clearancemap.auth.Role;
import org.clearancemap.auth.TokenRepository;
import org.clearancemap.auth.TokenSecret;
import org.clearancemap.db.Database;
import org.clearancemap.db.Lsn;
import org.clearancemap.demo.DemoLoader;
import org.clearancemap.geo.Territories;
import org.clearancemap.testing.HazardFiles;
import org.clearancemap.testing.StandbyPair;

/**
 * Several servers and a hot standby against one server, on loopback: a primary and a streaming
 * standby made by {@code scripts/topology.sh databases}, the dataset of the size asked for (M by
 * default) loaded through the primary; one server reading from the primary, and two reading from
 * the standby behind HAProxy (round robin, config generated here). Measures side by side, with
 * {@code wrk} ({@code BENCH_WRK_SECONDS}, default 20; 32 connections): tiles of the hazards and
 * releases z10–z14 at random, made afresh (no tile cache), and OGC items pages of 100 at random
 * offsets — requests/s and p99 through HAProxy over the two, and straight at the one. Then the
 * standby's replay lag after a 10,000-polygon upload: bytes behind when the upload answers, and
 * how long until the standby has replayed it. Needs root (the clusters) and {@code haproxy}.
 */
public final class StandbyBenchmark {
    private static final int UPLOAD_FEATURES = 10_000;

    private StandbyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int wrkSeconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_WRK_SECONDS", "20"));
        String sizeName = SyntheticData.sizeName(args);
        Map<String, String> env = Map.of("TILE_CACHE_MAX_BYTES", "0", "WRITE_RATE_PER_MINUTE", "100000");
        try (StandbyPair pair = StandbyPair.create()) {
            try (Database loader = Database.open(pair.config(false))) {
                long started = System.nanoTime();
                DemoLoader.Result loaded = new DemoLoader(loader.dataSource(), Territories.naturalEarth(),
                        SyntheticData.size(sizeName)).load();
                try (Connection c = pair.connectPrimary(); Statement st = c.createStatement()) {
                    st.execute("VACUUM ANALYZE hazard");
                    st.execute("VACUUM ANALYZE land_release");
                }
                System.out.printf(Locale.ROOT, "dataset %s: %,d hazards in %,d versions + %,d releases, loaded through the "
                        + "primary in %.1f s%n", sizeName, loaded.hazards(), loaded.hazardVersions(), loaded.releases(),
                        (System.nanoTime() - started) / 1e9);
            }
            awaitReplayed(pair);
            try (Database alone = Database.open(pair.config(false, env));
                    Database first = Database.open(pair.config(true, env));
                    Database second = Database.open(pair.config(true, env))) {
                Javalin one = App.create(pair.config(false, env), alone, Clock.systemUTC()).start();
                Javalin s1 = App.create(pair.config(true, env), first, Clock.systemUTC()).start();
                Javalin s2 = App.create(pair.config(true, env), second, Clock.systemUTC()).start();
                Path dir = Files.createTempDirectory("bench-haproxy");
                Process haproxy = null;
                try {
                    int front = freePort();
                    Path cfg = dir.resolve("haproxy.cfg");
                    Files.writeString(cfg, haproxyConfig(front, s1.port(), s2.port()));
                    haproxy = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString())
                            .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
                    String viaHaproxy = "http://127.0.0.1:" + front;
                    String direct = "http://127.0.0.1:" + one.port();
                    awaitHttp(viaHaproxy + "/health");
                    List<String> tiles;
                    List<String> pages;
                    try (Connection c = pair.connectPrimary()) {
                        tiles = tiles(c, 400, new Random(5));
                        pages = pages(c, 200, new Random(6));
                    }
                    for (String[] run : new String[][] {{"tiles", "hazards and releases tiles z10-z14, no tile cache"},
                            {"items", "OGC hazards items, pages of 100 at random offsets"}}) {
                        List<String> paths = run[0].equals("tiles") ? tiles : pages;
                        // a first short run of each warms the JIT and PostgreSQL's caches on both sides
                        wrk(null, direct, paths, 5);
                        wrk(null, viaHaproxy, paths, 5);
                        // twice, in both orders, so that neither side gains from running second
                        wrk("one server, reads from the primary: " + run[1], direct, paths, wrkSeconds);
                        wrk("HAProxy over two servers, reads from the standby: " + run[1], viaHaproxy, paths, wrkSeconds);
                        wrk("HAProxy over two servers, reads from the standby: " + run[1], viaHaproxy, paths, wrkSeconds);
                        wrk("one server, reads from the primary: " + run[1], direct, paths, wrkSeconds);
                    }
                    replayLagAfterUpload(pair, first, s1.port());
                } finally {
                    if (haproxy != null) {
                        haproxy.destroy();
                        haproxy.waitFor(10, TimeUnit.SECONDS);
                    }
                    one.stop();
                    s1.stop();
                    s2.stop();
                    try (var files = Files.list(dir)) {
                        for (Path f : files.toList()) {
                            Files.delete(f);
                        }
                    }
                    Files.delete(dir);
                }
            }
        }
    }

    /** The HAProxy configuration scripts/topology.sh writes, for a front port and two servers. */
    private static String haproxyConfig(int front, int first, int second) throws IOException, InterruptedException {
        var script = new ProcessBuilder("scripts/topology.sh", "haproxy-config");
        script.environment().put("TOPOLOGY_FRONT_PORT", String.valueOf(front));
        script.environment().put("TOPOLOGY_SERVER_PORTS", first + " " + second);
        Process p = script.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String config = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("scripts/topology.sh haproxy-config failed");
        }
        return config;
    }

    /** Uploads 10,000 polygons through a standby-reading server; how far behind the standby is, and for how long. */
    private static void replayLagAfterUpload(StandbyPair pair, Database reads, int port) throws Exception {
        String token = TokenSecret.generate();
        new TokenRepository(reads.dataSource()).create("bench uploader", Role.OPERATOR, List.of("LAO"), token,
                Principal.system("bench"));
        String file = HazardFiles.laoFile("LAG", UPLOAD_FEATURES, 3);
        HttpClient client = HttpClient.newHttpClient();
        try (Connection primary = pair.connectPrimary(); Connection standby = pair.connectStandby();
                Connection watching = pair.connectPrimary(); Connection watchingStandby = pair.connectStandby()) {
            // while the upload runs: the most bytes the standby's replay was behind the primary
            var maxBehind = new java.util.concurrent.atomic.AtomicLong();
            var done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread watch = new Thread(() -> {
                try {
                    while (!done.get()) {
                        long behind = lsn(watching, "SELECT pg_current_wal_lsn()::text")
                                - lsn(watchingStandby, "SELECT pg_last_wal_replay_lsn()::text");
                        maxBehind.accumulateAndGet(behind, Math::max);
                        Thread.sleep(10);
                    }
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            watch.start();
            long t0 = System.nanoTime();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/state-parties/LAO/hazards")).header("Content-Type", "application/geo+json")
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofString(file)).build(), HttpResponse.BodyHandlers.ofString());
            long answered = System.nanoTime();
            if (r.statusCode() != 201) {
                throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
            }
            long target = lsn(primary, "SELECT pg_current_wal_lsn()::text");
            long behind = target - lsn(standby, "SELECT pg_last_wal_replay_lsn()::text");
            while (lsn(standby, "SELECT pg_last_wal_replay_lsn()::text") < target) {
                Thread.sleep(1);
            }
            long replayed = System.nanoTime();
            done.set(true);
            watch.join();
            System.out.printf(Locale.ROOT, "upload of %,d polygons (%,d KiB GeoJSON) through a standby-reading server: 201 "
                    + "after %.1f s; replay at most %,d KiB behind the primary during it (sampled every 10 ms), %,d bytes "
                    + "behind at the 201, replayed %.1f ms after it%n", UPLOAD_FEATURES, file.length() / 1024,
                    (answered - t0) / 1e9, maxBehind.get() / 1024, Math.max(0, behind), (replayed - answered) / 1e6);
        }
    }

    private static long lsn(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return Lsn.parse(rs.getString(1));
        }
    }

    private static void awaitReplayed(StandbyPair pair) throws Exception {
        long target;
        try (Connection c = pair.connectPrimary()) {
            target = lsn(c, "SELECT pg_current_wal_lsn()::text");
        }
        try (Connection standby = pair.connectStandby()) {
            while (lsn(standby, "SELECT pg_last_wal_replay_lsn()::text") < target) {
                Thread.sleep(20);
            }
        }
    }

    private static List<String> tiles(Connection c, int n, Random random) throws SQLException {
        var centres = new ArrayList<double[]>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT ST_X(ST_Centroid(geom4326)), ST_Y(ST_Centroid(geom4326)) FROM hazard ORDER BY id")) {
            while (rs.next()) {
                centres.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
            }
        }
        String[] layers = {"hazards", "releases"};
        var paths = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            double[] p = centres.get(random.nextInt(centres.size()));
            int z = 10 + random.nextInt(5);
            int size = 1 << z;
            int x = (int) Math.floor((p[0] + 180) / 360 * size);
            double lat = Math.toRadians(p[1]);
            int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * size);
            paths.add("/tiles/" + layers[i % 2] + "/" + z + "/" + x + "/" + y + ".mvt");
        }
        return paths;
    }

    private static List<String> pages(Connection c, int n, Random random) throws SQLException {
        long current;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM hazard WHERE valid_until IS NULL")) {
            rs.next();
            current = rs.getLong(1);
        }
        var paths = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            paths.add("/ogc/collections/hazards/items?limit=100&offset=" + random.nextInt((int) Math.max(1, current - 100)));
        }
        return paths;
    }

    /** wrk for {@code seconds} (see {@link Wrk}); prints the summary unless {@code label} is null. */
    private static void wrk(String label, String base, List<String> paths, int seconds) throws IOException, InterruptedException {
        Wrk.Result r = Wrk.run(base, paths, seconds);
        if (label == null) {
            return;
        }
        System.out.printf(Locale.ROOT, "wrk %s, %d s, %d connections, %d paths: %,d requests, %.0f requests/s, p50 %.1f ms, "
                + "p99 %.1f ms, errors %d%n", label, seconds, Wrk.CONNECTIONS, paths.size(), r.requests(),
                r.requestsPerSecond(), r.p50Us() / 1e3, r.p99Us() / 1e3, r.errors());
    }

    private static void awaitHttp(String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 100; i++) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(url + " never answered 200");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
