package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.DemoSite;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Moving between States Parties in a real headless Chromium against the server with the demo
 * dataset: choosing one from the list by mouse, keyboard and touch brings its panel into view
 * with the focus on its heading; the address chooses too, and Back and Forward move between
 * choices; a popup does not outlive the date it was opened at.
 */
class PanelNavigationBrowserTest {
    private static DemoSite site;
    private static TestDatabase db;
    private static TestServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        site = DemoSite.start(PanelNavigationBrowserTest.class, 1280, 800);
        db = site.db;
        server = site.server;
        browser = site.browser;
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    private static WebDriverWait waitOn(WebDriver driver) {
        var wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static void open(WebDriver driver, String path) {
        driver.get("about:blank");
        driver.get(server.url(path));
    }

    private static String body(WebDriver driver, String key) {
        return String.valueOf(((JavascriptExecutor) driver)
                .executeScript("return document.body.dataset[arguments[0]] || ''", key));
    }

    /** The panel's heading names the State Party, lies inside the viewport and has the focus. */
    private static void assertHeadingInViewWithFocus(WebDriver driver, String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript("""
                const heading = document.getElementById('party-title');
                const rect = heading.getBoundingClientRect();
                return {top: rect.top, bottom: rect.bottom, height: window.innerHeight,
                        text: heading.textContent, focused: document.activeElement === heading};
                """);
        double top = ((Number) seen.get("top")).doubleValue();
        double bottom = ((Number) seen.get("bottom")).doubleValue();
        double height = ((Number) seen.get("height")).doubleValue();
        assertEquals(name, seen.get("text"));
        assertTrue(top >= 0 && bottom <= height, "the heading is in view: " + seen);
        assertEquals(Boolean.TRUE, seen.get("focused"), "the heading has the focus: " + seen);
    }

    private static String nameOf(WebDriver driver, String iso3) {
        return driver.findElement(By.cssSelector("[data-testid=state-" + iso3 + "] .state-name")).getText();
    }

    @Test
    void choosingFromTheListByMouseOrKeyboardBringsThePanelIntoViewWithFocusOnItsHeading() throws Exception {
        var wait = waitOn(browser);
        open(browser, "/");
        wait.until(d -> body(d, "stateParties").equals("10"));

        WebElement lao = browser.findElement(By.cssSelector("[data-testid=state-LAO]"));
        String laoName = nameOf(browser, "LAO");
        new Actions(browser).moveToElement(lao).click().perform();
        wait.until(d -> body(d, "party").equals("LAO"));
        Browser.screenshot(browser, "panel-chosen-by-mouse-1280");
        assertHeadingInViewWithFocus(browser, laoName);

        // far down the list, below the open panel: Enter on its button
        String irqName = nameOf(browser, "IRQ");
        browser.findElement(By.cssSelector("[data-testid=state-IRQ]")).sendKeys(Keys.ENTER);
        wait.until(d -> body(d, "party").equals("IRQ"));
        Browser.screenshot(browser, "panel-chosen-by-enter-1280");
        assertHeadingInViewWithFocus(browser, irqName);
    }

    @Test
    void aTapOnTheListAtTabletWidthBringsThePanelIntoViewWithFocusOnItsHeading() throws Exception {
        ChromeDriver tablet = Browser.start(820, 1180);
        try {
            var wait = waitOn(tablet);
            open(tablet, "/");
            wait.until(d -> body(d, "stateParties").equals("10"));
            for (String iso3 : List.of("SSD", "AFG")) {
                WebElement card = tablet.findElement(By.cssSelector("[data-testid=state-" + iso3 + "]"));
                ((JavascriptExecutor) tablet).executeScript("arguments[0].scrollIntoView({block: 'center'})", card);
                String name = nameOf(tablet, iso3);
                var finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
                var tap = new Sequence(finger, 0)
                        .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(card), 0, 0))
                        .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                        .addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
                tablet.perform(List.of(tap));
                wait.until(d -> body(d, "party").equals(iso3));
                Browser.screenshot(tablet, "panel-chosen-by-tap-820-" + iso3);
                assertHeadingInViewWithFocus(tablet, name);
            }
        } finally {
            tablet.quit();
        }
    }

    @Test
    void theAddressChoosesTheStatePartyAndBackAndForwardMoveBetweenChoices() throws Exception {
        var wait = waitOn(browser);
        open(browser, "/#IRQ");
        wait.until(d -> body(d, "party").equals("IRQ"));
        browser.findElement(By.cssSelector("[data-testid=state-LAO]")).click();
        wait.until(d -> body(d, "party").equals("LAO"));
        assertEquals("#LAO", browser.executeScript("return location.hash"));

        browser.executeScript("history.back()");
        wait.until(d -> body(d, "party").equals("IRQ") && body(d, "selected").equals("IRQ"));
        assertEquals("#IRQ", browser.executeScript("return location.hash"));
        assertEquals("true", browser.findElement(By.cssSelector("[data-testid=state-IRQ]")).getDomAttribute("aria-pressed"));

        browser.executeScript("history.forward()");
        wait.until(d -> body(d, "party").equals("LAO") && body(d, "selected").equals("LAO"));

        // an address edited by hand: one new history entry, none added by the page
        long entries = ((Number) browser.executeScript("return history.length")).longValue();
        browser.executeScript("location.hash = '#CHL'");
        wait.until(d -> body(d, "party").equals("CHL"));
        assertTrue(browser.findElement(By.cssSelector("[data-testid=party-name]")).getText().contains("Chile"));
        assertEquals(entries + 1, ((Number) browser.executeScript("return history.length")).longValue());
        browser.executeScript("history.back()");
        wait.until(d -> body(d, "party").equals("LAO"));
    }

    @Test
    void aPopupOpenWhenPlayMovesTheDateDoesNotShowAVersionNotValidThen() throws Exception {
        // the current version of a re-surveyed hazard of Iraq, recorded as late as any
        String externalId;
        String recordedOn;
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT external_id, recorded_on FROM hazard
                 WHERE iso3 = 'IRQ' AND version = 2 AND valid_until IS NULL
                 ORDER BY recorded_on DESC, external_id LIMIT 1
                """)) {
            assertTrue(rs.next(), "the demo data has a re-surveyed hazard in Iraq");
            externalId = rs.getString(1);
            recordedOn = rs.getString(2);
        }
        var wait = waitOn(browser);
        open(browser, "/#IRQ");
        wait.until(d -> body(d, "party").equals("IRQ"));
        browser.findElement(By.cssSelector("[data-testid=find-id]")).sendKeys(externalId, Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=version-row]")).size() == 2);
        assertTrue(popupsText().contains(externalId), popupsText());

        WebElement play = browser.findElement(By.cssSelector("[data-testid=play]"));
        play.click();
        String first = browser.findElement(By.cssSelector("[data-testid=year-slider]")).getDomProperty("min");
        String date = first + "-12-31";
        wait.until(d -> body(d, "asOf").equals(date));
        play.sendKeys(Keys.ENTER);
        wait.until(d -> body(d, "playing").equals("false") && body(d, "polygonsAsOf").equals(body(d, "asOf")));
        String shown = body(browser, "asOf");
        assertTrue(recordedOn.compareTo(shown) > 0, "the version found is not valid at " + shown + ": " + recordedOn);
        Browser.screenshot(browser, "popup-after-play");
        assertTrue(!popupsText().contains(externalId),
                "no popup shows the version recorded on " + recordedOn + " at " + shown + ": " + popupsText());
    }

    @Test
    void aClickedPolygonsPopupClosesWhenTheDateChanges() throws Exception {
        // a hazard of Lao PDR that no other current hazard overlaps, and a point inside it
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
        var wait = waitOn(browser);
        open(browser, "/#LAO");
        wait.until(d -> body(d, "party").equals("LAO") && !body(d, "draws").isEmpty());
        browser.executeScript("window.clearanceMap.setView(arguments[0], arguments[1], 16)", lat, lon);
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.clearanceMap.settled()")));
        browser.findElement(By.cssSelector("[data-testid=layer-releases]")).click();
        browser.findElement(By.cssSelector("[data-testid=layer-remaining]")).click();
        @SuppressWarnings("unchecked")
        Map<String, Object> point = (Map<String, Object>) browser.executeScript(
                "return window.clearanceMap.containerPoint(arguments[0], arguments[1])", lat, lon);
        int dx = (int) Math.round(((Number) point.get("x")).doubleValue() - ((Number) point.get("width")).doubleValue() / 2);
        int dy = (int) Math.round(((Number) point.get("y")).doubleValue() - ((Number) point.get("height")).doubleValue() / 2);
        new Actions(browser).moveToElement(browser.findElement(By.cssSelector("[data-testid=map]")), dx, dy).click().perform();
        wait.until(d -> popupsText().contains(externalId));

        browser.executeScript("""
                const input = document.querySelector('[data-testid=as-of]');
                input.value = '2015-12-31';
                input.dispatchEvent(new Event('change', {bubbles: true}));
                """);
        wait.until(d -> body(d, "polygonsAsOf").equals("2015-12-31"));
        // a closed popup fades out (Leaflet keeps its element for 200 ms)
        wait.withMessage(() -> "the popup of today's version is closed: " + popupsText())
                .until(d -> !popupsText().contains(externalId));
    }

    @Test
    void theUnitOfTheAreasIsChosenAndKeptForTheNextVisit() throws Exception {
        var wait = waitOn(browser);
        try {
            open(browser, "/#LAO");
            wait.until(d -> body(d, "party").equals("LAO"));
            var party = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(server.get("/api/state-parties/LAO").body());
            double footprint = party.get("footprintSqm").asDouble();
            assertTrue(figure("fig-footprint").startsWith(String.format(java.util.Locale.ROOT, "%,d m²",
                    Math.round(footprint))), "m² by default: " + figure("fig-footprint"));

            new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("[data-testid=area-unit]")))
                    .selectByValue("km2");
            wait.until(d -> figure("fig-footprint").contains(" km²"));
            String shown = figure("fig-footprint");
            assertEquals(footprint / 1e6, Double.parseDouble(shown.substring(0, shown.indexOf(" km²")).replace(",", "")),
                    0.0005, shown);
            assertTrue(figure("fig-remaining").contains(" km²"), figure("fig-remaining"));
            Browser.screenshot(browser, "panel-in-km2");

            open(browser, "/#LAO");
            wait.until(d -> body(d, "party").equals("LAO"));
            assertEquals("km2", browser.findElement(By.cssSelector("[data-testid=area-unit]")).getDomProperty("value"));
            assertTrue(figure("fig-footprint").contains(" km²"), "kept for the next visit: " + figure("fig-footprint"));

            new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("[data-testid=area-unit]")))
                    .selectByValue("ha");
            String ha = String.format(java.util.Locale.ROOT, "%,.2f ha", footprint / 1e4);
            wait.until(d -> figure("fig-footprint").startsWith(ha));
        } finally {
            browser.executeScript("localStorage.clear()");
        }
    }

    private static String figure(String testid) {
        return browser.findElement(By.cssSelector("[data-testid=" + testid + "]")).getText();
    }

    @Test
    void findTakesTheStartOfAnIdInAnyCaseAndWithoutASelectionSearchesEveryStateParty() throws Exception {
        List<String> laoIds = new java.util.ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT DISTINCT external_id FROM hazard WHERE iso3 = 'LAO' ORDER BY 1 LIMIT 5")) {
            while (rs.next()) {
                laoIds.add(rs.getString(1));
            }
        }
        String wanted = laoIds.get(2);
        var wait = waitOn(browser);
        open(browser, "/");
        wait.until(d -> body(d, "stateParties").equals("10"));
        WebElement field = browser.findElement(By.cssSelector("[data-testid=find-id]"));
        // nothing selected, the whole id in lower case: it opens, in its State Party
        field.sendKeys(wanted.toLowerCase(), Keys.ENTER);
        wait.until(d -> body(d, "party").equals("LAO") && popupsText().contains(wanted)
                && !d.findElements(By.cssSelector("[data-testid=version-row]")).isEmpty());
        assertTrue(browser.switchTo().activeElement().getText().contains(wanted), "the focus is in the popup");

        // the start of several ids in Lao PDR: they are listed, and one chosen opens
        String prefix = wanted.substring(0, wanted.length() - 1).toLowerCase();
        field.clear();
        field.sendKeys(prefix, Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=find-match]")).size() > 1);
        List<WebElement> matches = browser.findElements(By.cssSelector("[data-testid=find-match]"));
        assertTrue(matches.stream().allMatch(m -> m.getText().toLowerCase().startsWith(prefix)), prefix);
        assertTrue(browser.findElement(By.cssSelector("[data-testid=find-status]")).getText().contains("start with"));
        Browser.screenshot(browser, "find-matches");
        String chosen = matches.get(matches.size() - 1).getText();
        matches.get(matches.size() - 1).click();
        wait.until(d -> popupsText().contains("Hazardous area " + chosen));
        assertEquals(0, browser.findElements(By.cssSelector("[data-testid=find-match]")).size());
    }

    @Test
    void theStatusLineCountsThePolygonsInViewNotAllThoseLoaded() throws Exception {
        double lon;
        double lat;
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT ST_X(ST_PointOnSurface(geom4326)), ST_Y(ST_PointOnSurface(geom4326))
                  FROM hazard WHERE iso3 = 'LAO' AND valid_until IS NULL ORDER BY external_id LIMIT 1
                """)) {
            assertTrue(rs.next());
            lon = rs.getDouble(1);
            lat = rs.getDouble(2);
        }
        var wait = waitOn(browser);
        open(browser, "/#LAO");
        wait.until(d -> body(d, "party").equals("LAO") && !body(d, "draws").isEmpty()
                && Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.clearanceMap.settled()")));
        int loaded = Integer.parseInt(body(browser, "hazardsDrawn"));
        String draws = body(browser, "draws");
        // zoomed in within what is loaded: nothing new is asked for, fewer polygons are in view
        browser.executeScript("window.clearanceMap.setView(arguments[0], arguments[1], 15)", lat, lon);
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.clearanceMap.settled()"))
                && !body(d, "hazardsInView").isEmpty() && Integer.parseInt(body(d, "hazardsInView")) < loaded);
        assertEquals(draws, body(browser, "draws"), "no new request");
        int inView = Integer.parseInt(body(browser, "hazardsInView"));
        String bbox = String.valueOf(browser.executeScript(
                "return window.clearanceMap.viewBbox()"));
        var api = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                server.get("/api/hazards?state_party=LAO&bbox=" + bbox).body());
        int serverCount = api.get("numberReturned").asInt();
        assertTrue(serverCount >= 1 && serverCount <= inView && inView < loaded,
                "the server's " + serverCount + " in the view's box <= " + inView + " in view < " + loaded + " loaded");
        String status = browser.findElement(By.cssSelector("[data-testid=status]")).getText();
        assertTrue(status.startsWith(inView + " hazardous area") && status.contains("in view"), status);
        Browser.screenshot(browser, "status-in-view");
    }

    private static String popupsText() {
        return String.valueOf(browser.executeScript(
                "return [...document.querySelectorAll('.leaflet-popup')].map(p => p.textContent).join(' | ')"));
    }
}
