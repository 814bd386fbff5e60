package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.DemoSite;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "Open in QGIS / GDAL": the page gives the OGC API address, the vector-tile URL template and a
 * GDAL command for the server it was loaded from; each works as given (the command is run with the
 * real ogr2ogr) and its button copies it.
 */
class GisClientsBrowserTest {
    private static final Pattern FEATURE_COUNT = Pattern.compile("Feature Count: (\\d+)");
    private static DemoSite site;
    private static TestDatabase db;
    private static TestServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        site = DemoSite.start(GisClientsBrowserTest.class, 1280, 800);
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

    private static String field(String id) {
        return browser.findElement(By.id(id)).getAttribute("value");
    }

    private static String origin() {
        String url = server.url("/");
        return url.substring(0, url.length() - 1);
    }

    private void openPanel() {
        browser.get("about:blank");
        browser.get(server.url("/"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !field("gis-ogc").isEmpty());
        browser.findElement(By.cssSelector("[data-testid=gis-panel] summary")).click();
    }

    @Test
    void theOgcAddressAndTheTileTemplateAreThisServersAndAnswer() throws Exception {
        openPanel();
        browser.executeScript("document.querySelector('[data-testid=gis-panel]').scrollIntoView({block: 'end'})");
        Browser.screenshot(browser, "gis-panel");
        assertEquals(origin() + "/ogc", field("gis-ogc"));
        assertEquals(origin() + "/tiles/hazards/{z}/{x}/{y}.mvt", field("gis-tiles"));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> landing = http.send(HttpRequest.newBuilder(URI.create(field("gis-ogc")))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, landing.statusCode());
        assertTrue(landing.body().contains("\"links\""), landing.body());
        // the z14 tile over a point of a current hazard
        double lon;
        double lat;
        try (Statement st = db.database().dataSource().getConnection().createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom4326) AS p
                       FROM land.current_hazard ORDER BY id LIMIT 1) h""")) {
            rs.next();
            lon = rs.getDouble(1);
            lat = rs.getDouble(2);
        }
        int z = 14;
        long x = (long) Math.floor((lon + 180) / 360 * (1 << z));
        double rad = Math.toRadians(lat);
        long y = (long) Math.floor((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * (1 << z));
        String tile = field("gis-tiles").replace("{z}", String.valueOf(z)).replace("{x}", String.valueOf(x))
                .replace("{y}", String.valueOf(y));
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(tile)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode(), tile + " holds a hazard");
        assertTrue(answer.body().length > 0);
    }

    @Test
    void theGdalCommandAsGivenWritesEveryCurrentHazardIntoAGeoPackage() throws Exception {
        openPanel();
        String command = field("gis-gdal");
        assertTrue(command.startsWith("ogr2ogr -f GPKG hazards.gpkg \"OAPIF:" + origin() + "/ogc\""), command);
        assertTrue(command.endsWith(" -oo PAGE_SIZE=1000"), "pages of 1,000, not GDAL 3.6's 10: " + command);
        Path dir = Files.createTempDirectory("gis-gdal");
        Process run = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes());
        assertTrue(run.waitFor(120, TimeUnit.SECONDS) && run.exitValue() == 0, out);
        Process info = new ProcessBuilder("ogrinfo", "-so", dir.resolve("hazards.gpkg").toString(), "hazards")
                .redirectErrorStream(true).start();
        String summary = new String(info.getInputStream().readAllBytes());
        info.waitFor(60, TimeUnit.SECONDS);
        Matcher count = FEATURE_COUNT.matcher(summary);
        assertTrue(count.find(), summary);
        try (Statement st = db.database().dataSource().getConnection().createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM land.current_hazard")) {
            rs.next();
            assertEquals(rs.getLong(1), Long.parseLong(count.group(1)));
        }
    }

    @Test
    void eachCopyButtonPutsItsAddressOnTheClipboard() throws Exception {
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        openPanel();
        var copied = new ArrayList<String>();
        for (String id : List.of("gis-ogc", "gis-tiles", "gis-gdal")) {
            browser.findElement(By.cssSelector("[data-testid=" + id + "-copy]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> String.valueOf(browser.executeScript(
                    "return document.getElementById('gis-status').textContent")).startsWith("Copied"));
            copied.add(String.valueOf(browser.executeAsyncScript(
                    "navigator.clipboard.readText().then(arguments[0], (e) => arguments[0]('error: ' + e))")));
            browser.executeScript("document.getElementById('gis-status').textContent = ''");
        }
        assertEquals(List.of(field("gis-ogc"), field("gis-tiles"), field("gis-gdal")), copied);
    }
}
