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
                for (JsonNode area : report.get("contaminatedAreas")) {
                    double remaining = area.get("remainingSqm").asDouble();
                    assertTrue(remaining >= 0 && remaining <= area.get("areaSqm").asDouble() * (1 + 1e-6) + 0.1,
                            path + " " + area.get("externalId") + ": remaining " + remaining + " of " + area.get("areaSqm"));
                }
                assertEquals(200, server.get(path + "&f=csv").statusCode(), path + "&f=csv");
                assertEquals(200, server.get(path + "&f=html").statusCode(), path + "&f=html");
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
        }
    }
}
