package org.clearancemap.lap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.clearancemap.auth.Role;
import org.clearancemap.testing.SqlFixture;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.clearancemap.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The indicator registry, values, measures and the progress report against the fixture of {@code /lap/fixture.sql}. */
class LapApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGISTRY = """
            {"source": "Test registry, not the official wording",
             "indicators": [
               {"id": "hand-yn", "action": 20, "text": "Test yes-no indicator", "kind": "yes-no"},
               {"id": "hand-count", "action": 21, "text": "Test count indicator", "kind": "count"},
               {"id": "hand-pct", "action": 22, "text": "Test percentage indicator", "kind": "percentage"},
               {"id": "hand-area", "action": 23, "text": "Test area indicator", "kind": "area"},
               {"id": "m-baseline", "action": 18, "text": "Test mapped baseline", "kind": "yes-no", "measure": "mapped-baseline"},
               {"id": "m-release", "action": 24, "text": "Test release by method", "kind": "yes-no", "measure": "release-reported-by-method"},
               {"id": "m-milestones", "action": 25, "text": "Test milestones", "kind": "yes-no", "measure": "milestones-set"},
               {"id": "m-costed", "action": 26, "text": "Test costed plan", "kind": "yes-no", "measure": "costed-work-plan"},
               {"id": "m-on-track", "action": 27, "text": "Test on track", "kind": "yes-no", "measure": "on-track-at-year-end"},
               {"id": "m-tolerance", "action": 28, "text": "Test reported near mapped", "kind": "yes-no", "measure": "reported-within-tolerance-of-mapped"}
             ]}
            """;
    private static TestDatabase db;
    private static TestServer server;
    private static String coordinator;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(LapApiTest.class);
        SqlFixture.run(db, "/lap/fixture.sql");
        server = TestServer.start(db, Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC)).asAdmin(db);
        coordinator = new Tokens(db).issue("lap coordinator", Role.COORDINATOR);
        ok(put("/api/lap/indicators", REGISTRY, "application/json"), 201);
        // QAA's request has a costed plan; QDD's has none
        ok(send("POST", "/api/state-parties/QAA/extension-requests", """
                {"requestedUntil": "2030-03-01", "submittedOn": "2020-06-01", "meeting": "Test",
                 "workPlan": [{"year": 2026, "clearKm2": 0.01, "budgetNeededUsd": 100000}]}""", "application/json", null), 201);
        ok(send("POST", "/api/state-parties/QDD/extension-requests", """
                {"requestedUntil": "2024-01-01", "submittedOn": "2020-06-01", "meeting": "Test",
                 "workPlan": [{"year": 2022, "clearKm2": 0.01}]}""", "application/json", null), 201);
        // 2020: QAA and QCC meet hand-yn, QDD does not; 2021: QAA meets, QBB does not, QDD unknown
        value("QAA", "hand-yn", 2020, "true");
        value("QCC", "hand-yn", 2020, "true");
        value("QDD", "hand-yn", 2020, "false");
        value("QAA", "hand-yn", 2021, "false");
        value("QAA", "hand-yn", 2021, "true");
        value("QBB", "hand-yn", 2021, "false");
        value("QCC", "hand-yn", 2021, "true"); // not affected in 2021: not counted
        value("QAA", "hand-count", 2021, "0");
        value("QBB", "hand-count", 2021, "3");
        value("QAA", "hand-pct", 2021, "100");
        value("QBB", "hand-pct", 2021, "99.5");
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static void value(String iso3, String indicator, int year, String value) throws Exception {
        ok(send("PUT", "/api/state-parties/" + iso3 + "/lap/" + indicator + "/" + year,
                "{\"value\": " + value + ", \"source\": \"Test source\", \"note\": \"test\"}", "application/json",
                coordinator), 201);
    }

    private static HttpResponse<String> put(String path, String body, String type) throws Exception {
        return send("PUT", path, body, type, coordinator);
    }

    private static HttpResponse<String> send(String method, String path, String body, String type, String token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return server.send(b);
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(r.body());
    }

    private static JsonNode indicator(JsonNode progress, String id) {
        for (JsonNode i : progress.get("indicators")) {
            if (i.get("id").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no indicator " + id + " in " + progress);
    }

    private static List<String> codes(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theAffectedStatePartiesAreThoseInForceByYearEndAndNotCompletedBeforeItsStart() throws Exception {
        assertEquals(List.of("QAA", "QCC", "QDD"), codes(server.json("/api/lap/progress?year=2020").get("affectedStateParties")));
        assertEquals(List.of("QAA", "QBB", "QDD"), codes(server.json("/api/lap/progress?year=2021").get("affectedStateParties")));
    }

    @Test
    void theProgressGivesMetNotMetUnknownAndThePercentageOfTheAffectedBesideThePreviousYear() throws Exception {
        JsonNode yn = indicator(server.json("/api/lap/progress?year=2021"), "hand-yn");
        assertEquals(List.of("QAA"), codes(yn.get("met")), "the latest of QAA's values counts");
        assertEquals(List.of("QBB"), codes(yn.get("notMet")));
        assertEquals(List.of("QDD"), codes(yn.get("unknown")));
        assertEquals(1, yn.get("metCount").asInt());
        assertEquals(100.0 / 3, yn.get("metPercentage").asDouble(), 1e-9);
        assertEquals(2020, yn.get("previousYear").get("year").asInt());
        assertEquals(2, yn.get("previousYear").get("metCount").asInt());
        assertEquals(200.0 / 3, yn.get("previousYear").get("metPercentage").asDouble(), 1e-9);
        assertEquals(1, yn.get("notMetCount").asInt());
        assertEquals(100.0 / 3, yn.get("notMetPercentage").asDouble(), 1e-9);
        assertEquals(1, yn.get("unknownCount").asInt());
        assertEquals(100.0 / 3, yn.get("unknownPercentage").asDouble(), 1e-9);
        JsonNode before = yn.get("previousYear");
        assertEquals(before.get("affectedCount").asInt(), before.get("metCount").asInt()
                + before.get("notMetCount").asInt() + before.get("unknownCount").asInt());
        assertEquals(100.0, before.get("metPercentage").asDouble() + before.get("notMetPercentage").asDouble()
                + before.get("unknownPercentage").asDouble(), 1e-9);
        assertEquals(3, server.json("/api/lap/progress?year=2021").get("affectedCount").asInt());

        JsonNode count = indicator(server.json("/api/lap/progress?year=2021"), "hand-count");
        assertEquals(List.of("QBB"), codes(count.get("met")), "a count above 0 meets it");
        assertEquals(List.of("QAA"), codes(count.get("notMet")));
        JsonNode pct = indicator(server.json("/api/lap/progress?year=2021"), "hand-pct");
        assertEquals(List.of("QAA"), codes(pct.get("met")), "a percentage meets it at 100");
        assertEquals(List.of("QBB"), codes(pct.get("notMet")));
    }

    @Test
    void eachMeasureIsComputedWhereItIsMetAndWhereItIsNot() throws Exception {
        JsonNode p2020 = server.json("/api/lap/progress?year=2020");
        JsonNode p2021 = server.json("/api/lap/progress?year=2021");
        // hazards: QAA's since 2016, QDD's only from mid-2021
        assertEquals(List.of("QAA"), codes(indicator(p2020, "m-baseline").get("met")));
        assertEquals(List.of("QAA", "QDD"), codes(indicator(p2021, "m-baseline").get("met")));
        // reported by method: QAA's 2020 figure; QDD's 2021 figure gives only the remaining area
        assertEquals(List.of("QAA"), codes(indicator(p2020, "m-release").get("met")));
        assertEquals(List.of("QAA", "QBB", "QDD"), codes(indicator(p2021, "m-release").get("notMet")));
        // QAA has a milestone for 2021, none for 2022
        assertEquals(List.of("QAA"), codes(indicator(p2020, "m-milestones").get("met")));
        assertEquals(List.of(), codes(indicator(p2021, "m-milestones").get("met")));
        // QAA's latest request is costed, QDD's is not; neither existed before June 2020
        assertEquals(List.of("QAA"), codes(indicator(p2020, "m-costed").get("met")));
        assertEquals(List.of("QCC", "QDD"), codes(indicator(p2020, "m-costed").get("notMet")));
        assertEquals(List.of(), codes(indicator(server.json("/api/lap/progress?year=2019"), "m-costed").get("met")));
        // QCC completed on 31 December 2020
        assertTrue(codes(indicator(p2020, "m-on-track").get("met")).contains("QCC"), p2020.toString());
        assertTrue(codes(indicator(p2021, "m-on-track").get("notMet")).contains("QBB"), p2021.toString());
        // QAA reported 0.047 km² against 0.0476 mapped; QDD 0.5 against 0.0476; QBB reported nothing
        assertEquals(List.of("QAA"), codes(indicator(p2021, "m-tolerance").get("met")));
        assertEquals(List.of("QDD"), codes(indicator(p2021, "m-tolerance").get("notMet")));
        assertEquals(List.of("QBB"), codes(indicator(p2021, "m-tolerance").get("unknown")));
    }

    @Test
    void aBoundValueIsShownAsComputedWithWhatItUsedAndAnOverrideIsRecordedAsSuch() throws Exception {
        JsonNode v = server.json("/api/state-parties/QDD/lap/m-baseline/2020");
        assertTrue(v.get("value").get("computed").asBoolean(), v.toString());
        assertFalse(v.get("value").get("value").asBoolean());
        assertEquals("2020-12-31", v.get("value").get("used").get("asOf").asText());
        JsonNode overridden = ok(put("/api/state-parties/QDD/lap/m-baseline/2020",
                "{\"value\": true, \"source\": \"Survey report kept on paper\"}", "application/json"), 201);
        assertFalse(overridden.get("value").get("computed").asBoolean(), overridden.toString());
        assertTrue(overridden.get("value").get("override").asBoolean());
        assertTrue(overridden.get("value").get("value").asBoolean());
        assertFalse(overridden.get("value").get("computedValue").asBoolean(), "the computed value stays beside");
        assertTrue(overridden.get("history").get(0).get("override").asBoolean());
        assertEquals("source", problem(put("/api/state-parties/QDD/lap/m-baseline/2020", "{\"value\": true}",
                "application/json"), 400).get("parameter").asText(), "an override needs a source");
    }

    @Test
    void aValueKeepsItsHistoryWithWhoRecordedItAndTheWriteIsAudited() throws Exception {
        JsonNode v = server.json("/api/state-parties/QAA/lap/hand-yn/2021");
        assertTrue(v.get("value").get("value").asBoolean());
        assertFalse(v.get("value").get("computed").asBoolean());
        assertEquals(2, v.get("history").size());
        assertFalse(v.get("history").get(1).get("value").asBoolean(), "the earlier value is kept");
        assertEquals("lap coordinator", v.get("history").get(0).get("recordedBy").asText());
        assertEquals("Test source", v.get("history").get(0).get("source").asText());
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_event WHERE action = 'lap-value.record' "
                     + "AND iso3 = 'QAA' AND actor = 'lap coordinator'")) {
            rs.next();
            assertTrue(rs.getInt(1) >= 2);
        }
    }

    @Test
    void aReloadIsANewVersionAndKeepsTheEarlierOneAndItsValues() throws Exception {
        String csv = "id,action,text,kind,measure\n"
                + "hand-yn,20,\"Test yes-no indicator, reworded\",yes-no,\n"
                + "extra,29,Test extra indicator,count,\n";
        JsonNode reloaded = ok(put("/api/lap/indicators?source=Test+CSV+registry", csv, "text/csv"), 201);
        int version = reloaded.get("version").asInt();
        assertEquals("Test CSV registry", reloaded.get("source").asText());
        assertEquals("Test yes-no indicator, reworded", reloaded.get("indicators").get(0).get("text").asText());
        JsonNode earlier = server.json("/api/lap/indicators?version=" + (version - 1));
        assertEquals("Test yes-no indicator", earlier.get("indicators").get(0).get("text").asText());
        assertTrue(codes(reloaded.get("versions")).contains(String.valueOf(version - 1)));
        JsonNode kept = server.json("/api/state-parties/QAA/lap/hand-yn/2021");
        assertEquals(2, kept.get("history").size(), "values recorded under the earlier version are kept");
        assertEquals(version - 1, kept.get("history").get(0).get("registryVersion").asInt());
        // the rest of the tests read the first registry
        ok(put("/api/lap/indicators", REGISTRY, "application/json"), 201);
    }

    @Test
    void theMeasuresAreListedWithADescription() throws Exception {
        JsonNode m = server.json("/api/lap/measures").get("measures");
        assertEquals(6, m.size());
        assertEquals("mapped-baseline", m.get(0).get("id").asText());
        assertFalse(m.get(0).get("description").asText().isBlank());
    }

    @Test
    void badRegistriesAre400sNamingTheField() throws Exception {
        assertEquals("indicators[0].kind", problem(put("/api/lap/indicators",
                "{\"source\": \"s\", \"indicators\": [{\"id\": \"a\", \"action\": 20, \"text\": \"t\", \"kind\": \"ratio\"}]}",
                "application/json"), 400).get("parameter").asText());
        assertEquals("indicators[0].action", problem(put("/api/lap/indicators",
                "{\"source\": \"s\", \"indicators\": [{\"id\": \"a\", \"action\": 31, \"text\": \"t\", \"kind\": \"count\"}]}",
                "application/json"), 400).get("parameter").asText());
        assertEquals("indicators[0].measure", problem(put("/api/lap/indicators",
                "{\"source\": \"s\", \"indicators\": [{\"id\": \"a\", \"action\": 20, \"text\": \"t\", \"kind\": \"count\", \"measure\": \"mapped-baseline\"}]}",
                "application/json"), 400).get("parameter").asText(), "a yes-no measure on a count indicator");
        assertEquals("indicators[1].id", problem(put("/api/lap/indicators",
                "{\"source\": \"s\", \"indicators\": [{\"id\": \"a\", \"action\": 20, \"text\": \"t\", \"kind\": \"count\"},"
                        + "{\"id\": \"a\", \"action\": 20, \"text\": \"t\", \"kind\": \"count\"}]}",
                "application/json"), 400).get("parameter").asText());
        assertEquals("source", problem(put("/api/lap/indicators", "id,action,text,kind\na,20,t,count\n", "text/csv"), 400)
                .get("parameter").asText());
        problem(send("PUT", "/api/lap/indicators", REGISTRY, "application/json", "not-a-token"), 401);
    }

    @Test
    void badValuesAre4xxNamingTheFieldOrTheIndicator() throws Exception {
        assertEquals("value", problem(put("/api/state-parties/QAA/lap/hand-yn/2021",
                "{\"value\": 1, \"source\": \"s\"}", "application/json"), 400).get("parameter").asText());
        assertEquals("value", problem(put("/api/state-parties/QAA/lap/hand-count/2021",
                "{\"value\": 1.5, \"source\": \"s\"}", "application/json"), 400).get("parameter").asText());
        assertEquals("value", problem(put("/api/state-parties/QAA/lap/hand-pct/2021",
                "{\"value\": 101, \"source\": \"s\"}", "application/json"), 400).get("parameter").asText());
        assertEquals("value", problem(put("/api/state-parties/QAA/lap/hand-area/2021",
                "{\"value\": -1, \"source\": \"s\"}", "application/json"), 400).get("parameter").asText());
        assertEquals("year", problem(put("/api/state-parties/QBB/lap/hand-yn/2020",
                "{\"value\": true, \"source\": \"s\"}", "application/json"), 400).get("parameter").asText(),
                "before entry into force");
        assertEquals("year", problem(put("/api/state-parties/QAA/lap/hand-yn/2027",
                "{\"value\": true, \"source\": \"s\"}", "application/json"), 400).get("parameter").asText(),
                "after this year");
        assertTrue(problem(put("/api/state-parties/QAA/lap/no-such/2021", "{\"value\": true, \"source\": \"s\"}",
                "application/json"), 404).get("detail").asText().contains("no-such"));
        problem(send("PUT", "/api/state-parties/QAA/lap/hand-yn/2021", "{\"value\": true, \"source\": \"s\"}",
                "application/json", new Tokens(db).issue("lap analyst", Role.ANALYST)), 403);
        assertEquals("year", problem(server.get("/api/lap/progress"), 400).get("parameter").asText());
    }

    @Test
    void theProgressReportReadsInTheTreatysWordsInEveryFormat() throws Exception {
        HttpResponse<String> html = server.get("/api/lap/progress?year=2021&f=html");
        assertEquals(200, html.statusCode(), html.body());
        assertTrue(html.body().contains("Affected States Parties"), html.body());
        assertTrue(html.body().contains("Test yes-no indicator"));
        assertFalse(html.body().contains("metPercentage"));
        HttpResponse<String> csv = server.get("/api/lap/progress?year=2021&f=csv&table=indicators");
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.body().contains("Meeting it") && csv.body().contains("Share, 2020"), csv.body());
        HttpResponse<String> who = server.get("/api/lap/progress?year=2021&f=csv&table=states-parties");
        assertEquals(200, who.statusCode(), who.body());
        assertTrue(who.body().contains("States Parties meeting it") && who.body().contains("QBB"), who.body());
    }

    /** PDF text, the Word document and the Excel sheet hold each indicator's count and share as JSON gives them. */
    @Test
    void theProgressReportsDocumentsHoldTheJsonFigures() throws Exception {
        JsonNode r = ok(server.get("/api/lap/progress?year=2021"), 200);
        assertTrue(r.get("indicators").size() > 0, r.toString());

        String text;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(server.getBytes("/api/lap/progress?year=2021&f=pdf").body())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        String words;
        try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(
                server.getBytes("/api/lap/progress?year=2021&f=docx").body()));
             var extractor = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(doc)) {
            words = extractor.getText().replaceAll("\\s+", " ");
        }
        for (JsonNode indicator : r.get("indicators")) {
            String share = indicator.get("metPercentage").isNull() ? "" : org.clearancemap.report.Formats.document(
                    org.clearancemap.report.Document.Kind.PERCENT, indicator.get("metPercentage").asDouble() / 100);
            String row = indicator.get("metCount").asInt() + " " + indicator.get("notMet").size() + " "
                    + indicator.get("unknown").size() + " " + share;
            assertTrue(text.contains(row), "PDF row of " + indicator.get("id") + " \"" + row + "\": " + text);
            assertTrue(words.contains(indicator.get("text").asText()), words);
        }
        assertTrue(words.contains("Affected States Parties, 2021 " + r.get("affectedStateParties").size()), words);

        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
                server.getBytes("/api/lap/progress?year=2021&f=xlsx").body()))) {
            int matched = 0;
            for (var sheet : book) {
                for (var row : sheet) {
                    var first = row.getCell(0);
                    if (first == null || first.getCellType() != org.apache.poi.ss.usermodel.CellType.NUMERIC
                            || row.getCell(2) == null
                            || row.getCell(2).getCellType() != org.apache.poi.ss.usermodel.CellType.NUMERIC) {
                        continue;
                    }
                    for (JsonNode indicator : r.get("indicators")) {
                        if (indicator.get("text").asText().equals(row.getCell(1).getStringCellValue())) {
                            assertEquals(indicator.get("action").asInt(), (int) first.getNumericCellValue());
                            assertEquals(indicator.get("metCount").asInt(), (int) row.getCell(2).getNumericCellValue());
                            if (!indicator.get("metPercentage").isNull()) {
                                assertEquals(indicator.get("metPercentage").asDouble() / 100,
                                        row.getCell(5).getNumericCellValue(), 5e-4, "share, a real fraction rounded as shown");
                            }
                            matched++;
                        }
                    }
                }
            }
            assertEquals(r.get("indicators").size(), matched, "one Excel row per indicator");
        }
    }
}
