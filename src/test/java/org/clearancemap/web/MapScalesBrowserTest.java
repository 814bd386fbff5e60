package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.clearancemap.demo.DemoLoader;
import org.clearancemap.progress.Aggregates;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the map shows at the scales people look at, in a real headless Chromium on the demo data:
 * the remaining land drawn above the hazard fills without taking their clicks, and the States
 * Parties' outlines filled by status at the world view.
 */
class MapScalesBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FILLED_STATUSES =
            Set.of("completed", "on-track", "at-risk", "off-track", "deadline-passed", "no-data");
    private static TestDatabase db;
    private static TestServer server;
    private static ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(MapScalesBrowserTest.class);
        new DemoLoader(db.database().dataSource()).load();
        server = TestServer.start(db);
        browser = Browser.start(1280, 800);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        server.close();
        db.close();
    }

    @BeforeEach
    void waits() {
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
    }

    private static void open(String path) {
        browser.get("about:blank");
        browser.get(server.url(path));
    }

    private static String body(WebDriver driver, String key) {
        return String.valueOf(((JavascriptExecutor) driver)
                .executeScript("return document.body.dataset[arguments[0]] || ''", key));
    }

    /** Screenshots at the desktop and the tablet size, kept beside the test artifacts. */
    private static void shots(String name) throws Exception {
        Path dir = Path.of(System.getProperty("shots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        for (int[] size : new int[][] {{1280, 800}, {820, 1180}}) {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
            Path shot = Browser.screenshot(browser, name + "-" + size[0]);
            Files.copy(shot, dir.resolve(shot.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
    }

    @Test
    void remainingLandIsDrawnAboveTheHazardFillsAndLetsTheirClicksThrough() throws Exception {
        String externalId;
        double lon;
        double lat;
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT h.external_id, ST_X(ST_PointOnSurface(h.geom4326)), ST_Y(ST_PointOnSurface(h.geom4326))
                  FROM land.current_hazard h
                 WHERE h.iso3 = 'LAO'
                   AND NOT EXISTS (SELECT 1 FROM land.current_hazard o WHERE o.iso3 = 'LAO'
                                      AND o.id <> h.id AND ST_Intersects(o.geom4326, h.geom4326))
                   AND NOT EXISTS (SELECT 1 FROM land.current_release r WHERE r.iso3 = 'LAO'
                                      AND ST_Intersects(r.geom4326, h.geom4326))
                 ORDER BY h.external_id LIMIT 1
                """)) {
            assertTrue(rs.next(), "the demo data has a hazard in Lao PDR with nothing released in it");
            externalId = rs.getString(1);
            lon = rs.getDouble(2);
            lat = rs.getDouble(3);
        }
        open("/#LAO");
        wait.until(d -> body(d, "party").equals("LAO") && !body(d, "draws").isEmpty());
        browser.executeScript("window.clearanceMap.setView(arguments[0], arguments[1], 15)", lat, lon);
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.clearanceMap.settled()"))
                && body(d, "remaining").equals("drawn"));

        @SuppressWarnings("unchecked")
        Map<String, Object> stack = (Map<String, Object>) browser.executeScript("""
                const p = window.clearanceMap.containerPoint(arguments[0], arguments[1]);
                const box = document.querySelector('[data-testid=map]').getBoundingClientRect();
                const x = box.left + p.x, y = box.top + p.y;
                const zIndex = (el) => Number(getComputedStyle(el.closest('.leaflet-pane')).zIndex);
                // what is painted there, pointer-events aside: the remaining land's paths are not hit-tested
                const remaining = [...document.querySelectorAll('path.remaining-land')].find((path) => {
                  const r = path.getBoundingClientRect();
                  return r.left <= x && x <= r.right && r.top <= y && y <= r.bottom;
                });
                const hazards = document.querySelector('.leaflet-overlay-pane canvas');
                return {
                  remainingZ: remaining ? zIndex(remaining) : null,
                  hazardsZ: hazards ? zIndex(hazards) : null,
                  fill: remaining ? remaining.getAttribute('fill') : null,
                  top: document.elementFromPoint(x, y) === hazards,
                };
                """, lat, lon);
        shots("remaining-over-hazards");
        assertTrue(stack.get("remainingZ") != null, "a remaining-land path is drawn over the hazard: " + stack);
        assertTrue(((Number) stack.get("remainingZ")).intValue() > ((Number) stack.get("hazardsZ")).intValue(),
                "the remaining land's pane lies above the hazards': " + stack);
        assertEquals("url(#remaining-hatch)", stack.get("fill"), "hatched, so the fill below shows through");
        assertEquals(Boolean.TRUE, stack.get("top"), "a click there reaches the hazard: " + stack);

        @SuppressWarnings("unchecked")
        Map<String, Object> point = (Map<String, Object>) browser.executeScript(
                "return window.clearanceMap.containerPoint(arguments[0], arguments[1])", lat, lon);
        WebElement mapElement = browser.findElement(By.cssSelector("[data-testid=map]"));
        int dx = (int) Math.round(((Number) point.get("x")).doubleValue() - ((Number) point.get("width")).doubleValue() / 2);
        int dy = (int) Math.round(((Number) point.get("y")).doubleValue() - ((Number) point.get("height")).doubleValue() / 2);
        new Actions(browser).moveToElement(mapElement, dx, dy).click().perform();
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=feature-popup]")).isEmpty());
        String popup = browser.findElement(By.cssSelector("[data-testid=feature-popup]")).getDomProperty("textContent");
        assertTrue(popup.contains(externalId), popup);
    }

    /** ISO3:status of every State Party at a date, as the page notes its outline fills. */
    private static String statusesAt(String asOf) throws Exception {
        var response = server.get("/api/state-parties" + (asOf.isEmpty() ? "" : "?asOf=" + asOf));
        assertEquals(200, response.statusCode(), response.body());
        Map<String, String> byIso3 = new TreeMap<>();
        for (JsonNode party : JSON.readTree(response.body())) {
            String status = party.get("status").asText();
            byIso3.put(party.get("iso3").asText(), FILLED_STATUSES.contains(status) ? status : "no-data");
        }
        return byIso3.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The colour the map's canvas paints at a place, as [r, g, b]. */
    @SuppressWarnings("unchecked")
    private static List<Number> canvasColourAt(double lat, double lon) {
        return (List<Number>) browser.executeScript("""
                const canvas = document.querySelector('.leaflet-overlay-pane canvas');
                const p = window.clearanceMap.containerPoint(arguments[0], arguments[1]);
                const map = document.querySelector('[data-testid=map]').getBoundingClientRect();
                const box = canvas.getBoundingClientRect();
                const scale = canvas.width / box.width;
                const x = Math.round((map.left + p.x - box.left) * scale), y = Math.round((map.top + p.y - box.top) * scale);
                const d = canvas.getContext('2d').getImageData(x - 2, y - 2, 5, 5).data;
                const mean = [0, 1, 2].map((c) => { let s = 0; for (let i = c; i < d.length; i += 4) s += d[i]; return s / 25; });
                return mean;
                """, lat, lon);
    }

    @Test
    void atTheWorldViewEachStatePartyIsFilledByItsStatusAtTheDateWithALegend() throws Exception {
        open("/");
        wait.until(d -> body(d, "stateParties").equals("10") && body(d, "basemap").equals("ready"));
        String today = statusesAt("");
        wait.until(d -> body(d, "outlineFills").equals(today));
        shots("world-status-fills");

        List<Number> laos = canvasColourAt(19.8, 102.4); // northern Lao PDR
        double fromGrey = Math.abs(laos.get(0).doubleValue() - 220) + Math.abs(laos.get(1).doubleValue() - 220)
                + Math.abs(laos.get(2).doubleValue() - 216);
        assertTrue(fromGrey > 30, "Lao PDR is filled, not the grey of any country: " + laos);

        String legend = browser.findElement(By.cssSelector("[data-testid=legend-status]")).getText();
        for (String label : List.of("Completed", "On track", "At risk", "Off track", "No data")) {
            assertTrue(legend.contains(label), legend);
        }
        assertEquals(6, browser.findElements(By.cssSelector("[data-testid=legend-status] li svg rect[fill^='url(#status-fill-']")).size(),
                "each status has a patterned swatch");

        String then = statusesAt("2012-12-31");
        browser.executeScript("""
                const input = document.querySelector('[data-testid=as-of]');
                input.value = '2012-12-31';
                input.dispatchEvent(new Event('change', {bubbles: true}));
                """);
        wait.until(d -> body(d, "outlineFills").equals(then));

        browser.executeScript("window.clearanceMap.setView(19.9, 102.6, 8)");
        wait.until(d -> body(d, "outlineFills").isEmpty());
    }

    @Test
    void atLaoPdrsCountryViewTheAggregatesAreDrawnWithTheirFiguresAndGiveWayToPolygonsWhenTheyAreLegible() throws Exception {
        open("/#LAO");
        wait.until(d -> body(d, "party").equals("LAO") && body(d, "aggregates").equals("drawn"));
        long zoom = Math.round(Math.floor(((Number) browser.executeScript("return window.clearanceMap.zoom()")).doubleValue()));
        var response = server.get("/api/state-parties/LAO/aggregates?z=" + zoom);
        JsonNode cells = JSON.readTree(response.body()).get("features");
        assertTrue(cells.size() > 0, "Lao PDR has aggregates at its country view");
        assertEquals(String.valueOf(cells.size()), body(browser, "aggregatesDrawn"));
        List<WebElement> circles = browser.findElements(By.cssSelector(".aggregate-pane path.leaflet-interactive"));
        assertTrue(circles.size() >= cells.size(), circles.size() + " circles for " + cells.size() + " cells");
        shots("lao-aggregates");

        JsonNode largest = cells.get(0);
        for (JsonNode cell : cells) {
            if (cell.get("properties").get("remainingSqm").asDouble() > largest.get("properties").get("remainingSqm").asDouble()) {
                largest = cell;
            }
        }
        double lon = largest.get("geometry").get("coordinates").get(0).asDouble();
        double lat = largest.get("geometry").get("coordinates").get(1).asDouble();
        @SuppressWarnings("unchecked")
        Map<String, Object> point = (Map<String, Object>) browser.executeScript(
                "return window.clearanceMap.containerPoint(arguments[0], arguments[1])", lat, lon);
        WebElement mapElement = browser.findElement(By.cssSelector("[data-testid=map]"));
        int dx = (int) Math.round(((Number) point.get("x")).doubleValue() - ((Number) point.get("width")).doubleValue() / 2);
        int dy = (int) Math.round(((Number) point.get("y")).doubleValue() - ((Number) point.get("height")).doubleValue() / 2);
        new Actions(browser).moveToElement(mapElement, dx, dy).click().perform();
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=aggregate-popup]")).isEmpty());
        String remaining = browser.findElement(By.cssSelector("[data-testid=aggregate-remaining]")).getText();
        String expected = String.format(java.util.Locale.ENGLISH, "%,d m²",
                Math.round(largest.get("properties").get("remainingSqm").asDouble()));
        assertTrue(remaining.startsWith(expected), remaining + " starts with " + expected);
        shots("lao-aggregate-popup");

        // the zoom they give way at is the server's, the one below which its vector tiles carry them
        assertEquals("Aggregates (below zoom " + Aggregates.POLYGONS_LEGIBLE_ZOOM + ")",
                browser.findElement(By.cssSelector("[data-testid=legend-aggregates] h4")).getText().trim());
        browser.executeScript("window.clearanceMap.setView(arguments[0], arguments[1], arguments[2])", lat, lon,
                Aggregates.POLYGONS_LEGIBLE_ZOOM);
        wait.until(d -> body(d, "aggregates").isEmpty() && Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript("return window.clearanceMap.settled()")));
        assertEquals(0, browser.findElements(By.cssSelector(".aggregate-pane path")).size(), "polygons instead");
        assertTrue(Integer.parseInt(body(browser, "hazardsDrawn")) > 0);
    }

    @Test
    void atTheWorldViewEveryStatePartyHasItsAggregates() throws Exception {
        open("/");
        wait.until(d -> body(d, "stateParties").equals("10") && body(d, "aggregates").equals("drawn"));
        long zoom = Math.round(Math.floor(((Number) browser.executeScript("return window.clearanceMap.zoom()")).doubleValue()));
        int expected = 0;
        for (JsonNode party : JSON.readTree(server.get("/api/state-parties").body())) {
            var response = server.get("/api/state-parties/" + party.get("iso3").asText() + "/aggregates?z=" + zoom);
            expected += JSON.readTree(response.body()).get("features").size();
        }
        assertTrue(expected >= 10, expected + " cells");
        assertEquals(String.valueOf(expected), body(browser, "aggregatesDrawn"));
        shots("world-aggregates");
    }
}
