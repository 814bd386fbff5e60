package org.clearancemap.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server as it serves: today's figures and aggregates of every State Party are computed in the
 * background once it listens, and again for each State Party a write touches, so that requests
 * find them computed.
 */
@org.junit.jupiter.api.Timeout(120)
class WarmingTest {
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(WarmingTest.class);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(new String(WarmingTest.class.getResourceAsStream("/ogc/fixture.sql").readAllBytes(), StandardCharsets.UTF_8));
        }
        server = TestServer.serving(db).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @Test
    void everyStatePartyIsWarmedAtStartAndOnlyTheOneAWriteTouchesAgain() throws Exception {
        server.awaitWarmUp();
        Warming warming = server.warming();
        assertTrue(warming.rounds("LAO") >= 1 && warming.rounds("SOM") >= 1, "every State Party at start");
        int lao = warming.rounds("LAO");
        int som = warming.rounds("SOM");
        String hazard = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":
                  {"external_id":"WARM-1","classification":"CHA","recorded_on":"2024-02-02"},
                  "geometry":{"type":"Polygon","coordinates":[[[102.84,18.54],[102.86,18.54],[102.86,18.56],[102.84,18.56],[102.84,18.54]]]}}]}
                """;
        var upload = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/hazards")))
                .header("Content-Type", "application/geo+json").POST(HttpRequest.BodyPublishers.ofString(hazard)));
        assertEquals(201, upload.statusCode(), upload.body());
        assertTrue(warming.awaitRounds("LAO", lao, Duration.ofSeconds(10)), "LAO again after its upload");
        assertTrue(warming.awaitIdle(Duration.ofSeconds(60)));
        assertEquals(som, warming.rounds("SOM"), "SOM untouched");
    }
}
