package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.DemoSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A State Party with more polygons in view than a layer serves (the demo's Lao PDR on a server
 * serving 40 a layer, as a large dataset meets the default): the page draws what it is served,
 * says the limit was reached, and is done with that view; zooming in asks again.
 */
class PolygonLimitBrowserTest {
    private static DemoSite site;

    @BeforeAll
    static void start() throws Exception {
        site = DemoSite.start(PolygonLimitBrowserTest.class, 1280, 800, Map.of("MAX_FEATURES_PER_PAGE", "40"));
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    private static boolean settled() {
        return Boolean.TRUE.equals(site.browser.executeScript("return window.clearanceMap.settled()"));
    }

    @Test
    void aViewWithMoreThanALayerServesIsDoneWhenItsPolygonsAreDrawn() throws Exception {
        site.browser.get(site.server.url("/#LAO"));
        site.wait.until(d -> site.body("party").equals("LAO") && site.body("loading").equals("false")
                && !site.body("hazardsDrawn").isEmpty() && settled());
        String status = site.byTestId("status").getText();
        assertTrue(status.contains("limit reached"), status);
        assertTrue(Integer.parseInt(site.body("hazardsDrawn")) <= 40, site.body("hazardsDrawn"));
        Browser.screenshot(site.browser, "polygon-limit-1280");

        int draws = Integer.parseInt(site.body("draws"));
        site.byTestId("map").findElement(org.openqa.selenium.By.cssSelector(".leaflet-control-zoom-in")).click();
        site.wait.until(d -> Integer.parseInt(site.body("draws")) > draws && site.body("loading").equals("false") && settled());
    }
}
