package org.clearancemap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.clearancemap.testing.SqlFixture;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each check of the analysis made to pass, warn and fail on requests posted through the API, over
 * the mapped land of {@code analysis/mapped-land.sql}: about 4.77 km² recorded, 2.39 km² cleared in
 * 2019 (the best year), 1.19 km² reduced in 2021, 1.19 km² remaining. Today is 15 January 2026;
 * the State Parties' deadline is 1 August 2026.
 */
class ExtensionRequestAnalysisTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;
    /** The mapped figures of the fixture on 10 January 2026 (km²). */
    private static double footprintKm2;
    private static double releasedKm2;
    private static double remainingKm2;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(ExtensionRequestAnalysisTest.class);
        SqlFixture.run(db, "/analysis/mapped-land.sql");
        server = TestServer.start(db, Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC)).asAdmin(db);
        JsonNode mapped = server.json("/api/state-parties/ZAA?asOf=2026-01-10");
        footprintKm2 = mapped.get("footprintSqm").asDouble() / 1e6;
        releasedKm2 = mapped.get("releasedSqm").asDouble() / 1e6;
        remainingKm2 = mapped.get("remainingSqm").asDouble() / 1e6;
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    /**
     * A request every check passes: submitted on 10 January 2026 for a meeting on 1 November 2026,
     * until 31 December 2030; the mapped figures as stated; 0.25 km² a year from 2026 to 2030,
     * each year's USD 100,000 secured; every section given.
     */
    private static ObjectNode request() {
        ObjectNode r = JSON.createObjectNode();
        r.put("meeting", "Test meeting").put("meetingDate", "2026-11-01").put("submittedOn", "2026-01-10")
                .put("requestedUntil", "2030-12-31").put("source", "Test request");
        for (String section : List.of("reasons", "meansAvailable", "meansRequired", "workStatus", "impediments",
                "humanitarianImplications", "socialImplications", "economicImplications", "environmentalImplications",
                "other", "riskEducation", "genderAndDiversity", "environmentalManagement")) {
            r.put(section, "Text of " + section + ".");
        }
        r.putObject("statedFigures").put("contaminatedAtEifKm2", footprintKm2).put("discoveredSinceEifKm2", 0)
                .put("releasedSinceEifKm2", releasedKm2).put("remainingKm2", remainingKm2);
        ArrayNode plan = r.putArray("workPlan");
        ArrayNode funding = r.putArray("funding");
        for (int year = 2026; year <= 2030; year++) {
            plan.addObject().put("year", year).put("clearKm2", 0.25).put("teams", 2).put("budgetNeededUsd", 100_000);
            funding.addObject().put("year", year).put("source", "National budget").put("amountUsd", 100_000)
                    .put("status", "secured");
        }
        return r;
    }

    private static ObjectNode request(Consumer<ObjectNode> change) {
        ObjectNode r = request();
        change.accept(r);
        return r;
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private static long post(String iso3, JsonNode body) throws Exception {
        HttpResponse<String> r = send("POST", "/api/state-parties/" + iso3 + "/extension-requests", body.toString());
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("id").asLong();
    }

    private static JsonNode analysis(String iso3, long id) throws Exception {
        return server.json("/api/state-parties/" + iso3 + "/extension-requests/" + id + "/analysis");
    }

    /** The check {@code checkId} of the analysis of {@code body} posted for {@code iso3}. */
    private static JsonNode check(String iso3, JsonNode body, String checkId) throws Exception {
        return check(analysis(iso3, post(iso3, body)), checkId);
    }

    private static JsonNode check(JsonNode analysis, String checkId) {
        for (JsonNode c : analysis.get("checks")) {
            if (c.get("id").asText().equals(checkId)) {
                return c;
            }
        }
        throw new AssertionError("no check " + checkId + " in " + analysis);
    }

    private static void assertStatus(String expected, JsonNode check) {
        assertEquals(expected, check.get("status").asText(), check.toString());
    }

    private static void removeSection(ObjectNode r, String section) {
        r.remove(section);
    }

    @Test
    void theChecksComeWithTheirIdsInOrderAndEveryOnePassesOnASoundFirstRequest() throws Exception {
        long requestId = post("ZAA", request());
        JsonNode a = analysis("ZAA", requestId);
        assertFalse(server.json("/api/state-parties/ZAA/extension-requests/" + requestId).get("synthetic").asBoolean(),
                "a request entered through the API is not synthetic");
        List<String> ids = new ArrayList<>();
        for (JsonNode c : a.get("checks")) {
            ids.add(c.get("id").asText());
            String expected = c.get("id").asText().equals("previous-milestones")
                    || c.get("id").asText().equals("stated-vs-reported") ? "not-applicable" : "pass";
            assertStatus(expected, c);
            assertFalse(c.get("title").asText().isBlank());
            assertTrue(c.get("figures").isObject());
        }
        assertEquals(ExtensionAnalysis.IDS, ids);
        assertEquals("ZAA", a.get("iso3").asText());
        assertEquals(1, a.get("revision").asInt());
        assertEquals("2026-01-10", a.get("asOf").asText());
        assertFalse(a.get("synthetic").asBoolean());
    }

    @Test
    void theAnalysisMappedFiguresAreTheProgressFiguresOnTheSubmissionDate() throws Exception {
        JsonNode a = analysis("ZAA", post("ZAA", request(r -> r.put("submittedOn", "2020-03-01"))));
        assertEquals("2020-03-01", a.get("asOf").asText());
        JsonNode progress = server.json("/api/state-parties/ZAA?asOf=2020-03-01");
        for (String figure : List.of("footprintSqm", "releasedSqm", "remainingSqm")) {
            assertEquals(progress.get(figure).asDouble(), a.get("mapped").get(figure).asDouble(), 0, figure);
        }
        JsonNode vsMapped = check(a, "stated-vs-mapped");
        assertEquals(progress.get("remainingSqm").asDouble() / 1e6,
                vsMapped.get("figures").get("mappedRemainingKm2").asDouble(), 1e-6);
    }

    @Test
    void submittedNineMonthsBeforeMeetingPassesFailsWhenLateAndWarnsWithoutTheMeetingDate() throws Exception {
        String id = "submitted-nine-months-before-meeting";
        assertStatus("pass", check("ZAA", request(), id));
        JsonNode late = check("ZAA", request(r -> r.put("meetingDate", "2026-09-01")), id);
        assertStatus("fail", late);
        assertEquals(40, late.get("figures").get("daysLate").asInt(), "the last day was 1 December 2025");
        JsonNode unknown = check("ZAA", request(r -> r.remove("meetingDate")), id);
        assertStatus("warn", unknown);
        assertTrue(unknown.get("detail").asText().contains("meetingDate"), unknown.toString());
    }

    @Test
    void durationAtMostFiveYearsPassesAndFailsBeyondFiveYearsFromTheDeadline() throws Exception {
        String id = "duration-at-most-five-years";
        assertStatus("pass", check("ZAA", request(r -> r.put("requestedUntil", "2031-08-01")), id));
        // the API refuses more than five years, so the longer revision is written as an older record would be
        long requestId = post("ZAA", request());
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO extension_revision (extension_request_id, number, submitted_on, meeting_date, requested_until) "
                        + "VALUES (?, 2, DATE '2026-01-10', DATE '2026-11-01', DATE '2031-08-02')")) {
            ps.setLong(1, requestId);
            assertEquals(1, ps.executeUpdate());
        }
        JsonNode tooLong = check(analysis("ZAA", requestId), id);
        assertStatus("fail", tooLong);
        assertEquals("2031-08-01", tooLong.get("figures").get("latestAllowedUntil").asText());
        assertEquals("2031-08-01", analysis("ZAA", requestId).get("draftDecision").get("grantedUntil").asText(),
                "the draft grants no more than five years");
    }

    @Test
    void statedFiguresConsistentPassesFailsBeyondTheToleranceAndWarnsWhenAFigureIsNotStated() throws Exception {
        String id = "stated-figures-consistent";
        assertStatus("pass", check("ZAA", request(), id));
        // 1 % of (d) is about 0.048 km²
        assertStatus("pass", check("ZAA", request(r -> ((ObjectNode) r.get("statedFigures"))
                .put("remainingKm2", remainingKm2 + 0.04)), id));
        JsonNode off = check("ZAA", request(r -> ((ObjectNode) r.get("statedFigures"))
                .put("remainingKm2", remainingKm2 + 0.06)), id);
        assertStatus("fail", off);
        assertTrue(off.get("detail").asText().contains("ANALYSIS_STATED_TOLERANCE_PERCENT = 1 %"), off.toString());
        assertStatus("warn", check("ZAA", request(r -> ((ObjectNode) r.get("statedFigures"))
                .remove("releasedSinceEifKm2")), id));
    }

    @Test
    void statedVsMappedPassesFailsBeyondTheToleranceWarnsWhenNotStatedAndIsNotApplicableWithNothingMapped()
            throws Exception {
        String id = "stated-vs-mapped";
        assertStatus("pass", check("ZAA", request(), id));
        JsonNode off = check("ZAA", request(r -> ((ObjectNode) r.get("statedFigures"))
                .put("contaminatedAtEifKm2", footprintKm2 * 1.2)), id);
        assertStatus("fail", off);
        assertTrue(off.get("detail").asText().contains("ANALYSIS_MAPPED_TOLERANCE_PERCENT = 10 %"), off.toString());
        assertStatus("warn", check("ZAA", request(r -> ((ObjectNode) r.get("statedFigures"))
                .remove("releasedSinceEifKm2")), id));
        assertStatus("not-applicable", check("ZAE", request(), id));
    }

    @Test
    void statedVsReportedPassesFailsBeyondTheToleranceWarnsWhenNotStatedAndIsNotApplicableWithNothingReported()
            throws Exception {
        String id = "stated-vs-reported";
        JsonNode pass = check("ZAB", request(), id);
        assertStatus("pass", pass);
        assertEquals(2025, pass.get("figures").get("reportedYear").asInt());
        assertEquals(1.2, pass.get("figures").get("reportedRemainingKm2").asDouble(), 1e-9);
        JsonNode off = check("ZAB", request(r -> ((ObjectNode) r.get("statedFigures")).put("remainingKm2", 1.5)), id);
        assertStatus("fail", off);
        assertTrue(off.get("detail").asText().contains("ANALYSIS_REPORTED_TOLERANCE_PERCENT = 10 %"), off.toString());
        assertStatus("warn", check("ZAB", request(r -> ((ObjectNode) r.get("statedFigures")).remove("remainingKm2")), id));
        assertStatus("not-applicable", check("ZAA", request(), id));
    }

    @Test
    void workPlanCoversRemainingPassesFailsWhenShortOrWithoutAPlanAndWarnsWhenNoRemainingAreaIsKnown() throws Exception {
        String id = "work-plan-covers-remaining";
        assertStatus("pass", check("ZAA", request(), id));
        JsonNode shortPlan = check("ZAA", request(r -> ((ObjectNode) r.get("workPlan").get(0)).put("clearKm2", 0)), id);
        assertStatus("fail", shortPlan, "1.0 of 1.19 km² planned");
        JsonNode noPlan = check("ZAA", request(r -> r.putArray("workPlan")), id);
        assertStatus("fail", noPlan);
        assertTrue(noPlan.get("detail").asText().contains("no work plan"), noPlan.toString());
        assertStatus("warn", check("ZAE", request(r -> ((ObjectNode) r.get("statedFigures")).remove("remainingKm2")), id));
    }

    private static void assertStatus(String expected, JsonNode check, String why) {
        assertEquals(expected, check.get("status").asText(), why + ": " + check);
    }

    @Test
    void workPlanEndsByRequestedDatePassesWarnsWhenTheLastYearRunsPastItAndFailsWhenItPlansLater() throws Exception {
        String id = "work-plan-ends-by-requested-date";
        assertStatus("pass", check("ZAA", request(), id));
        JsonNode midYear = check("ZAA", request(r -> r.put("requestedUntil", "2030-08-01")), id);
        assertStatus("warn", midYear);
        assertEquals(152, midYear.get("figures").get("daysBeyondRequestedDate").asInt());
        // the API keeps plan years within the period, so the later year is written as an older record would be
        long requestId = post("ZAA", request());
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO work_plan_year (revision_id, year, clear_km2) SELECT id, 2031, 0.1 FROM extension_revision "
                        + "WHERE extension_request_id = ?")) {
            ps.setLong(1, requestId);
            assertEquals(1, ps.executeUpdate());
        }
        assertStatus("fail", check(analysis("ZAA", requestId), id));
        assertStatus("not-applicable", check("ZAA", request(r -> r.putArray("workPlan")), id));
    }

    @Test
    void workPlanPacePlausiblePassesWarnsAboveTheBestYearAndFailsBeyondTheFactor() throws Exception {
        String id = "work-plan-pace-plausible";
        JsonNode pass = check("ZAA", request(), id);
        assertStatus("pass", pass);
        assertEquals(2019, pass.get("figures").get("bestYear").asInt(), "the best year mapped");
        JsonNode faster = check("ZAA", request(r -> ((ObjectNode) r.get("workPlan").get(1)).put("clearKm2", 3.0)), id);
        assertStatus("warn", faster, "3.0 km² against 2.39 km², within 1.5 times");
        JsonNode tooFast = check("ZAA", request(r -> ((ObjectNode) r.get("workPlan").get(1)).put("clearKm2", 4.0)), id);
        assertStatus("fail", tooFast, "4.0 km² against 2.39 km², beyond 1.5 times");
        assertTrue(tooFast.get("detail").asText().contains("ANALYSIS_PACE_FACTOR = 1.5"), tooFast.toString());
        assertStatus("warn", check("ZAE", request(), id), "nothing released is mapped");
    }

    @Test
    void fundingGapPassesWarnsWhenPledgesWouldCloseItAndFailsWhenEvenPledgesFallShort() throws Exception {
        String id = "funding-gap";
        assertStatus("pass", check("ZAA", request(), id));
        JsonNode pledged = check("ZAA", request(r -> {
            ArrayNode funding = r.putArray("funding");
            for (int year = 2026; year <= 2030; year++) {
                funding.addObject().put("year", year).put("source", "National budget").put("amountUsd", 50_000)
                        .put("status", "disbursed");
                funding.addObject().put("year", year).put("source", "A donor").put("amountUsd", 50_000)
                        .put("status", "pledged");
            }
        }), id);
        assertStatus("warn", pledged);
        assertEquals(250_000, pledged.get("figures").get("gapUsd").asDouble(), 0);
        assertEquals(5, pledged.get("figures").get("years").size(), "per year");
        assertEquals(50_000, pledged.get("figures").get("years").get(0).get("gapUsd").asDouble(), 0);
        JsonNode shortOfIt = check("ZAA", request(r -> ((ArrayNode) r.get("funding")).remove(4)), id);
        assertStatus("fail", shortOfIt, "2030 has no money at all");
        assertTrue(shortOfIt.get("detail").asText().contains("ANALYSIS_FUNDING_GAP_TOLERANCE_PERCENT = 5 %"));
        assertStatus("warn", check("ZAA", request(r -> r.get("workPlan")
                .forEach(y -> ((ObjectNode) y).remove("budgetNeededUsd"))), id), "no budget stated");
    }

    @Test
    void sectionsCompletePassesWarnsWithoutAnImasSectionAndFailsWithoutAnArticle4Section() throws Exception {
        String id = "sections-complete";
        assertStatus("pass", check("ZAA", request(), id));
        JsonNode imas = check("ZAA", request(r -> removeSection(r, "riskEducation")), id);
        assertStatus("warn", imas);
        assertTrue(imas.get("detail").asText().contains("Risk education (IMAS 07.13)"), imas.toString());
        JsonNode treaty = check("ZAA", request(r -> removeSection(r, "reasons")), id);
        assertStatus("fail", treaty);
        assertTrue(treaty.get("detail").asText().contains("4(6)(b)"), treaty.toString());
    }

    /**
     * A renewal of {@code iso3}: a first request submitted in 2018 with {@code previousPlan} (year,
     * km² to clear) granted until 1 August 2031, then a new request submitted on 10 January 2026.
     */
    private static JsonNode renewal(String iso3, double[][] previousPlan) throws Exception {
        ObjectNode first = request(r -> {
            r.put("submittedOn", "2018-01-10").put("requestedUntil", "2031-08-01");
            ArrayNode plan = r.putArray("workPlan");
            for (double[] y : previousPlan) {
                plan.addObject().put("year", (int) y[0]).put("clearKm2", y[1]);
            }
            r.putArray("funding");
        });
        long previous = post(iso3, first);
        HttpResponse<String> decided = send("POST", "/api/state-parties/" + iso3 + "/extension-requests/" + previous
                + "/decision", "{\"status\": \"granted\", \"grantedUntil\": \"2031-08-01\", \"decidedOn\": \"2018-11-01\"}");
        assertEquals(200, decided.statusCode(), decided.body());
        JsonNode renewal = request(r -> {
            r.put("requestedUntil", "2033-12-31");
        });
        return analysis(iso3, post(iso3, renewal));
    }

    @Test
    void previousMilestonesPassesWarnsWhenAYearIsMissedFailsWhenShortInAllAndIsNotApplicableToAFirstRequest()
            throws Exception {
        String id = "previous-milestones";
        JsonNode onTrack = renewal("ZAC", new double[][] {{2019, 2.0}, {2021, 1.0}});
        assertStatus("pass", check(onTrack, id));
        assertEquals("2031-08-01", check(onTrack, "duration-at-most-five-years").get("figures").get("currentDeadline")
                .asText(), "a renewal extends the granted deadline");
        JsonNode missed = check(renewal("ZAD", new double[][] {{2019, 2.0}, {2020, 0.3}, {2021, 0.5}}), id);
        assertStatus("warn", missed, "2020 released nothing, the total is met");
        assertEquals(3, missed.get("figures").get("years").size());
        assertFalse(missed.get("figures").get("years").get(1).get("met").asBoolean());
        JsonNode shortOfIt = check(renewal("ZAF", new double[][] {{2019, 3.0}, {2021, 2.0}}), id);
        assertStatus("fail", shortOfIt, "5 km² planned, 3.58 released");
        assertTrue(shortOfIt.get("detail").asText().contains("ANALYSIS_MILESTONE_TOLERANCE_PERCENT = 10 %"));
        assertStatus("not-applicable", check("ZAA", request(), id));
    }

    @Test
    void theDraftDecisionProposesThePlansYearlyTargetsAsBenchmarks() throws Exception {
        JsonNode draft = analysis("ZAA", post("ZAA", request())).get("draftDecision");
        assertEquals("2030-12-31", draft.get("grantedUntil").asText());
        assertEquals(5, draft.get("benchmarks").size());
        assertEquals(2026, draft.get("benchmarks").get(0).get("year").asInt());
        assertEquals(0.25, draft.get("benchmarks").get(0).get("releaseKm2").asDouble(), 1e-9);
        assertTrue(draft.get("text").asText().contains("2026: 0.250 km²"), draft.toString());
    }

    @Test
    void theAnalysisRendersAsHtmlWithEachCheckOutcomeInWordsAndTheDraftDecision() throws Exception {
        long id = post("ZAA", request(r -> r.put("meetingDate", "2026-09-01")));
        HttpResponse<String> html = server.get("/api/state-parties/ZAA/extension-requests/" + id + "/analysis?f=html");
        assertEquals(200, html.statusCode());
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String page = html.body();
        assertTrue(page.contains("Analysis of the extension request of Test: analysis, first request"), page);
        assertTrue(page.contains("Submitted at least nine months before the meeting that considers it (Article 4(6))"));
        assertTrue(page.contains("Failed") && page.contains("Passed") && page.contains("Not applicable"));
        assertTrue(page.contains("Draft decision (Article 4(7))"));
        assertTrue(page.contains("Each request shall be submitted a minimum of nine months prior to the Meeting"),
                "the provision quoted");
        assertTrue(page.contains("Benchmarks: the work plan&#39;s yearly targets")
                || page.contains("Benchmarks: the work plan's yearly targets"));
        assertFalse(page.contains("daysLate"), "labels in words, never field names");
        String sheet = URI.create(server.url("/api/state-parties/ZAA/extension-requests/" + id + "/analysis"))
                .resolve("../../../../../report.css").getPath();
        assertEquals("/report.css", sheet);
        assertTrue(page.contains("<link rel=\"stylesheet\" href=\"../../../../../report.css\">"), "styled by report.css");
        assertTrue(page.contains("Days late"));
    }

    @Test
    void everyRequestOfTheReferenceDataIsAnalysedEvenWithoutARequestedDateOrAPlan() throws Exception {
        int analysed = 0;
        for (JsonNode party : server.json("/api/state-parties")) {
            String iso3 = party.get("iso3").asText();
            for (JsonNode e : server.json("/api/state-parties/" + iso3).get("extensions")) {
                HttpResponse<String> r = server.get("/api/state-parties/" + iso3 + "/extension-requests/"
                        + e.get("id").asLong() + "/analysis");
                assertEquals(200, r.statusCode(), iso3 + " " + e + ": " + r.body());
                JsonNode a = JSON.readTree(r.body());
                assertEquals(ExtensionAnalysis.IDS.size(), a.get("checks").size());
                if (e.get("requestedUntil").isNull()) {
                    assertStatus("warn", check(a, "duration-at-most-five-years"), "no requested date");
                    assertTrue(a.get("draftDecision").get("grantedUntil").isNull(), a.toString());
                }
                analysed++;
            }
        }
        assertTrue(analysed >= 18, "the reference data's requests: " + analysed);
    }

    @Test
    void theAnalysisRendersAsPdfWordAndExcelWithTheOutcomesAndTheDraftDecision() throws Exception {
        String base = "/api/state-parties/ZAA/extension-requests/" + post("ZAA", request()) + "/analysis";
        HttpResponse<byte[]> pdf = server.getBytes(base + "?f=pdf");
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        String text;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertTrue(text.contains("Draft decision (Article 4(7))"), text);
        assertTrue(text.contains("Passed") && text.contains("Not applicable"), text);
        HttpResponse<byte[]> docx = server.getBytes(base + "?f=docx");
        assertEquals(200, docx.statusCode());
        try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(docx.body()));
             var extractor = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(doc)) {
            String words = extractor.getText();
            assertTrue(words.contains("Benchmarks: the work plan's yearly targets"), words);
            assertTrue(words.contains("For a renewal, the previous plan's years: planned against released (Article 4(8))"));
        }
        HttpResponse<byte[]> xlsx = server.getBytes(base + "?f=xlsx");
        assertEquals(200, xlsx.statusCode());
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            assertTrue(book.getNumberOfSheets() >= 3, "a summary and a sheet per table");
        }
    }

    @Test
    void anUnknownRequestIsA404AndABadIdA400() throws Exception {
        HttpResponse<String> unknown = server.get("/api/state-parties/ZAA/extension-requests/999999/analysis");
        assertEquals(404, unknown.statusCode());
        assertEquals("application/problem+json", unknown.headers().firstValue("Content-Type").orElse(""));
        assertEquals(400, server.get("/api/state-parties/ZAA/extension-requests/x/analysis").statusCode());
    }
}
