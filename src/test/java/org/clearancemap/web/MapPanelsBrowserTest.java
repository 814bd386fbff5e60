package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clearancemap.auth.Role;
import org.clearancemap.demo.DemoLoader;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.clearancemap.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The map page's panels in a real headless Chromium against the server with the demo dataset:
 * the State Party panel against the API at two dates, the date control and play, the deadline
 * dashboard, a polygon's versions, a dry-run upload with its problem on the map and a confirmed
 * upload, the tablet layout, and the token sent on reads.
 */
class MapPanelsBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Runs before any page script (DevTools injection is not subject to the page's CSP). */
    private static final String COLLECT_VIOLATIONS = """
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', (e) => {
              window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || ''));
            });
            """;
    private static TestDatabase db;
    private static TestServer server;
    private static ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(MapPanelsBrowserTest.class);
        new DemoLoader(db.database().dataSource()).load();
        server = TestServer.start(db);
        browser = Browser.start(1280, 800);
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COLLECT_VIOLATIONS));
    }

    /** Every view of these tests runs under the server's Content-Security-Policy without a violation. */
    @AfterEach
    void noPolicyViolation() {
        assertEquals(List.of(), browser.executeScript("return window.__cspViolations || []"));
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
        wait.ignoring(StaleElementReferenceException.class); // panels are re-rendered when their data arrives
    }

    private static void open(WebDriver driver, String url) {
        driver.get("about:blank");
        driver.get(url);
    }

    private static String body(WebDriver driver, String key) {
        return String.valueOf(((JavascriptExecutor) driver)
                .executeScript("return document.body.dataset[arguments[0]] || ''", key));
    }

    private static JsonNode api(String path) throws Exception {
        var response = server.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static String text(String testid) {
        return browser.findElement(By.cssSelector("[data-testid=" + testid + "]")).getText();
    }

    /** The whole number of m² at the start of a figure as the page shows it, e.g. "22,891,702 m² (2,289.17 ha)". */
    private static long squareMetres(String shown) {
        String digits = shown.substring(0, shown.indexOf(" m²")).replace(",", "");
        return Long.parseLong(digits);
    }

    /** The panel's figures equal the API's, read from the DOM as a person reads them. */
    private static void assertPanelShows(JsonNode party) {
        assertEquals(Math.round(party.get("footprintSqm").asDouble()), squareMetres(text("fig-footprint")), "footprint");
        assertEquals(Math.round(party.get("remainingSqm").asDouble()), squareMetres(text("fig-remaining")), "remaining");
        assertEquals(Math.round(party.get("remainingByClass").get("CHA").asDouble()),
                squareMetres(text("fig-remaining-cha")), "remaining CHA");
        assertEquals(Math.round(party.get("releasedSqm").asDouble()), squareMetres(text("fig-released")), "released");
        for (String method : List.of("cancelled", "reduced", "cleared")) {
            assertEquals(Math.round(party.get("releasedByMethod").get(method).asDouble()),
                    squareMetres(text("fig-" + method)), method);
        }
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f%%", party.get("progress").asDouble() * 100),
                text("fig-progress"), "progress");
        double bar = Double.parseDouble(browser.findElement(By.cssSelector("[data-testid=fig-progress-bar]"))
                .getDomProperty("value"));
        assertEquals(party.get("progress").asDouble(), bar, 1e-9, "progress bar");
        assertTrue(text("fig-deadline").startsWith(party.get("currentDeadline").asText()), text("fig-deadline"));
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f years", party.get("yearsLeft").asDouble()),
                text("fig-years-left"));
        String projected = party.get("projectedCompletion").isNull() ? "none" : party.get("projectedCompletion").asText();
        assertTrue(text("fig-projected").startsWith(projected), text("fig-projected"));
        assertTrue(text("party-as-of").contains(party.get("asOf").asText()), text("party-as-of"));
    }

    private void setDate(String date) {
        browser.executeScript("""
                const input = document.querySelector('[data-testid=as-of]');
                input.value = arguments[0];
                input.dispatchEvent(new Event('change', {bubbles: true}));
                """, date);
    }

    @Test
    void theStatePartyPanelShowsTheApiFiguresAndFollowsTheDate() throws Exception {
        open(browser, server.url("/#LAO"));
        wait.until(d -> body(d, "party").equals("LAO"));
        JsonNode today = api("/api/state-parties/LAO");
        assertPanelShows(today);
        Object panelOverflow = browser.executeScript("const p = document.querySelector('.panel');"
                + " return p.scrollWidth - p.clientWidth");
        assertEquals(0L, ((Number) panelOverflow).longValue(), "the panel does not scroll sideways at 1280 px");
        assertEquals(1, browser.findElements(By.cssSelector("[data-testid=chart-deadline]")).size());
        assertEquals(1, browser.findElements(By.cssSelector("[data-testid=chart-required]")).size());
        assertTrue(text("extensions").contains("12MSP"), text("extensions"));
        assertTrue(text("reported").contains("Mine Action Review"), "reported figures carry their sources");
        assertTrue(browser.findElement(By.cssSelector("[data-testid=report-article7]")).getAttribute("href")
                .contains("/api/state-parties/LAO/reports/article7?year="));
        Browser.screenshot(browser, "panel-lao-today");
        browser.executeScript("document.querySelector('.report-links').scrollIntoView({block: 'center'})");
        Browser.screenshot(browser, "panel-lao-report-links");
        browser.executeScript("document.querySelector('.panel').scrollTo(0, 0)");

        setDate("2015-12-31");
        wait.until(d -> body(d, "partyAsOf").equals("2015-12-31") && body(d, "polygonsAsOf").equals("2015-12-31"));
        JsonNode then = api("/api/state-parties/LAO?asOf=2015-12-31");
        assertPanelShows(then);
        assertNotEquals(today.get("remainingSqm").asDouble(), then.get("remainingSqm").asDouble());
        assertEquals("2015", browser.findElement(By.cssSelector("[data-testid=year-slider]")).getDomProperty("value"));
        Browser.screenshot(browser, "panel-lao-2015");

        // the year slider with the keyboard: one year on is 31 December 2016
        WebElement slider = browser.findElement(By.cssSelector("[data-testid=year-slider]"));
        slider.sendKeys(Keys.ARROW_RIGHT);
        wait.until(d -> body(d, "partyAsOf").equals("2016-12-31"));
        assertPanelShows(api("/api/state-parties/LAO?asOf=2016-12-31"));
    }

    @Test
    void playAnimatesTheYearsAndStopsWhenPressedAgain() throws Exception {
        open(browser, server.url("/#DEU"));
        wait.until(d -> body(d, "party").equals("DEU"));
        WebElement play = browser.findElement(By.cssSelector("[data-testid=play]"));
        play.click();
        wait.until(d -> body(d, "playing").equals("true"));
        String first = browser.findElement(By.cssSelector("[data-testid=year-slider]")).getDomProperty("min");
        wait.until(d -> body(d, "asOf").equals(first + "-12-31"));
        int next = Integer.parseInt(first) + 1;
        wait.until(d -> body(d, "partyAsOf").equals(next + "-12-31"));
        Browser.screenshot(browser, "play-deu");
        play.sendKeys(Keys.ENTER); // the same button stops it, from the keyboard
        wait.until(d -> body(d, "playing").equals("false"));
        String stoppedAt = body(browser, "asOf");
        String date = stoppedAt.equals("today") ? java.time.LocalDate.now().toString() : stoppedAt;
        wait.until(d -> body(d, "partyAsOf").equals(date) && body(d, "polygonsAsOf").equals(stoppedAt));
        assertPanelShows(api("/api/state-parties/DEU?asOf=" + date));
        Thread.sleep(1500); // longer than one step of the animation
        assertEquals(stoppedAt, body(browser, "asOf"), "no further year after stopping");
    }

    @Test
    void theDeadlineDashboardListsEveryStatePartyAndSortsByKeyboard() throws Exception {
        open(browser, server.url("/"));
        wait.until(d -> body(d, "stateParties").equals("10"));
        browser.findElement(By.cssSelector("[data-testid=view-dashboard]")).click();
        wait.until(d -> body(d, "dashboard").equals("10"));
        JsonNode deadlines = api("/api/deadlines");
        List<WebElement> rows = browser.findElements(By.cssSelector("[data-testid^=deadline-row-]"));
        assertEquals(deadlines.size(), rows.size());
        for (JsonNode row : deadlines) {
            WebElement tr = browser.findElement(By.cssSelector("[data-testid=deadline-row-" + row.get("iso3").asText() + "]"));
            assertEquals(row.get("status").asText(), tr.findElement(By.cssSelector(".status-badge")).getDomAttribute("data-status"));
            assertTrue(tr.getDomAttribute("class").contains("status-row-" + row.get("status").asText()));
            assertTrue(tr.getText().contains(row.get("currentDeadline").asText()), tr.getText());
        }

        WebElement sort = browser.findElement(By.cssSelector("button[data-sort=remainingSqm]"));
        sort.sendKeys(Keys.ENTER);
        wait.until(d -> "ascending".equals(d.findElement(By.cssSelector("button[data-sort=remainingSqm]"))
                .findElement(By.xpath("..")).getDomAttribute("aria-sort")));
        List<String> expected = new ArrayList<>();
        deadlines.forEach(row -> expected.add(row.get("iso3").asText()));
        expected.sort((a, b) -> Double.compare(remaining(deadlines, a), remaining(deadlines, b)));
        assertEquals(expected, shownOrder());
        Browser.screenshot(browser, "dashboard-by-remaining");

        browser.findElement(By.cssSelector("button[data-sort=remainingSqm]")).sendKeys(Keys.ENTER);
        wait.until(d -> "descending".equals(d.findElement(By.cssSelector("button[data-sort=remainingSqm]"))
                .findElement(By.xpath("..")).getDomAttribute("aria-sort")));
        List<String> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, shownOrder());

        // choosing a State Party in the table opens it on the map
        browser.findElement(By.cssSelector("[data-testid=deadline-row-SSD] button")).click();
        wait.until(d -> body(d, "party").equals("SSD"));
        assertTrue(!browser.findElement(By.cssSelector("[data-testid=dashboard]")).isDisplayed());
    }

    private static double remaining(JsonNode deadlines, String iso3) {
        for (JsonNode row : deadlines) {
            if (row.get("iso3").asText().equals(iso3)) {
                return row.get("remainingSqm").isNull() ? -1 : row.get("remainingSqm").asDouble();
            }
        }
        throw new AssertionError(iso3);
    }

    private static List<String> shownOrder() {
        List<String> order = new ArrayList<>();
        for (WebElement tr : browser.findElements(By.cssSelector("[data-testid^=deadline-row-]"))) {
            order.add(tr.getDomAttribute("data-iso3"));
        }
        return order;
    }

    @Test
    void clickingAPolygonShowsItsVersionsAndTheUploadItCameFrom() throws Exception {
        // a re-surveyed hazard of Lao PDR that no other current hazard overlaps, and a point inside it
        String externalId;
        double lon;
        double lat;
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT h.external_id, ST_X(ST_PointOnSurface(h.geom4326)), ST_Y(ST_PointOnSurface(h.geom4326))
                  FROM hazard h
                 WHERE h.iso3 = 'LAO' AND h.valid_until IS NULL AND h.version = 2
                   AND NOT EXISTS (SELECT 1 FROM hazard o WHERE o.iso3 = 'LAO' AND o.valid_until IS NULL
                                      AND o.id <> h.id AND ST_Intersects(o.geom4326, h.geom4326))
                 ORDER BY h.external_id LIMIT 1
                """)) {
            assertTrue(rs.next(), "the demo data has a re-surveyed hazard in Lao PDR");
            externalId = rs.getString(1);
            lon = rs.getDouble(2);
            lat = rs.getDouble(3);
        }
        open(browser, server.url("/#LAO"));
        wait.until(d -> body(d, "party").equals("LAO") && !body(d, "draws").isEmpty());
        browser.executeScript("window.clearanceMap.setView(arguments[0], arguments[1], 16)", lat, lon);
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.clearanceMap.settled()")));
        // hide the layers above the hazards with the legend's check boxes, as a person would
        browser.findElement(By.cssSelector("[data-testid=layer-releases]")).click();
        browser.findElement(By.cssSelector("[data-testid=layer-remaining]")).click();

        @SuppressWarnings("unchecked")
        Map<String, Object> point = (Map<String, Object>) browser.executeScript(
                "return window.clearanceMap.containerPoint(arguments[0], arguments[1])", lat, lon);
        WebElement mapElement = browser.findElement(By.cssSelector("[data-testid=map]"));
        int dx = (int) Math.round(((Number) point.get("x")).doubleValue() - ((Number) point.get("width")).doubleValue() / 2);
        int dy = (int) Math.round(((Number) point.get("y")).doubleValue() - ((Number) point.get("height")).doubleValue() / 2);
        new Actions(browser).moveToElement(mapElement, dx, dy).click().perform();
        Browser.screenshot(browser, "polygon-clicked");

        JsonNode history = api("/api/state-parties/LAO/hazards/" + externalId + "/versions");
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=version-row]")).size() == history.get("versions").size());
        Browser.screenshot(browser, "polygon-versions");
        String popup = browser.findElement(By.cssSelector("[data-testid=feature-popup]")).getDomProperty("textContent");
        assertTrue(popup.contains(externalId), popup);
        assertEquals(2, history.get("versions").size());
        String upload = text("feature-upload");
        assertTrue(upload.contains(history.get("versions").get(1).get("upload").get("fileName").asText()), upload);
        List<WebElement> versionRows = browser.findElements(By.cssSelector("[data-testid=version-row]"));
        assertTrue(versionRows.get(0).getText().contains("superseded"), versionRows.get(0).getText());
        assertTrue(versionRows.get(1).getText().contains("current"), versionRows.get(1).getText());
    }

    @Test
    void withoutASelectionTheRemainingLandOfTheStatePartiesInViewIsDrawnFromZoomSix() throws Exception {
        open(browser, server.url("/"));
        wait.until(d -> body(d, "stateParties").equals("10") && body(d, "basemap").equals("ready"));
        assertEquals("", body(browser, "remaining"), "nothing at the world view");
        browser.executeScript("window.clearanceMap.setView(19.9, 102.6, 8)"); // northern Lao PDR
        wait.until(d -> body(d, "remaining").equals("drawn") && drawnCount(d) > 0);
        Object asked = browser.executeScript("return performance.getEntriesByType('resource')"
                + ".some(e => e.name.includes('/api/state-parties/LAO/remaining'))");
        assertEquals(Boolean.TRUE, asked, "the remaining land of Lao PDR was requested");
        Browser.screenshot(browser, "remaining-without-selection");
    }

    private static int drawnCount(WebDriver d) {
        String v = body(d, "hazardsDrawn");
        return v.isEmpty() ? 0 : Integer.parseInt(v);
    }

    @Test
    void anOnlineTileUrlIsOffByDefaultKeptWhenSetAndOneThePolicyWouldBlockIsSaidPlainlyWithoutTrying() throws Exception {
        open(browser, server.url("/"));
        wait.until(d -> body(d, "stateParties").equals("10") && body(d, "tiles").equals("offline"));
        assertEquals(0, browser.findElements(By.cssSelector(".leaflet-tile")).size(), "offline basemap only by default");
        browser.findElement(By.cssSelector(".settings summary")).click();
        assertTrue(text("tile-allowed").contains("allows no online tile server"), text("tile-allowed"));
        // another origin that BASEMAP_TILE_ORIGINS does not list (none by default): the page does not ask for it
        browser.findElement(By.cssSelector("[data-testid=tile-url]")).sendKeys("http://127.0.0.1:9/{z}/{x}/{y}.png", Keys.ENTER);
        wait.until(d -> body(d, "tiles").equals("blocked"));
        assertTrue(text("tile-status").contains("would block tiles from http://127.0.0.1:9"), text("tile-status"));
        assertTrue(text("tile-status").contains("BASEMAP_TILE_ORIGINS"), text("tile-status"));
        assertEquals(0, browser.findElements(By.cssSelector(".leaflet-tile")).size(), "no tile was requested");
        assertEquals("http://127.0.0.1:9/{z}/{x}/{y}.png",
                browser.executeScript("return localStorage.getItem('clearance-map.tileUrl')"));
        assertEquals("ready", body(browser, "basemap"), "the offline outlines stay");
        open(browser, server.url("/"));
        wait.until(d -> "http://127.0.0.1:9/{z}/{x}/{y}.png".equals(
                d.findElement(By.cssSelector("[data-testid=tile-url]")).getDomProperty("value"))
                && body(d, "tiles").equals("blocked"));
        browser.executeScript("localStorage.clear()");
        // the @AfterEach check: no policy violation, since nothing blocked was asked for
    }

    @Test
    void tilesFromAnOriginOfBasemapTileOriginsAreAskedForWithoutAPolicyViolation() throws Exception {
        // an https origin on the loopback where nothing answers: the policy allows it, the connection fails
        try (TestServer online = TestServer.start(db, Map.of("BASEMAP_TILE_ORIGINS", "https://127.0.0.1:9"), routes -> { })) {
            open(browser, online.url("/"));
            wait.until(d -> body(d, "stateParties").equals("10") && body(d, "tiles").equals("offline"));
            browser.findElement(By.cssSelector(".settings summary")).click();
            assertTrue(text("tile-allowed").contains("https://127.0.0.1:9"), text("tile-allowed"));
            browser.findElement(By.cssSelector("[data-testid=tile-url]")).sendKeys("https://127.0.0.1:9/{z}/{x}/{y}.png",
                    Keys.ENTER);
            wait.until(d -> body(d, "tiles").equals("failed"));
            assertTrue(text("tile-status").contains("could not be loaded"), text("tile-status"));
            assertTrue(browser.findElements(By.cssSelector(".leaflet-tile")).stream()
                    .anyMatch(img -> String.valueOf(img.getDomAttribute("src")).startsWith("https://127.0.0.1:9/")),
                    "the tiles were asked for");
            Browser.screenshot(browser, "tiles-allowed-origin-unreachable");

            // the same host over http is another origin: not listed, so not tried
            WebElement field = browser.findElement(By.cssSelector("[data-testid=tile-url]"));
            field.clear();
            field.sendKeys("http://127.0.0.1:9/{z}/{x}/{y}.png", Keys.ENTER);
            wait.until(d -> body(d, "tiles").equals("blocked"));
            assertTrue(text("tile-status").contains("would block"), text("tile-status"));
        } finally {
            browser.executeScript("localStorage.clear()");
        }
    }

    @Test
    void theKeyboardFindsAPolygonByItsIdAndShowsTheSameDetails() throws Exception {
        String externalId;
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT external_id FROM hazard WHERE iso3 = 'IRQ' AND version = 2 ORDER BY external_id LIMIT 1")) {
            assertTrue(rs.next(), "the demo data has a re-surveyed hazard in Iraq");
            externalId = rs.getString(1);
        }
        open(browser, server.url("/#IRQ"));
        wait.until(d -> body(d, "party").equals("IRQ"));
        WebElement field = browser.findElement(By.cssSelector("[data-testid=find-id]"));
        field.sendKeys(externalId, Keys.ENTER);
        JsonNode history = api("/api/state-parties/IRQ/hazards/" + externalId + "/versions");
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=version-row]")).size() == history.get("versions").size());
        WebElement focused = browser.switchTo().activeElement();
        assertTrue(focused.getText().contains(externalId), "the focus moves to the details: " + focused.getText());
        assertTrue(text("find-status").contains("2 version"), text("find-status"));
        Browser.screenshot(browser, "find-polygon");

        field.clear();
        field.sendKeys("NO-SUCH-ID", Keys.ENTER);
        wait.until(d -> text("find-status").startsWith("Not found"));
    }

    @Test
    void aDryRunShowsItsProblemOnTheMapAndAConfirmedUploadUpdatesTheFigures() throws Exception {
        String token = new Tokens(db).issue("UXO Lao browser test", Role.OPERATOR, "LAO");
        Path bad = Files.createTempFile("hazards-bad", ".geojson");
        Path good = Files.createTempFile("hazards-good", ".geojson");
        String ok = """
                {"type":"Feature","properties":{"external_id":"UI-OK-1","classification":"CHA","recorded_on":"2020-01-01"},
                 "geometry":{"type":"Polygon","coordinates":[[[102.60,19.90],[102.61,19.90],[102.61,19.91],[102.60,19.91],[102.60,19.90]]]}}""";
        String outside = """
                {"type":"Feature","properties":{"external_id":"UI-BAD-1","classification":"SHA","recorded_on":"2020-01-01"},
                 "geometry":{"type":"Polygon","coordinates":[[[100.50,13.70],[100.51,13.70],[100.51,13.71],[100.50,13.71],[100.50,13.70]]]}}""";
        Files.writeString(bad, "{\"type\":\"FeatureCollection\",\"features\":[" + ok + "," + outside + "]}");
        Files.writeString(good, "{\"type\":\"FeatureCollection\",\"features\":[" + ok + "]}");
        try {
            open(browser, server.url("/#LAO"));
            wait.until(d -> body(d, "party").equals("LAO"));
            JsonNode before = api("/api/state-parties/LAO");
            browser.findElement(By.cssSelector("[data-testid=token-input]")).sendKeys(token, Keys.ENTER);
            wait.until(d -> body(d, "token").equals("operator"));
            assertTrue(text("token-status").contains("UXO Lao browser test"), text("token-status"));

            assertEquals("LAO", browser.findElement(By.cssSelector("[data-testid=upload-state]")).getDomProperty("value"));
            browser.findElement(By.cssSelector("[data-testid=upload-file]")).sendKeys(bad.toString());
            browser.findElement(By.cssSelector("[data-testid=upload-check]")).click();
            wait.until(d -> body(d, "upload").equals("rejected"));
            assertTrue(text("upload-outcome").contains("nothing was written"), text("upload-outcome"));
            List<WebElement> problems = browser.findElements(By.cssSelector("[data-testid=upload-problem]"));
            assertEquals(1, problems.size());
            assertTrue(problems.get(0).getText().contains("outside-territory"), problems.get(0).getText());
            assertTrue(problems.get(0).getText().contains("UI-BAD-1"), problems.get(0).getText());
            assertEquals("1", body(browser, "problemMarkers"));
            assertEquals(1, browser.findElements(By.cssSelector(".problem-marker")).size());
            assertTrue(!browser.findElement(By.cssSelector("[data-testid=upload-confirm]")).isEnabled(),
                    "a refused dry run cannot be confirmed");
            problems.get(0).click();
            wait.until(d -> body(d, "focusedProblem").equals("0")
                    && !d.findElements(By.cssSelector(".leaflet-popup")).isEmpty());
            assertTrue(browser.findElement(By.cssSelector(".leaflet-popup")).getText().contains("outside-territory"));
            Browser.screenshot(browser, "upload-dry-run-problem");

            browser.findElement(By.cssSelector("[data-testid=upload-file]")).sendKeys(good.toString());
            browser.findElement(By.cssSelector("[data-testid=upload-check]")).click();
            wait.until(d -> body(d, "upload").equals("checked"));
            assertTrue(text("upload-outcome").contains("1 new"), text("upload-outcome"));
            assertEquals(before.get("footprintSqm").asDouble(), api("/api/state-parties/LAO").get("footprintSqm").asDouble(),
                    "a dry run writes nothing");
            browser.findElement(By.cssSelector("[data-testid=upload-confirm]")).click();
            wait.until(d -> body(d, "upload").equals("uploaded"));
            JsonNode after = api("/api/state-parties/LAO");
            assertTrue(after.get("footprintSqm").asDouble() > before.get("footprintSqm").asDouble());
            wait.until(d -> squareMetres(text("fig-footprint")) == Math.round(after.get("footprintSqm").asDouble()));
            assertPanelShows(after);
            Browser.screenshot(browser, "upload-confirmed");
            // the upload's record, opened with the token
            String uploadId = text("upload-outcome").replaceAll("(?s).*\\(upload (\\d+)\\).*", "$1");
            browser.findElement(By.cssSelector("[data-testid=upload-record]")).click();
            String map = switchToNewTab();
            JsonNode record = JSON.readTree(browser.findElement(By.tagName("body")).getText());
            assertEquals(uploadId, record.path("uploadId").asText(), record.toString());
            assertEquals(1, record.path("inserted").asInt(), record.toString());
            backTo(map);
        } finally {
            browser.executeScript("sessionStorage.clear()");
            Files.deleteIfExists(bad);
            Files.deleteIfExists(good);
        }
    }

    @Test
    void atTabletWidthThePanelAndTheMapAreBothThereWithoutSidewaysScrolling() throws Exception {
        ChromeDriver tablet = Browser.start(820, 1180);
        try {
            open(tablet, server.url("/#IRQ"));
            new WebDriverWait(tablet, Duration.ofSeconds(30)).until(d -> body(d, "party").equals("IRQ")
                    && Integer.parseInt(body(d, "hazardsDrawn").isEmpty() ? "0" : body(d, "hazardsDrawn")) > 0);
            assertTrue(tablet.findElement(By.cssSelector("[data-testid=map]")).getSize().getHeight() > 400);
            assertTrue(tablet.findElement(By.cssSelector("[data-testid=party-panel]")).isDisplayed());
            Object overflow = tablet.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0L, ((Number) overflow).longValue(), "no sideways scrolling at 820 px");
            Object panelOverflow = tablet.executeScript("const p = document.querySelector('.panel');"
                    + " return p.scrollWidth - p.clientWidth");
            assertEquals(0L, ((Number) panelOverflow).longValue(), "the panel does not scroll sideways either");
            Browser.screenshot(tablet, "tablet-irq");
        } finally {
            tablet.quit();
        }
    }

    @Test
    void aServerThatRequiresATokenForReadsShowsDataOnceATokenIsEntered() throws Exception {
        String analyst = new Tokens(db).issue("browser analyst", Role.ANALYST);
        try (TestServer closed = TestServer.start(db, Map.of("READ_REQUIRES_TOKEN", "true"), routes -> { })) {
            open(browser, closed.url("/"));
            wait.until(d -> body(d, "stateParties").equals("error"));
            assertTrue(text("states-status").contains("Could not load"), text("states-status"));
            browser.findElement(By.cssSelector("[data-testid=token-input]")).sendKeys(analyst, Keys.ENTER);
            wait.until(d -> body(d, "stateParties").equals("10"));
            assertEquals(10, browser.findElements(By.cssSelector("[data-testid=state-list] button.state")).size());
            Browser.screenshot(browser, "read-token-entered");
        } finally {
            browser.executeScript("sessionStorage.clear()");
        }
    }

    /** Waits for a second tab, switches to it and returns the first one's handle. */
    private String switchToNewTab() {
        String first = browser.getWindowHandle();
        wait.until(d -> d.getWindowHandles().size() == 2);
        for (String handle : browser.getWindowHandles()) {
            if (!handle.equals(first)) {
                browser.switchTo().window(handle);
            }
        }
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState"))
                && !d.getCurrentUrl().equals("about:blank"));
        return first;
    }

    private void backTo(String handle) {
        browser.close();
        browser.switchTo().window(handle);
    }

    /** The one file in {@code dir} once its download is complete. */
    private Path downloaded(Path dir, String suffix) {
        return wait.until(d -> {
            try (var files = Files.list(dir)) {
                return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (java.io.IOException e) {
                return null;
            }
        });
    }

    @Test
    void whenReadsNeedATokenTheReportsAndTheUploadRecordOpenWithTheTokenEntered() throws Exception {
        String analyst = new Tokens(db).issue("browser report reader", Role.ANALYST);
        String externalId;
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT external_id FROM hazard WHERE iso3 = 'LAO' AND version = 2 ORDER BY external_id LIMIT 1")) {
            assertTrue(rs.next(), "the demo data has a re-surveyed hazard in Lao PDR");
            externalId = rs.getString(1);
        }
        Path downloads = Files.createTempDirectory("report-downloads");
        try (TestServer closed = TestServer.start(db, Map.of("READ_REQUIRES_TOKEN", "true"), routes -> { })) {
            browser.executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            open(browser, closed.url("/"));
            wait.until(d -> body(d, "stateParties").equals("error"));
            browser.findElement(By.cssSelector("[data-testid=token-input]")).sendKeys(analyst, Keys.ENTER);
            wait.until(d -> body(d, "stateParties").equals("10"));
            browser.findElement(By.cssSelector("[data-testid=state-LAO]")).click();
            wait.until(d -> body(d, "party").equals("LAO"));

            // the printable report: a plain link would be refused; the page fetches it with the token
            WebElement html = browser.findElement(By.cssSelector("[data-testid=report-article7]"));
            assertEquals(401, closed.get(new java.net.URI(html.getDomProperty("href")).getRawPath() + "?"
                    + new java.net.URI(html.getDomProperty("href")).getRawQuery()).statusCode(), "without the token: 401");
            html.click();
            String map = switchToNewTab();
            assertTrue(browser.getCurrentUrl().startsWith("blob:"), browser.getCurrentUrl());
            assertTrue(browser.findElement(By.tagName("h1")).getText().startsWith("Article 7 report, clearance: "),
                    browser.findElement(By.tagName("h1")).getText());
            assertEquals("rgb(232, 232, 232)", browser.executeScript(
                    "return getComputedStyle(document.querySelector('thead th')).backgroundColor"), "styled by report.css");
            Browser.screenshot(browser, "report-opened-with-token");
            backTo(map);

            browser.findElement(By.cssSelector("[data-testid=report-article7-csv]")).click();
            Path csv = downloaded(downloads, ".zip");
            try (var zip = new java.util.zip.ZipFile(csv.toFile())) {
                assertTrue(zip.stream().anyMatch(e -> e.getName().endsWith("-contaminated-areas.csv")), csv.toString());
            }
            browser.findElement(By.cssSelector("[data-testid=report-article7-json]")).click();
            Path json = downloaded(downloads, ".json");
            assertTrue(json.getFileName().toString().startsWith("article7-LAO-"), json.toString());
            assertTrue(JSON.readTree(Files.readString(json)).size() > 0, Files.readString(json));

            // the upload a polygon came from, from its details
            browser.findElement(By.cssSelector("[data-testid=find-id]")).sendKeys(externalId, Keys.ENTER);
            WebElement uploadLink = wait.until(d -> d.findElement(By.cssSelector("[data-testid=feature-upload-link]")));
            String uploadId = uploadLink.getDomProperty("href").replaceAll(".*/api/uploads/", "");
            assertEquals(401, closed.get("/api/uploads/" + uploadId).statusCode(), "without the token: 401");
            // the popup may still be panning into view: a click another element would receive is
            // refused by the driver, and one that lands while the popup moves opens nothing. The
            // page opens the tab during the click itself, so click again until it is there.
            new WebDriverWait(browser, java.time.Duration.ofSeconds(20))
                    .pollingEvery(java.time.Duration.ofSeconds(2))
                    .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
                    .until(d -> {
                        if (d.getWindowHandles().size() < 2) {
                            d.findElement(By.cssSelector("[data-testid=feature-upload-link]")).click();
                        }
                        return d.getWindowHandles().size() == 2;
                    });
            switchToNewTab();
            assertTrue(browser.getCurrentUrl().startsWith("blob:"), browser.getCurrentUrl());
            JsonNode record = JSON.readTree(browser.findElement(By.tagName("body")).getText());
            assertEquals(uploadId, record.path("uploadId").asText(), record.toString());
            backTo(map);
            assertTrue(!body(browser, "opened").equals("failed"));
        } finally {
            browser.executeScript("sessionStorage.clear()");
            try (var files = Files.list(downloads)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(downloads);
        }
    }

    @Test
    void aLargeFileShowsHowMuchOfItIsSentThenItsReport() throws Exception {
        String token = new Tokens(db).issue("UXO Lao progress test", Role.OPERATOR, "LAO");
        Path large = Files.createTempFile("hazards-large", ".geojson");
        String feature = """
                {"type":"Feature","properties":{"external_id":"UI-LARGE-1","classification":"CHA","recorded_on":"2020-01-01"},
                 "geometry":{"type":"Polygon","coordinates":[[[102.62,19.90],[102.63,19.90],[102.63,19.91],[102.62,19.91],[102.62,19.90]]]}}""";
        // 6 MiB (white space is valid JSON), sent at 2 MiB/s by the browser's network emulation: a few seconds
        Files.writeString(large, "{\"type\":\"FeatureCollection\",\"features\":[" + feature + "]"
                + " ".repeat(6 * 1024 * 1024) + "}");
        try {
            open(browser, server.url("/#LAO"));
            wait.until(d -> body(d, "party").equals("LAO"));
            browser.findElement(By.cssSelector("[data-testid=token-input]")).sendKeys(token, Keys.ENTER);
            wait.until(d -> body(d, "token").equals("operator"));
            // every state of the progress bar and its text, as they are shown
            browser.executeScript("""
                    window.__progress = [];
                    new MutationObserver(() => {
                      const bar = document.querySelector('[data-testid=upload-progress]');
                      const text = document.querySelector('[data-testid=upload-progress-text]');
                      if (bar && text) window.__progress.push(bar.value + '|' + text.textContent);
                    }).observe(document.getElementById('upload-report'),
                               {subtree: true, childList: true, characterData: true, attributes: true});
                    """);
            browser.executeCdpCommand("Network.enable", Map.of());
            browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                    "downloadThroughput", -1, "uploadThroughput", 2 * 1024 * 1024));
            browser.findElement(By.cssSelector("[data-testid=upload-file]")).sendKeys(large.toString());
            browser.findElement(By.cssSelector("[data-testid=upload-check]")).click();
            wait.until(d -> text("upload-progress-text").startsWith("Sending"));
            browser.executeScript("document.querySelector('[data-testid=upload-progress]').scrollIntoView({block: 'center'});"
                    + " document.scrollingElement.scrollTop = 0");
            Browser.screenshot(browser, "upload-progress");
            wait.until(d -> body(d, "upload").equals("checked"));
            assertTrue(text("upload-outcome").contains("1 new"), text("upload-outcome"));

            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) browser.executeScript("return window.__progress");
            List<Integer> percents = shown.stream().filter(s -> s.contains("|Sending "))
                    .map(s -> Integer.parseInt(s.substring(0, s.indexOf('|')))).toList();
            assertTrue(percents.stream().anyMatch(p -> p > 0 && p < 100), "a percentage on the way: " + shown);
            assertTrue(shown.stream().anyMatch(s -> s.matches("\\d+\\|Sending hazards-large.*\\.geojson: \\d+ % \\(\\d+\\.\\d of 6\\.0 MB\\)…")),
                    "the percentage and the megabytes in words: " + shown);
            for (int i = 1; i < percents.size(); i++) {
                assertTrue(percents.get(i) >= percents.get(i - 1), "the percentage only grows: " + percents);
            }
            assertTrue(shown.get(shown.size() - 1).contains("sent; the server is checking it"), shown.toString());
        } finally {
            browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                    "downloadThroughput", -1, "uploadThroughput", -1));
            browser.executeScript("sessionStorage.clear()");
            Files.deleteIfExists(large);
        }
    }

    /** What has the keyboard focus: its test id, else its id, else its tag and first class (summaries by text). */
    private static final String FOCUSED = """
            const e = document.activeElement;
            if (!e || e === document.body) return 'body';
            if (e.tagName === 'SUMMARY') return 'summary:' + e.textContent.trim();
            return e.dataset.testid || e.id
                || e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ')[0] : '');
            """;

    /** Presses Tab up to {@code max} times, listing each control reached once (a date field's parts count once). */
    private static List<String> tabStops(int max) {
        List<String> stops = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            String focused = String.valueOf(browser.executeScript(FOCUSED));
            if (focused.equals("body") && !stops.isEmpty()) {
                break; // past the last control: the focus left the page
            }
            if (stops.isEmpty() || !stops.get(stops.size() - 1).equals(focused)) {
                stops.add(focused);
            }
        }
        return stops;
    }

    private static void assertInOrder(List<String> stops, List<String> expected) {
        int last = -1;
        for (String control : expected) {
            int at = stops.indexOf(control);
            assertTrue(at >= 0, control + " is reached by Tab: " + stops);
            assertTrue(at > last, control + " comes after " + expected.get(Math.max(0, expected.indexOf(control) - 1))
                    + ": " + stops);
            last = at;
        }
    }

    @Test
    void tabbingReachesEveryControlInOrderAndNoHiddenOne() throws Exception {
        open(browser, server.url("/#LAO"));
        wait.until(d -> body(d, "party").equals("LAO") && body(d, "tiles").equals("offline")
                && !d.findElements(By.cssSelector("[data-testid=layer-hazards]")).isEmpty());
        browser.executeScript("document.activeElement.blur(); window.scrollTo(0, 0)");
        List<String> stops = tabStops(200);
        assertEquals("a.skip-link", stops.get(0), stops.toString());
        assertInOrder(stops, List.of("view-map", "view-dashboard", "view-indicators",
                "as-of", "today", "play", "year-slider", // the date control and play
                "area-unit", // the unit of the areas
                "party-close", "summary:Sections of the request", // each extension request's sections
                "report-article7", "report-article7-pdf", "report-article7-docx", "report-article7-xlsx",
                "report-article7-csv", "report-article7-json", // the State Party panel
                "state-AFG", "state-LAO", "find-id", "find-show",
                "export-format", "export-go", // export the view
                "token-input", "token-use", // the upload panel without a token
                "summary:Map settings",
                "map", "a.leaflet-control-zoom-in", "summary:Legend and layers",
                "layer-hazards", "layer-releases", "layer-remaining", "layer-aggregates", // the layers
                "banner-toggle")); // the synthetic-data banner's details
        for (String hidden : List.of("upload-state", "upload-kind", "upload-file", "upload-check", "upload-confirm",
                "token-forget", "tile-url", "dashboard-close", "indicators-close", "lap-year")) {
            assertTrue(!stops.contains(hidden), hidden + " is hidden and out of the tab order: " + stops);
        }
        assertEquals("none", browser.executeScript("return getComputedStyle(document.getElementById('upload-form')).display"),
                ".upload-form[hidden] is display:none");

        // with a token the upload form appears, and Tab goes through it after the token's buttons
        String token = new Tokens(db).issue("UXO Lao keyboard test", Role.OPERATOR, "LAO");
        try {
            WebElement field = browser.findElement(By.cssSelector("[data-testid=token-input]"));
            field.sendKeys(token, Keys.ENTER);
            wait.until(d -> body(d, "token").equals("operator"));
            field.click();
            List<String> upload = tabStops(8);
            assertEquals(List.of("token-use", "token-forget", "upload-state", "upload-kind", "upload-file", "upload-check"),
                    upload.subList(0, 6), "upload-confirm is disabled until a dry run passes: " + upload);
            assertEquals("grid", browser.executeScript("return getComputedStyle(document.getElementById('upload-form')).display"));
        } finally {
            browser.executeScript("sessionStorage.clear()");
        }
    }
}
