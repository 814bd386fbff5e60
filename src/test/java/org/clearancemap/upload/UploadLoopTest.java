package org.clearancemap.upload;

import static org.clearancemap.upload.SurveyFiles.collection;
import static org.clearancemap.upload.SurveyFiles.feature;
import static org.clearancemap.upload.SurveyFiles.laoHazard;
import static org.clearancemap.upload.SurveyFiles.square;
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
import java.util.ArrayList;
import java.util.List;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's upload loop over HTTP, in Laos: a file sent again says it is already stored (dry
 * run or not).
 */
class UploadLoopTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(UploadLoopTest.class);
        server = TestServer.start(db).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static JsonNode upload(String path, String body, int status) throws Exception {
        HttpResponse<String> r = post(path, "application/geo+json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static List<String> rows(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            var result = new ArrayList<String>();
            while (rs.next()) {
                result.add(rs.getString(1));
            }
            return result;
        }
    }

    @Test
    void aFileSentAgainAnswersWithTheFirstReportAndSaysItIsAlreadyUploaded() throws Exception {
        String file = collection(laoHazard("LA-AG-1", 105.9, 15.4), laoHazard("LA-AG-2", 105.95, 15.4));
        JsonNode first = upload("/api/state-parties/LAO/hazards", file, 201);
        assertFalse(first.has("alreadyUploaded"), first.toString());
        JsonNode again = upload("/api/state-parties/LAO/hazards", file, 200);
        assertEquals(first.get("uploadId").asLong(), again.get("alreadyUploaded").get("uploadId").asLong());
        assertEquals(first.get("uploadedAt").asText(), again.get("alreadyUploaded").get("uploadedAt").asText());
        assertEquals(2, again.get("inserted").asInt(), "the first report, as it was");
        assertEquals(List.of("1"), rows("SELECT count(*) FROM upload WHERE iso3 = 'LAO' AND content_sha256 = '"
                + first.get("sha256").asText() + "'"));
    }

    @Test
    void aDryRunOfAFileAlreadyUploadedSaysSoAndCountsNothingNew() throws Exception {
        String file = collection(laoHazard("LA-AG-3", 105.9, 15.5), laoHazard("LA-AG-4", 105.95, 15.5),
                laoHazard("LA-AG-5", 106.0, 15.5));
        JsonNode first = upload("/api/state-parties/LAO/hazards", file, 201);
        JsonNode dry = upload("/api/state-parties/LAO/hazards?dryRun=true", file, 200);
        assertTrue(dry.get("dryRun").asBoolean(), dry.toString());
        assertEquals(first.get("uploadId").asLong(), dry.get("alreadyUploaded").get("uploadId").asLong());
        assertEquals(first.get("uploadedAt").asText(), dry.get("alreadyUploaded").get("uploadedAt").asText());
        assertEquals(3, dry.get("features").asInt());
        assertEquals(0, dry.get("inserted").asInt(), dry.toString());
        assertEquals(0, dry.get("updated").asInt());
        assertEquals(0, dry.get("unchanged").asInt());
        assertTrue(dry.get("uploadId").isNull(), dry.toString());
    }
}
