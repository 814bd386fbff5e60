package org.clearancemap.stateparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.progress.AreaEngine;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.progress.Cluster;
import org.clearancemap.land.MappedLandRepository;
import org.clearancemap.testing.SqlFixture;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProgressApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIGURE_FIELDS = List.of("iso3", "name", "eifDate", "originalDeadline",
            "currentDeadline", "completedOn", "status", "asOf", "footprintSqm", "remainingSqm", "remainingByClass",
            "releasedSqm", "releasedByMethod", "releasedOutsideHazardsSqm", "progress", "annualRateSqm",
            "requiredRateSqm", "projectedCompletion", "ignoredSliverSqm");
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(ProgressApiTest.class);
        SqlFixture.run(db, "/progress/edge-cases.sql");
        server = TestServer.start(db, Clock.fixed(Instant.parse("2022-06-30T12:00:00Z"), ZoneOffset.UTC)).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static JsonNode get(String path) throws Exception {
        return server.json(path);
    }

    @Test
    void everyStatePartyIsListedWithEveryFigureOfTheContract() throws Exception {
        JsonNode list = get("/api/state-parties");
        assertEquals(19, list.size(), "10 reference States Parties and 9 test ones");
        for (JsonNode s : list) {
            for (String field : FIGURE_FIELDS) {
                assertTrue(s.has(field), s.get("iso3") + " lacks " + field);
            }
            assertTrue(s.get("remainingByClass").has("SHA") && s.get("remainingByClass").has("CHA"));
            assertTrue(s.get("releasedByMethod").has("cancelled") && s.get("releasedByMethod").has("cleared"));
            assertEquals("2022-06-30", s.get("asOf").asText(), "asOf defaults to today");
        }
    }

    @Test
    void theFiguresOfOneStatePartyAreThoseOfTheEngineOnTheAsOfDate() throws Exception {
        JsonNode zmd = get("/api/state-parties/ZMD?asOf=2021-01-01");
        AreaFigures f = new AreaEngine(0.5).figuresOn(
                Cluster.of(new MappedLandRepository(db.database().dataSource()).load("ZMD")),
                java.time.LocalDate.parse("2021-01-01"));
        assertEquals(f.footprintSqm(), zmd.get("footprintSqm").asDouble(), 0.001);
        assertEquals(f.remainingSqm(), zmd.get("remainingSqm").asDouble(), 0.001);
        assertEquals(f.clearedSqm(), zmd.get("releasedByMethod").get("cleared").asDouble(), 0.001);
        assertEquals("2021-01-01", zmd.get("asOf").asText());
    }

    @Test
    void theYearlyBalanceRunsFromEntryIntoForceAndClosesInEveryYear() throws Exception {
        JsonNode zmd = get("/api/state-parties/ZMD");
        JsonNode rows = zmd.get("yearlyBalance");
        assertEquals(2015, rows.get(0).get("year").asInt());
        assertEquals(2022, rows.get(rows.size() - 1).get("year").asInt());
        for (JsonNode row : rows) {
            double closed = row.get("remainingStartSqm").asDouble() + row.get("newlyRecordedSqm").asDouble()
                    - row.get("retiredUnreleasedSqm").asDouble() - row.get("releasedSqm").asDouble();
            assertEquals(row.get("remainingEndSqm").asDouble(), closed, 0.01, row.toString());
        }
        assertEquals(zmd.get("remainingSqm").asDouble(), rows.get(rows.size() - 1).get("remainingEndSqm").asDouble(), 0.001);
    }

    @Test
    void theRemainingAreaIsAGeoJsonMultiPolygonOfTheRemainingSize() throws Exception {
        HttpResponse<String> r = server.get("/api/state-parties/ZMD/remaining?asOf=2019-06-30");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/geo+json"));
        JsonNode feature = JSON.readTree(r.body());
        assertEquals("MultiPolygon", feature.get("geometry").get("type").asText());
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)::geography)")) {
            ps.setString(1, feature.get("geometry").toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                double expected = feature.get("properties").get("remainingSqm").asDouble();
                assertTrue(expected > 1000);
                assertEquals(expected, rs.getDouble(1), 1e-6 * expected);
            }
        }
    }

    @Test
    void aFullyReleasedHazardIsCompletedAndOneWithoutAnyReleaseIsOffTrack() throws Exception {
        Map<String, String> status = new HashMap<>();
        get("/api/deadlines").forEach(s -> status.put(s.get("iso3").asText(), s.get("status").asText()));
        assertEquals("off-track", status.get("ZSU"), "released a little in 2019 only: no rate in the last three years");
        assertEquals("no-data", status.get("ZEM"));
        assertEquals(19, status.size());
    }

    @Test
    void theAnnualRateIsTheMeanReleasedOverTheLastThreeCompleteYears() throws Exception {
        JsonNode zmd = get("/api/state-parties/ZMD");
        double sum = 0;
        for (JsonNode row : zmd.get("yearlyBalance")) {
            int y = row.get("year").asInt();
            if (y >= 2019 && y <= 2021) {
                sum += row.get("releasedSqm").asDouble();
            }
        }
        assertEquals(sum / 3, zmd.get("annualRateSqm").asDouble(), 0.01);
        assertNotNull(zmd.get("projectedCompletion"));
    }

    @Test
    void aStatePartyWithNothingMappedButReportedFiguresIsJudgedOnItsReportedFigures() throws Exception {
        JsonNode chl = get("/api/state-parties/CHL");
        assertEquals("reported", chl.get("basis").asText());
        assertTrue(!"no-data".equals(chl.get("status").asText()));
    }

    @Test
    void aMalformedAsOfIsA400NamingTheParameter() throws Exception {
        HttpResponse<String> r = server.get("/api/state-parties/ZMD/remaining?asOf=yesterday");
        assertEquals(400, r.statusCode());
        assertEquals("asOf", JSON.readTree(r.body()).get("parameter").asText());
    }

    @Test
    void theRemainingAreaOfAnUnknownStatePartyIsA404() throws Exception {
        assertEquals(404, server.get("/api/state-parties/XYZ/remaining").statusCode());
    }
}
