package org.clearancemap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.clearancemap.testing.DemoData;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every report of every State Party of the demo dataset (overlapping, re-surveyed, retired and
 * jittered polygons) is produced: hazards whose intersection with the remaining land degenerates
 * into lines or points must not fail the Article 7 report. A hazard's remaining area may exceed its
 * own area by the engine's noding precision (1e-6 relative, the project's agreement bound) and rounding.
 */
class DemoDatasetReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STATES = DemoData.STATES;
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = DemoData.load(DemoDatasetReportsTest.class);
        server = TestServer.start(db, Clock.fixed(Instant.parse("2026-06-30T12:00:00Z"), ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @Test
    void everyArticle7ReportOfTheDemoDatasetIsProducedAndItsAreasAreConsistent() throws Exception {
        for (String iso3 : STATES) {
            for (int year : new int[] {2019, 2022, 2025}) {
                String path = "/api/state-parties/" + iso3 + "/reports/article7?year=" + year;
                HttpResponse<String> r = server.get(path);
                assertEquals(200, r.statusCode(), path + ": " + r.body());
                JsonNode report = JSON.readTree(r.body());
                assertTrue(report.get("synthetic").asBoolean(), path);
                assertEquals(Document.SYNTHETIC_NOTICE, report.get("notice").asText(), path);
                for (JsonNode area : report.get("contaminatedAreas")) {
                    double remaining = area.get("remainingSqm").asDouble();
                    assertTrue(remaining >= Article7Report.STILL_CONTAMINATED_MIN_SQM && remaining <= area.get("areaSqm").asDouble() * (1 + 1e-6) + 0.1,
                            path + " " + area.get("externalId") + ": remaining " + remaining + " of " + area.get("areaSqm"));
                }
                assertEveryCsvRowCarriesTheNotice(path);
                if (year == 2025) {
                    assertEveryPdfPageCarriesTheNotice(path);
                }
                HttpResponse<String> html = server.get(path + "&f=html");
                assertEquals(200, html.statusCode(), path + "&f=html");
                int tables = html.body().split("<caption>", -1).length - 1;
                assertEquals(tables + 1, html.body().split(java.util.regex.Pattern.quote(HtmlDocument.escape(
                        Document.SYNTHETIC_NOTICE)), -1).length - 1, path + ": the notice heads the page and every table");
            }
        }
    }

    @Test
    void everyExtensionRequestReportOfTheDemoDatasetIsProduced() throws Exception {
        for (String iso3 : STATES) {
            String path = "/api/state-parties/" + iso3 + "/reports/extension-request";
            HttpResponse<String> r = server.get(path);
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            JsonNode report = JSON.readTree(r.body());
            assertTrue(report.get("yearlyBalance").size() > 0, path);
            assertTrue(report.get("synthetic").asBoolean(), path);
            assertEveryCsvRowCarriesTheNotice(path + "?");
        }
    }

    /** The PDF of the report has the notice on every page. */
    private static void assertEveryPdfPageCarriesTheNotice(String path) throws Exception {
        HttpResponse<byte[]> pdf = server.getBytes(path + "&f=pdf");
        assertEquals(200, pdf.statusCode(), path + "&f=pdf");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            var stripper = new org.apache.pdfbox.text.PDFTextStripper();
            for (int page = 1; page <= doc.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                assertTrue(stripper.getText(doc).replaceAll("\\s+", " ").contains("SYNTHETIC DEMO DATA"),
                        path + " page " + page);
            }
        }
    }

    /** Every row of every file of the report's CSV zip starts with the notice, after a header "Notice". */
    private static void assertEveryCsvRowCarriesTheNotice(String path) throws Exception {
        HttpResponse<byte[]> zip = server.getBytes(path + "&f=csv");
        assertEquals(200, zip.statusCode(), path + "&f=csv");
        int files = 0;
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files++;
                String[] lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
                assertTrue(lines[0].startsWith("Notice,"), e.getName() + ": " + lines[0]);
                for (int i = 1; i < lines.length; i++) {
                    assertTrue(lines[i].startsWith(Document.SYNTHETIC_NOTICE + ","), e.getName() + ": " + lines[i]);
                }
            }
        }
        assertTrue(files >= 3, path + ": key figures and the tables");
    }
}
