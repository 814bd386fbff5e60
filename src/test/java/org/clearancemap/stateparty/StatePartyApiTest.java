package org.clearancemap.stateparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StatePartyApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(StatePartyApiTest.class);
        server = TestServer.start(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @Test
    void theTenStatesPartiesOfTheReferenceDataAreListedWithTheirCurrentDeadlines() throws Exception {
        HttpResponse<String> r = server.get("/api/state-parties");
        assertEquals(200, r.statusCode());
        JsonNode list = JSON.readTree(r.body());
        Map<String, String> deadlines = new HashMap<>();
        list.forEach(s -> deadlines.put(s.get("iso3").asText(), s.get("currentDeadline").asText()));
        // Latest granted extension per ../shared/reference/extensions.csv, else EIF + 10 years.
        assertEquals(Map.of(
                "AFG", "2026-03-01", "TCD", "2026-10-01", "CHL", "2026-06-01", "DEU", "2025-08-01",
                "IRQ", "2028-11-01", "LAO", "2030-08-01", "LBN", "2026-05-01", "MRT", "2026-08-01",
                "SOM", "2026-03-01", "SSD", "2034-02-01"), deadlines);
    }

    @Test
    void aStatePastItsCurrentDeadlineIsDeadlinePassedWithTheDaysSinceAndAnyPendingRequest() throws Exception {
        Map<String, JsonNode> rows = new HashMap<>();
        JSON.readTree(server.get("/api/deadlines?asOf=2026-12-01").body()).forEach(s -> rows.put(s.get("iso3").asText(), s));
        // Chad: deadline 2026-10-01 (12MSP second interim extension), no request since
        JsonNode tcd = rows.get("TCD");
        assertEquals("deadline-passed", tcd.get("status").asText());
        assertEquals(61, tcd.get("deadlinePassedDays").asInt());
        assertEquals(0.17, tcd.get("deadlinePassedYears").asDouble(), 1e-9);
        assertEquals(false, tcd.get("extensionRequestPending").asBoolean());
        // Afghanistan: deadline 2026-03-01, the 13MSP request submitted on 2025-01-01 and undecided
        assertEquals("deadline-passed", rows.get("AFG").get("status").asText());
        assertEquals(true, rows.get("AFG").get("extensionRequestPending").asBoolean());
        // Lao PDR: deadline 2030-08-01
        assertNotEquals("deadline-passed", rows.get("LAO").get("status").asText());
        assertTrue(rows.get("LAO").get("deadlinePassedDays").isNull());
        // Germany before its 2025 deadline, with the 12MSP request of 2024-01-01 pending
        JsonNode deu = JSON.readTree(server.get("/api/state-parties/DEU?asOf=2024-06-01").body());
        assertNotEquals("deadline-passed", deu.get("status").asText());
        assertEquals(true, deu.get("extensionRequestPending").asBoolean());
        Map<String, JsonNode> list = new HashMap<>();
        JSON.readTree(server.get("/api/state-parties?asOf=2026-12-01").body()).forEach(s -> list.put(s.get("iso3").asText(), s));
        assertEquals("deadline-passed", list.get("TCD").get("status").asText());
        assertEquals(61, list.get("TCD").get("deadlinePassedDays").asInt());
        assertEquals(true, list.get("MRT").get("extensionRequestPending").asBoolean());
    }

    @Test
    void aStatePartyCarriesItsEntryIntoForceAndOriginalDeadline() throws Exception {
        JsonNode lao = JSON.readTree(server.get("/api/state-parties/LAO").body());
        assertEquals("Lao People's Democratic Republic", lao.get("name").asText());
        assertEquals("2010-08-01", lao.get("eifDate").asText());
        assertEquals("2020-08-01", lao.get("originalDeadline").asText());
    }

    @Test
    void oneStatePartyListsItsExtensionsAndReportedFiguresWithTheirSources() throws Exception {
        JsonNode chl = JSON.readTree(server.get("/api/state-parties/chl").body());
        assertEquals("CHL", chl.get("iso3").asText());
        assertEquals(4, chl.get("extensions").size());
        assertEquals("submitted", chl.get("extensions").get(3).get("status").asText());
        assertEquals(3, chl.get("reportedFigures").size());
        for (JsonNode f : chl.get("reportedFigures")) {
            assertTrue(f.get("source").asText().length() > 5, f.toString());
        }
        assertEquals(96.88, chl.get("reportedFigures").get(0).get("remainingKm2").asDouble(), 1e-9);
    }

    @Test
    void aReportedFigureGivesItsReleasedTotalAndNoRatioWhereNothingIsMapped() throws Exception {
        JsonNode lao = JSON.readTree(server.get("/api/state-parties/LAO").body());
        JsonNode first = lao.get("reportedFigures").get(0);
        assertEquals(2019, first.get("year").asInt());
        assertTrue(first.get("releasedKm2").isNull());
        assertEquals(45.6, first.get("releasedTotalKm2").asDouble(), 1e-9, "only the cleared area is reported");
        for (JsonNode f : lao.get("reportedFigures")) {
            assertTrue(f.get("reportedToMappedRatio").isNull(), "nothing is mapped here: " + f);
        }
    }

    @Test
    void everyStatePartyNamesTheBasemapCountriesOfItsOutline() throws Exception {
        JsonNode list = JSON.readTree(server.get("/api/state-parties").body());
        Map<String, String> outlines = new HashMap<>();
        list.forEach(s -> outlines.put(s.get("iso3").asText(), s.get("outline").toString()));
        assertEquals("{\"ids\":[\"418\"],\"names\":[]}", outlines.get("LAO"));
        assertEquals("{\"ids\":[\"706\"],\"names\":[\"Somaliland\"]}", outlines.get("SOM"));
        assertEquals(10, outlines.size());
        outlines.values().forEach(o -> assertTrue(o.matches("\\{\"ids\":\\[\"\\d{3}\"],.*"), o));
    }

    @Test
    void oneStatePartyNamesTheBasemapCountriesOfItsOutline() throws Exception {
        JsonNode som = JSON.readTree(server.get("/api/state-parties/SOM").body());
        assertEquals("{\"ids\":[\"706\"],\"names\":[\"Somaliland\"]}", som.get("outline").toString());
    }

    @Test
    void anUnknownStatePartyIsA404Problem() throws Exception {
        HttpResponse<String> r = server.get("/api/state-parties/XYZ");
        assertEquals(404, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode p = JSON.readTree(r.body());
        assertEquals(404, p.get("status").asInt());
        assertTrue(p.get("detail").asText().contains("XYZ"));
    }

    @Test
    void aMalformedCodeIsA400NamingTheParameter() throws Exception {
        HttpResponse<String> r = server.get("/api/state-parties/LA0");
        assertEquals(400, r.statusCode());
        assertEquals("iso3", JSON.readTree(r.body()).get("parameter").asText());
    }

    @Test
    void aMalformedDateIsA400NamingTheParameter() throws Exception {
        HttpResponse<String> r = server.get("/api/state-parties/LAO?asOf=2024-02-30");
        assertEquals(400, r.statusCode());
        JsonNode p = JSON.readTree(r.body());
        assertEquals("asOf", p.get("parameter").asText());
        assertTrue(p.get("detail").asText().contains("YYYY-MM-DD"));
    }
}
