package org.clearancemap.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.testing.DemoData;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's synthetic extension requests of Iraq (sound) and the Lao PDR (flawed), over the demo's land. */
class DemoRequestsTest {
    private static final List<String> TABLES = List.of("extension_request", "extension_revision", "work_plan_year",
            "work_plan_funding", "audit_event");
    private static TestDatabase db;
    private static TestServer server;
    private static Map<String, String> afterFirst;

    @BeforeAll
    static void loadTwice() throws Exception {
        db = DemoData.load(DemoRequestsTest.class);
        afterFirst = counts();
        new DemoLoader(db.database().dataSource()).load();
        server = TestServer.start(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static Map<String, String> counts() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    out.put(table, rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The synthetic requests of {@code iso3} as the State Party's record lists them. */
    private static List<JsonNode> synthetic(String iso3) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : server.json("/api/state-parties/" + iso3).get("extensions")) {
            if (e.get("synthetic").asBoolean()) {
                out.add(e);
            }
        }
        return out;
    }

    private static JsonNode analysis(String iso3) throws Exception {
        long id = synthetic(iso3).get(0).get("id").asLong();
        return server.json("/api/state-parties/" + iso3 + "/extension-requests/" + id + "/analysis");
    }

    private static List<String> withStatus(JsonNode analysis, String status) {
        List<String> out = new ArrayList<>();
        analysis.get("checks").forEach(c -> {
            if (c.get("status").asText().equals(status)) {
                out.add(c.get("id").asText());
            }
        });
        return out;
    }

    @Test
    void loadingTheDemoTwiceGivesOneSyntheticRequestToEachOfTwoStatePartiesAndChangesNothingTheSecondTime()
            throws Exception {
        assertEquals(afterFirst, counts(), "the second load wrote nothing");
        for (String iso3 : DemoData.STATES) {
            assertEquals(iso3.equals("IRQ") || iso3.equals("LAO") ? 1 : 0, synthetic(iso3).size(), iso3);
        }
    }

    @Test
    void aSyntheticRequestIsLabelledSoInItsJsonItsAnalysisAndItsSourcesAndNeverPending() throws Exception {
        for (String iso3 : List.of("IRQ", "LAO")) {
            JsonNode listed = synthetic(iso3).get(0);
            JsonNode request = server.json("/api/state-parties/" + iso3 + "/extension-requests/" + listed.get("id").asLong());
            assertTrue(request.get("synthetic").asBoolean());
            assertTrue(request.get("source").asText().startsWith("synthetic demo"), request.get("source").asText());
            assertTrue(request.get("meeting").asText().toLowerCase().contains("synthetic demo"));
            assertFalse(request.get("workPlan").isEmpty());
            assertFalse(request.get("funding").isEmpty());
            JsonNode a = analysis(iso3);
            assertTrue(a.get("synthetic").asBoolean());
            assertTrue(a.get("notice").asText().startsWith("SYNTHETIC DEMO REQUEST"));
            assertFalse(server.json("/api/state-parties/" + iso3).get("extensionRequestPending").asBoolean(),
                    "a synthetic request does not make " + iso3 + " look as if it awaited a decision");
            String html = server.get("/api/state-parties/" + iso3 + "/extension-requests/" + listed.get("id").asLong()
                    + "/analysis?f=html").body();
            assertTrue(html.contains("SYNTHETIC DEMO REQUEST"), "the HTML says so too");
        }
    }

    @Test
    void theSoundRequestStatesTheMappedFiguresAndFailsNoCheck() throws Exception {
        JsonNode a = analysis("IRQ");
        assertEquals(List.of(), withStatus(a, "fail"), a.toString());
        for (String id : List.of("submitted-nine-months-before-meeting", "duration-at-most-five-years",
                "stated-figures-consistent", "stated-vs-mapped", "work-plan-covers-remaining",
                "work-plan-ends-by-requested-date", "work-plan-pace-plausible", "funding-gap", "sections-complete")) {
            assertTrue(withStatus(a, "pass").contains(id), id + " passes: " + a);
        }
    }

    @Test
    void theFlawedRequestFailsSeveralChecks() throws Exception {
        JsonNode a = analysis("LAO");
        List<String> failed = withStatus(a, "fail");
        for (String id : List.of("submitted-nine-months-before-meeting", "stated-figures-consistent", "stated-vs-mapped",
                "funding-gap", "sections-complete")) {
            assertTrue(failed.contains(id), id + " fails: " + a);
        }
        assertTrue(withStatus(a, "pass").contains("duration-at-most-five-years"), a.toString());
        assertTrue(a.get("draftDecision").get("text").asText().contains("failed"), a.toString());
    }
}
