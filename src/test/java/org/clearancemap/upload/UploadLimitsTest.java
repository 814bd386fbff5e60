package org.clearancemap.upload;

import static org.clearancemap.upload.SurveyFiles.collection;
import static org.clearancemap.upload.SurveyFiles.laoHazard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.clearancemap.App;
import org.clearancemap.config.Config;
import org.clearancemap.auth.Role;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The configured limits of an upload: body size, features per file, vertices per feature. */
class UploadLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static TestDatabase db;
    private static String token;
    private static Javalin app;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(UploadLimitsTest.class);
        token = new Tokens(db).issue("test operator", Role.OPERATOR, "TCD", "LAO", "IRQ", "AFG");
        Config small = Config.fromEnv(Map.of("MAX_BODY_BYTES", "4096", "MAX_FEATURES_PER_UPLOAD", "2",
                        "MAX_VERTICES_PER_FEATURE", "8"))
                .withDatabase(db.config().databaseUrl(), db.config().databaseUser(), db.config().databasePassword())
                .withPort(0);
        app = App.create(small, db.database(), Clock.systemUTC());
        app.start();
    }

    @AfterAll
    static void stop() {
        app.stop();
        db.close();
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                        + "/api/state-parties/LAO/hazards")).header("Content-Type", "application/geo+json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long hazards() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM hazard")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aBodyOverMaxBodyBytesIsRefusedWith413() throws Exception {
        String body = collection(laoHazard("LA-1", 105.9, 15.4)) + " ".repeat(5000);
        HttpResponse<String> r = post(body);
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).get("detail").asText().contains("4096"));
        assertEquals(0, hazards());
    }

    @Test
    void moreFeaturesThanMaxFeaturesPerUploadAreRefusedWith413() throws Exception {
        HttpResponse<String> r = post(collection(laoHazard("LA-1", 105.9, 15.4), laoHazard("LA-2", 105.92, 15.4),
                laoHazard("LA-3", 105.94, 15.4)));
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).get("detail").asText().contains("MAX_FEATURES_PER_UPLOAD"));
        assertEquals(0, hazards());
    }

    @Test
    void aFeatureWithMoreVerticesThanMaxVerticesPerFeatureIsRefused() throws Exception {
        String many = "{\"type\":\"Polygon\",\"coordinates\":[[[105.9,15.4],[105.91,15.4],[105.92,15.405],[105.92,15.41],"
                + "[105.915,15.415],[105.91,15.42],[105.905,15.415],[105.9,15.41],[105.9,15.4]]]}";
        HttpResponse<String> r = post(collection(SurveyFiles.feature("{\"external_id\":\"LA-V\",\"classification\":\"SHA\","
                + "\"recorded_on\":\"2020-01-01\"}", many)));
        assertEquals(422, r.statusCode(), r.body());
        JsonNode e = JSON.readTree(r.body()).get("errors").get(0);
        assertEquals("too-many-vertices", e.get("code").asText());
        assertEquals(0, hazards());
    }
}
