package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The map page under the server's Content-Security-Policy in headless Chromium: it draws its
 * layers and the browser reports no violation, while an injected inline script is blocked.
 */
class ContentSecurityPolicyBrowserTest {
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

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(ContentSecurityPolicyBrowserTest.class);
        new DemoLoader(db.database().dataSource()).load();
        server = TestServer.start(db);
        browser = Browser.start(1280, 800);
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COLLECT_VIOLATIONS));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        server.close();
        db.close();
    }

    @SuppressWarnings("unchecked")
    private static List<String> violations() {
        return (List<String>) browser.executeScript("return window.__cspViolations || ['collector missing']");
    }

    private static int drawn(String key) {
        String v = String.valueOf(browser.executeScript("return document.body.dataset[arguments[0]] || ''", key));
        return v.isEmpty() ? -1 : Integer.parseInt(v);
    }

    @Test
    void theMapPageDrawsItsLayersWithoutAnyPolicyViolation() throws Exception {
        browser.get("about:blank");
        browser.get(server.url("/#LAO"));
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> drawn("hazardsDrawn") > 0 && drawn("releasesDrawn") > 0);
        // pan and zoom so that Leaflet moves panes and redraws paths with inline styles
        browser.executeScript("document.querySelector('.leaflet-control-zoom-in')?.click()");
        Thread.sleep(500);
        Browser.screenshot(browser, "map-lao-under-csp");
        assertEquals(List.of(), violations());
    }

    @Test
    void anInjectedInlineScriptIsBlockedAndReported() throws Exception {
        browser.get("about:blank");
        browser.get(server.url("/"));
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> browser.executeScript("return document.readyState").equals("complete"));
        browser.executeScript("""
                const s = document.createElement('script');
                s.textContent = 'window.__inlineRan = true';
                document.head.appendChild(s);
                """);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !violations().isEmpty());
        assertEquals(Boolean.FALSE, browser.executeScript("return window.__inlineRan === true"));
        assertTrue(violations().get(0).startsWith("script-src"), violations().toString());
    }

    @Test
    void thePrintableReportIsStyledByItsStyleSheetWithoutAnyPolicyViolation() throws Exception {
        browser.get("about:blank");
        browser.get(server.url("/api/state-parties/LAO/reports/article7?year=2020&f=html"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "complete".equals(
                browser.executeScript("return document.readyState")));
        assertTrue(String.valueOf(browser.executeScript("return document.querySelector('h1').textContent"))
                .startsWith("Article 7 report"));
        // the rules of report.css apply: grey header cells, numbers to the right, 12 px text
        assertEquals("rgb(232, 232, 232)", browser.executeScript(
                "return getComputedStyle(document.querySelector('thead th')).backgroundColor"));
        assertEquals("rgb(255, 241, 194)", browser.executeScript(
                "return getComputedStyle(document.querySelector('.synthetic')).backgroundColor"), "the notice stands out");
        assertEquals("right", browser.executeScript(
                "return getComputedStyle(document.querySelector('td.n')).textAlign"));
        assertEquals("12px", browser.executeScript("return getComputedStyle(document.body).fontSize"));
        assertEquals("collapse", browser.executeScript(
                "return getComputedStyle(document.querySelector('table')).borderCollapse"));
        Browser.screenshot(browser, "report-article7-lao-2020");
        assertEquals(List.of(), violations());
    }
}
