package org.clearancemap.upload;

import static org.clearancemap.upload.SurveyFiles.collection;
import static org.clearancemap.upload.SurveyFiles.feature;
import static org.clearancemap.upload.SurveyFiles.laoHazard;
import static org.clearancemap.upload.SurveyFiles.square;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** A State Party's figures reflect an upload as soon as the upload's response has returned. */
class UploadRefreshesFiguresTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(UploadRefreshesFiguresTest.class);
        server = TestServer.start(db).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static HttpResponse<String> upload(String kind, String body) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/" + kind)))
                .header("Content-Type", "application/geo+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode lao() throws Exception {
        return JSON.readTree(server.get("/api/state-parties/LAO?asOf=2024-01-01").body());
    }

    private static double postgis(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    @Test
    void figuresReadBeforeAnUploadAreNotServedStaleAfterIt() throws Exception {
        assertEquals(0.0, lao().get("footprintSqm").asDouble(), 0.0);

        assertEquals(201, upload("hazards", collection(laoHazard("FRESH-1", 102.10, 18.10))).statusCode());
        double footprint = lao().get("footprintSqm").asDouble();
        assertEquals(postgis("SELECT ST_Area(geom4326::geography) FROM hazard WHERE external_id = 'FRESH-1'"),
                footprint, footprint * 1e-6);

        String release = feature("{\"external_id\":\"FRESH-R1\",\"method\":\"cleared\",\"completed_on\":\"2022-05-01\"}",
                square(102.10, 18.10, 0.005));
        assertEquals(201, upload("releases", collection(release)).statusCode());
        JsonNode after = lao();
        double cleared = postgis("SELECT ST_Area(geom4326::geography) FROM land_release WHERE external_id = 'FRESH-R1'");
        assertEquals(cleared, after.get("releasedByMethod").get("cleared").asDouble(), cleared * 1e-6);
        double remaining = postgis("""
                SELECT ST_Area(ST_Difference(h.geom4326, r.geom4326)::geography)
                  FROM hazard h, land_release r WHERE h.external_id = 'FRESH-1' AND r.external_id = 'FRESH-R1'
                """);
        assertEquals(remaining, after.get("remainingSqm").asDouble(), remaining * 1e-6);
    }
}
