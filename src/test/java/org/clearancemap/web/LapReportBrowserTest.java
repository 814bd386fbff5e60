package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.clearancemap.auth.Role;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.DemoPageTest;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The Indicators view, in headless Chromium against the demo dataset: the progress report of a year
 * shows the counts and shares the server's JSON gives, follows the year chosen, and a coordinator
 * records a value through the page, sees the report and the value's history change, and sees a
 * field the server or the browser finds wrong marked at that field.
 */
class LapReportBrowserTest extends DemoPageTest {
    private static final String[] COLUMNS = {"met", "notMet", "unknown"};
    private static final int LAST_YEAR = LocalDate.now(ZoneOffset.UTC).getYear() - 1;

    private static String text(String testid) {
        return site.byTestId(testid).getText().trim();
    }

    private static JsonNode progress(int year) throws Exception {
        return site.server.json("/api/lap/progress?year=" + year);
    }

    /** A share as the page writes it: one decimal and a percent sign. */
    private static String share(JsonNode percentage) {
        return percentage.isNull() ? "— (none affected)" : String.format(Locale.ROOT, "%.1f%%", percentage.asDouble());
    }

    private static void openIndicators(String token) {
        browser.get(site.server.url("/"));
        wait.until(d -> site.body("stateParties").equals("10"));
        if (token != null) {
            site.byTestId("token-input").sendKeys(token, Keys.ENTER);
            wait.until(d -> site.body("token").equals("coordinator"));
        }
        site.byTestId("view-indicators").click();
        wait.until(d -> site.body("indicators").equals(String.valueOf(LAST_YEAR)));
    }

    /** Every count and share of the report shown, against the JSON of the same year. */
    private static List<String> differences(JsonNode report) {
        List<String> out = new ArrayList<>();
        check(out, "affected", String.valueOf(report.get("affectedCount").asInt()), text("lap-affected"));
        for (JsonNode indicator : report.get("indicators")) {
            String id = indicator.get("id").asText();
            JsonNode before = indicator.get("previousYear");
            for (String c : COLUMNS) {
                String at = "lap-" + id + "-" + c;
                check(out, at + "-count", String.valueOf(indicator.get(c + "Count").asInt()), text(at + "-count"));
                check(out, at + "-share", share(indicator.get(c + "Percentage")), text(at + "-share"));
                check(out, at + "-prev-count", String.valueOf(before.get(c + "Count").asInt()), text(at + "-prev-count"));
                check(out, at + "-prev-share", share(before.get(c + "Percentage")), text(at + "-prev-share"));
                List<String> codes = new ArrayList<>();
                indicator.get(c).forEach(n -> codes.add(n.asText()));
                String listed = browser.findElement(By.cssSelector("[data-testid=" + at + "-list]")).getDomProperty("textContent");
                for (String code : codes) {
                    if (!listed.contains("(" + code + ")")) {
                        out.add(at + "-list lacks " + code + ": " + listed);
                    }
                }
            }
            String label = browser.findElement(By.cssSelector("[data-testid=lap-" + id + "-bar-label-" + report.get("year").asInt()
                    + "]")).getDomProperty("textContent");
            check(out, id + " chart label", indicator.get("metPercentage").isNull() ? "none" : share(indicator.get("metPercentage")), label);
        }
        return out;
    }

    private static void check(List<String> out, String what, String expected, String shown) {
        if (!expected.equals(shown)) {
            out.add(what + ": expected " + expected + ", shown " + shown);
        }
    }

    @Test
    void theReportShowsTheJsonsCountsAndSharesAndFollowsTheYearChosen() throws Exception {
        openIndicators(null);
        JsonNode report = progress(LAST_YEAR);
        assertTrue(report.get("synthetic").asBoolean(), "the demo's registry is synthetic");
        assertEquals(report.get("notice").asText(), text("lap-notice"));
        assertTrue(text("lap-registry").contains(report.get("registrySource").asText()), text("lap-registry"));
        assertEquals(List.of(), differences(report));
        assertTrue(site.byTestId("lap-report-pdf").getDomAttribute("href").endsWith("/api/lap/progress?year=" + LAST_YEAR + "&f=pdf"));
        Browser.screenshot(browser, "lap-report-1280");

        int earlier = LAST_YEAR - 6;
        JsonNode then = progress(earlier);
        assertNotEquals(report.get("indicators").toString(), then.get("indicators").toString(), "the years differ");
        new Select(site.byTestId("lap-year")).selectByValue(String.valueOf(earlier));
        wait.until(d -> site.body("indicators").equals(String.valueOf(earlier)));
        assertEquals(List.of(), differences(then));
        // the chart reaches back from the year chosen, each bar the share of that year's report
        String id = then.get("indicators").get(0).get("id").asText();
        for (int year = earlier - 5; year <= earlier; year++) {
            JsonNode share = progress(year).get("indicators").get(0).get("metPercentage");
            assertEquals(share.isNull() ? "none" : share(share), browser.findElement(
                    By.cssSelector("[data-testid=lap-" + id + "-bar-label-" + year + "]")).getDomProperty("textContent"));
        }
        browser.manage().window().setSize(new Dimension(820, 1180));
        Browser.screenshot(browser, "lap-report-820");
    }

    @Test
    void aCoordinatorRecordsAValueAndTheReportAndTheHistoryChange() throws Exception {
        openIndicators(tokens.issue("lap page coordinator", Role.COORDINATOR));
        String id = "example-risk-education";
        JsonNode indicator = indicator(progress(LAST_YEAR), id);
        assertTrue(indicator.get("notMet").size() > 0, "someone does not meet it: " + indicator);
        String iso3 = indicator.get("notMet").get(0).asText();
        int historyBefore = site.server.json("/api/state-parties/" + iso3 + "/lap/" + id + "/" + LAST_YEAR).get("history").size();

        new Select(site.byTestId("records-lap-indicator")).selectByValue(id);
        new Select(site.byTestId("records-lap-stateParty")).selectByValue(iso3);
        wait.until(d -> historyRows() == historyBefore && !text("lap-value-current").isEmpty());
        assertEquals("no", text("lap-value-current"));
        Browser.screenshot(browser, "lap-value-1280");
        new Select(site.byTestId("records-lap-valueYesNo")).selectByValue("true");
        site.byTestId("records-lap-source").sendKeys("Article 7 report (browser test)");
        site.byTestId("records-lap-submit").click();
        wait.until(d -> site.body("recordWritten").equals("lap"));

        JsonNode after = indicator(progress(LAST_YEAR), id);
        assertEquals(indicator.get("metCount").asInt() + 1, after.get("metCount").asInt());
        wait.until(d -> text("lap-" + id + "-met-count").equals(String.valueOf(after.get("metCount").asInt())));
        assertEquals(share(after.get("metPercentage")), text("lap-" + id + "-met-share"));
        assertEquals(historyBefore + 1, historyRows());
        assertEquals("yes", text("lap-value-current"));
        assertTrue(text("lap-value-source").contains("Article 7 report (browser test)"));
        browser.manage().window().setSize(new Dimension(820, 1180));
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", site.byTestId("lap-values"));
        Browser.screenshot(browser, "lap-value-820");

        // an indicator the server computes: shown as computed, and a value recorded overrides it
        String bound = "example-baseline";
        JsonNode computed = indicator(progress(LAST_YEAR), bound);
        assertTrue(computed.get("met").toString().contains(iso3), "the demo's baseline is mapped: " + computed);
        new Select(site.byTestId("records-lap-indicator")).selectByValue(bound);
        wait.until(d -> text("lap-value-how").equals("computed by the server"));
        assertEquals("yes", text("lap-value-current"));
        new Select(site.byTestId("records-lap-valueYesNo")).selectByValue("false");
        site.byTestId("records-lap-source").sendKeys("coordinators' review (browser test)");
        site.byTestId("records-lap-submit").click();
        wait.until(d -> text("lap-value-how").equals("recorded, overriding the computed value (yes)"));
        assertEquals("no", text("lap-value-current"));
        int metNow = indicator(progress(LAST_YEAR), bound).get("metCount").asInt();
        assertEquals(computed.get("metCount").asInt() - 1, metNow);
        wait.until(d -> text("lap-" + bound + "-met-count").equals(String.valueOf(metNow)));
    }

    @Test
    void aBadValueIsMarkedAtItsField() throws Exception {
        openIndicators(tokens.issue("lap page bad values", Role.COORDINATOR));
        assertEquals(String.valueOf(LAST_YEAR), site.byTestId("records-lap-year").getDomProperty("value"));
        new Select(site.byTestId("lap-year")).selectByValue(String.valueOf(LAST_YEAR - 1));
        wait.until(d -> site.body("indicators").equals(String.valueOf(LAST_YEAR - 1)));
        assertEquals(String.valueOf(LAST_YEAR - 1), site.byTestId("records-lap-year").getDomProperty("value"),
                "the form follows the year of the report");
        // the server: a year before the Convention entered into force for the State Party
        JsonNode late = null;
        for (JsonNode s : site.server.json("/api/state-parties")) {
            if (LocalDate.parse(s.get("eifDate").asText()).getYear() > 2010) {
                late = s;
            }
        }
        assertTrue(late != null, "a demo State Party for which the Convention entered into force after 2010");
        String iso3 = late.get("iso3").asText();
        int before = LocalDate.parse(late.get("eifDate").asText()).getYear() - 1;
        new Select(site.byTestId("records-lap-indicator")).selectByValue("example-risk-education");
        new Select(site.byTestId("records-lap-stateParty")).selectByValue(iso3);
        site.setValue("records-lap-year", String.valueOf(before));
        site.byTestId("records-lap-source").sendKeys("a source");
        site.byTestId("records-lap-submit").click();
        wait.until(d -> site.body("recordWritten").equals("refused"));
        assertTrue(text("records-lap-year-error").contains("before the Convention entered into force"), text("records-lap-year-error"));
        assertEquals("true", site.byTestId("records-lap-year").getDomAttribute("aria-invalid"));
        assertEquals("a source", site.byTestId("records-lap-source").getDomProperty("value"), "what was typed stays");

        // the kind: a percentage above 100 is refused at the value's field
        site.setValue("records-lap-year", String.valueOf(LAST_YEAR));
        new Select(site.byTestId("records-lap-indicator")).selectByValue("example-gender-diverse-teams");
        assertTrue(text("lap-value-kind").contains("percentage"), text("lap-value-kind"));
        site.byTestId("records-lap-valuePercentage").sendKeys("150");
        site.byTestId("records-lap-submit").click();
        wait.until(d -> !site.byTestId("records-lap-valuePercentage-error").getText().isEmpty());
        assertEquals("true", site.byTestId("records-lap-valuePercentage").getDomAttribute("aria-invalid"));
        Browser.screenshot(browser, "lap-value-error-1280");
    }

    @Test
    void beforeAnyRegistryIsLoadedTheViewSaysSoAndHowACoordinatorLoadsOne() throws Exception {
        try (TestDatabase empty = TestDatabase.create(LapReportBrowserTest.class);
             TestServer bare = TestServer.start(empty)) {
            assertEquals(404, bare.get("/api/lap/progress?year=" + LAST_YEAR).statusCode());
            browser.get(bare.url("/"));
            wait.until(d -> !site.body("stateParties").isEmpty());
            site.byTestId("view-indicators").click();
            wait.until(d -> site.body("indicators").equals("no-registry"));
            assertTrue(text("lap-no-registry").contains("No indicator registry is loaded yet"), text("lap-no-registry"));
            assertTrue(text("lap-no-registry").contains("PUT /api/lap/indicators"), text("lap-no-registry"));
        }
    }

    private static int historyRows() {
        return browser.findElements(By.cssSelector("[data-testid=lap-value-history] tbody tr")).size();
    }

    private static JsonNode indicator(JsonNode report, String id) {
        for (JsonNode i : report.get("indicators")) {
            if (i.get("id").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no indicator " + id + " in " + report);
    }
}
