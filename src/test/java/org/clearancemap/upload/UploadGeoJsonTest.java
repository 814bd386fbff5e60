package org.clearancemap.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UploadGeoJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(UploadGeoJsonTest.class);
        server = TestServer.start(db).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    static String square(double lon, double lat, double size) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + lon + "," + lat + "],[" + (lon + size) + "," + lat + "],["
                + (lon + size) + "," + (lat + size) + "],[" + lon + "," + (lat + size) + "],[" + lon + "," + lat + "]]]}";
    }

    static String feature(String properties, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", "application/geo+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    long count(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aHazardFileIsStoredWithGeodesicAreasAndAReport() throws Exception {
        String body = collection(
                feature("{\"external_id\":\"LA-H-1\",\"classification\":\"CHA\",\"recorded_on\":\"2021-03-04\","
                        + "\"contamination\":\"BLU-26\",\"village\":\"Ban Phon\"}", square(105.9, 15.4, 0.01)),
                feature("{\"hazardId\":\"LA-H-2\",\"class\":\"suspected\",\"surveyDate\":\"2021/05/06\"}",
                        square(105.95, 15.45, 0.005)));
        HttpResponse<String> r = post("/api/state-parties/LAO/hazards", body);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode report = JSON.readTree(r.body());
        assertEquals(2, report.get("features").asInt());
        assertEquals(2, report.get("inserted").asInt());
        assertTrue(report.get("uploadId").asLong() > 0);
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT external_id, classification, recorded_on::text, attributes->>'village', "
                     + "abs(area_sqm / ST_Area(geom4326::geography) - 1) FROM hazard ORDER BY external_id")) {
            rs.next();
            assertEquals("LA-H-1", rs.getString(1));
            assertEquals("CHA", rs.getString(2));
            assertEquals("2021-03-04", rs.getString(3));
            assertEquals("Ban Phon", rs.getString(4));
            assertTrue(rs.getDouble(5) < 1e-6);
            rs.next();
            assertEquals("LA-H-2", rs.getString(1));
            assertEquals("SHA", rs.getString(2));
            assertEquals("2021-05-06", rs.getString(3));
        }
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'upload.create'"));

        HttpResponse<String> again = post("/api/state-parties/LAO/hazards", body);
        assertEquals(200, again.statusCode());
        assertEquals(report.get("uploadId").asLong(), JSON.readTree(again.body()).get("uploadId").asLong());
        assertEquals(2, count("SELECT count(*) FROM hazard"));
    }
}
