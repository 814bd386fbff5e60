package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clearancemap.auth.Role;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.DemoPageTest;
import org.clearancemap.testing.Gdal;
import org.clearancemap.testing.HazardFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The operators' upload loop in headless Chromium against the demo dataset: the token decides the
 * State Parties offered, a dry run shows the features where they would be stored, a refusal shows
 * its problems beside the State Party's outline with the warnings found, and the report after an
 * upload is text only.
 */
class UploadLoopBrowserTest extends DemoPageTest {

    private static String body(String key) {
        return site.body(key);
    }

    private static WebElement byTestId(String testid) {
        return site.byTestId(testid);
    }

    private static void enterToken(Role role, String... stateParties) {
        browser.get(site.server.url("/"));
        wait.until(d -> body("stateParties").equals("10"));
        String secret = tokens.issue("upload loop " + role.wireName(), role, stateParties);
        byTestId("token-input").sendKeys(secret, Keys.ENTER);
        wait.until(d -> body("token").equals(role.wireName()));
    }

    private static void dryRun(Path file) {
        byTestId("upload-file").sendKeys(file.toString());
        byTestId("upload-check").click();
        wait.until(d -> !body("upload").isEmpty());
    }

    /** The State Parties offered for an upload, by code. */
    private static String options() {
        return String.valueOf(browser.executeScript(
                "return [...document.querySelectorAll('[data-testid=upload-state] option')].map((o) => o.value).join(',')"));
    }

    /** The map's view after the dry run, as west, south, east, north. */
    private static double[] view() {
        String[] parts = body("dryRunView").split(",");
        assertEquals(4, parts.length, "the map moved to the dry run: " + body("dryRunView"));
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
    }

    @Test
    void theTokenDecidesWhichStatePartiesAreOffered() {
        enterToken(Role.OPERATOR, "LAO");
        assertEquals("LAO", options(), "an operator for Lao PDR is offered Lao PDR only");
        assertEquals("LAO", byTestId("upload-state").getDomProperty("value"));

        browser.executeScript("sessionStorage.clear()");
        enterToken(Role.COORDINATOR);
        wait.until(d -> options().split(",").length == 10);

        browser.executeScript("sessionStorage.clear()");
        enterToken(Role.ANALYST);
        assertFalse(byTestId("upload-check").isDisplayed(), "an analyst's token reads only: no upload form");
        assertTrue(byTestId("token-status").getText().contains("reads only"), byTestId("token-status").getText());
    }

    @Test
    void aDryRunDrawsTheFeaturesWhereTheyWouldBeStoredAndZoomsToThem(@TempDir Path dir) throws Exception {
        enterToken(Role.OPERATOR, "LAO");
        String geojson = HazardFiles.collection(List.of(
                HazardFiles.hazard("PREVIEW-1", "2021-03-04", HazardFiles.square(102.60, 17.90, 0.01)),
                HazardFiles.hazard("PREVIEW-2", "2021-03-04", HazardFiles.square(102.65, 17.95, 0.01))));
        Path zip = dir.resolve("utm-48n.zip");
        Files.write(zip, Gdal.zippedShapefile(geojson, "EPSG:32648", dir));
        dryRun(zip);
        wait.until(d -> body("upload").equals("checked"));
        assertEquals("2", body("previewFeatures"));
        assertTrue(byTestId("upload-preview-note").getText().contains("2 features as they would be stored"),
                byTestId("upload-preview-note").getText());
        double[] v = view();
        assertTrue(v[0] <= 102.60 && v[1] <= 17.90 && v[2] >= 102.66 && v[3] >= 17.96, "the features are in view: " + body("dryRunView"));
        assertTrue(v[2] - v[0] < 1, "zoomed to the features, not the world: " + body("dryRunView"));
        Browser.screenshot(browser, "upload-preview-1280");

        // choosing another file takes the preview away
        byTestId("upload-file").sendKeys(dir.resolve("in.geojson").toString());
        wait.until(d -> body("previewFeatures").equals("0"));
    }

    @Test
    void aRefusalShowsItsProblemsBesideTheOutlineWithTheWarnings(@TempDir Path dir) throws Exception {
        enterToken(Role.OPERATOR, "LAO");
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[105.5,15.5],[105.52,15.52],[105.52,15.5],[105.5,15.52],[105.5,15.5]]]}";
        // PF-SWAP has latitude and longitude swapped: a latitude of 105.8
        Path file = dir.resolve("refused.geojson");
        Files.writeString(file, HazardFiles.collection(List.of(
                HazardFiles.hazard("PF-OK", "2021-03-04", HazardFiles.square(105.8, 15.3, 0.01)),
                HazardFiles.hazard("PF-FIX", "2021-03-04", bowtie),
                HazardFiles.hazard("PF-SWAP", "2021-03-04", HazardFiles.square(15.3, 105.8, 0.01)))));
        dryRun(file);
        wait.until(d -> body("upload").equals("rejected"));
        List<String> listed = browser.findElements(By.cssSelector("[data-testid=upload-problem]")).stream()
                .map(WebElement::getText).toList();
        assertTrue(listed.stream().anyMatch(t -> t.contains("PF-SWAP")), "the error is listed: " + listed);
        assertTrue(listed.stream().anyMatch(t -> t.contains("PF-FIX") && t.contains("repair")),
                "the repair is listed as a warning beside the error: " + listed);
        assertFalse(byTestId("upload-confirm").isEnabled());
        double[] v = view();
        // Lao PDR's outline (about 100.1..107.7 E, 13.9..22.5 N) is in view with the problem
        assertTrue(v[0] <= 100.2 && v[2] >= 107.6 && v[1] <= 14 && v[3] >= 22.4, "beside the outline: " + body("dryRunView"));
        assertEquals("2", body("previewFeatures"), "what could be stored is drawn too");
        Browser.screenshot(browser, "upload-refused-1280");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
        browser.executeScript("document.querySelector('[data-testid=upload-panel]').scrollIntoView()");
        Browser.screenshot(browser, "upload-refused-820");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
    }

    @Test
    void theReportAfterAnUploadIsTextWithoutNulls(@TempDir Path dir) throws Exception {
        enterToken(Role.OPERATOR, "LAO");
        Path file = dir.resolve("good.geojson");
        Files.writeString(file, HazardFiles.laoFile("NONULL", 2, 3));
        dryRun(file);
        wait.until(d -> body("upload").equals("checked"));
        assertFalse(byTestId("upload-report").getText().contains("null"), byTestId("upload-report").getText());
        byTestId("upload-confirm").click();
        wait.until(d -> body("upload").equals("uploaded"));
        String report = byTestId("upload-report").getText();
        assertTrue(report.contains("Uploaded (upload "), report);
        assertFalse(report.contains("null"), report);
    }

    @Test
    void aRefusalOfFeaturesAloneOffersToStoreTheValidOnesAndAFileStoredBeforeIsSaidToBe(@TempDir Path dir) throws Exception {
        enterToken(Role.OPERATOR, "LAO");
        String empty = "{\"type\":\"MultiPolygon\",\"coordinates\":[]}";
        Path file = dir.resolve("three-of-four.geojson");
        Files.writeString(file, HazardFiles.collection(List.of(
                HazardFiles.hazard("SKIP-1", "2021-03-04", HazardFiles.square(105.70, 15.30, 0.01)),
                HazardFiles.hazard("SKIP-2", "2021-03-04", empty),
                HazardFiles.hazard("SKIP-3", "2021-03-04", HazardFiles.square(105.75, 15.35, 0.01)),
                HazardFiles.hazard("SKIP-4", "2021-03-04", HazardFiles.square(105.80, 15.40, 0.01)))));
        dryRun(file);
        wait.until(d -> body("upload").equals("rejected"));
        assertFalse(byTestId("upload-confirm").isEnabled());
        WebElement skip = byTestId("upload-skip");
        assertEquals("Check the 3 valid features alone", skip.getText());
        skip.click();
        wait.until(d -> body("upload").equals("checked"));
        assertTrue(byTestId("upload-skipped").getText().startsWith("1 feature left out"), byTestId("upload-skipped").getText());
        String listed = byTestId("upload-problems").getText();
        assertTrue(listed.contains("SKIP-2"), listed);
        assertEquals("3", body("previewFeatures"), "only what would be stored is previewed");
        byTestId("upload-confirm").click();
        wait.until(d -> body("upload").equals("uploaded"));
        assertTrue(byTestId("upload-outcome").getText().contains("3 new"), byTestId("upload-outcome").getText());
        assertEquals(3, site.server.json("/api/hazards?state_party=LAO").findValuesAsText("external_id").stream()
                .filter(id -> id.startsWith("SKIP-")).count());
        Browser.screenshot(browser, "upload-skipped-1280");

        // the same file again: already stored, nothing to confirm
        browser.executeScript("document.body.dataset.upload = ''");
        dryRun(file);
        wait.until(d -> body("upload").equals("already"));
        String said = byTestId("upload-outcome").getText();
        assertTrue(said.startsWith("This file is already uploaded: upload "), said);
        assertTrue(said.contains("nothing to confirm"), said);
        assertFalse(said.matches("(?s).*\\d+ new.*"), "never N new: " + said);
        assertFalse(byTestId("upload-confirm").isEnabled());
        Browser.screenshot(browser, "upload-already-1280");
    }
}
