package org.clearancemap.bench;

import static org.clearancemap.bench.Samples.median;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clearancemap.progress.Aggregates;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The map page benchmark ({@code scripts/bench.sh map-page [S|M|L]}): on the synthetic dataset of
 * that size ({@link SyntheticData}, M by default), for each State Party
 * headless Chromium opens {@code /#ISO3} and the benchmark prints how long until its polygons,
 * remaining land and figures are on screen, how long one step of the date (what Play does each
 * year) takes, and the layer requests the page made (browser resource timing) beside PostGIS
 * running the same queries in one round trip; then one aggregate request per State Party, cold and
 * warm, beside the PostGIS query that makes such cells from scratch. The server runs as it serves
 * (today's figures and aggregates computed in the background after start and after each write):
 * the benchmark prints how long that takes, the world view (outlines filled, aggregates drawn)
 * ready, an aggregate tile per State Party made and cached beside PostGIS making comparable cells,
 * and what follows a one-hazard upload; then the world view and the aggregate tiles again on a
 * server without warming, where the first requests compute. It asserts nothing.
 */
public final class MapPageBenchmark {
    /** The server's hazard layer query (LandRepository), aggregated by PostGIS into the collection text. */
    private static final String RAW_HAZARDS = """
            SELECT '{"type":"FeatureCollection","features":[' || coalesce(string_agg(f, ','), '') || ']}' FROM (
            SELECT json_build_object('type', 'Feature', 'id', id, 'geometry', ST_AsGeoJSON(geom4326, 7)::json,
                     'properties', json_build_object('id', id, 'state_party', iso3, 'external_id', external_id, 'version', version,
                        'classification', classification, 'recorded_on', recorded_on, 'valid_until', valid_until,
                        'retired_on', retired_on, 'contamination', contamination, 'evidence', evidence,
                        'area_sqm', area_sqm, 'upload_id', upload_id, 'synthetic', synthetic))::text
              FROM hazard
             WHERE iso3 = ? AND recorded_on <= ? AND (valid_until IS NULL OR valid_until > ?)
               AND geom4326 && ST_MakeEnvelope(?, ?, ?, ?, 4326)
             ORDER BY id LIMIT 5001) q(f)
            """;
    private static final String RAW_RELEASES = """
            SELECT '{"type":"FeatureCollection","features":[' || coalesce(string_agg(f, ','), '') || ']}' FROM (
            SELECT json_build_object('type', 'Feature', 'id', id, 'geometry', ST_AsGeoJSON(geom4326, 7)::json,
                     'properties', json_build_object('id', id, 'state_party', iso3, 'external_id', external_id, 'version', version,
                        'method', method, 'completed_on', completed_on, 'operator', operator,
                        'items_destroyed', items_destroyed, 'hazard_external_id', hazard_external_id,
                        'area_sqm', area_sqm, 'upload_id', upload_id, 'synthetic', synthetic))::text
              FROM land_release
             WHERE iso3 = ? AND superseded_at IS NULL AND completed_on <= ?
               AND geom4326 && ST_MakeEnvelope(?, ?, ?, ?, 4326)
             ORDER BY id LIMIT 5001) q(f)
            """;
    /** Remaining land in PostGIS: union of the hazards valid on the date minus the union of the releases by then. */
    private static final String RAW_REMAINING = """
            WITH h AS (SELECT ST_Union(geom4326) AS g FROM hazard
                        WHERE iso3 = ? AND recorded_on <= ? AND (valid_until IS NULL OR valid_until > ?)),
                 r AS (SELECT ST_Union(geom4326) AS g FROM land_release
                        WHERE iso3 = ? AND superseded_at IS NULL AND completed_on <= ?)
            SELECT ST_AsGeoJSON(ST_Multi(coalesce(ST_Difference(h.g, r.g), h.g)), 8) FROM h, r
            """;
    /**
     * Aggregates in PostGIS: the remaining land (as {@link #RAW_REMAINING}) cut into its parts,
     * each part's geodesic area summed in the grid cell of its centroid.
     */
    private static final String RAW_AGGREGATES = """
            WITH h AS (SELECT ST_Union(geom4326) AS g FROM hazard
                        WHERE iso3 = ? AND recorded_on <= ? AND (valid_until IS NULL OR valid_until > ?)),
                 r AS (SELECT ST_Union(geom4326) AS g FROM land_release
                        WHERE iso3 = ? AND superseded_at IS NULL AND completed_on <= ?),
                 parts AS (SELECT (ST_Dump(coalesce(ST_Difference(h.g, r.g), h.g))).geom AS g FROM h, r)
            SELECT floor((ST_X(ST_Centroid(g)) + 180) / ?) AS col, floor((ST_Y(ST_Centroid(g)) + 90) / ?) AS row,
                   sum(ST_Area(g::geography))::text
              FROM parts GROUP BY 1, 2
            """;
    /** The zoom and the date of the aggregate requests measured: a date no other request asks for. */
    private static final int AGGREGATE_ZOOM = 6;
    /** The zoom of the aggregate tiles measured: a State Party spans a few such tiles. */
    private static final int TILE_ZOOM = 5;
    private static final LocalDate AGGREGATE_DATE = LocalDate.of(2019, 12, 31);
    private static final List<String> STATE_PARTIES = List.of("AFG", "CHL", "DEU", "IRQ", "LAO", "LBN", "MRT", "SOM",
            "SSD", "TCD");

    private MapPageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (TestDatabase db = SyntheticData.load(MapPageBenchmark.class, SyntheticData.sizeName(args))) {
            ChromeDriver browser = Browser.start(1280, 800);
            try (Connection raw = db.connect()) {
                // the browser's first page load is slow whatever the server: one, unmeasured, on a server of its own
                try (TestServer throwaway = TestServer.start(db)) {
                    open(browser, throwaway.url("/"));
                    waitFor(browser, WORLD_READY);
                }
                try (TestServer server = TestServer.serving(db).asAdmin(db)) {
                    long a = System.nanoTime();
                    server.awaitWarmUp();
                    System.out.printf(Locale.ROOT, "server as it serves: today's figures, balance and aggregates of every State"
                            + " Party computed in the background in %.1f s after start%n", (System.nanoTime() - a) / 1e9);
                    worldView(server, browser, "warmed server");
                    run(server, browser, raw);
                    aggregateTiles(server, raw, "warmed server");
                    afterWrite(server, raw);
                }
                before(db, browser);
                // a server that has computed nothing, as one without warming: the first requests compute
                try (TestServer cold = TestServer.start(db)) {
                    worldView(cold, browser, "server without warming");
                    aggregateTiles(cold, raw, "server without warming");
                }
            } finally {
                browser.quit();
            }
        }
    }

    /** The world view: every outline filled by status and the aggregates drawn (before them: the outlines). */
    private static final String WORLD_READY = "const b = document.body.dataset; return b.stateParties === '10'"
            + " && b.basemap === 'ready' && b.outlineFills !== undefined && b.aggregates === 'drawn'";
    private static final String WORLD_READY_BEFORE = "const b = document.body.dataset; return b.stateParties === '10'"
            + " && b.basemap === 'ready'";

    /** The world view on a first and a second visit. */
    private static void worldView(TestServer server, ChromeDriver browser, String which) {
        worldView(server.url("/"), WORLD_READY, browser, which);
    }

    private static void worldView(String url, String ready, ChromeDriver browser, String which) {
        double[] ms = new double[2];
        for (int visit = 0; visit < 2; visit++) {
            long a = System.nanoTime();
            open(browser, url);
            waitFor(browser, ready);
            ms[visit] = (System.nanoTime() - a) / 1e6;
        }
        System.out.printf(Locale.ROOT, "world view ready (%s): first visit %.0f ms, second visit %.0f ms (%s aggregates drawn)%n",
                which, ms[0], ms[1], body(browser, "aggregatesDrawn"));
    }

    /**
     * With {@code BENCH_BEFORE_JAR} (the jar of an earlier commit with the same migrations), that
     * server over the same database as it serves (its own warm-up awaited): the world view and
     * each State Party's view, second visit, as the page of that commit draws them.
     */
    private static void before(TestDatabase db, ChromeDriver browser) throws Exception {
        String jar = System.getenv("BENCH_BEFORE_JAR");
        if (jar == null || jar.isBlank()) {
            System.out.println("before: not measured (BENCH_BEFORE_JAR names no jar)");
            return;
        }
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var process = new ProcessBuilder("java", "-Xmx1g", "-jar", jar, "serve").redirectErrorStream(true);
        process.environment().putAll(Map.of("DATABASE_URL", db.config().databaseUrl(), "DATABASE_USER",
                db.config().databaseUser(), "DATABASE_PASSWORD", db.config().databasePassword(), "PORT",
                String.valueOf(port), "HOST", "127.0.0.1", "LOG_LEVEL", "info"));
        Process p = process.start();
        try {
            long a = System.nanoTime();
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null && !line.contains("State Parties computed in")) {
                // the server's log up to its warm-up line
            }
            System.out.printf(Locale.ROOT, "before (%s): started and warmed up in %.1f s: %s%n", jar,
                    (System.nanoTime() - a) / 1e9, line);
            Thread drain = new Thread(() -> {
                try {
                    reader.transferTo(java.io.Writer.nullWriter());
                } catch (java.io.IOException e) {
                    // the server stopped
                }
            });
            drain.setDaemon(true);
            drain.start();
            String base = "http://127.0.0.1:" + port;
            worldView(base + "/", WORLD_READY_BEFORE, browser, "before");
            var ready = new ArrayList<Double>();
            for (int round = 0; round < 2; round++) {
                for (String iso3 : STATE_PARTIES) {
                    long b = System.nanoTime();
                    open(browser, base + "/#" + iso3);
                    if (!waitOrSay(browser, "before: " + iso3 + " view", "const b = document.body.dataset; return b.party === '"
                            + iso3 + "' && b.remaining === 'drawn' && b.loading === 'false' && window.clearanceMap.settled()")) {
                        continue;
                    }
                    if (round == 1) {
                        ready.add((System.nanoTime() - b) / 1e6);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "before: a State Party's view ready, median of %d (second visit) %.0f ms%n",
                    ready.size(), ready.isEmpty() ? Double.NaN : median(ready));
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    /** The XYZ tile holding a point. */
    private static int[] tileOf(double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return new int[] {z, x, y};
    }

    /** The centre of a State Party's current hazards, lon/lat. */
    private static double[] centre(Connection raw, String iso3) throws SQLException {
        try (PreparedStatement ps = raw.prepareStatement("SELECT ST_X(c), ST_Y(c) FROM (SELECT ST_Centroid(ST_Extent(geom4326)::geometry) c"
                + " FROM hazard WHERE iso3 = ? AND valid_until IS NULL) q")) {
            ps.setString(1, iso3);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new double[] {rs.getDouble(1), rs.getDouble(2)};
            }
        }
    }

    /**
     * Per State Party the hazards tile at {@link #TILE_ZOOM} over the centre of its hazards (it
     * carries the aggregates layer of today), first request (made) and again (from the tile cache),
     * beside the PostGIS query that makes comparable cells of that State Party from scratch.
     */
    private static void aggregateTiles(TestServer server, Connection raw, String which) throws Exception {
        var cold = new ArrayList<Double>();
        var warm = new ArrayList<Double>();
        var rawMs = new ArrayList<Double>();
        LocalDate today = LocalDate.now();
        for (String iso3 : STATE_PARTIES) {
            double[] c = centre(raw, iso3);
            int[] t = tileOf(c[0], c[1], TILE_ZOOM);
            String path = "/tiles/hazards/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt";
            long a = System.nanoTime();
            var first = server.get(path);
            cold.add((System.nanoTime() - a) / 1e6);
            if (first.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + first.statusCode());
            }
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long b = System.nanoTime();
                server.get(path).body();
                best = Math.min(best, (System.nanoTime() - b) / 1e6);
            }
            warm.add(best);
            rawMs.add(rawAggregates(raw, iso3, today, Aggregates.cellDegrees(TILE_ZOOM)));
        }
        System.out.printf(Locale.ROOT, "aggregate tiles (%s; hazards tile at z%d over each State Party, its aggregates of today):"
                + " first request %.1f ms (max %.1f), again %.1f ms, vs %.1f ms raw PostGIS making that State Party's cells"
                + " from scratch; ratios %.3f and %.4f%n", which, TILE_ZOOM, median(cold), cold.stream().mapToDouble(Double::doubleValue).max().orElse(0), median(warm),
                median(rawMs), median(cold) / median(rawMs), median(warm) / median(rawMs));
    }

    /**
     * One hazard uploaded to Lao PDR on the warmed server: how long until the server has computed
     * its figures and aggregates again in the background, and a request for its aggregate tile after that.
     */
    private static void afterWrite(TestServer server, Connection raw) throws Exception {
        String hazard = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":
                  {"external_id":"BENCH-WRITE-1","classification":"CHA","recorded_on":"2024-02-02"},
                  "geometry":{"type":"Polygon","coordinates":[[[102.84,18.54],[102.86,18.54],[102.86,18.56],[102.84,18.56],[102.84,18.54]]]}}]}
                """;
        int rounds = server.warming().rounds("LAO");
        long a = System.nanoTime();
        var upload = server.send(java.net.http.HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/hazards")))
                .header("Content-Type", "application/geo+json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(hazard)));
        double uploadMs = (System.nanoTime() - a) / 1e6;
        if (upload.statusCode() != 201) {
            throw new IllegalStateException("upload: " + upload.statusCode() + " " + upload.body());
        }
        server.warming().awaitRounds("LAO", rounds, Duration.ofMinutes(10));
        server.warming().awaitIdle(Duration.ofMinutes(10));
        double warmedMs = (System.nanoTime() - a) / 1e6;
        int[] t = tileOf(102.85, 18.55, TILE_ZOOM);
        long b = System.nanoTime();
        var tile = server.get("/tiles/hazards/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt");
        double tileMs = (System.nanoTime() - b) / 1e6;
        long c = System.nanoTime();
        server.get("/api/state-parties/LAO/aggregates?z=" + TILE_ZOOM).body();
        double aggregatesMs = (System.nanoTime() - c) / 1e6;
        System.out.printf(Locale.ROOT, "after a one-hazard upload to LAO (%.0f ms): its figures and aggregates computed again"
                + " in the background %.0f ms after the upload began; then its aggregate tile (status %d) %.1f ms,"
                + " GET .../LAO/aggregates?z=%d %.1f ms%n", uploadMs, warmedMs, tile.statusCode(), tileMs, TILE_ZOOM,
                aggregatesMs);
    }

    private static void run(TestServer server, ChromeDriver browser, Connection raw) throws Exception {
        var ready = new ArrayList<Double>();
        var step = new ArrayList<Double>();
        var layerHttp = new ArrayList<Double>();
        var layerRaw = new ArrayList<Double>();
        var remainingHttp = new ArrayList<Double>();
        var remainingRaw = new ArrayList<Double>();
        var remainingCold = new ArrayList<Double>();
        var layerAlone = new ArrayList<Double>();
        open(browser, server.url("/"));
        waitFor(browser, "return document.body.dataset.stateParties === '10'");
        System.out.println("iso3  ready ms  date step ms  drawn (hazards+releases)  layers: in the page / HTTP alone / raw PostGIS ms"
                + "  remaining (cached for the date): in the page / raw PostGIS ms");
        for (int round = 0; round < 2; round++) { // the first round warms the JIT, the caches and the browser
            for (String iso3 : STATE_PARTIES) {
                long a = System.nanoTime();
                open(browser, server.url("/#" + iso3));
                if (!waitOrSay(browser, iso3 + " view", "const b = document.body.dataset; return b.party === '" + iso3
                        + "' && b.remaining === 'drawn' && b.loading === 'false' && window.clearanceMap.settled()")) {
                    continue;
                }
                double readyMs = (System.nanoTime() - a) / 1e6;
                Map<String, Double> fetched = resourceTimes(browser);
                String hazardsUrl = lastUrl(browser, "/api/hazards?");
                String releasesUrl = lastUrl(browser, "/api/releases?");
                double browserLayers = Math.max(fetched.getOrDefault(hazardsUrl, 0.0), fetched.getOrDefault(releasesUrl, 0.0));
                double rawLayers = rawLayers(raw, iso3, hazardsUrl, releasesUrl);
                double browserRemaining = fetched.entrySet().stream().filter(e -> e.getKey().contains("/remaining"))
                        .mapToDouble(Map.Entry::getValue).max().orElse(0);
                double rawRemaining = rawRemaining(raw, iso3, LocalDate.now());
                double alone = httpAlone(server, hazardsUrl, releasesUrl);

                long b = System.nanoTime();
                ((JavascriptExecutor) browser).executeScript("""
                        const input = document.querySelector('[data-testid=as-of]');
                        input.value = '2020-12-31';
                        input.dispatchEvent(new Event('change', {bubbles: true}));
                        """);
                if (!waitOrSay(browser, iso3 + " date step", "const b = document.body.dataset; return b.partyAsOf === '2020-12-31'"
                        + " && b.polygonsAsOf === '2020-12-31' && b.remaining === 'drawn' && window.clearanceMap.settled()")) {
                    continue;
                }
                double stepMs = (System.nanoTime() - b) / 1e6;
                String drawn = body(browser, "hazardsDrawn") + "+" + body(browser, "releasesDrawn");
                if (round == 0) {
                    remainingCold.add(browserRemaining);
                }
                if (round == 1) {
                    layerAlone.add(alone);
                    ready.add(readyMs);
                    step.add(stepMs);
                    layerHttp.add(browserLayers);
                    layerRaw.add(rawLayers);
                    remainingHttp.add(browserRemaining);
                    remainingRaw.add(rawRemaining);
                    System.out.printf(Locale.ROOT, "%s  %8.0f  %12.0f  %24s  %7.1f / %5.1f / %-7.1f  %10.1f / %.1f%n", iso3,
                            readyMs, stepMs, drawn, browserLayers, alone, rawLayers, browserRemaining, rawRemaining);
                }
            }
        }
        System.out.printf(Locale.ROOT, "medians over the 10 States Parties (second visit): page ready %.0f ms, one date step"
                + " %.0f ms;%n  layer requests (slower of hazards/releases): %.1f ms in the page (beside the figures"
                + " requests), %.1f ms over HTTP alone vs %.1f ms raw PostGIS, ratio %.2f;%n"
                + "  remaining land: first visit %.1f ms, second visit (cached) %.1f ms in the page vs %.1f ms raw PostGIS"
                + " (ST_Union, ST_Difference), ratios %.2f and %.2f%n",
                median(ready), median(step), median(layerHttp), median(layerAlone), median(layerRaw),
                median(layerAlone) / median(layerRaw), median(remainingCold), median(remainingHttp), median(remainingRaw),
                median(remainingCold) / median(remainingRaw), median(remainingHttp) / median(remainingRaw));
        aggregates(server, raw);
    }

    /**
     * An aggregate request (one State Party's cells at one zoom and date) over HTTP, cold (the first
     * for that date: the figures of the date are computed) and warm (kept), beside the PostGIS query
     * that makes the same cells from scratch.
     */
    private static void aggregates(TestServer server, Connection raw) throws Exception {
        var cold = new ArrayList<Double>();
        var warm = new ArrayList<Double>();
        var rawMs = new ArrayList<Double>();
        System.out.printf(Locale.ROOT, "aggregates at z%d on %s: iso3  cells  cold / warm ms over HTTP  raw PostGIS ms%n",
                AGGREGATE_ZOOM, AGGREGATE_DATE);
        for (String iso3 : STATE_PARTIES) {
            String path = "/api/state-parties/" + iso3 + "/aggregates?z=" + AGGREGATE_ZOOM + "&asOf=" + AGGREGATE_DATE;
            long a = System.nanoTime();
            var first = server.get(path);
            double coldMs = (System.nanoTime() - a) / 1e6;
            if (first.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + first.statusCode() + " " + first.body());
            }
            double warmMs = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long b = System.nanoTime();
                server.get(path).body();
                warmMs = Math.min(warmMs, (System.nanoTime() - b) / 1e6);
            }
            double rawBest = rawAggregates(raw, iso3, AGGREGATE_DATE, Aggregates.cellDegrees(AGGREGATE_ZOOM));
            int cells = new ObjectMapper().readTree(first.body()).get("features").size();
            cold.add(coldMs);
            warm.add(warmMs);
            rawMs.add(rawBest);
            System.out.printf(Locale.ROOT, "%s  %5d  %8.1f / %-8.1f  %8.1f%n", iso3, cells, coldMs, warmMs, rawBest);
        }
        System.out.printf(Locale.ROOT, "medians: aggregate request cold %.1f ms, warm %.1f ms vs %.1f ms raw PostGIS"
                + " (ST_Union, ST_Difference, geodesic ST_Area per cell), ratios %.2f and %.3f%n",
                median(cold), median(warm), median(rawMs), median(cold) / median(rawMs), median(warm) / median(rawMs));
    }

    private static double rawAggregates(Connection raw, String iso3, LocalDate date, double cellDegrees) throws SQLException {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long a = System.nanoTime();
            try (PreparedStatement ps = raw.prepareStatement(RAW_AGGREGATES)) {
                ps.setString(1, iso3);
                ps.setDate(2, Date.valueOf(date));
                ps.setDate(3, Date.valueOf(date));
                ps.setString(4, iso3);
                ps.setDate(5, Date.valueOf(date));
                ps.setDouble(6, cellDegrees);
                ps.setDouble(7, cellDegrees);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(3);
                    }
                }
            }
            best = Math.min(best, (System.nanoTime() - a) / 1e6);
        }
        return best;
    }

    private static void open(WebDriver driver, String url) {
        driver.get("about:blank");
        driver.get(url);
    }

    private static void waitFor(ChromeDriver browser, String script) {
        new WebDriverWait(browser, Duration.ofSeconds(120), Duration.ofMillis(10))
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(script)));
    }

    /** Waits as {@link #waitFor}; when it times out, prints what the page shows instead and answers false. */
    private static boolean waitOrSay(ChromeDriver browser, String what, String script) {
        try {
            waitFor(browser, script);
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            System.out.println(what + ": not ready after 120 s; the page shows " + browser.executeScript(
                    "return JSON.stringify(document.body.dataset) + ' status: ' + (document.getElementById('status')?.textContent || '')"));
            return false;
        }
    }

    private static String body(ChromeDriver browser, String key) {
        return String.valueOf(browser.executeScript("return document.body.dataset[arguments[0]] || ''", key));
    }

    /** Duration of every request the page made, by URL, from the browser's resource timing. */
    @SuppressWarnings("unchecked")
    private static Map<String, Double> resourceTimes(ChromeDriver browser) {
        var entries = (List<Map<String, Object>>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(e => ({name: e.name, duration: e.duration}))");
        var times = new java.util.HashMap<String, Double>();
        for (Map<String, Object> e : entries) {
            times.put((String) e.get("name"), ((Number) e.get("duration")).doubleValue());
        }
        return times;
    }

    private static String lastUrl(ChromeDriver browser, String part) {
        return (String) browser.executeScript("const e = performance.getEntriesByType('resource')"
                + ".filter(x => x.name.includes(arguments[0])); return e.length ? e[e.length - 1].name : ''", part);
    }

    /** The two layer queries of the page's last request, each in one round trip; the slower (they run in parallel). */
    private static double rawLayers(Connection raw, String iso3, String hazardsUrl, String releasesUrl) throws SQLException {
        double[] bbox = bbox(hazardsUrl);
        LocalDate today = LocalDate.now();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long a = System.nanoTime();
            try (PreparedStatement ps = raw.prepareStatement(RAW_HAZARDS)) {
                ps.setString(1, iso3);
                ps.setDate(2, Date.valueOf(today));
                ps.setDate(3, Date.valueOf(today));
                for (int k = 0; k < 4; k++) {
                    ps.setDouble(4 + k, bbox[k]);
                }
                consume(ps);
            }
            long b = System.nanoTime();
            try (PreparedStatement ps = raw.prepareStatement(RAW_RELEASES)) {
                ps.setString(1, iso3);
                ps.setDate(2, Date.valueOf(today));
                for (int k = 0; k < 4; k++) {
                    ps.setDouble(3 + k, bbox(releasesUrl)[k]);
                }
                consume(ps);
            }
            long c = System.nanoTime();
            best = Math.min(best, Math.max(b - a, c - b) / 1e6);
        }
        return best;
    }

    /** The page's two layer requests again, one after the other over HTTP with nothing else running; best of 3 of the slower. */
    private static double httpAlone(TestServer server, String hazardsUrl, String releasesUrl) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long a = System.nanoTime();
            server.get(URI.create(hazardsUrl).getRawPath() + "?" + URI.create(hazardsUrl).getRawQuery()).body();
            long b = System.nanoTime();
            server.get(URI.create(releasesUrl).getRawPath() + "?" + URI.create(releasesUrl).getRawQuery()).body();
            long c = System.nanoTime();
            best = Math.min(best, Math.max(b - a, c - b) / 1e6);
        }
        return best;
    }

    private static double rawRemaining(Connection raw, String iso3, LocalDate date) throws SQLException {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long a = System.nanoTime();
            try (PreparedStatement ps = raw.prepareStatement(RAW_REMAINING)) {
                ps.setString(1, iso3);
                ps.setDate(2, Date.valueOf(date));
                ps.setDate(3, Date.valueOf(date));
                ps.setString(4, iso3);
                ps.setDate(5, Date.valueOf(date));
                consume(ps);
            }
            best = Math.min(best, (System.nanoTime() - a) / 1e6);
        }
        return best;
    }

    private static void consume(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rs.getString(1);
            }
        }
    }

    private static double[] bbox(String url) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith("bbox=")) {
                String[] v = java.net.URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8).split(",");
                return new double[] {Double.parseDouble(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]),
                        Double.parseDouble(v[3])};
            }
        }
        return new double[] {-180, -90, 180, 90};
    }
}
