package org.clearancemap.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MapLayerApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    private static final String HAZARD = """
            INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, valid_until, retired_on,
                                geom4326, area_sqm)
            VALUES ('%s', '%s', %d, '%s', '%s', %s, %s, ST_Multi(ST_GeomFromText('%s', 4326)), 0)
            """;
    private static final String RELEASE = """
            INSERT INTO land_release (iso3, external_id, version, method, completed_on, geom4326, area_sqm)
            VALUES ('%s', '%s', 1, '%s', '%s', ST_Multi(ST_GeomFromText('%s', 4326)), 0)
            """;

    private static String square(double lon, double lat) {
        return "POLYGON((%s %s,%s %s,%s %s,%s %s,%s %s))".formatted(lon, lat, lon + 0.01, lat, lon + 0.01, lat + 0.01,
                lon, lat + 0.01, lon, lat);
    }

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(MapLayerApiTest.class);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // H-1 re-surveyed on 2020-01-01: version 1 valid until then, version 2 since
            st.execute(HAZARD.formatted("LAO", "H-1", 1, "SHA", "2015-01-01", "'2020-01-01'", "NULL", square(102, 18)));
            st.execute(HAZARD.formatted("LAO", "H-1", 2, "CHA", "2020-01-01", "NULL", "NULL", square(102, 18)));
            // H-2 retired on 2019-06-30
            st.execute(HAZARD.formatted("LAO", "H-2", 1, "SHA", "2016-01-01", "'2019-06-30'", "'2019-06-30'",
                    square(103, 18)));
            // H-3 in Iraq; H-4 in a box near the antimeridian (data placed in Fiji's longitudes for the bbox test)
            st.execute(HAZARD.formatted("IRQ", "H-3", 1, "CHA", "2018-01-01", "NULL", "NULL", square(44, 33)));
            st.execute(HAZARD.formatted("IRQ", "H-4", 1, "CHA", "2018-01-01", "NULL", "NULL", square(179.5, -17)));
            st.execute(RELEASE.formatted("LAO", "R-1", "cleared", "2021-03-01", square(102, 18)));
            st.execute(RELEASE.formatted("LAO", "R-2", "cancelled", "2017-03-01", square(103, 18)));
        }
        server = TestServer.start(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static List<String> ids(String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/geo+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode fc = JSON.readTree(r.body());
        assertEquals("FeatureCollection", fc.get("type").asText());
        var ids = new ArrayList<String>();
        for (JsonNode f : fc.get("features")) {
            assertEquals("MultiPolygon", f.get("geometry").get("type").asText());
            JsonNode p = f.get("properties");
            ids.add(p.get("external_id").asText() + (p.has("version") ? "v" + p.get("version").asInt() : ""));
        }
        assertEquals(ids.size(), fc.get("numberReturned").asInt());
        return ids;
    }

    @Test
    void hazardsShowTheVersionValidOnTheDateAsked() throws Exception {
        assertEquals(List.of("H-1v1", "H-2v1"), ids("/api/hazards?state_party=LAO&asOf=2018-01-01"));
        assertEquals(List.of("H-1v1"), ids("/api/hazards?state_party=LAO&asOf=2019-12-31"));
        assertEquals(List.of("H-1v2"), ids("/api/hazards?state_party=LAO&asOf=2020-01-01"));
    }

    @Test
    void nothingIsShownBeforeItWasRecorded() throws Exception {
        assertEquals(List.of(), ids("/api/hazards?state_party=LAO&asOf=2014-12-31"));
    }

    @Test
    void releasesAreShownFromTheirCompletionDate() throws Exception {
        assertEquals(List.of("R-2v1"), ids("/api/releases?state_party=LAO&asOf=2020-01-01"));
        assertEquals(List.of("R-1v1", "R-2v1"), ids("/api/releases?state_party=LAO&asOf=2021-03-01"));
    }

    @Test
    void theBboxKeepsOnlyFeaturesThatTouchIt() throws Exception {
        assertEquals(List.of("H-3v1"), ids("/api/hazards?bbox=43,32,45,34&asOf=2024-01-01"));
    }

    @Test
    void aBboxAcrossTheAntimeridianFindsFeaturesOnItsWesternSide() throws Exception {
        assertEquals(List.of("H-4v1"), ids("/api/hazards?bbox=179,-18,-179,-16&asOf=2024-01-01"));
    }

    @Test
    void geometriesAreWrittenWithAtMostSevenDecimals() throws Exception {
        String body = server.get("/api/hazards?state_party=IRQ&asOf=2024-01-01").body();
        assertTrue(body.contains("[44,33]") || body.contains("[44.0,33.0]") || body.contains("[44,33.0]"), body);
        assertTrue(!body.matches("(?s).*\\d\\.\\d{8,}.*"), "more than 7 decimals in " + body);
    }

    @Test
    void aMalformedBboxIsA400NamingTheParameter() throws Exception {
        for (String bad : List.of("1,2,3", "a,b,c,d", "0,10,1,5", "0,-91,1,5", "NaN,0,1,1")) {
            HttpResponse<String> r = server.get("/api/hazards?bbox=" + bad);
            assertEquals(400, r.statusCode(), bad + " -> " + r.body());
            assertEquals("bbox", JSON.readTree(r.body()).get("parameter").asText());
        }
    }

    @Test
    void aMalformedStatePartyFilterIsA400() throws Exception {
        assertEquals(400, server.get("/api/releases?state_party=12345").statusCode());
    }
}
