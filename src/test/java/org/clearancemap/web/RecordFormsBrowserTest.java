package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.clearancemap.auth.Role;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.DemoPageTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The coordinators' treaty-record forms in the State Party panel, in headless Chromium against the
 * demo dataset: shown for a coordinator's token only, a problem the server finds shown at its
 * field with what was typed kept, and each write shown in the panel and the dashboard at once.
 */
class RecordFormsBrowserTest extends DemoPageTest {

    private static String body(String key) {
        return site.body(key);
    }

    private static WebElement byTestId(String testid) {
        return site.byTestId(testid);
    }

    private static String text(String testid) {
        return byTestId(testid).getText();
    }

    /** Opens a State Party's panel with a token of the role entered in the upload panel, as a person does. */
    private static void openWithToken(String iso3, Role role) {
        browser.get(site.server.url("/#" + iso3));
        wait.until(d -> body("party").equals(iso3));
        String secret = tokens.issue("forms " + role.wireName() + " " + iso3, role);
        byTestId("token-input").sendKeys(secret, Keys.ENTER);
        wait.until(d -> body("token").equals(role.wireName()) && body("party").equals(iso3));
    }

    /** Opens a form's summary and brings it into view. */
    private static void openForm(String key) {
        WebElement details = wait.until(d -> d.findElement(By.cssSelector("[data-testid=records-" + key + "]")));
        if (details.getDomAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", details);
    }

    private static void screenshot(String name) throws Exception {
        Browser.screenshot(browser, "records-" + name);
    }

    private static void submit(String key) {
        byTestId("records-" + key + "-submit").click();
    }

    @Test
    void anExtensionRequestRefusedAtItsFieldKeepsWhatWasTypedAndOnceCorrectedShowsInTheHistoryAndTheDashboard()
            throws Exception {
        openWithToken("TCD", Role.COORDINATOR); // deadline 2026-10-01 (12MSP), passed, no request pending
        byTestId("view-dashboard").click();
        wait.until(d -> body("dashboard").equals("10"));
        assertTrue(text("deadline-row-TCD").contains("no extension request pending"), text("deadline-row-TCD"));
        byTestId("dashboard-close").click(); // the dashboard lies over the whole page
        openForm("extension");
        assertFalse(byTestId("records-extension-submittedOn").getDomProperty("value").isEmpty(),
                "submitted on defaults to today");
        screenshot("extension-form-1280");

        // more than five years past the current deadline: the server's words, at the field
        site.setValue("records-extension-requestedUntil", "2031-10-02");
        site.setValue("records-extension-meeting", "15MSP");
        submit("extension");
        wait.until(d -> byTestId("records-extension-requestedUntil-error").isDisplayed());
        WebElement field = byTestId("records-extension-requestedUntil");
        String error = text("records-extension-requestedUntil-error");
        assertTrue(error.contains("at most 5 years (Art. 4(5))") && error.contains("2031-10-01"), error);
        assertEquals("true", field.getDomAttribute("aria-invalid"));
        assertTrue(field.getDomAttribute("aria-describedby").contains("records-extension-requestedUntil-error"),
                field.getDomAttribute("aria-describedby"));
        assertEquals("records-extension-requestedUntil", site.focused(), "the field refused takes the focus");
        assertEquals("2031-10-02", field.getDomProperty("value"), "what was typed is kept");
        assertEquals("15MSP", byTestId("records-extension-meeting").getDomProperty("value"));
        assertTrue(text("extensions").contains("2026-10-01") && !text("extensions").contains("2031"),
                "nothing was written: " + text("extensions"));
        screenshot("extension-error-1280");

        site.setValue("records-extension-requestedUntil", "2031-10-01");
        assertEquals(null, field.getDomAttribute("aria-invalid"), "editing the field clears its problem");
        submit("extension");
        wait.until(d -> text("records-extension-message").startsWith("Recorded request"));
        wait.until(d -> text("extensions").contains("2031-10-01"));
        assertTrue(text("extensions").contains("15MSP"), text("extensions"));
        assertEquals("records-extension-submit", site.focused(), "the focus stays on the button across the panel's redraw");
        assertEquals("", byTestId("records-extension-requestedUntil").getDomProperty("value"),
                "the form is emptied for the next request");
        // the new request is offered for a decision
        assertTrue(new Select(byTestId("records-decision-request")).getOptions().stream()
                .anyMatch(o -> o.getDomProperty("textContent").contains("until 2031-10-01")));
        screenshot("extension-recorded-1280");
        byTestId("view-dashboard").click();
        wait.until(d -> text("deadline-row-TCD").contains("extension request pending")
                && !text("deadline-row-TCD").contains("no extension request pending"));
        byTestId("dashboard-close").click();
    }

    @Test
    void aGrantedDecisionMovesTheCurrentDeadlineShownInThePanel() throws Exception {
        openWithToken("SOM", Role.COORDINATOR); // deadline 2026-03-01; 13MSP request until 2030-03-01 pending
        assertTrue(text("fig-deadline").startsWith("2026-03-01"), text("fig-deadline"));
        openForm("decision");
        Select request = new Select(byTestId("records-decision-request"));
        assertEquals(1, request.getOptions().size());
        assertTrue(request.getFirstSelectedOption().getText().contains("13MSP"));
        assertEquals("granted", new Select(byTestId("records-decision-status")).getFirstSelectedOption().getDomProperty("value"));
        assertEquals("2030-03-01", byTestId("records-decision-grantedUntil").getDomProperty("value"),
                "the deadline granted starts as the one requested");
        // refused: no deadline granted is asked for or sent
        new Select(byTestId("records-decision-status")).selectByValue("refused");
        assertFalse(byTestId("records-decision-grantedUntil").isDisplayed());
        new Select(byTestId("records-decision-status")).selectByValue("granted");
        site.setValue("records-decision-meeting", "14MSP");
        submit("decision");
        wait.until(d -> text("fig-deadline").equals("2030-03-01 (original 2026-03-01)"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", byTestId("fig-deadline"));
        screenshot("decision-deadline-moved-1280");
        assertTrue(text("records-decision-message").contains("granted until 2030-03-01"), text("records-decision-message"));
        assertTrue(text("extensions").contains("granted"), text("extensions"));
        wait.until(d -> text("state-SOM").contains("Deadline 2030-03-01 (extended)"));
        assertTrue(text("records-decision-form").contains("No extension request awaits a decision."));
    }

    @Test
    void aRequestDecidedMeanwhileIsRefusedAtTheFormAndWhatWasTypedIsKept() throws Exception {
        openWithToken("MRT", Role.COORDINATOR); // the 13MSP request is pending
        openForm("decision");
        String id = new Select(byTestId("records-decision-request")).getFirstSelectedOption().getDomProperty("value");
        new Select(byTestId("records-decision-status")).selectByValue("refused");
        site.setValue("records-decision-meeting", "14MSP");
        // another coordinator decides it first
        String other = tokens.issue("forms other coordinator", Role.COORDINATOR);
        HttpResponse<String> first = site.server.send(HttpRequest.newBuilder(
                        URI.create(site.server.url("/api/state-parties/MRT/extension-requests/" + id + "/decision")))
                .header("Authorization", "Bearer " + other).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"withdrawn\"}")));
        assertEquals(200, first.statusCode(), first.body());
        submit("decision");
        wait.until(d -> text("records-decision-message").startsWith("Not recorded"));
        assertTrue(text("records-decision-message").contains("already decided"), text("records-decision-message"));
        assertEquals("records-decision-message", site.focused(), "the problem at the form takes the focus");
        assertTrue(browser.findElements(By.cssSelector("[data-testid=records-decision-form] [aria-invalid=true]")).isEmpty(),
                "no field is marked for a problem that names none");
        assertEquals("14MSP", byTestId("records-decision-meeting").getDomProperty("value"));
        assertEquals("refused", new Select(byTestId("records-decision-status")).getFirstSelectedOption().getDomProperty("value"));
    }

    @Test
    void aReportedFigureAndAMilestoneAppearInTheirTables() throws Exception {
        browser.manage().window().setSize(new Dimension(820, 1180));
        openWithToken("LBN", Role.ADMIN);
        openForm("figure");
        screenshot("figure-form-820");
        assertEquals(String.valueOf(java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear()),
                byTestId("records-figure-year").getDomProperty("value"), "the year shown");
        // the browser checks what it can: a negative area is not sent
        site.setValue("records-figure-source", "Forms test Article 7 report");
        site.setValue("records-figure-clearedKm2", "-1");
        submit("figure");
        wait.until(d -> byTestId("records-figure-clearedKm2-error").isDisplayed());
        assertEquals("records-figure-clearedKm2", site.focused());
        // no figure at all: the server names the first figure's field
        site.setValue("records-figure-clearedKm2", "");
        submit("figure");
        wait.until(d -> byTestId("records-figure-remainingKm2-error").isDisplayed());
        assertTrue(text("records-figure-remainingKm2-error").contains("at least one of"),
                text("records-figure-remainingKm2-error"));
        assertEquals("Forms test Article 7 report", byTestId("records-figure-source").getDomProperty("value"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", byTestId("records-figure-remainingKm2"));
        screenshot("figure-error-820");
        site.setValue("records-figure-year", "2025");
        site.setValue("records-figure-remainingKm2", "12.345");
        site.setValue("records-figure-clearedKm2", "0.6");
        site.setValue("records-figure-confidence", "confirmed");
        submit("figure");
        wait.until(d -> text("reported").contains("Forms test Article 7 report (confirmed)"));
        assertTrue(text("reported").contains("12.345 km²"), text("reported"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", byTestId("records-figure-message"));
        screenshot("figure-recorded-820");
        browser.executeScript("arguments[0].scrollIntoView({block: 'end'})", byTestId("reported"));
        screenshot("figure-in-table-820");

        openForm("milestone");
        site.setValue("records-milestone-year", "2027");
        site.setValue("records-milestone-targetKm2", "1.1");
        assertEquals("= 1,100,000 m²", text("records-milestone-sqm"), "km² become m² exactly");
        Select from = new Select(byTestId("records-milestone-extensionRequestId"));
        from.selectByIndex(1);
        site.setValue("records-milestone-source", "Forms test work plan");
        submit("milestone");
        wait.until(d -> text("records-milestone-message").startsWith("Set the milestone for 2027"));
        WebElement row = wait.until(d -> d.findElements(By.cssSelector("[data-testid=party-panel] table tbody tr")).stream()
                .filter(tr -> tr.getText().startsWith("2027 ")).findFirst().orElse(null));
        assertTrue(row.getText().contains("1,100,000"), row.getText());
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", byTestId("records-milestone-message"));
        screenshot("milestone-set-820");
    }

    @Test
    void aDeclarationOfCompletionBeforeEntryIntoForceIsRefusedAtItsFieldAndOnceCorrectedCompletesTheStateParty()
            throws Exception {
        openWithToken("DEU", Role.COORDINATOR); // entry into force 2010-08-01
        openForm("completion");
        site.setValue("records-completion-completedOn", "2009-12-31");
        submit("completion");
        wait.until(d -> byTestId("records-completion-completedOn-error").isDisplayed());
        assertTrue(text("records-completion-completedOn-error").contains("2010-08-01"),
                text("records-completion-completedOn-error"));
        site.setValue("records-completion-completedOn", "2026-01-15");
        submit("completion");
        wait.until(d -> text("fig-completed").equals("2026-01-15"));
        wait.until(d -> text("state-DEU").contains("Completed 2026-01-15"));
        assertEquals("completed", byTestId("party-panel").findElement(By.cssSelector(".status-badge")).getDomAttribute("data-status"));
    }

    @Test
    void onlyCoordinatorsAndAdminsSeeTheForms() throws Exception {
        for (Role role : List.of(Role.ANALYST, Role.OPERATOR)) {
            openWithToken("LAO", role);
            assertTrue(browser.findElements(By.cssSelector("[data-testid=records]")).isEmpty(), role + " sees no forms");
            browser.executeScript("sessionStorage.clear()");
        }
        browser.get(site.server.url("/#LAO"));
        wait.until(d -> body("party").equals("LAO"));
        assertTrue(browser.findElements(By.cssSelector("[data-testid=records]")).isEmpty(), "no forms without a token");
        openWithToken("LAO", Role.COORDINATOR);
        wait.until(d -> byTestId("records").isDisplayed());
        assertEquals(8, browser.findElements(By.cssSelector("[data-testid=records] > details")).size());
        openForm("extension");
        screenshot("forms-lao-1280");
        byTestId("token-forget").click();
        wait.until(d -> body("token").isEmpty()
                && d.findElements(By.cssSelector("[data-testid=records]")).isEmpty());
    }
}
