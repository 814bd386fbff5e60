package org.clearancemap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * The Country Coalition in the State Party panel, in headless Chromium against the demo dataset:
 * the funding picture is the server's, in US dollars with the gap in words; a coordinator adds
 * partners and a meeting through the page, a partner the server refuses is marked at its row; a
 * State Party that completed clearance keeps no coalition.
 */
class CoalitionPanelBrowserTest extends DemoPageTest {

    private static String text(String testid) {
        return site.byTestId(testid).getText().trim();
    }

    private static String usd(long amount) {
        NumberFormat f = NumberFormat.getCurrencyInstance(Locale.US);
        f.setMaximumFractionDigits(0);
        return f.format(amount);
    }

    private static void open(String iso3, String token) {
        browser.get("about:blank"); // a new page each time, not a move within the page shown
        browser.get(site.server.url("/#" + iso3));
        wait.until(d -> site.body("party").equals(iso3) && site.body("coalition").equals(iso3));
        if (token != null) {
            site.byTestId("token-input").sendKeys(token, Keys.ENTER);
            wait.until(d -> site.body("token").equals("coordinator") && site.body("party").equals(iso3)
                    && !d.findElements(By.cssSelector("[data-testid=coalition-forms]")).isEmpty());
        }
    }

    private static void scrollTo(String testid) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", site.byTestId(testid));
    }

    @Test
    void theFundingPictureIsTheServersWithTheGapInWords() throws Exception {
        for (String iso3 : List.of("LAO", "IRQ")) {
            open(iso3, null);
            JsonNode c = site.server.json("/api/state-parties/" + iso3 + "/coalition");
            JsonNode f = c.get("funding");
            assertTrue(f.get("years").size() > 0, iso3 + " has a costed demo request: " + c);
            assertTrue(text("coalition-funding-from").contains("extension request " + f.get("extensionRequestId").asInt()
                    + ", revision " + f.get("revisionNumber").asInt()), text("coalition-funding-from"));
            List<String> wrong = new ArrayList<>();
            for (JsonNode y : f.get("years")) {
                String row = "coalition-funding-" + y.get("year").asInt();
                for (String name : List.of("needed", "pledged", "secured", "disbursed")) {
                    String shown = text(row + "-" + name);
                    if (!shown.equals(usd(y.get(name + "Usd").asLong()))) {
                        wrong.add(row + "-" + name + ": " + shown + " for " + y.get(name + "Usd"));
                    }
                }
                long gap = y.get("gapUsd").asLong();
                String shown = text(row + "-gap");
                String words = gap > 0 ? "still to find" : "fully funded";
                if (!shown.startsWith(usd(gap)) || !shown.contains(words)) {
                    wrong.add(row + "-gap: " + shown + " for " + gap);
                }
            }
            long all = f.get("gapUsd").asLong();
            if (!text("coalition-funding-gap").startsWith(usd(all))) {
                wrong.add("gap in all: " + text("coalition-funding-gap") + " for " + all);
            }
            assertEquals(List.of(), wrong, iso3);
            assertEquals("no", text("coalition-exists"));
            if (iso3.equals("LAO")) {
                assertTrue(all > 0, "LAO's demo request is short of funds");
                assertTrue(text("coalition-funding-gap").contains("still to find"));
                scrollTo("coalition");
                Browser.screenshot(browser, "coalition-1280");
                browser.manage().window().setSize(new Dimension(820, 1180));
                scrollTo("coalition");
                Browser.screenshot(browser, "coalition-820");
                browser.manage().window().setSize(new Dimension(1280, 800));
            }
        }
    }

    @Test
    void aCoordinatorAddsPartnersAndAMeetingAndAPartnerRefusedIsMarkedAtItsRow() throws Exception {
        open("LAO", tokens.issue("coalition page coordinator", Role.COORDINATOR));
        WebElement details = site.byTestId("records-coalition");
        details.findElement(By.tagName("summary")).click();
        scrollTo("records-coalition");
        site.byTestId("records-coalition-partners-add").click();
        site.byTestId("records-coalition-partners-0-name").sendKeys("Norwegian People's Aid");
        new Select(site.byTestId("records-coalition-partners-0-kind")).selectByValue("operator");
        site.byTestId("records-coalition-partners-0-role").sendKeys("clearance and survey");
        site.byTestId("records-coalition-partners-add").click();
        new Select(site.byTestId("records-coalition-partners-1-kind")).selectByValue("donor");
        // the server's check, as a browser that does not check the field would leave it
        browser.executeScript("arguments[0].removeAttribute('required')", site.byTestId("records-coalition-partners-1-name"));
        site.byTestId("records-coalition-notes").sendKeys("Coalition launched with the donors' group.");
        site.byTestId("records-coalition-submit").click();
        wait.until(d -> site.body("recordWritten").equals("refused"));
        assertTrue(!site.byTestId("records-coalition-partners-1-name-error").getText().isEmpty(), "marked at row 2");
        assertEquals("true", site.byTestId("records-coalition-partners-1-name").getDomAttribute("aria-invalid"));
        assertEquals("Norwegian People's Aid", site.byTestId("records-coalition-partners-0-name").getDomProperty("value"),
                "what was typed stays");
        Browser.screenshot(browser, "coalition-partner-error-1280");

        site.byTestId("records-coalition-partners-1-name").sendKeys("A donor State");
        site.byTestId("records-coalition-submit").click();
        wait.until(d -> site.body("recordWritten").equals("coalition"));
        JsonNode c = site.server.json("/api/state-parties/LAO/coalition");
        assertEquals(2, c.get("partners").size(), c.toString());
        wait.until(d -> text("coalition-partners").contains("A donor State"));
        assertTrue(text("coalition-partners").contains("Norwegian People's Aid"));
        assertTrue(text("coalition-partners").contains("clearance and survey"));
        assertEquals("Coalition launched with the donors' group.", text("coalition-notes"));
        assertEquals("yes (partners or meetings recorded)", text("coalition-exists"));
        // the form shows what is recorded, ready for the next change
        assertEquals("A donor State", site.byTestId("records-coalition-partners-1-name").getDomProperty("value"));

        WebElement meeting = site.byTestId("records-meeting");
        meeting.findElement(By.tagName("summary")).click();
        browser.executeScript("""
                const input = arguments[0];
                input.value = '2026-03-12';
                input.dispatchEvent(new Event('input', {bubbles: true}));
                """, site.byTestId("records-meeting-date"));
        site.byTestId("records-meeting-title").sendKeys("Coalition meeting in Vientiane");
        site.byTestId("records-meeting-notes").sendKeys("Funding gap discussed.");
        site.byTestId("records-meeting-submit").click();
        wait.until(d -> site.body("recordWritten").equals("meeting"));
        wait.until(d -> text("coalition-meetings").contains("2026-03-12: Coalition meeting in Vientiane"));
        assertEquals(1, site.server.json("/api/state-parties/LAO/coalition").get("meetings").size());
        scrollTo("coalition");
        Browser.screenshot(browser, "coalition-written-1280");
    }

    @Test
    void theOutreachListUnderTheDashboardIsTheServersInItsOrder() throws Exception {
        browser.get("about:blank");
        browser.get(site.server.url("/"));
        wait.until(d -> site.body("stateParties").equals("10"));
        site.byTestId("view-dashboard").click();
        JsonNode outreach = site.server.json("/api/coalitions/outreach");
        JsonNode rows = outreach.get("stateParties");
        assertTrue(rows.size() > 0, outreach.toString());
        wait.until(d -> site.body("outreach").equals(String.valueOf(rows.size())));
        site.byTestId("outreach").findElement(By.tagName("summary")).click();
        List<String> shown = new ArrayList<>();
        for (WebElement b : browser.findElements(By.cssSelector("[data-testid=outreach-table] tbody tr th button"))) {
            shown.add(b.getDomAttribute("data-testid"));
        }
        List<String> expected = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (JsonNode row : rows) {
            String iso3 = row.get("iso3").asText();
            expected.add("outreach-" + iso3);
            String gap = text("outreach-" + iso3 + "-gap");
            String amount = row.get("fundingGapUsd").isNull() ? "—" : usd(row.get("fundingGapUsd").asLong());
            if (!gap.startsWith(amount)) {
                wrong.add(iso3 + ": " + gap + " for " + row.get("fundingGapUsd"));
            }
        }
        assertEquals(expected, shown);
        assertEquals(List.of(), wrong);
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", site.byTestId("outreach"));
        Browser.screenshot(browser, "outreach-1280");
        browser.manage().window().setSize(new Dimension(820, 1180));
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", site.byTestId("outreach"));
        Browser.screenshot(browser, "outreach-820");
    }

    @Test
    void aStatePartyThatCompletedClearanceKeepsNoCoalition() throws Exception {
        String token = tokens.issue("coalition completion", Role.COORDINATOR);
        var answer = site.server.send(HttpRequest.newBuilder(URI.create(site.server.url("/api/state-parties/DEU/completion")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"completedOn\": \"2025-06-30\"}")));
        assertEquals(200, answer.statusCode(), answer.body());
        open("DEU", null);
        assertTrue(text("coalition-completed").contains("completed clearance (declared 2025-06-30)"), text("coalition-completed"));
        assertTrue(browser.findElements(By.cssSelector("[data-testid=coalition-funding]")).isEmpty());
    }
}
