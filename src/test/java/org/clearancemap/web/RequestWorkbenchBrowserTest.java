package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearancemap.auth.Role;
import org.clearancemap.testing.Browser;
import org.clearancemap.testing.DemoSite;
import org.clearancemap.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The extension-request workbench of the State Party panel, in headless Chromium against the demo
 * dataset: a coordinator enters a request with a two-year plan and its funding through the page,
 * sees it listed with the plan against the land released and the funding, revises it (the earlier
 * revision still shown on request), asks and answers a question; a problem on a row of the plan is
 * shown on that row; and the analysis shows each check's status in words.
 */
class RequestWorkbenchBrowserTest {
    private static final List<String> CHECKS = List.of("submitted-nine-months-before-meeting",
            "duration-at-most-five-years", "stated-figures-consistent", "stated-vs-mapped", "stated-vs-reported",
            "work-plan-covers-remaining", "work-plan-ends-by-requested-date", "work-plan-pace-plausible", "funding-gap",
            "sections-complete", "previous-milestones");

    private static DemoSite site;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static Tokens tokens;

    @BeforeAll
    static void start() throws Exception {
        site = DemoSite.start(RequestWorkbenchBrowserTest.class, 1280, 800);
        browser = site.browser;
        wait = site.wait;
        tokens = new Tokens(site.db);
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    @AfterEach
    void forgetToken() {
        browser.executeScript("sessionStorage.clear()");
        browser.get("about:blank"); // the next page starts without the token
        browser.manage().window().setSize(new Dimension(1280, 800));
    }

    private static WebElement byTestId(String testid) {
        return site.byTestId(testid);
    }

    private static String text(String testid) {
        return byTestId(testid).getText();
    }

    private static String value(String testid) {
        return byTestId(testid).getDomProperty("value");
    }

    private static void openWithToken(String iso3, Role role) {
        browser.get(site.server.url("/#" + iso3));
        wait.until(d -> site.body("party").equals(iso3));
        byTestId("token-input").sendKeys(tokens.issue("workbench " + role.wireName() + " " + iso3, role), Keys.ENTER);
        // the panel drawn again with the forms, and its requests loaded
        wait.until(d -> site.body("token").equals(role.wireName()) && !d.findElements(By.cssSelector("[data-testid=records]")).isEmpty()
                && site.body("requests").equals(iso3));
    }

    private static void openForm(String key) {
        WebElement details = wait.until(d -> d.findElement(By.cssSelector("[data-testid=records-" + key + "]")));
        if (details.getDomAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
        show(details);
    }

    private static void show(WebElement element) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
    }

    private static void screenshot(String name) throws Exception {
        Browser.screenshot(browser, "workbench-" + name);
    }

    /** Fills a row of a form's list: its fields in the order given, e.g. year, cancel, reduce, clear. */
    private static void fillRow(String form, String list, int row, String... columnsAndValues) {
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            site.setValue("records-" + form + "-" + list + "-" + row + "-" + columnsAndValues[i], columnsAndValues[i + 1]);
        }
    }

    @Test
    void aCoordinatorEntersARequestWithATwoYearPlanAndFundingRevisesItAndAsksAndAnswersAQuestion() throws Exception {
        openWithToken("TCD", Role.COORDINATOR); // deadline 2026-10-01, no request pending
        openForm("extension");
        site.setValue("records-extension-requestedUntil", "2028-10-01");
        site.setValue("records-extension-submittedOn", "2026-03-01");
        site.setValue("records-extension-meeting", "14MSP");
        site.setValue("records-extension-meetingDate", "2026-09-14");
        site.setValue("records-extension-reasons", "Access to Tibesti province was only possible from 2025.");
        site.setValue("records-extension-statedFigures-remainingKm2", "6.55");
        byTestId("records-extension-workPlan-add").click();
        assertEquals("records-extension-workPlan-0-year", site.focused(), "a new row's first field takes the focus");
        byTestId("records-extension-workPlan-add").click();
        fillRow("extension", "workPlan", 0, "year", "2026", "cancelKm2", "1.5", "reduceKm2", "0.75", "clearKm2", "0.5",
                "teams", "4", "budgetNeededUsd", "1200000");
        // a year outside the request's period (2026 to 2028): the server names the row's field
        fillRow("extension", "workPlan", 1, "year", "2031", "cancelKm2", "2", "reduceKm2", "1", "clearKm2", "0.8",
                "teams", "5", "budgetNeededUsd", "1500000");
        for (int i = 0; i < 3; i++) {
            byTestId("records-extension-funding-add").click();
        }
        fillRow("extension", "funding", 0, "year", "2026", "source", "National budget", "amountUsd", "300000");
        new Select(byTestId("records-extension-funding-0-status")).selectByValue("disbursed");
        fillRow("extension", "funding", 1, "year", "2026", "source", "Donor A", "amountUsd", "500000");
        fillRow("extension", "funding", 2, "year", "2027", "source", "Donor A", "amountUsd", "400000");
        new Select(byTestId("records-extension-funding-2-status")).selectByValue("secured");
        // a row added by mistake is removed; the rows after it move up
        byTestId("records-extension-funding-add").click();
        fillRow("extension", "funding", 3, "year", "2027", "source", "Mistake", "amountUsd", "1");
        byTestId("records-extension-funding-3-remove").click();
        assertTrue(browser.findElements(By.cssSelector("[data-testid=records-extension-funding-3-year]")).isEmpty());
        byTestId("records-extension-submit").click();

        wait.until(d -> byTestId("records-extension-workPlan-1-year-error").isDisplayed());
        String error = text("records-extension-workPlan-1-year-error");
        assertTrue(error.contains("2026 to 2028") && error.contains("2031"), error);
        assertEquals("true", byTestId("records-extension-workPlan-1-year").getDomAttribute("aria-invalid"));
        assertEquals(null, byTestId("records-extension-workPlan-0-year").getDomAttribute("aria-invalid"),
                "only the row named is marked");
        assertEquals("records-extension-workPlan-1-year", site.focused(), "the field refused takes the focus");
        assertEquals("0.8", value("records-extension-workPlan-1-clearKm2"), "what was typed is kept");
        assertEquals("1200000", value("records-extension-workPlan-0-budgetNeededUsd"));
        assertEquals("secured", value("records-extension-funding-2-status"));
        assertTrue(text("records-extension-message").startsWith("Not recorded"), text("records-extension-message"));
        assertFalse(text("extensions").contains("14MSP"), "nothing was written: " + text("extensions"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", byTestId("records-extension-workPlan-1-year"));
        screenshot("plan-row-error-1280");

        site.setValue("records-extension-workPlan-1-year", "2027");
        byTestId("records-extension-submit").click();
        wait.until(d -> text("records-extension-message").startsWith("Recorded request"));
        Matcher recorded = Pattern.compile("Recorded request (\\d+)").matcher(text("records-extension-message"));
        assertTrue(recorded.find());
        String id = recorded.group(1);
        String request = "request-" + id;
        WebElement block = wait.until(d -> d.findElement(By.cssSelector("[data-testid=" + request + "]")));
        assertEquals("pending a decision", text(request + "-status"));
        assertEquals("2026-03-01", text(request + "-submitted"));
        assertEquals("2028-10-01", text(request + "-until"));
        assertEquals("1", text(request + "-revisions"));
        assertEquals("6.55 km²", text(request + "-stated-remainingKm2"));
        assertEquals("not stated", text(request + "-stated-contaminatedAtEifKm2"));
        // the plan: each year's parts, the release the server adds up, the land released as mapped
        String plan = text(request + "-plan");
        assertTrue(plan.contains("2026 1.5 km² 0.75 km² 0.5 km² 2.75 km²"), plan);
        assertTrue(plan.contains("2027 2 km² 1 km² 0.8 km² 3.8 km²"), plan);
        assertTrue(plan.contains("$1,200,000") && plan.contains("$1,500,000"), plan);
        WebElement chart = byTestId(request + "-plan-chart");
        assertEquals(6, chart.findElements(By.cssSelector("rect[data-testid^=plan-]"))
                .stream().filter(r -> !r.getDomAttribute("data-testid").startsWith("plan-released")).count(),
                "three parts stacked in each of two years");
        assertFalse(chart.findElements(By.cssSelector("rect[data-testid=plan-released-2026]")).isEmpty(),
                "the land released in 2026 (mapped) beside the plan");
        // funding needed against pledged, secured and disbursed, each year
        String funding = text(request + "-funding");
        assertTrue(funding.contains("2026 $1,200,000 $500,000 $0 $300,000"), funding);
        assertTrue(funding.contains("2027 $1,500,000 $0 $400,000 $0"), funding);
        show(block);
        screenshot("request-listed-1280");

        // a revision starts as the latest one; the earlier one stays as it was
        openForm("revision");
        assertEquals(id, value("records-revision-request"));
        wait.until(d -> value("records-revision-requestedUntil").equals("2028-10-01"));
        assertEquals("2027", value("records-revision-workPlan-1-year"));
        assertEquals("Donor A", value("records-revision-funding-2-source"));
        assertEquals("6.55", value("records-revision-statedFigures-remainingKm2"));
        site.setValue("records-revision-reasons", "Revised after the Analysis Group's questions.");
        site.setValue("records-revision-submittedOn", "2026-05-01");
        byTestId("records-revision-workPlan-add").click();
        fillRow("revision", "workPlan", 2, "year", "2028", "clearKm2", "1.25");
        byTestId("records-revision-submit").click();
        wait.until(d -> text("records-revision-message").startsWith("Recorded revision 2"));
        wait.until(d -> text(request + "-revisions").equals("2"));
        assertEquals("Revised after the Analysis Group's questions.",
                byTestId(request + "-reasons").getDomProperty("textContent"), "the sections are folded: their text is there");
        assertTrue(text(request + "-plan").contains("2028"), text(request + "-plan"));
        Select shown = new Select(byTestId(request + "-revision"));
        assertEquals("2", shown.getFirstSelectedOption().getDomProperty("value"), "the latest revision is shown");
        shown.selectByValue("1");
        wait.until(d -> text(request + "-revisions").contains("showing revision 1"));
        assertEquals(request + "-revision", site.focused(), "the revision chooser keeps the focus");
        block = byTestId(request);
        block.findElement(By.cssSelector("details summary")).click();
        assertEquals("Access to Tibesti province was only possible from 2025.", text(request + "-reasons"));
        assertEquals("2026-03-01", text(request + "-submitted"));
        assertFalse(text(request + "-plan").contains("2028"), "revision 1 had two years: " + text(request + "-plan"));
        show(byTestId(request));
        screenshot("earlier-revision-1280");

        // a question of the Analysis Group and the State Party's answer
        openForm("question");
        new Select(byTestId("records-question-request")).selectByValue(id);
        site.setValue("records-question-question", "How will the teams reach Tibesti in the rainy season?");
        site.setValue("records-question-askedBy", "Analysis Group");
        byTestId("records-question-submit").click();
        wait.until(d -> text(request + "-questions").contains("How will the teams reach Tibesti"));
        assertTrue(text(request + "-questions").contains("Not answered yet."), text(request + "-questions"));
        openForm("answer");
        wait.until(d -> new Select(byTestId("records-answer-question")).getOptions().stream()
                .anyMatch(o -> o.getText().contains("How will the teams reach Tibesti")));
        site.setValue("records-answer-answer", "By air, with two helicopters from the national budget.");
        byTestId("records-answer-submit").click();
        wait.until(d -> text(request + "-questions").contains("By air, with two helicopters"));
        assertFalse(text(request + "-questions").contains("Not answered yet."), text(request + "-questions"));
        assertTrue(text("records-answer-form").contains("No question awaits an answer."));

        browser.manage().window().setSize(new Dimension(820, 1180));
        wait.until(d -> byTestId(request).isDisplayed());
        show(byTestId(request));
        screenshot("request-820");
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", byTestId(request + "-questions"));
        screenshot("questions-820");
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", byTestId("records-revision-workPlan"));
        screenshot("revision-form-plan-820");
    }

    @Test
    void withoutACoordinatorsTokenTheRequestsAreShownAndNoFormIs() throws Exception {
        browser.get(site.server.url("/#DEU")); // 9MSP granted, 12MSP pending
        wait.until(d -> site.body("party").equals("DEU") && site.body("requests").equals("DEU"));
        List<WebElement> requests = browser.findElements(By.cssSelector("[data-testid=requests] article.request"));
        assertEquals(2, requests.size());
        String latest = requests.get(0).getText();
        assertTrue(latest.startsWith("12MSP"), "the latest first: " + latest);
        assertEquals("pending a decision", requests.get(0).findElement(By.cssSelector(".request-status")).getText(),
                "the status in words");
        assertTrue(latest.contains("Requested until\n2030-08-01") || latest.contains("Requested until 2030-08-01"), latest);
        assertTrue(latest.contains("No work plan in this revision.") && latest.contains("No figures stated in this revision.")
                && latest.contains("No question asked."), latest);
        assertTrue(requests.get(1).getText().contains("granted until 2025-08-01"), requests.get(1).getText());
        assertEquals("granted", requests.get(1).findElement(By.cssSelector(".request-status")).getText());
        assertTrue(browser.findElements(By.cssSelector("[data-testid=records]")).isEmpty());
        show(requests.get(0));
        screenshot("deu-requests-1280");

        // a request is as submitted: moving in time draws the same requests without asking for them again
        String asked = "return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/extension-requests/')).length";
        long before = (Long) browser.executeScript(asked);
        assertEquals(4, before, "each request and its analysis once");
        site.setValue("as-of", "2025-12-31");
        wait.until(d -> site.body("partyAsOf").equals("2025-12-31"));
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=requests] article.request")).size() == 2);
        assertEquals(before, browser.executeScript(asked));
    }

    /** Needs the analysis route (GET .../extension-requests/{id}/analysis). */
    @Test
    void theAnalysisShowsEachCheckWithItsStatusInWordsAndTheDraftDecision() throws Exception {
        openWithToken("SOM", Role.COORDINATOR); // the 13MSP request until 2030-03-01 is pending
        String id = wait.until(d -> d.findElement(By.cssSelector("[data-testid=requests] article.request"))
                .getDomAttribute("data-request"));
        WebElement analysis = byTestId("request-" + id + "-analysis");
        for (String check : CHECKS) {
            WebElement item = analysis.findElement(By.cssSelector("[data-check=" + check + "]"));
            WebElement status = item.findElement(By.cssSelector(".check-status"));
            String words = status.getText().replaceFirst("^[✓!✗–] ", "");
            assertTrue(List.of("pass", "warning", "fail", "not applicable").contains(words), check + ": " + words);
            assertFalse(item.findElement(By.tagName("strong")).getText().isBlank(), check + " has a title");
            assertFalse(item.findElement(By.cssSelector(".check-detail")).getText().isBlank(), check + " has a detail");
        }
        assertFalse(text("request-" + id + "-draft").isBlank(), "the draft decision");
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", analysis);
        screenshot("analysis-1280");
        browser.manage().window().setSize(new Dimension(820, 1180));
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", byTestId("request-" + id + "-analysis"));
        screenshot("analysis-820");

        // the demo's synthetic request of the Lao PDR, with its plan and funding, fails some checks
        browser.get(site.server.url("/#LAO"));
        WebElement synthetic = wait.until(d -> d.findElements(By.cssSelector("[data-testid=requests] article.request"))
                .stream().filter(a -> !a.findElements(By.cssSelector(".demo-tag")).isEmpty()).findFirst().orElse(null));
        assertFalse(synthetic.findElements(By.cssSelector(".check-status[data-status=fail]")).isEmpty(), "it fails some checks");
        assertFalse(synthetic.findElements(By.cssSelector("svg.chart rect")).isEmpty(), "its plan is drawn");
        show(synthetic);
        screenshot("synthetic-lao-820");
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})",
                synthetic.findElement(By.cssSelector("figure.chart-figure")));
        screenshot("synthetic-lao-plan-820");
    }
}
