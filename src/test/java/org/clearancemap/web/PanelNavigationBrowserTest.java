package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.clearancemap.demo.DemoLoader;
import org.clearancemap.testing.Browser;
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
 * choices.
 */
class PanelNavigationBrowserTest {
    private static TestDatabase db;
    private static TestServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(PanelNavigationBrowserTest.class);
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

}
