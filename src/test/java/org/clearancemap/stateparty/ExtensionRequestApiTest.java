package org.clearancemap.stateparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.clearancemap.auth.Role;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.clearancemap.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExtensionRequestApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FULL = """
            {"meeting": "14MSP", "meetingDate": "2026-09-07", "submittedOn": "2026-01-10",
             "requestedUntil": "2030-08-01", "interim": false, "source": "Request as submitted (test)",
             "reasons": "Contamination found in the north after 2020.", "meansAvailable": "Two teams.",
             "meansRequired": "Six teams.", "workStatus": "Survey of 4 provinces done.",
             "impediments": "Floods in 2024.", "humanitarianImplications": "Farmland blocked.",
             "riskEducation": "Schools in the affected districts.",
             "statedFigures": {"contaminatedAtEifKm2": 10.5, "discoveredSinceEifKm2": 2.25,
                               "releasedSinceEifKm2": 4.75, "remainingKm2": 8},
             "workPlan": [{"year": 2027, "cancelKm2": 1, "reduceKm2": 0.5, "clearKm2": 1.25, "teams": 6, "budgetNeededUsd": 1500000},
                          {"year": 2026, "cancelKm2": 0.5, "clearKm2": 1, "teams": 4, "budgetNeededUsd": 1000000}],
             "funding": [{"year": 2026, "source": "National budget", "amountUsd": 400000, "status": "secured"},
                         {"year": 2027, "source": "A named donor", "amountUsd": 250000.5, "status": "pledged"}]}
            """;
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(ExtensionRequestApiTest.class);
        server = TestServer.start(db, Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC)).asAdmin(db);
        for (String iso3 : new String[] {"ZEA", "ZEB", "ZEC", "ZED"}) {
            assertEquals(201, send("POST", "/api/state-parties", "{\"iso3\":\"" + iso3 + "\",\"name\":\"Test " + iso3
                    + "\",\"eifDate\":\"2016-08-01\"}").statusCode());
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode created(String path, String body) throws Exception {
        HttpResponse<String> r = send("POST", path, body);
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(r.body());
    }

    @Test
    void aRequestKeepsEverySectionTheStatedFiguresItsCostedWorkPlanAndFunding() throws Exception {
        JsonNode r = created("/api/state-parties/ZEA/extension-requests", FULL);
        long id = r.get("id").asLong();
        JsonNode got = server.json("/api/state-parties/ZEA/extension-requests/" + id);
        assertEquals("14MSP", got.get("meeting").asText());
        assertEquals("2026-09-07", got.get("meetingDate").asText());
        assertEquals("2030-08-01", got.get("requestedUntil").asText());
        assertEquals("Six teams.", got.get("meansRequired").asText());
        assertEquals("Schools in the affected districts.", got.get("riskEducation").asText());
        assertTrue(got.get("genderAndDiversity").isNull(), "a section not given is null");
        assertEquals(2.25, got.get("statedFigures").get("discoveredSinceEifKm2").asDouble(), 0);
        assertEquals(2026, got.get("workPlan").get(0).get("year").asInt(), "plan years in order");
        assertEquals(0, got.get("workPlan").get(0).get("reduceKm2").asDouble(), 0, "an area not given is 0");
        assertEquals(1_500_000, got.get("workPlan").get(1).get("budgetNeededUsd").asDouble(), 0);
        assertEquals(250000.5, got.get("funding").get(1).get("amountUsd").asDouble(), 0);
        assertEquals("pledged", got.get("funding").get(1).get("status").asText());
        assertEquals(1, got.get("revisions").size());
        assertEquals("submitted", got.get("status").asText());
        assertTrue(got.get("decision").isNull());
        assertEquals(0, got.get("questions").size());
    }

    @Test
    void aRevisionLeavesTheEarlierOneIntactAndTheLatestIsShownByDefault() throws Exception {
        long id = created("/api/state-parties/ZEB/extension-requests", FULL).get("id").asLong();
        JsonNode first = server.json("/api/state-parties/ZEB/extension-requests/" + id).get("revisions").get(0);
        JsonNode revised = created("/api/state-parties/ZEB/extension-requests/" + id + "/revisions", FULL
                .replace("\"requestedUntil\": \"2030-08-01\"", "\"requestedUntil\": \"2029-08-01\"")
                .replace("Six teams.", "Five teams and a mechanical asset.")
                .replace("\"submittedOn\": \"2026-01-10\"", "\"submittedOn\": \"2026-01-14\""));
        assertEquals(2, revised.get("revisions").size());
        assertEquals(2, revised.get("number").asInt());
        assertEquals("2029-08-01", revised.get("requestedUntil").asText(), "the latest revision by default");
        assertEquals("Five teams and a mechanical asset.", revised.get("meansRequired").asText());
        assertEquals(first, revised.get("revisions").get(0), "revision 1 unchanged, field for field");
        JsonNode summary = server.json("/api/state-parties/ZEB").get("extensions").get(0);
        assertEquals("2026-01-10", summary.get("submittedOn").asText(), "submitted when the first revision was");
        assertEquals("2029-08-01", summary.get("requestedUntil").asText(), "asking for what the latest asks");
    }

    @Test
    void questionsAndAnswersAreKeptWithTheirDatesAndAnAnswerIsNotOverwritten() throws Exception {
        long id = created("/api/state-parties/ZEC/extension-requests", FULL).get("id").asLong();
        String base = "/api/state-parties/ZEC/extension-requests/" + id;
        JsonNode asked = created(base + "/questions", "{\"question\": \"How many teams are funded for 2027?\", "
                + "\"askedBy\": \"Analysis Group\", \"askedOn\": \"2026-01-12\"}");
        JsonNode q = asked.get("questions").get(0);
        assertEquals("2026-01-12", q.get("askedOn").asText());
        assertTrue(q.get("answer").isNull());
        HttpResponse<String> answered = send("POST", base + "/questions/" + q.get("id").asLong() + "/answer",
                "{\"answer\": \"Four, from the national budget.\"}");
        assertEquals(200, answered.statusCode(), answered.body());
        JsonNode a = JSON.readTree(answered.body()).get("questions").get(0);
        assertEquals("Four, from the national budget.", a.get("answer").asText());
        assertEquals("2026-01-15", a.get("answeredOn").asText(), "today by default");
        problem(send("POST", base + "/questions/" + q.get("id").asLong() + "/answer", "{\"answer\": \"Five.\"}"), 409);
        problem(send("POST", base + "/questions/999999/answer", "{\"answer\": \"Five.\"}"), 404);
        assertEquals("Four, from the national budget.",
                server.json(base).get("questions").get(0).get("answer").asText(), "the first answer kept");
        String actions = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/audit?iso3=ZEC"))).GET()).body();
        assertTrue(actions.contains("extension-question.ask") && actions.contains("extension-question.answer"), actions);
    }

    @Test
    void theDecisionKeepsItsBenchmarksAndTheGrantedPlanSetsTheMilestones() throws Exception {
        long id = created("/api/state-parties/ZED/extension-requests", FULL).get("id").asLong();
        String base = "/api/state-parties/ZED/extension-requests/" + id;
        HttpResponse<String> decided = send("POST", base + "/decision", "{\"status\": \"granted\", \"grantedUntil\": "
                + "\"2029-08-01\", \"decidedOn\": \"2026-09-10\", \"benchmarks\": \"Release 2.75 km² in 2027.\"}");
        assertEquals(200, decided.statusCode(), decided.body());
        JsonNode d = JSON.readTree(decided.body());
        assertEquals("2029-08-01", d.get("decision").get("grantedUntil").asText(), "shorter than requested (Art. 4(7))");
        assertEquals("14MSP", d.get("decision").get("meeting").asText(), "the meeting the request went to");
        assertEquals("Release 2.75 km² in 2027.", d.get("decision").get("benchmarks").asText());
        assertEquals("2029-08-01", d.get("currentDeadline").asText());
        JsonNode milestones = server.json("/api/state-parties/ZED").get("milestones");
        assertEquals(2, milestones.size(), milestones.toString());
        assertEquals(1_500_000, milestones.get(0).get("targetReleaseSqm").asDouble(), 1e-6, "2026: 0.5 + 0 + 1 km²");
        assertEquals(2_750_000, milestones.get(1).get("targetReleaseSqm").asDouble(), 1e-6, "2027: 1 + 0.5 + 1.25 km²");
        assertEquals(id, milestones.get(1).get("extensionRequestId").asLong());
        JsonNode conflict = problem(send("PUT", "/api/state-parties/ZED/milestones/2027", "{\"targetReleaseSqm\": 1}"), 409);
        assertTrue(conflict.get("detail").asText().contains("work plan"), conflict.toString());
        assertEquals(200, send("PUT", "/api/state-parties/ZED/milestones/2028", "{\"targetReleaseSqm\": 1000}").statusCode(),
                "a year the plan does not cover is set one by one");
        problem(send("POST", base + "/revisions", FULL), 409);
    }

    @Test
    void badRequestsNameTheFieldByItsPathAndWriteNothing() throws Exception {
        String path = "/api/state-parties/ZEA/extension-requests";
        int before = server.json("/api/state-parties/ZEA").get("extensions").size();
        assertEquals("workPlan[0].year", problem(send("POST", path, FULL.replace("\"year\": 2027, \"cancelKm2\"",
                "\"year\": 2031, \"cancelKm2\"")), 400).get("parameter").asText(), "a plan year after the requested date");
        assertEquals("workPlan[1].clearKm2", problem(send("POST", path, FULL.replace("\"clearKm2\": 1,",
                "\"clearKm2\": -1,")), 400).get("parameter").asText());
        assertEquals("funding[0].status", problem(send("POST", path, FULL.replace("\"status\": \"secured\"",
                "\"status\": \"hoped\"")), 400).get("parameter").asText());
        assertEquals("funding[1].amountUsd", problem(send("POST", path, FULL.replace("250000.5", "-3")), 400)
                .get("parameter").asText());
        assertEquals("statedFigures.remainingKm2", problem(send("POST", path, FULL.replace("\"remainingKm2\": 8",
                "\"remainingKm2\": \"eight\"")), 400).get("parameter").asText());
        assertEquals("workPlan[1].year", problem(send("POST", path, FULL.replace("\"year\": 2026, \"cancelKm2\"",
                "\"year\": 2027, \"cancelKm2\"")), 400).get("parameter").asText(), "a year twice");
        assertEquals(before, server.json("/api/state-parties/ZEA").get("extensions").size(), "nothing written");
        problem(send("POST", path + "/999999/revisions", FULL), 404);
        problem(server.get(path + "/999999"), 404);
        String analyst = new Tokens(db).issue("extension reader", Role.ANALYST);
        HttpResponse<String> refused = server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Authorization", "Bearer " + analyst).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FULL)));
        assertEquals(403, refused.statusCode());
        assertFalse(server.json("/api/state-parties/ZEA").get("extensions").size() > before);
    }
}
