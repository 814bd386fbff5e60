package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.DemoSite;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The map page in a real headless Chromium against the server with the demo dataset. */
class MapPageBrowserTest {
    private static DemoSite site;
    private static TestDatabase db;
    private static TestServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        site = DemoSite.start(MapPageBrowserTest.class, 1280, 800);
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

    /** A fresh page load (a hash change alone would not reload the page). */
    private static void open(String path) {
        browser.get("about:blank");
        browser.get(server.url(path));
    }

    private static String bodyData(String key) {
        Object v = browser.executeScript("return document.body.dataset[arguments[0]] || ''", key);
        return String.valueOf(v);
    }

    private static int drawn(String key) {
        String v = bodyData(key);
        return v.isEmpty() ? -1 : Integer.parseInt(v);
    }

    @Test
    void choosingAStatePartyDrawsItsHazardsAndReleasesWithALegendAndTheSyntheticLabel() throws Exception {
        open("/");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=state-LAO]")).size() == 1);

        List<WebElement> states = browser.findElements(By.cssSelector("[data-testid=state-list] [data-testid^=state-]"));
        assertEquals(10, states.size(), "one entry per State Party");

        browser.findElement(By.cssSelector("[data-testid=state-LAO]")).click();
        wait.until(d -> drawn("hazardsDrawn") > 0 && drawn("releasesDrawn") > 0);
        Browser.screenshot(browser, "map-lao");

        String status = browser.findElement(By.cssSelector("[data-testid=status]")).getText();
        assertTrue(status.contains("hazardous areas"), status);
        assertTrue(browser.findElement(By.cssSelector("[data-testid=synthetic-banner]")).isDisplayed());
        String legend = browser.findElement(By.cssSelector("[data-testid=legend]")).getText();
        for (String entry : List.of("CHA", "SHA", "Cancelled", "Reduced", "Cleared")) {
            assertTrue(legend.contains(entry), legend);
        }
    }

    @Test
    void theNumberOfHazardsDrawnForAStateEqualsWhatTheApiReturnsForIt() throws Exception {
        open("/#DEU");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> drawn("hazardsDrawn") > 0);
        int apiCount = new ObjectMapper()
                .readTree(server.get("/api/hazards?state_party=DEU").body()).get("numberReturned").asInt();
        assertEquals(apiCount, drawn("hazardsDrawn"));
        Browser.screenshot(browser, "map-deu");
    }

    @Test
    void anErrorFromTheServerIsShownNotASilentBlankMap() throws Exception {
        open("/#LAO");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> drawn("hazardsDrawn") > 0);
        // an impossible date makes the layer requests fail with a 400 problem
        browser.executeScript("""
                const input = document.querySelector('[data-testid=as-of]');
                input.value = '1850-01-01';
                input.dispatchEvent(new Event('change', {bubbles: true}));
                """);
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=status]")).getText().contains("asOf"));
        Browser.screenshot(browser, "map-error");
    }
}
