package org.clearancemap.testing;

import java.time.Duration;
import org.clearancemap.demo.DemoLoader;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a browser test of the map page runs against: its own database holding the demo dataset,
 * the server over it on a free port, and a headless Chromium of the given window size, with a
 * wait of 30 seconds that looks again at elements the page replaced meanwhile.
 */
public final class DemoSite implements AutoCloseable {
    public final TestDatabase db;
    public final TestServer server;
    public final ChromeDriver browser;
    public final WebDriverWait wait;

    private DemoSite(TestDatabase db, TestServer server, ChromeDriver browser) {
        this.db = db;
        this.server = server;
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
    }

    /** What the page notes of its state in {@code document.body.dataset[key]}; empty when nothing. */
    public String body(String key) {
        return String.valueOf(browser.executeScript("return document.body.dataset[arguments[0]] || ''", key));
    }

    /** The element of the page with this {@code data-testid}. */
    public WebElement byTestId(String testid) {
        return browser.findElement(By.cssSelector("[data-testid=" + testid + "]"));
    }

    /** Sets a field's value as its own picker would leave it (a date field's parts depend on the locale). */
    public void setValue(String testid, String value) {
        browser.executeScript("""
                const input = arguments[0];
                input.value = arguments[1];
                input.dispatchEvent(new Event('input', {bubbles: true}));
                input.dispatchEvent(new Event('change', {bubbles: true}));
                """, byTestId(testid), value);
    }

    /** The test id of the element that has the focus; empty when it has none. */
    public String focused() {
        return String.valueOf(browser.executeScript("return document.activeElement?.dataset?.testid || ''"));
    }

    public static DemoSite start(Class<?> testClass, int width, int height) throws Exception {
        return start(testClass, width, height, java.util.Map.of());
    }

    /** The same, with these settings (e.g. {@code MAX_FEATURES_PER_PAGE}) over the test defaults. */
    public static DemoSite start(Class<?> testClass, int width, int height, java.util.Map<String, String> settings)
            throws Exception {
        TestDatabase db = TestDatabase.create(testClass);
        new DemoLoader(db.database().dataSource()).load();
        TestServer server = settings.isEmpty() ? TestServer.start(db) : TestServer.start(db, settings, routes -> { });
        try {
            return new DemoSite(db, server, Browser.start(width, height));
        } catch (Exception | Error e) {
            server.close();
            db.close();
            throw e;
        }
    }

    @Override
    public void close() {
        browser.quit();
        server.close();
        db.close();
    }
}
