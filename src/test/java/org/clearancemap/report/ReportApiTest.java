package org.clearancemap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
        HttpResponse<String> csv = server.get("/api/state-parties/ZMD/reports/article7?year=2020&f=csv&table=areas-released");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().contains("\r\nsame-day-clear,Cleared,2020-01-01,"), csv.body());
        HttpResponse<String> html = server.get("/api/state-parties/ZMD/reports/article7?year=2020&f=html");
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(html.body().contains("<h2>Article 7(1)(h): cluster munition contaminated areas</h2>"), html.body());
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
        HttpResponse<String> r = server.get("/api/state-parties/ZMD/reports/extension-request?f=odt");
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
        assertEquals(1, r.get("contaminatedAreas").size(), "7(1)(h) lists only what is still contaminated");
        assertEquals("west", r.get("contaminatedAreas").get(0).get("externalId").asText());
        assertEquals(westSqm, r.get("contaminatedAreas").get(0).get("remainingSqm").asDouble(), 0.5);
        assertEquals(1, r.get("areasFullyReleased").size(), "the cleared hazard is under 7(1)(i)");
        assertEquals("east", r.get("areasFullyReleased").get(0).get("externalId").asText());
        assertEquals(0, json("/api/state-parties/ZTE/reports/article7?year=2022").get("areasFullyReleased").size(),
                "released in 2021: in neither list of 2022");
        assertEquals(200, server.get("/api/state-parties/ZTE/reports/article7?year=2021&f=html").statusCode());
    }

    @Test
    void theArticle7TablesAreGroupedByProvinceWithSubtotalsInTheTreatysWordsAndKm2() throws Exception {
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("""
                    INSERT INTO state_party (iso3, name, eif_date, original_deadline)
                    VALUES ('ZAD', 'Test: areas in provinces', '2015-01-01', '2025-01-01');
                    INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, geom4326, area_sqm,
                                        admin1, admin2)
                    SELECT 'ZAD', id, 1, 'CHA', DATE '2016-01-01', g, ST_Area(g::geography), a1, a2
                      FROM (VALUES ('s-1', 'Sékong', 'Lamam', 105.0000037), ('s-2', 'Sékong', NULL, 105.01),
                                   ('a-1', 'Attapeu', 'Sanxay', 105.02), ('x-1', NULL, NULL, 105.03)) AS t(id, a1, a2, lon)
                     CROSS JOIN LATERAL (SELECT ST_Multi(ST_MakeEnvelope(lon, 15, lon + 0.002, 15.002, 4326)) AS g) AS geom;
                    INSERT INTO land_release (iso3, external_id, version, method, completed_on, geom4326, area_sqm, admin1)
                    SELECT 'ZAD', 'a-1-cleared', 1, 'cleared', DATE '2021-03-01', geom4326, area_sqm, 'Attapeu'
                      FROM hazard WHERE iso3 = 'ZAD' AND external_id = 'a-1';
                    """);
        }
        JsonNode r = json("/api/state-parties/ZAD/reports/article7?year=2021");
        assertEquals(3, r.get("contaminatedAreas").size());
        JsonNode first = r.get("contaminatedAreas").get(0);
        assertEquals("Sékong", first.get("admin1").asText());
        assertEquals("Lamam", first.get("admin2").asText());
        assertEquals(105.001, first.get("location").get(0).asDouble(), 0, "5 decimals (105.0010037 rounded)");
        assertEquals("Attapeu", r.get("areasFullyReleased").get(0).get("admin1").asText());
        assertFalse(r.get("synthetic").asBoolean(), "nothing uploaded as synthetic");
        double sekong = r.get("contaminatedAreas").get(0).get("remainingSqm").asDouble()
                + r.get("contaminatedAreas").get(1).get("remainingSqm").asDouble();

        String html = server.get("/api/state-parties/ZAD/reports/article7?year=2021&f=html").body();
        int notStated = html.indexOf(">Administrative area not stated</th>");
        int sekongGroup = html.indexOf(">Sékong</th>");
        assertTrue(sekongGroup > 0 && notStated > sekongGroup, "areas alphabetical, the unstated last: " + html);
        assertTrue(html.contains("<th scope=\"row\">Subtotal, Sékong (2)</th>"), html);
        assertTrue(html.contains("<td class=\"n\">" + Formats.document(Document.Kind.KM2, sekong) + "</td>"), "subtotal in km²");
        assertTrue(html.contains("<th scope=\"row\">Total (3)</th>"), html);
        assertTrue(html.contains("<th scope=\"col\">Province or region</th><th scope=\"col\">District</th>"), html);
        assertFalse(html.contains("SYNTHETIC"), "no notice when nothing is synthetic");
        assertTrue(html.matches("(?s).*\\(\\d{1,3}(,\\d{3})+ m²\\).*"), "m² with thousands separators beside km²");
        for (String path : List.of("/api/state-parties/ZAD/reports/article7?year=2021&f=html",
                "/api/state-parties/ZAD/reports/extension-request?asOf=2021-12-31&f=html")) {
            String page = server.get(path).body();
            for (String field : List.of("currentDeadline", "yearsLeft", "annualRateSqm", "requiredRateSqm", "rateYears",
                    "remainingStart", "retiredUnreleased", "externalId", "areaSqm", "Sqm")) {
                assertFalse(page.contains(field), path + " names the field " + field);
            }
            assertFalse(page.matches("(?s).*>[0-9,]*\\.\\d{4}<.*"), path + ": no figure with 4 decimals");
        }

        String csv = server.get("/api/state-parties/ZAD/reports/article7?year=2021&f=csv&table=contaminated-areas").body();
        String[] lines = csv.split("\r\n");
        assertEquals("Hazardous area,Province or region,District,Classification,Recorded on,Type of cluster munition remnants,"
                + "Size (km²),Still contaminated (km²),Still contaminated (m²),Longitude (WGS 84),Latitude (WGS 84)", lines[0]);
        assertEquals(5, lines.length, "one header, three areas, the total; no group or subtotal rows: " + csv);
        assertTrue(lines[1].startsWith("s-1,Sékong,Lamam,Confirmed hazardous area,2016-01-01,,0."), lines[1]);
        String keyFigures = server.get("/api/state-parties/ZAD/reports/article7?year=2021&f=csv&table=key-figures").body();
        assertTrue(keyFigures.contains("\r\nDocument,Figures refer to,2021-12-31,\r\n"), keyFigures);
        HttpResponse<String> badTable = server.get("/api/state-parties/ZAD/reports/article7?year=2021&f=csv&table=nope");
        assertEquals(400, badTable.statusCode());
        assertEquals("table", JSON.readTree(badTable.body()).get("parameter").asText());
        assertTrue(badTable.body().contains("contaminated-areas"), badTable.body());
    }

    @Test
    void thePdfWordAndExcelDocumentsHoldTheJsonFigures() throws Exception {
        String base = "/api/state-parties/ZMD/reports/extension-request?asOf=2021-12-31";
        JsonNode r = json(base);
        String remainingKm2 = Formats.document(Document.Kind.KM2, r.get("article4_6_f").get("remainingSqm").asDouble());
        String releasedKm2 = Formats.document(Document.Kind.KM2, r.get("article4_6_e").get("releasedSinceEifSqm").asDouble());

        HttpResponse<byte[]> pdf = server.getBytes(base + "&f=pdf");
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        String text;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertTrue(text.contains("Area remaining on 31 December 2021 " + remainingKm2 + " km²"), text);
        assertTrue(text.contains("Area released from "), text);
        assertTrue(text.contains(releasedKm2 + " km²"), text);
        assertTrue(text.contains(TreatyWords.ART_4_6_F.substring(0, 60)), "the treaty's words: " + text);
        assertFalse(text.contains("SYNTHETIC"), "nothing synthetic in this fixture");

        HttpResponse<byte[]> docx = server.getBytes(base + "&f=docx");
        assertEquals(200, docx.statusCode());
        assertTrue(docx.headers().firstValue("Content-Disposition").orElse("").contains(".docx"));
        try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(docx.body()));
             var extractor = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(doc)) {
            String words = extractor.getText();
            assertTrue(words.contains(remainingKm2 + " km²"), words);
            assertTrue(words.contains("Article 4(6)(f): area remaining"), words);
        }

        HttpResponse<byte[]> xlsx = server.getBytes(base + "&f=xlsx");
        assertEquals(200, xlsx.statusCode());
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            var balance = book.getSheetAt(1);
            JsonNode last = r.get("yearlyBalance").get(r.get("yearlyBalance").size() - 1);
            boolean found = false;
            for (var row : balance) {
                var first = row.getCell(0);
                if (first != null && first.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                        && first.getNumericCellValue() == last.get("year").asInt()) {
                    assertEquals(Formats.km2(last.get("remainingEndSqm").asDouble()).doubleValue(),
                            row.getCell(row.getLastCellNum() - 1).getNumericCellValue(), 0, "remaining at end, km²");
                    found = true;
                }
            }
            assertTrue(found, "the balance sheet has the year " + last.get("year"));
        }
    }
}
