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
 * warm, beside the PostGIS query that makes such cells from scratch. It asserts nothing.
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
    private static final LocalDate AGGREGATE_DATE = LocalDate.of(2019, 12, 31);
    private static final List<String> STATE_PARTIES = List.of("AFG", "CHL", "DEU", "IRQ", "LAO", "LBN", "MRT", "SOM",
            "SSD", "TCD");

    private MapPageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (TestDatabase db = SyntheticData.load(MapPageBenchmark.class, SyntheticData.sizeName(args))) {
            ChromeDriver browser = Browser.start(1280, 800);
            try (TestServer server = TestServer.start(db); Connection raw = db.connect()) {
                run(server, browser, raw);
            } finally {
                browser.quit();
            }
        }
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
                waitFor(browser, "const b = document.body.dataset; return b.party === '" + iso3
                        + "' && b.remaining === 'drawn' && b.loading === 'false' && window.clearanceMap.settled()");
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
                waitFor(browser, "const b = document.body.dataset; return b.partyAsOf === '2020-12-31'"
                        + " && b.polygonsAsOf === '2020-12-31' && b.remaining === 'drawn' && window.clearanceMap.settled()");
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
