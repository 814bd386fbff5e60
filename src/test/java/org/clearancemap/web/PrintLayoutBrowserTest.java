package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The map page printed (Chromium emulating print media): a header naming the State Party and the
 * date, the map with its legend, scale and synthetic-data label, the State Party's figures, and
 * none of the controls.
 */
class PrintLayoutBrowserTest {
    private static DemoSite site;
    private static TestDatabase db;
    private static TestServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        site = DemoSite.start(PrintLayoutBrowserTest.class, 1280, 800);
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

    private static boolean shown(String selector) {
        return Boolean.TRUE.equals(browser.executeScript("""
                const e = document.querySelector(arguments[0]);
                if (!e) return false;
                const r = e.getBoundingClientRect();
                return getComputedStyle(e).display !== 'none' && r.width > 0 && r.height > 0;
                """, selector));
    }

    private static String text(String selector) {
        return String.valueOf(browser.executeScript(
                "return document.querySelector(arguments[0])?.innerText ?? ''", selector));
    }

    private static void printMedia(boolean on) {
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", on ? "print" : ""));
    }

    @Test
    void aPrintedStatePartyShowsItsNameDateMapLegendScaleLabelAndFiguresAndNoControl() throws Exception {
        browser.get("about:blank");
        browser.get(server.url("/#LAO"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> shown("#party-panel")
                && text("#party-panel").contains("Remaining") && shown("#synthetic-banner"));
        assertTrue(!shown("#print-header"), "the print header is not on screen");
        try {
            printMedia(true);
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> shown("#print-header"));
            Browser.screenshot(browser, "print-lao");
            String header = text("#print-header");
            assertTrue(header.contains("Lao People's Democratic Republic (LAO)"), header);
            assertTrue(header.matches("(?s).*map and figures as of \\d{4}-\\d{2}-\\d{2}.*"), header);
            for (String kept : List.of("#map", ".legend", ".leaflet-control-scale", "#synthetic-banner",
                    "#party-panel")) {
                assertTrue(shown(kept), kept + " is printed");
            }
            assertTrue(text(".legend").contains("Confirmed hazardous area"), text(".legend"));
            assertTrue(text("#party-panel").contains("Footprint"), "the State Party's figures are printed");
            for (String control : List.of("#controls", "#state-list", "#find-form", "[data-testid=upload-panel]",
                    ".settings", ".leaflet-control-zoom", "#status", ".legend input[type=checkbox]",
                    ".party-panel button", ".views")) {
                assertTrue(!shown(control), control + " is not printed");
            }
            // the map takes the page's width, above the figures
            Number mapWidth = (Number) browser.executeScript("return document.querySelector('#map').getBoundingClientRect().width");
            Number mapBottom = (Number) browser.executeScript("return document.querySelector('#map').getBoundingClientRect().bottom");
            Number panelTop = (Number) browser.executeScript("return document.querySelector('#party-panel').getBoundingClientRect().top");
            assertTrue(mapWidth.doubleValue() > 1000, "map width " + mapWidth);
            assertTrue(panelTop.doubleValue() >= mapBottom.doubleValue(), "figures below the map");
        } finally {
            printMedia(false);
        }
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> shown("#controls") && !shown("#print-header"));
        assertEquals(Boolean.TRUE, browser.executeScript("return document.querySelector('.legend').open"),
                "the legend is as it was after printing");
    }

    @Test
    void aPrintedWorldViewSaysItShowsAllStatesParties() throws Exception {
        browser.get("about:blank");
        browser.get(server.url("/"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !text("#state-list").isEmpty());
        try {
            printMedia(true);
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> shown("#print-header"));
            assertTrue(text("#print-header").startsWith("All States Parties: map and figures as of "),
                    text("#print-header"));
            assertTrue(!shown("#state-list"), "the list is a control, not printed");
        } finally {
            printMedia(false);
        }
    }
}
