package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.DemoData;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The deadline dashboard and the State Party panel's treaty tables at a laptop (1280×800) and a
 * tablet (820×1180) width, in headless Chromium against the demo dataset on a fixed date: every
 * column of the dashboard can be scrolled to and read, a passed deadline says so with the time
 * since and a pending extension request, and a reported figure far from the mapped one is flagged.
 */
class DashboardBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock DAY = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    /**
     * Scrolls arguments[0] into view as the user can (boxes that clip without scrolling must stay
     * unscrolled) and answers "ok" when it then lies inside the window, is not covered, and shows
     * its whole text; else what is wrong.
     */
    private static final String REACHABLE = """
            const el = arguments[0];
            el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
            for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
              const cs = getComputedStyle(a);
              if ((!/auto|scroll/.test(cs.overflowX) && a.scrollLeft !== 0)
                  || (!/auto|scroll/.test(cs.overflowY) && a.scrollTop !== 0)) {
                return 'inside a box the user cannot scroll: ' + (a.id || a.className || a.tagName);
              }
            }
            const r = el.getBoundingClientRect();
            if (r.width < 1 || r.height < 1) return 'not shown';
            if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) {
              return 'outside the window: ' + JSON.stringify(r);
            }
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            if (!el.contains(hit)) return 'covered by ' + (hit ? (hit.id || hit.className || hit.tagName) : 'nothing');
            if (el.scrollWidth > el.clientWidth + 1) return 'text cut: ' + el.scrollWidth + ' > ' + el.clientWidth;
            return 'ok';
            """;
    /** Whether arguments[0] lies inside the window, uncovered, without scrolling anything. */
    private static final String IN_SIGHT = """
            const r = arguments[0].getBoundingClientRect();
            if (r.width < 1 || r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) {
              return false;
            }
            return arguments[0].contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
            """;
    private static TestDatabase db;
    private static TestServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void start() {
        db = DemoData.load(DashboardBrowserTest.class);
        server = TestServer.start(db, DAY);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void startBrowser(int width, int height) throws Exception {
        browser = Browser.start(width, height);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
    }

    private String body(String key) {
        return String.valueOf(browser.executeScript("return document.body.dataset[arguments[0]] || ''", key));
    }

    private static JsonNode api(String path) throws Exception {
        var response = server.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private void openDashboard() {
        browser.get(server.url("/"));
        wait.until(d -> body("stateParties").equals("10"));
        browser.findElement(By.cssSelector("[data-testid=view-dashboard]")).click();
        wait.until(d -> body("dashboard").equals("10"));
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1280, 800", "820, 1180"})
    void everyColumnOfTheDashboardCanBeScrolledToAndRead(int width, int height) throws Exception {
        startBrowser(width, height);
        openDashboard();
        Browser.screenshot(browser, "dashboard-" + width);
        List<WebElement> headers = browser.findElements(By.cssSelector("[data-testid=deadline-table] thead th"));
        assertTrue(headers.size() >= 11, "every column has a header: " + headers.size());
        List<String> problems = new ArrayList<>();
        // the box that scrolls the table sideways shows its scroll bar in the window
        Object scrollerBottom = browser.executeScript("""
                let a = arguments[0];
                while (a && !/auto|scroll/.test(getComputedStyle(a).overflowX)) a = a.parentElement;
                return a ? a.getBoundingClientRect().bottom - innerHeight : 'no box scrolls the table sideways';
                """, browser.findElement(By.cssSelector("[data-testid=deadline-table]")));
        if (!(scrollerBottom instanceof Number n) || n.doubleValue() > 0.5) {
            problems.add("the sideways scroll bar is out of the window: " + scrollerBottom);
        }
        WebElement nameHeader = headers.get(0);
        WebElement chadName = browser.findElement(By.cssSelector("[data-testid=deadline-row-TCD] > :first-child"));
        // left to right, as a reader scrolls; each value is read beside its State Party's name
        for (WebElement th : headers) {
            Object answer = browser.executeScript(REACHABLE, th);
            if (!"ok".equals(answer)) {
                problems.add(th.getText() + ": " + answer);
            } else if (!Boolean.TRUE.equals(browser.executeScript(IN_SIGHT, nameHeader))) {
                problems.add(th.getText() + ": the State Party column is out of sight beside it");
            }
        }
        for (WebElement td : browser.findElements(By.cssSelector("[data-testid=deadline-row-TCD] > *"))) {
            Object answer = browser.executeScript(REACHABLE, td);
            if (!"ok".equals(answer)) {
                problems.add("Chad's cell " + td.getText() + ": " + answer);
            } else if (!Boolean.TRUE.equals(browser.executeScript(IN_SIGHT, chadName))) {
                problems.add("Chad's cell " + td.getText() + ": Chad's name is out of sight beside it");
            }
        }
        Browser.screenshot(browser, "dashboard-" + width + "-scrolled");
        assertEquals(List.of(), problems);
    }

    @Test
    void aPassedDeadlineSaysSoWithTheTimeSinceAndAPendingRequest() throws Exception {
        startBrowser(1280, 800);
        openDashboard();
        JsonNode tcd = null;
        JsonNode afg = null;
        for (JsonNode row : api("/api/deadlines")) {
            if (row.get("iso3").asText().equals("TCD")) {
                tcd = row;
            } else if (row.get("iso3").asText().equals("AFG")) {
                afg = row;
            }
        }
        assertEquals("deadline-passed", tcd.get("status").asText());
        WebElement chad = browser.findElement(By.cssSelector("[data-testid=deadline-row-TCD]"));
        String shown = chad.getText();
        assertEquals("deadline-passed", chad.findElement(By.cssSelector(".status-badge")).getDomAttribute("data-status"));
        assertTrue(shown.contains("Deadline passed"), shown);
        assertTrue(shown.contains(tcd.get("deadlinePassedYears").asText() + " years ago"), shown);
        assertFalse(shown.contains("off track"), shown);
        assertFalse(shown.contains("years left"), shown);
        assertFalse(shown.contains("-" + tcd.get("deadlinePassedYears").asText())
                || shown.contains("−" + tcd.get("deadlinePassedYears").asText()), shown);
        assertEquals("no extension request pending",
                chad.findElement(By.cssSelector("[data-testid=pending-note]")).getText(), "Chad has no request pending");
        assertTrue(afg.get("extensionRequestPending").asBoolean());
        WebElement afghanistan = browser.findElement(By.cssSelector("[data-testid=deadline-row-AFG]"));
        assertTrue(afghanistan.getText().contains("Deadline passed"), afghanistan.getText());
        assertEquals("extension request pending", afghanistan.findElement(By.cssSelector("[data-testid=pending-note]")).getText());
        String legend = browser.findElement(By.cssSelector("[data-testid=dashboard-legend]")).getText();
        for (String status : List.of("Deadline passed", "On track", "At risk", "Off track", "Completed", "No data")) {
            assertTrue(legend.contains(status), legend);
        }

        // the State Party's panel says the same in place of the years left
        chad.findElement(By.cssSelector("button")).click();
        wait.until(d -> body("party").equals("TCD")
                && !d.findElements(By.cssSelector("[data-testid=fig-deadline-passed]")).isEmpty());
        String panel = browser.findElement(By.cssSelector("[data-testid=fig-deadline-passed]")).getText();
        assertEquals(tcd.get("deadlinePassedYears").asText() + " years ago (" + tcd.get("deadlinePassedDays").asText()
                + " days); no extension request pending", panel);
        assertTrue(browser.findElements(By.cssSelector("[data-testid=fig-years-left]")).isEmpty());
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1280, 800", "820, 1180"})
    void thePanelsTreatyTablesAreReadableAndAFarReportedFigureIsFlagged(int width, int height) throws Exception {
        startBrowser(width, height);
        browser.get(server.url("/#LAO"));
        wait.until(d -> body("party").equals("LAO")
                && !d.findElements(By.cssSelector("[data-testid=reported]")).isEmpty());
        JsonNode lao = api("/api/state-parties/LAO");
        int far = 0;
        for (JsonNode f : lao.get("reportedFigures")) {
            JsonNode ratio = f.get("reportedToMappedRatio");
            if (!ratio.isNull() && (ratio.asDouble() > 10 || ratio.asDouble() < 0.1)) {
                far++;
            }
        }
        assertTrue(far >= 1, "the reference data report far more than is mapped: " + lao.get("reportedFigures"));
        List<WebElement> flags = browser.findElements(By.cssSelector("[data-testid=reported] [data-testid=ratio-flag]"));
        assertEquals(far, flags.size());
        String flagged = flags.get(0).getText();
        assertTrue(flagged.matches(".*\\d+(\\.\\d+)? times the mapped.*"), flagged);
        assertTrue(browser.findElement(By.cssSelector("[data-testid=ratio-threshold]")).getText().contains("10 times"));

        List<String> problems = new ArrayList<>();
        for (String table : List.of("extensions", "reported")) {
            for (WebElement cell : browser.findElements(By.cssSelector("[data-testid=" + table + "] :is(th, td)"))) {
                Object answer = browser.executeScript(REACHABLE + "", cell);
                if ("ok".equals(answer) && cell.getDomAttribute("class") != null
                        && cell.getDomAttribute("class").contains("source")) {
                    Number w = (Number) browser.executeScript("return arguments[0].getBoundingClientRect().width", cell);
                    answer = w.doubleValue() >= 200 ? "ok" : "a source squeezed into " + w + " px";
                }
                if (!"ok".equals(answer) && cell.isDisplayed()) {
                    problems.add(table + " " + cell.getText() + ": " + answer);
                }
            }
            WebElement container = browser.findElement(By.cssSelector("[data-testid=" + table + "]")).findElement(By.xpath(".."));
            Object overflow = browser.executeScript("return arguments[0].scrollWidth - arguments[0].clientWidth", container);
            if (((Number) overflow).intValue() > 1) {
                problems.add(table + " is wider than its place by " + overflow + " px");
            }
        }
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.cssSelector("[data-testid=reported]")));
        Browser.screenshot(browser, "panel-reported-" + width);
        assertEquals(List.of(), problems);
    }

    @Test
    void theKeyboardStaysInTheDashboardWhileItCoversThePage() throws Exception {
        startBrowser(1280, 800);
        openDashboard();
        List<String> outside = new ArrayList<>();
        int inside = 0;
        for (int i = 0; i < 60; i++) {
            browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
            Object where = browser.executeScript("""
                    const el = document.activeElement;
                    if (!el || el === document.body) return 'body';
                    return document.getElementById('dashboard').contains(el) ? 'inside'
                        : (el.id || el.dataset.testid || el.className || el.tagName);
                    """);
            if ("inside".equals(where)) {
                inside++;
            } else if (!"body".equals(where)) {
                outside.add(String.valueOf(where));
            }
        }
        assertTrue(inside > 10, "Tab goes through the dashboard's controls: " + inside);
        assertEquals(List.of(), outside, "controls under the dashboard reached by Tab");

        browser.findElement(By.cssSelector("[data-testid=dashboard-close]")).click();
        wait.until(d -> !d.findElement(By.cssSelector("[data-testid=dashboard]")).isDisplayed());
        browser.findElement(By.cssSelector("[data-testid=as-of]")).click();
        assertEquals("as-of", browser.switchTo().activeElement().getDomAttribute("data-testid"),
                "the page is in reach again once the dashboard is closed");
    }

    @Test
    void theDashboardShowsAreasInTheUnitChosen() throws Exception {
        startBrowser(1280, 800);
        browser.get(server.url("/"));
        wait.until(d -> body("stateParties").equals("10"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("[data-testid=area-unit]")))
                .selectByValue("km2");
        browser.findElement(By.cssSelector("[data-testid=view-dashboard]")).click();
        wait.until(d -> body("dashboard").equals("10"));
        String headers = browser.findElement(By.cssSelector("[data-testid=deadline-table] thead")).getText();
        assertTrue(headers.contains("Remaining (km²)"), headers);
        assertTrue(headers.contains("Annual rate (km² a year)"), headers);
        JsonNode lao = null;
        for (JsonNode row : api("/api/deadlines")) {
            if (row.get("iso3").asText().equals("LAO")) {
                lao = row;
            }
        }
        String expected = new java.text.DecimalFormat("#,##0.###", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ENGLISH))
                .format(lao.get("remainingSqm").asDouble() / 1_000_000);
        String row = browser.findElement(By.cssSelector("[data-testid=deadline-row-LAO]")).getText();
        assertTrue(row.contains(expected), expected + " in " + row);

        // switched back to m², the dashboard follows
        browser.findElement(By.cssSelector("[data-testid=dashboard-close]")).click();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("[data-testid=area-unit]")))
                .selectByValue("m2");
        browser.findElement(By.cssSelector("[data-testid=view-dashboard]")).click();
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=deadline-table] thead")).getText().contains("Remaining (m²)"));
    }
}
