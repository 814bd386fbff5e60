package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clearancemap.demo.DemoLoader;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Popups against what is drawn over the map, in headless Chromium with the demo dataset: a popup
 * opened near the top is not under the banner or the status line and none is under the legend;
 * the banner collapses to one line and stays so for the tab; a double-click zooms without a
 * popup; where a release covers a hazard a click lists both, each opening its details; and a
 * release's hazard id opens that hazard.
 */
class PopupOverlaysBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLLECT_VIOLATIONS = """
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', (e) => {
              window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || ''));
            });
            """;
    /** What elementFromPoint finds at the centre of an element, as the test id, id or class of the nearest. */
    private static final String HIT = """
            const target = arguments[0];
            const r = target.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            if (!hit) return 'nothing';
            if (hit === target || target.contains(hit) || hit.closest('.leaflet-popup')) return 'popup';
            const named = hit.closest('[id], [data-testid]');
            return named ? (named.dataset.testid || named.id) : hit.tagName;
            """;
    private static TestDatabase db;
    private static TestServer server;
    private static ChromeDriver browser;
    private WebDriverWait wait;

    /** A hazard's and a release's external ids and a point inside both (lat, lon). */
    private record Overlap(String hazard, String release, double lat, double lon) {
    }

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(PopupOverlaysBrowserTest.class);
        new DemoLoader(db.database().dataSource()).load();
        server = TestServer.start(db);
        browser = Browser.start(1280, 800);
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COLLECT_VIOLATIONS));
    }

    @AfterEach
    void noPolicyViolation() {
        assertEquals(List.of(), browser.executeScript("return window.__cspViolations || []"));
        browser.executeScript("sessionStorage.clear()");
        browser.manage().window().setSize(new Dimension(1280, 800));
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

    private static String body(WebDriver driver, String key) {
        return String.valueOf(((JavascriptExecutor) driver)
                .executeScript("return document.body.dataset[arguments[0]] || ''", key));
    }

    private static JsonNode api(String path) throws Exception {
        var response = server.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** Current polygons of Lao PDR from the API, as JTS geometries by external id. */
    private static List<Map.Entry<String, Geometry>> polygons(String kind) throws Exception {
        var reader = new GeoJsonReader();
        List<Map.Entry<String, Geometry>> found = new ArrayList<>();
        for (JsonNode feature : api("/api/" + kind + "?state_party=LAO").get("features")) {
            found.add(Map.entry(feature.get("properties").get("external_id").asText(),
                    reader.read(feature.get("geometry").toString())));
        }
        return found;
    }

    /** A release of Lao PDR that covers part of a hazard, found through the API, and a point inside both. */
    private static Overlap overlap() throws Exception {
        var hazards = polygons("hazards");
        for (var release : polygons("releases")) {
            for (var hazard : hazards) {
                Geometry common = release.getValue().intersection(hazard.getValue());
                if (common.getArea() > 0) {
                    var point = common.getInteriorPoint();
                    return new Overlap(hazard.getKey(), release.getKey(), point.getY(), point.getX());
                }
            }
        }
        throw new AssertionError("the demo data has a release over a hazard in Lao PDR");
    }

    /** A current hazard of Lao PDR that no other polygon touches, and a point inside it (lat, lon). */
    private static double[] hazardAlone() throws Exception {
        var all = new ArrayList<>(polygons("releases"));
        var hazards = polygons("hazards");
        all.addAll(hazards);
        for (var hazard : hazards) {
            if (all.stream().noneMatch(o -> o != hazard && o.getValue().intersects(hazard.getValue()))) {
                var point = hazard.getValue().getInteriorPoint();
                return new double[] {point.getY(), point.getX()};
            }
        }
        throw new AssertionError("the demo data has a hazard without a release in Lao PDR");
    }

    private void openAt(double lat, double lon, int zoom) {
        browser.get("about:blank");
        browser.get(server.url("/#LAO"));
        wait.until(d -> body(d, "party").equals("LAO") && !body(d, "draws").isEmpty());
        browser.executeScript("window.clearanceMap.setView(arguments[0], arguments[1], arguments[2])", lat, lon, zoom);
        waitSettled();
    }

    private void waitSettled() {
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.clearanceMap.settled()")));
    }

    /** Where a place is, as an offset from the map element's centre (what Actions.moveToElement takes). */
    private int[] offset(double lat, double lon) {
        @SuppressWarnings("unchecked")
        Map<String, Object> point = (Map<String, Object>) browser.executeScript(
                "return window.clearanceMap.containerPoint(arguments[0], arguments[1])", lat, lon);
        return new int[] {
            (int) Math.round(((Number) point.get("x")).doubleValue() - ((Number) point.get("width")).doubleValue() / 2),
            (int) Math.round(((Number) point.get("y")).doubleValue() - ((Number) point.get("height")).doubleValue() / 2),
        };
    }

    private WebElement map() {
        return browser.findElement(By.cssSelector("[data-testid=map]"));
    }

    private void clickAt(double lat, double lon) {
        int[] at = offset(lat, lon);
        new Actions(browser).moveToElement(map(), at[0], at[1]).click().perform();
    }

    /** Waits until the popup has stopped moving (its auto-pan done) and its versions are loaded. */
    private WebElement settledPopup() {
        wait.until(d -> !d.findElements(By.cssSelector(".leaflet-popup [data-testid=version-row]")).isEmpty());
        String[] last = {""};
        wait.until(d -> {
            String now = String.valueOf(((JavascriptExecutor) d).executeScript(
                    "const r = document.querySelector('.leaflet-popup').getBoundingClientRect();"
                            + " return [r.left, r.top, r.width, r.height].join(',')"));
            boolean same = now.equals(last[0]);
            last[0] = now;
            return same;
        });
        return browser.findElement(By.cssSelector(".leaflet-popup"));
    }

    private String hit(WebElement element) {
        return String.valueOf(browser.executeScript(HIT, element));
    }

    private boolean overlaps(WebElement a, WebElement b) {
        return Boolean.TRUE.equals(browser.executeScript("""
                const a = arguments[0].getBoundingClientRect(), b = arguments[1].getBoundingClientRect();
                return a.width > 0 && b.width > 0 && a.left < b.right && b.left < a.right
                    && a.top < b.bottom && b.top < a.bottom;
                """, a, b));
    }

    @Test
    void aPopupIsNeverUnderTheBannerTheStatusLineOrTheLegend() throws Exception {
        double[] hazard = hazardAlone();
        for (int[] size : List.of(new int[] {1280, 800}, new int[] {820, 1180})) {
            browser.manage().window().setSize(new Dimension(size[0], size[1]));
            openAt(hazard[0], hazard[1], 16);
            WebElement legend = browser.findElement(By.cssSelector("[data-testid=legend]"));
            if (legend.getDomAttribute("open") == null) {
                legend.findElement(By.tagName("summary")).click(); // the legend open: the most it covers
            }
            browser.findElement(By.cssSelector("[data-testid=layer-remaining]")).click();
            // the hazard just below the banner and the status line: a popup opening there reaches under them
            int[] centre = offset(hazard[0], hazard[1]);
            int height = map().getSize().getHeight();
            int below = ((Number) browser.executeScript("return document.getElementById('status').getBoundingClientRect()"
                    + ".bottom - document.getElementById('map').getBoundingClientRect().top")).intValue() + 15;
            new Actions(browser).moveToElement(map(), centre[0], centre[1])
                    .clickAndHold().moveByOffset(0, below - height / 2 - centre[1]).release().perform();
            waitSettled();
            clickAt(hazard[0], hazard[1]);
            WebElement popup = settledPopup();
            Browser.screenshot(browser, "popup-top-" + size[0]);
            WebElement close = popup.findElement(By.cssSelector(".leaflet-popup-close-button"));
            WebElement title = popup.findElement(By.cssSelector("[data-testid=feature-popup] h3"));
            assertEquals("popup", hit(close), "the close button is not covered at " + size[0] + " px");
            assertEquals("popup", hit(title), "the title is not covered at " + size[0] + " px");
            assertFalse(overlaps(popup.findElement(By.cssSelector(".leaflet-popup-content-wrapper")), legend),
                    "the legend does not cover the popup at " + size[0] + " px");
            close.click();
            wait.until(d -> d.findElements(By.cssSelector(".leaflet-popup")).isEmpty());

            // near the bottom, just left of the legend: the popup would reach under it
            int width = map().getSize().getWidth();
            int legendWidth = legend.getSize().getWidth();
            int[] now = offset(hazard[0], hazard[1]);
            new Actions(browser).moveToElement(map(), now[0], now[1]).clickAndHold()
                    .moveByOffset(width / 2 - legendWidth - 40 - now[0], height / 2 - 60 - now[1]).release().perform();
            waitSettled();
            clickAt(hazard[0], hazard[1]);
            popup = settledPopup();
            Browser.screenshot(browser, "popup-legend-" + size[0]);
            assertFalse(overlaps(popup.findElement(By.cssSelector(".leaflet-popup-content-wrapper")), legend),
                    "the legend does not cover the popup at " + size[0] + " px");
            assertEquals("popup", hit(popup.findElement(By.cssSelector(".leaflet-popup-close-button"))));
        }
    }

    @Test
    void theBannerCollapsesToOneLineByAButtonAndStaysCollapsedForTheTab() throws Exception {
        browser.get("about:blank");
        browser.get(server.url("/#LAO"));
        wait.until(d -> body(d, "party").equals("LAO") && body(d, "synthetic").equals("true"));
        WebElement banner = browser.findElement(By.cssSelector("[data-testid=synthetic-banner]"));
        WebElement toggle = banner.findElement(By.cssSelector("[data-testid=banner-toggle]"));
        assertEquals("BUTTON", toggle.getTagName().toUpperCase());
        assertEquals("true", toggle.getDomAttribute("aria-expanded"));
        int expanded = banner.getSize().getHeight();
        toggle.click();
        wait.until(d -> "false".equals(toggle.getDomAttribute("aria-expanded")));
        assertTrue(banner.getText().contains("SYNTHETIC DEMO DATA"), banner.getText());
        double lineHeight = ((Number) browser.executeScript(
                "return parseFloat(getComputedStyle(arguments[0]).lineHeight) || 1.5 * parseFloat(getComputedStyle(arguments[0]).fontSize)",
                banner)).doubleValue();
        int collapsed = banner.getSize().getHeight();
        assertTrue(collapsed < lineHeight * 2, "one line: " + collapsed + " px, line " + lineHeight + " px");
        assertTrue(collapsed <= expanded, collapsed + " <= " + expanded);
        Browser.screenshot(browser, "banner-collapsed");

        browser.navigate().refresh();
        wait.until(d -> body(d, "party").equals("LAO") && body(d, "synthetic").equals("true"));
        WebElement again = browser.findElement(By.cssSelector("[data-testid=banner-toggle]"));
        assertEquals("false", again.getDomAttribute("aria-expanded"), "remembered for the tab");
        again.sendKeys(org.openqa.selenium.Keys.ENTER); // a native button: the keyboard opens it too
        wait.until(d -> "true".equals(again.getDomAttribute("aria-expanded")));
    }

    @Test
    void aDoubleClickOnAPolygonZoomsWithoutLeavingAPopupOpen() throws Exception {
        double[] hazard = hazardAlone();
        openAt(hazard[0], hazard[1], 14);
        int[] at = offset(hazard[0], hazard[1]);
        int[] east = offset(hazard[0], hazard[1] + 0.002);
        int before = east[0] - at[0];
        new Actions(browser).moveToElement(map(), at[0], at[1]).doubleClick().perform();
        wait.until(d -> offset(hazard[0], hazard[1] + 0.002)[0] - offset(hazard[0], hazard[1])[0] > 1.5 * before);
        waitSettled();
        wait.until(d -> !body(d, "popupPending").equals("true"));
        Browser.screenshot(browser, "double-click");
        assertEquals(0, browser.findElements(By.cssSelector(".leaflet-popup")).size(), "no popup after a double-click");

        clickAt(hazard[0], hazard[1]); // a single click still opens the details
        settledPopup();
    }

    @Test
    void whereAReleaseCoversAHazardAClickListsBothAndEachOpensItsDetails() throws Exception {
        Overlap overlap = overlap();
        openAt(overlap.lat(), overlap.lon(), 16);
        clickAt(overlap.lat(), overlap.lon());
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=chooser-item]")).size() >= 2);
        Browser.screenshot(browser, "chooser");
        List<String> items = browser.findElements(By.cssSelector("[data-testid=chooser-item]")).stream()
                .map(WebElement::getText).toList();
        assertTrue(items.stream().anyMatch(t -> t.startsWith("Land release " + overlap.release())), items.toString());
        assertTrue(items.stream().anyMatch(t -> t.startsWith("Hazardous area " + overlap.hazard())), items.toString());

        chooseItem("Hazardous area " + overlap.hazard());
        wait.until(d -> popupTitle().equals("Hazardous area " + overlap.hazard()));
        settledPopup();
        browser.findElement(By.cssSelector("[data-testid=chooser-back]")).click();
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=chooser-item]")).size() == items.size());

        chooseItem("Land release " + overlap.release());
        wait.until(d -> popupTitle().equals("Land release " + overlap.release()));
        Browser.screenshot(browser, "chooser-release");
    }

    @Test
    void aReleasesHazardIdOpensThatHazardsDetails() throws Exception {
        Overlap overlap = overlap();
        JsonNode release = null;
        for (JsonNode feature : api("/api/releases?state_party=LAO").get("features")) {
            if (!feature.get("properties").path("hazard_external_id").isMissingNode()
                    && !feature.get("properties").get("hazard_external_id").isNull()
                    && feature.get("properties").get("external_id").asText().equals(overlap.release())) {
                release = feature.get("properties");
            }
        }
        assertTrue(release != null, "the release over a hazard is linked to a hazard: " + overlap);
        String hazardId = release.get("hazard_external_id").asText();
        openAt(overlap.lat(), overlap.lon(), 16);
        clickAt(overlap.lat(), overlap.lon());
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=chooser-item], [data-testid=feature-popup]")).isEmpty());
        if (!browser.findElements(By.cssSelector("[data-testid=chooser-item]")).isEmpty()) {
            chooseItem("Land release " + overlap.release());
        }
        WebElement link = wait.until(d -> d.findElement(By.cssSelector("[data-testid=release-hazard-link]")));
        assertEquals(hazardId, link.getText());
        // the release's versions arrive after the popup opens, and the popup then grows and pans: the link
        // is pressed (Enter on the button, as a keyboard user does) once they are in, wherever it then lies
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=versions][aria-busy=true]")).isEmpty());
        link = browser.findElement(By.cssSelector("[data-testid=release-hazard-link]"));
        link.sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(d -> popupTitle().equals("Hazardous area " + hazardId));
        JsonNode history = api("/api/state-parties/LAO/hazards/" + hazardId + "/versions");
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=version-row]")).size() == history.get("versions").size());
        assertTrue(browser.switchTo().activeElement().getText().contains(hazardId), "the focus is on the hazard's details");
        Browser.screenshot(browser, "release-hazard-link");
    }

    private void chooseItem(String startsWith) {
        browser.findElements(By.cssSelector("[data-testid=chooser-item]")).stream()
                .filter(e -> e.getText().startsWith(startsWith)).findFirst().orElseThrow().click();
    }

    private String popupTitle() {
        var titles = browser.findElements(By.cssSelector(".leaflet-popup [data-testid=feature-popup] h3"));
        return titles.isEmpty() ? "" : titles.get(0).getText();
    }
}
