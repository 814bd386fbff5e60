package org.clearancemap.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A browser test of the map page on the demo site ({@link DemoSite}), one site per test class, in a
 * window of 1280×800. Each test starts with no token kept in the tab and the window at that size.
 */
public abstract class DemoPageTest {
    protected static final Dimension WINDOW = new Dimension(1280, 800);
    protected static DemoSite site;
    protected static ChromeDriver browser;
    protected static WebDriverWait wait;
    protected static Tokens tokens;

    @BeforeAll
    static void startDemoSite(TestInfo info) throws Exception {
        site = DemoSite.start(info.getTestClass().orElseThrow(), WINDOW.width, WINDOW.height);
        browser = site.browser;
        wait = site.wait;
        tokens = new Tokens(site.db);
    }

    @AfterAll
    static void closeDemoSite() {
        if (site != null) {
            site.close();
            site = null;
        }
    }

    @AfterEach
    void forgetTokenAndWindowSize() {
        browser.executeScript("sessionStorage.clear()");
        browser.manage().window().setSize(WINDOW);
    }
}
