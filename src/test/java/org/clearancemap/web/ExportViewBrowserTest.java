package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.DemoSite;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** "Export the view": the layers switched on, in the view, at the date shown, one file each. */
class ExportViewBrowserTest {
    private static DemoSite site;
    private static TestDatabase db;
    private static TestServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        site = DemoSite.start(ExportViewBrowserTest.class, 1280, 800);
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

    private static String body(String key) {
        return String.valueOf(browser.executeScript("return document.body.dataset[arguments[0]] || ''", key));
    }

    private static String status() {
        return browser.findElement(By.cssSelector("[data-testid=export-status]")).getText();
    }

    @Test
    void theControlExportsTheLayersSwitchedOnInTheViewAtTheDate(@TempDir Path dir) throws Exception {
        browser.get(server.url("/#LAO"));
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> !body("hazardsDrawn").isEmpty() && Integer.parseInt(body("hazardsDrawn")) > 0);
        browser.executeScript("""
                const input = document.querySelector('[data-testid=as-of]');
                input.value = '2024-06-30';
                input.dispatchEvent(new Event('change', {bubbles: true}));
                """);
        wait.until(d -> body("polygonsAsOf").equals("2024-06-30"));
        new Select(browser.findElement(By.cssSelector("[data-testid=export-format]"))).selectByValue("gpkg");
        browser.findElement(By.cssSelector("[data-testid=export-go]")).click();
        wait.until(d -> status().startsWith("Exported"));
        String[] urls = body("exportUrls").split(" ");
        assertEquals(1, urls.length, "both layers in one GeoPackage: " + body("exportUrls"));
        Pattern expected = Pattern.compile("\\./api/export\\?layer=(hazards|releases|hazards%2Creleases)&f=gpkg&state_party=LAO"
                + "&bbox=([-0-9.]+%2C[-0-9.]+%2C[-0-9.]+%2C[-0-9.]+)&asOf=2024-06-30");
        Matcher both = expected.matcher(urls[0]);
        assertTrue(both.matches() && both.group(1).equals("hazards%2Creleases"), urls[0]);
        browser.executeScript("document.getElementById('export-form').scrollIntoView({block: 'center'})");
        Browser.screenshot(browser, "export-view-1280");

        // the file of that address holds, table by table, what the map layers serve for the same view and date
        String bbox = both.group(2).replace("%2C", ",");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Path> file = http.send(HttpRequest.newBuilder(URI.create(server.url(urls[0].substring(1)))).build(),
                HttpResponse.BodyHandlers.ofFile(dir.resolve("view.gpkg")));
        assertEquals("attachment; filename=\"clearance-map_LAO_hazards-releases_2024-06-30.gpkg\"",
                file.headers().firstValue("Content-Disposition").orElse(""));
        for (String layer : List.of("hazards", "releases")) {
            int served = new ObjectMapper().readTree(server.get("/api/" + layer + "?state_party=LAO&bbox=" + bbox
                    + "&asOf=2024-06-30").body()).get("numberReturned").asInt();
            assertTrue(served > 0, layer);
            Process p = new ProcessBuilder("ogrinfo", "-ro", "-so", file.body().toString(), layer)
                    .redirectErrorStream(true).start();
            String info = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), info);
            assertTrue(info.contains("Feature Count: " + served + "\n"), served + " " + layer + " expected: " + info);
        }

        // a layer switched off in the legend is left out
        browser.findElement(By.cssSelector("[data-testid=layer-releases]")).click();
        browser.findElement(By.cssSelector("[data-testid=export-go]")).click();
        wait.until(d -> body("exportUrls").split(" ").length == 1 && status().startsWith("Exported one file"));
        assertTrue(body("exportUrls").startsWith("./api/export?layer=hazards&"), body("exportUrls"));
        assertTrue(Files.exists(file.body()));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
        browser.executeScript("document.getElementById('export-form').scrollIntoView({block: 'center'})");
        Browser.screenshot(browser, "export-view-820");
    }
}
