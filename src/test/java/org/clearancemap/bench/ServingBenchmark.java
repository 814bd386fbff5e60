package org.clearancemap.bench;

import static org.clearancemap.bench.Samples.median;
import static org.clearancemap.bench.Samples.percentile;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.clearancemap.land.LandFeatures;
import org.clearancemap.ogc.Collection;
import org.clearancemap.progress.Aggregates;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.clearancemap.tiles.TileAddress;
import org.clearancemap.tiles.TileRepository;

/**
 * The serving benchmark ({@code scripts/bench.sh serving [S|M|L]}): on the synthetic dataset of
 * that size ({@link SyntheticData}, M by default), measures side by side in one run
 * <ol>
 *   <li>a page of 1,000 features over HTTP against the raw PostGIS query producing the same
 *       GeoJSON FeatureCollection in one round trip;</li>
 *   <li>vector tiles (z10–z14) over HTTP against the raw {@code ST_AsMVT} query;</li>
 *   <li>a {@code wrk} run: 30 s, 32 connections, tiles z10–z14 chosen at random by a Lua script.</li>
 * </ol>
 * and prints the figures and ratios. Goals: ratios at most 1.3, wrk with 0 errors.
 */
public final class ServingBenchmark {
    /**
     * The server's page query (the OGC items of {@code /ogc/collections/hazards/items?limit=&offset=}),
     * aggregated by PostGIS into the FeatureCollection text in one round trip. Binds: limit, offset.
     */
    private static final String RAW_PAGE = """
            SELECT '{"type":"FeatureCollection","features":[' || string_agg(f, ',') || '],"numberMatched":' || max(m) || '}'
              FROM (SELECT '{"type":"Feature","id":' || id || ',"geometry":' || ST_AsGeoJSON(geom4326, 7)
                             || ',"properties":' || json_build_object(
                                  'state_party', iso3, 'external_id', external_id, 'version', version,
                                  'classification', classification, 'recorded_on', recorded_on,
                                  'contamination', contamination, 'evidence', evidence, 'area_sqm', area_sqm)::text || '}',
                           matched
                      FROM hazard
                      JOIN (SELECT id, count(*) OVER () AS matched FROM hazard WHERE valid_until IS NULL
                             ORDER BY id LIMIT ? OFFSET ?) page USING (id)
                     ORDER BY id) p(f, m)
            """;
    /** The server's hazards tile query (ST_AsMVT). Binds: z, x, y; minLon, minLat, maxLon, maxLat. */
    private static final String RAW_HAZARDS_TILE = """
            SELECT ST_AsMVT(t, 'hazards', 4096, 'geom', 'id' ORDER BY t.id) FROM (
                SELECT id, iso3 AS state_party, external_id, classification, recorded_on::text AS recorded_on, area_sqm,
                       ST_AsMVTGeom(ST_Transform(geom4326, 3857), ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom
                  FROM hazard
                 WHERE valid_until IS NULL AND geom4326 && ST_MakeEnvelope(?, ?, ?, ?, 4326)
                OFFSET 0) t
             WHERE geom IS NOT NULL
            """;
    /** The server's releases tile query (ST_AsMVT). Binds: z, x, y; minLon, minLat, maxLon, maxLat. */
    private static final String RAW_RELEASES_TILE = """
            SELECT ST_AsMVT(t, 'releases', 4096, 'geom', 'id' ORDER BY t.id) FROM (
                SELECT id, iso3 AS state_party, external_id, method, completed_on::text AS completed_on, area_sqm,
                       ST_AsMVTGeom(ST_Transform(geom4326, 3857), ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom
                  FROM land_release
                 WHERE superseded_at IS NULL AND geom4326 && ST_MakeEnvelope(?, ?, ?, ?, 4326)
                OFFSET 0) t
             WHERE geom IS NOT NULL
            """;

    private ServingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int wrkSeconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_WRK_SECONDS", "30"));
        try (TestDatabase db = SyntheticData.load(ServingBenchmark.class, SyntheticData.sizeName(args))) {
            long current = SyntheticData.count(db, "SELECT count(*) FROM hazard WHERE valid_until IS NULL");
            // cold: a server without a tile cache makes every tile (the honest comparison with ST_AsMVT);
            // warm: the default server, its 64 MiB cache filled by a first round
            try (TestServer cold = TestServer.start(db, Map.of("TILE_CACHE_MAX_BYTES", "0"), routes -> { });
                 TestServer warm = TestServer.start(db, Map.of(), routes -> { });
                 Connection raw = db.connect()) {
                // a new connection for each part: the servers close a keep-alive connection left idle
                try (KeepAliveClient client = client(cold)) {
                    page(client, raw, (int) Math.max(1, Math.min(10, current / 1000)));
                }
                List<String> tiles = tiles(raw, 400, new Random(5), new String[] {"hazards", "releases"});
                try (KeepAliveClient client = client(cold)) {
                    tiles("cold (no tile cache)", client, raw, new LandFeatures(db.database().dataSource()), tiles);
                }
                try (KeepAliveClient client = client(warm)) {
                    tiles("warm (tile cache)", client, raw, new LandFeatures(db.database().dataSource()), tiles);
                }
                List<String> all = tiles(raw, 400, new Random(5), new String[] {"hazards", "releases", "remaining"});
                remaining(cold, warm, all);
                wrk("cold (no tile cache)", cold, all, wrkSeconds);
                wrk("warm (tile cache)", warm, all, wrkSeconds);
            }
        }
    }

    private static KeepAliveClient client(TestServer server) throws IOException {
        return new KeepAliveClient("127.0.0.1", URI.create(server.url("/")).getPort());
    }

    /** A page of 1,000 hazards at up to ten offsets: HTTP against the raw query, alternating, medians compared. */
    private static void page(KeepAliveClient client, Connection raw, int pages) throws Exception {
        int rounds = 7;
        var http = new ArrayList<Double>();
        var sql = new ArrayList<Double>();
        long httpBytes = 0;
        long rawChars = 0;
        for (int round = -2; round < rounds; round++) {
            for (int offset = 0; offset < pages * 1000; offset += 1000) {
                long a = System.nanoTime();
                byte[] body = client.get("/ogc/collections/hazards/items?limit=1000&offset=" + offset).body();
                long b = System.nanoTime();
                String collection = rawPage(raw, offset);
                long c = System.nanoTime();
                if (round >= 0) {
                    http.add((b - a) / 1e6);
                    sql.add((c - b) / 1e6);
                    httpBytes += body.length;
                    rawChars += collection.length();
                }
            }
        }
        double h = median(http);
        double s = median(sql);
        System.out.printf(Locale.ROOT, "page of 1,000 features: HTTP median %.1f ms (p90 %.1f), raw PostGIS median %.1f ms (p90 %.1f), "
                + "ratio %.2f (goal <= 1.3); %d KiB per page over HTTP vs %d KiB raw%n",
                h, percentile(http, 90), s, percentile(sql, 90), h / s, httpBytes / http.size() / 1024, rawChars / sql.size() / 1024);
    }

    private static String rawPage(Connection raw, int offset) throws SQLException {
        try (PreparedStatement ps = raw.prepareStatement(RAW_PAGE)) {
            ps.setInt(1, 1000);
            ps.setLong(2, offset);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Tiles z10–z14 over random hazards of every State Party, in the layers given, in turn. */
    private static List<String> tiles(Connection raw, int n, Random random, String[] layers) throws SQLException {
        var centres = new ArrayList<double[]>();
        try (Statement st = raw.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT ST_X(ST_Centroid(geom4326)), ST_Y(ST_Centroid(geom4326)) FROM hazard ORDER BY id")) {
            while (rs.next()) {
                centres.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
            }
        }
        var paths = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            double[] p = centres.get(random.nextInt(centres.size()));
            int z = 10 + random.nextInt(5);
            int size = 1 << z;
            int x = (int) Math.floor((p[0] + 180) / 360 * size);
            double r = Math.toRadians(p[1]);
            int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * size);
            paths.add("/tiles/" + layers[i % layers.length] + "/" + z + "/" + x + "/" + y + ".mvt");
        }
        return paths;
    }

    /**
     * Untimed rounds over the tiles before the three timed ones. A server just started runs its
     * request path (Jetty, Javalin, the handler) interpreted or C1-compiled for its first few thousand
     * requests: with one warm-up round a cold tile's HTTP median fell from 0.74 to 0.53 ms between
     * the 4th and the 14th round while the raw query stayed at 0.25-0.31 ms. Every way (HTTP, raw,
     * pooled) goes through the same warm-up rounds, and the first of them also warms PostgreSQL.
     */
    static final int TILE_WARM_UP_ROUNDS = 8;

    private static void tiles(String label, KeepAliveClient client, Connection raw, LandFeatures pooled, List<String> paths)
            throws Exception {
        var http = new ArrayList<Double>();
        var pool = new ArrayList<Double>();
        var inHandler = new ArrayList<Double>();
        var outside = new ArrayList<Double>();
        var sql = new ArrayList<Double>();
        double httpTotal = 0;
        double sqlTotal = 0;
        int n = 0;
        for (int round = -TILE_WARM_UP_ROUNDS; round < 3; round++) {
            for (String path : paths) {
                String[] p = path.split("/");
                Collection layer = Collection.byId(p[2]).orElseThrow();
                TileAddress address = TileAddress.parse(p[3], p[4], p[5].replace(".mvt", ""), 0, 22);
                // the three ways in turn, each going first as often as the others (the first run of a
                // tile warms PostgreSQL's caches for the next two)
                double[] ms = new double[3];
                KeepAliveClient.Response r = null;
                byte[] bytes = null;
                for (int k = 0; k < 3; k++) {
                    int way = (n + k) % 3;
                    long a = System.nanoTime();
                    switch (way) {
                        case 0 -> r = client.get(path);
                        case 1 -> bytes = rawTile(raw, path);
                        default -> pooled.tile(layer.kind(), address.z(), address.x(), address.y(),
                                TileRepository.searchBox(address));
                    }
                    ms[way] = (System.nanoTime() - a) / 1e6;
                }
                n++;
                // below the zoom where polygons become legible the served tile carries the aggregates
                // layer after the collection's own, which is what the raw query encodes
                boolean same = address.z() >= Aggregates.POLYGONS_LEGIBLE_ZOOM ? Arrays.equals(r.body(), bytes)
                        : r.body().length >= bytes.length
                          && Arrays.equals(r.body(), 0, bytes.length, bytes, 0, bytes.length);
                if (r.status() != 200 && r.status() != 204 || !same) {
                    throw new IllegalStateException("tile " + path + " differs: HTTP " + r.status());
                }
                if (round >= 0) {
                    http.add(ms[0]);
                    sql.add(ms[1]);
                    pool.add(ms[2]);
                    double handler = Double.parseDouble(r.serverTiming().replaceAll("^(db|cache);dur=", ""));
                    inHandler.add(handler);
                    outside.add(ms[0] - handler);
                    httpTotal += ms[0];
                    sqlTotal += ms[1];
                }
            }
        }
        var floor = new ArrayList<Double>();
        for (int i = 0; i < 1000; i++) {
            long a = System.nanoTime();
            client.get("/ogc/conformance");
            floor.add((System.nanoTime() - a) / 1e6);
        }
        System.out.printf(Locale.ROOT, "vector tiles z10-z14, %s (%d hazards and releases tiles x 3 rounds after %d untimed): HTTP median %.2f ms (p90 %.2f), raw ST_AsMVT "
                + "median %.2f ms (p90 %.2f); ratio of medians %.2f, of totals %.2f (goal <= 1.3); "
                + "HTTP floor (GET /ogc/conformance, no database) median %.2f ms; the server's repository alone (pooled connection) median %.2f ms, and as timed inside the HTTP handler median %.2f ms; "
                + "HTTP outside the timed part of the handler median %.2f ms%n",
                label, paths.size(), TILE_WARM_UP_ROUNDS, median(http), percentile(http, 90), median(sql), percentile(sql, 90),
                median(http) / median(sql), httpTotal / sqlTotal, median(floor.subList(200, floor.size())), median(pool), median(inHandler),
                median(outside));
    }

    private static byte[] rawTile(Connection raw, String path) throws SQLException {
        String[] p = path.split("/");
        Collection collection = Collection.byId(p[2]).orElseThrow();
        TileAddress tile = TileAddress.parse(p[3], p[4], p[5].replace(".mvt", ""), 0, 22);
        try (PreparedStatement ps = raw.prepareStatement(collection == Collection.HAZARDS ? RAW_HAZARDS_TILE : RAW_RELEASES_TILE)) {
            int i = 1;
            ps.setInt(i++, tile.z());
            ps.setInt(i++, tile.x());
            ps.setInt(i++, tile.y());
            for (double v : TileRepository.searchBox(tile)) {
                ps.setDouble(i++, v);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                byte[] bytes = rs.getBytes(1);
                return bytes == null ? new byte[0] : bytes;
            }
        }
    }

    /**
     * Remaining-land tiles, made from the area engine's remaining land (no raw ST_AsMVT equivalent):
     * HTTP without and with the tile cache; both servers must send the same bytes.
     */
    private static void remaining(TestServer coldServer, TestServer warmServer, List<String> all) throws Exception {
        try (KeepAliveClient cold = client(coldServer); KeepAliveClient warm = client(warmServer)) {
            remaining(cold, warm, all);
        }
    }

    private static void remaining(KeepAliveClient cold, KeepAliveClient warm, List<String> all) throws Exception {
        var coldMs = new ArrayList<Double>();
        var warmMs = new ArrayList<Double>();
        for (int round = -1; round < 3; round++) {
            for (String path : all) {
                if (!path.startsWith("/tiles/remaining/")) {
                    continue;
                }
                long a = System.nanoTime();
                KeepAliveClient.Response c = cold.get(path);
                long b = System.nanoTime();
                KeepAliveClient.Response w = warm.get(path);
                long e = System.nanoTime();
                if (c.status() != w.status() || !Arrays.equals(c.body(), w.body())) {
                    throw new IllegalStateException("remaining tile " + path + " differs between the servers");
                }
                if (round >= 0) {
                    coldMs.add((b - a) / 1e6);
                    warmMs.add((e - b) / 1e6);
                }
            }
        }
        System.out.printf(Locale.ROOT, "remaining tiles z10-z14 (%d tiles x 3 rounds, from the area engine): cold median %.2f ms "
                + "(p90 %.2f), warm median %.2f ms (p90 %.2f)%n", coldMs.size() / 3, median(coldMs), percentile(coldMs, 90),
                median(warmMs), percentile(warmMs, 90));
    }

    /** wrk for {@code seconds} (see {@link Wrk}), one of the tiles at random per request. */
    private static void wrk(String label, TestServer server, List<String> paths, int seconds) throws IOException, InterruptedException {
        Wrk.Result r = Wrk.run(server.url(""), paths, seconds);
        System.out.printf(Locale.ROOT, "wrk %s, %d s, %d connections, %d tiles z10-z14 (hazards, releases, remaining) at random: %,d requests, %.0f requests/s, "
                + "p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d (connect %d, read %d, write %d, non-2xx/3xx %d, timeout %d)%n",
                label, seconds, Wrk.CONNECTIONS, paths.size(), r.requests(), r.requestsPerSecond(),
                r.p50Us() / 1e3, r.p99Us() / 1e3, r.maxUs() / 1e3, r.errors(),
                r.connect(), r.read(), r.write(), r.status(), r.timeout());
    }
}
