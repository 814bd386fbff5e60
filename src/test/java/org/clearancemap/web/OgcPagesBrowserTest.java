package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.DemoSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The OGC API – Features pages as a person reads them in a browser: from the landing page by its
 * links to a collection, its features, the next page and one feature, each map drawn by Leaflet,
 * under the server's Content-Security-Policy without a violation.
 */
class OgcPagesBrowserTest {
    private static final String COLLECT_VIOLATIONS = """
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', (e) => {
              window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || ''));
            });
            """;
    private static DemoSite site;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        site = DemoSite.start(OgcPagesBrowserTest.class, 1280, 800);
        browser = site.browser;
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COLLECT_VIOLATIONS));
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> violations() {
        return (List<String>) browser.executeScript("return window.__cspViolations || ['collector missing']");
    }

    private static WebElement css(String selector) {
        return browser.findElement(By.cssSelector(selector));
    }

    private static String h1() {
        return css("h1").getText();
    }

    /** Waits for the page's small map to be drawn; returns how many Leaflet paths it holds. */
    private static int mapDrawn() {
        site.wait.until(d -> {
            String state = css("#ogc-map").getAttribute("data-state");
            if ("failed".equals(state)) {
                throw new AssertionError("the map failed: " + css(".map-problem").getText());
            }
            return "ready".equals(state);
        });
        return browser.findElements(By.cssSelector("#ogc-map .leaflet-overlay-pane path")).size();
    }

    /** The page at both window sizes, kept as test artifacts. */
    private static void screenshots(String name) throws Exception {
        Browser.screenshot(browser, "ogc-" + name + "-1280x800");
        browser.manage().window().setSize(new Dimension(820, 1180));
        Browser.screenshot(browser, "ogc-" + name + "-820x1180");
        browser.manage().window().setSize(new Dimension(1280, 800));
    }

    @Test
    void aPersonFollowsTheLinksFromTheLandingPageToACollectionItsFeaturesTheNextPageAndOneFeature() throws Exception {
        JsonNode firstPage = site.server.json("/ogc/collections/hazards/items");
        long matched = firstPage.get("numberMatched").asLong();
        int perPage = firstPage.get("numberReturned").asInt();
        assertTrue(matched > perPage, "the demo hazards fill more than one page");

        browser.get(site.server.url("/ogc"));
        assertEquals("Clearance Map", h1());
        assertEquals("Clearance Map – OGC API – Features", browser.getTitle());
        css("body").sendKeys(Keys.TAB);
        assertEquals("Skip to the content", browser.switchTo().activeElement().getText(), "the skip link comes first");
        screenshots("landing");
        browser.findElement(By.linkText("The feature collections")).click();

        site.wait.until(d -> h1().equals("Collections"));
        assertEquals(3, browser.findElements(By.cssSelector("section.collection h2 a")).size());
        browser.findElement(By.linkText("Hazardous areas")).click();

        site.wait.until(d -> h1().equals("Hazardous areas"));
        assertEquals(1, mapDrawn(), "the extent's rectangle");
        screenshots("collection");
        browser.findElement(By.linkText("Browse the features")).click();

        site.wait.until(d -> h1().equals("Hazardous areas: features"));
        assertEquals(perPage, mapDrawn(), "one path per feature of the page");
        assertEquals(String.valueOf(perPage), css("#ogc-map").getAttribute("data-drawn"));
        assertEquals(perPage, browser.findElements(By.cssSelector("table.features tbody tr")).size());
        assertTrue(browser.findElements(By.cssSelector("#ogc-map .leaflet-dots-pane path")).size() > 0,
                "features too small to see at the world's zoom are marked by dots");
        assertEquals("Features 1–" + perPage + " of " + matched + " matching.", css("[data-testid=ogc-count]").getText());
        assertTrue(browser.findElements(By.cssSelector("a[rel=prev]")).isEmpty());
        screenshots("items");
        css("a[rel=next]").click();

        site.wait.until(d -> css("[data-testid=ogc-count]").getText().startsWith("Features " + (perPage + 1) + "–"));
        int rest = (int) Math.min(perPage, matched - perPage);
        assertEquals(rest, mapDrawn());
        assertEquals(rest, browser.findElements(By.cssSelector("table.features tbody tr")).size());
        assertEquals(2, browser.findElements(By.cssSelector("a[rel=prev]")).size(), "above and below the table");
        WebElement first = css("table.features tbody tr th a");
        String id = first.getText();
        first.click();

        site.wait.until(d -> h1().equals("Hazardous areas: feature " + id));
        assertEquals(1, mapDrawn());
        JsonNode feature = site.server.json("/ogc/collections/hazards/items/" + id);
        String externalId = feature.at("/properties/external_id").asText();
        assertTrue(css("table.properties").getText().contains("external_id " + externalId), css("table.properties").getText());
        screenshots("item");
        css("[data-testid=ogc-json]").click();
        site.wait.until(d -> d.getPageSource().contains("{\"type\":\"Feature\",\"id\":" + id + ",")
                && d.getPageSource().contains(externalId));
        browser.navigate().back();
        site.wait.until(d -> h1().equals("Hazardous areas: feature " + id));
        assertEquals(List.of(), violations());
    }

    @Test
    void theRemainingLandOfEveryStatePartyIsDrawnWithItsFigures() throws Exception {
        browser.get(site.server.url("/ogc/collections/remaining/items"));
        int parties = site.server.json("/ogc/collections/remaining/items").get("numberReturned").asInt();
        assertEquals(parties, mapDrawn());
        assertTrue(css("table.features thead").getText().contains("remaining_sqm"));
        screenshots("remaining");
        assertEquals(List.of(), violations());
    }
}
