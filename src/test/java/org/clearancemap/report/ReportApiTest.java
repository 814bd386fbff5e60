package org.clearancemap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.clearancemap.testing.SqlFixture;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(ReportApiTest.class);
        SqlFixture.run(db, "/progress/edge-cases.sql");
        server = TestServer.start(db, Clock.fixed(Instant.parse("2022-06-30T12:00:00Z"), ZoneOffset.UTC)).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static JsonNode json(String path) throws Exception {
        return server.json(path);
    }

    @Test
    void theArticle7ReportListsTheContaminatedAreasAndTheAreasReleasedInTheYear() throws Exception {
        JsonNode r = json("/api/state-parties/ZMD/reports/article7?year=2020");
        assertEquals(1, r.get("contaminatedAreas").size());
        assertEquals(3, r.get("areasReleased").size(), "reduce, same-day-cancel and same-day-clear were completed in 2020");
        JsonNode detail = json("/api/state-parties/ZMD?asOf=2020-12-31");
        assertEquals(detail.get("remainingSqm").asDouble(), r.get("totals").get("remainingSqm").asDouble(), 0.001);
        assertEquals(r.get("totals").get("remainingSqm").asDouble(),
                r.get("contaminatedAreas").get(0).get("remainingSqm").asDouble(), 0.01, "one hazard holds all that remains");
        assertEquals(2, r.get("contaminatedAreas").get(0).get("location").size());
    }

    @Test
    void theArticle7ReportIsAlsoCsvAndPrintableHtml() throws Exception {
        HttpResponse<String> csv = server.get("/api/state-parties/ZMD/reports/article7?year=2020&f=csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().contains("7(1)(i) areas released,same-day-clear,cleared,2020-01-01"), csv.body());
        HttpResponse<String> html = server.get("/api/state-parties/ZMD/reports/article7?year=2020&f=html");
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(html.body().contains("<h2>7(1)(h) contaminated areas</h2>"), html.body());
        assertTrue(!html.body().contains("<style") && !html.body().contains("style="), "no inline style: the policy blocks it");
        String sheet = java.net.URI.create(server.url("/api/state-parties/ZMD/reports/article7"))
                .resolve("../../../../report.css").getPath();
        assertEquals("/report.css", sheet);
        assertTrue(html.body().contains("<link rel=\"stylesheet\" href=\"../../../../report.css\">"), html.body());
        HttpResponse<String> css = server.get(sheet);
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertTrue(css.body().contains("@media print"), css.body());
    }

    @Test
    void theExtensionRequestFiguresAddUpFromEntryIntoForce() throws Exception {
        JsonNode r = json("/api/state-parties/ZSU/reports/extension-request?asOf=2021-12-31");
        double total = r.get("article4_6_d").get("totalSqm").asDouble();
        double released = r.get("article4_6_e").get("releasedSinceEifSqm").asDouble();
        double remaining = r.get("article4_6_f").get("remainingSqm").asDouble();
        assertEquals(0.0, r.get("article4_6_d").get("contaminatedAtEifSqm").asDouble(), "nothing was recorded at EIF 2015");
        assertEquals(total - released, remaining, 0.01, "no hazard retired unreleased: (d) - (e) = (f)");
        assertTrue(r.get("yearlyBalance").size() >= 7);
        assertTrue(r.get("projection").has("projectedCompletion"));
    }

    @Test
    void anUnknownFormatIsA400NamingF() throws Exception {
        HttpResponse<String> r = server.get("/api/state-parties/ZMD/reports/extension-request?f=pdf");
        assertEquals(400, r.statusCode());
        assertEquals("f", JSON.readTree(r.body()).get("parameter").asText());
    }

    @Test
    void aYearInTheFutureIsA400NamingYear() throws Exception {
        HttpResponse<String> r = server.get("/api/state-parties/ZMD/reports/article7?year=2031");
        assertEquals(400, r.statusCode());
        assertEquals("year", JSON.readTree(r.body()).get("parameter").asText());
    }

    @Test
    void aHazardThatOnlyTouchesTheRemainingLandAlongAnEdgeHasNoneOfItLeftInTheArticle7Report() throws Exception {
        // two hazards side by side; the eastern one is cleared whole, so the remaining land (the
        // western one) meets it only along their shared edge
        double westSqm;
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("""
                    INSERT INTO state_party (iso3, name, eif_date, original_deadline)
                    VALUES ('ZTE', 'Test: hazards sharing an edge, one cleared', '2015-01-01', '2025-01-01');
                    INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, geom4326, area_sqm)
                    SELECT 'ZTE', id, 1, 'CHA', DATE '2016-01-01', g, ST_Area(g::geography)
                      FROM (VALUES ('west', 'POLYGON((105.08 15,105.082 15,105.082 15.002,105.08 15.002,105.08 15))'),
                                   ('east', 'POLYGON((105.082 15,105.084 15,105.084 15.002,105.082 15.002,105.082 15))'))
                           AS t(id, wkt)
                     CROSS JOIN LATERAL (SELECT ST_Multi(ST_GeomFromText(wkt, 4326)) AS g) AS geom;
                    INSERT INTO land_release (iso3, external_id, version, method, completed_on, geom4326, area_sqm)
                    SELECT 'ZTE', 'east-cleared', 1, 'cleared', DATE '2021-03-01', geom4326, area_sqm
                      FROM hazard WHERE iso3 = 'ZTE' AND external_id = 'east';
                    """);
            try (var rs = st.executeQuery("SELECT ST_Area(geom4326::geography) FROM hazard WHERE iso3 = 'ZTE' AND external_id = 'west'")) {
                rs.next();
                westSqm = rs.getDouble(1);
            }
        }
        JsonNode r = json("/api/state-parties/ZTE/reports/article7?year=2021");
        assertEquals(2, r.get("contaminatedAreas").size());
        for (JsonNode area : r.get("contaminatedAreas")) {
            double expected = area.get("externalId").asText().equals("west") ? westSqm : 0;
            assertEquals(expected, area.get("remainingSqm").asDouble(), 0.5, area.toString());
        }
        assertEquals(200, server.get("/api/state-parties/ZTE/reports/article7?year=2021&f=html").statusCode());
    }
}
