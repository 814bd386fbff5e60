package org.clearancemap.coalition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.auth.Role;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.clearancemap.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CoalitionApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARTNERS = """
            {"partners": [{"name": "Ministry of Defence", "kind": "state", "role": "national authority"},
                          {"name": "A named donor", "kind": "donor", "role": "funds survey"},
                          {"name": "An operator", "kind": "operator"}],
             "notes": "Meets twice a year."}
            """;
    private static final String REQUEST = """
            {"submittedOn": "2026-01-10", "requestedUntil": "2030-08-01",
             "workPlan": [{"year": 2026, "clearKm2": 1, "budgetNeededUsd": 1000000},
                          {"year": 2027, "clearKm2": 1.5, "budgetNeededUsd": 1500000}],
             "funding": [{"year": 2026, "source": "National budget", "amountUsd": 400000, "status": "secured"},
                         {"year": 2026, "source": "A named donor", "amountUsd": 100000, "status": "disbursed"},
                         {"year": 2027, "source": "A named donor", "amountUsd": 250000.5, "status": "pledged"},
                         {"year": 2028, "source": "Another donor", "amountUsd": 50000, "status": "secured"}]}
            """;
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(CoalitionApiTest.class);
        server = TestServer.start(db, Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC)).asAdmin(db);
        // deadlines (entry into force + 10 years): ZOA 2026-08-01 and ZOC 2025-06-01 (passed) fall in the
        // 24 months after 2026-01-15; ZOB 2029-03-01 does not; ZOD declared completion
        Map<String, String> eif = new LinkedHashMap<>();
        eif.put("ZCA", "2018-01-01");
        eif.put("ZCB", "2018-01-01");
        eif.put("ZCF", "2016-08-01");
        eif.put("ZOA", "2016-08-01");
        eif.put("ZOB", "2019-03-01");
        eif.put("ZOC", "2015-06-01");
        eif.put("ZOD", "2016-02-01");
        for (var e : eif.entrySet()) {
            assertEquals(201, send("POST", "/api/state-parties", "{\"iso3\":\"" + e.getKey() + "\",\"name\":\"Test "
                    + e.getKey() + "\",\"eifDate\":\"" + e.getValue() + "\"}").statusCode());
        }
        assertEquals(200, send("POST", "/api/state-parties/ZOD/completion", "{\"completedOn\":\"2025-05-01\"}").statusCode());
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

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static String problemField(HttpResponse<String> r) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(r.body()).get("parameter").asText();
    }

    @Test
    void partnersAndNotesRoundTripAndAPutReplacesThem() throws Exception {
        JsonNode empty = server.json("/api/state-parties/ZCA/coalition");
        assertEquals(0, empty.get("partners").size());
        assertFalse(empty.get("coalitionExists").asBoolean());
        assertTrue(empty.get("affected").asBoolean());
        assertTrue(empty.get("funding").isNull(), "no extension request, no funding picture");

        ok(send("PUT", "/api/state-parties/ZCA/coalition", PARTNERS), 200);
        JsonNode got = server.json("/api/state-parties/ZCA/coalition");
        assertEquals(3, got.get("partners").size());
        assertEquals("Ministry of Defence", got.get("partners").get(0).get("name").asText());
        assertEquals("state", got.get("partners").get(0).get("kind").asText());
        assertEquals("funds survey", got.get("partners").get(1).get("role").asText());
        assertTrue(got.get("partners").get(2).get("role").isNull());
        assertEquals("Meets twice a year.", got.get("notes").asText());
        assertTrue(got.get("coalitionExists").asBoolean());

        ok(send("PUT", "/api/state-parties/ZCA/coalition",
                "{\"partners\": [{\"name\": \"UNDP\", \"kind\": \"international-organisation\", \"role\": \"chair\"}]}"), 200);
        JsonNode replaced = server.json("/api/state-parties/ZCA/coalition");
        assertEquals(1, replaced.get("partners").size());
        assertEquals("international-organisation", replaced.get("partners").get(0).get("kind").asText());
        assertTrue(replaced.get("notes").isNull(), "notes not given are cleared");

        JsonNode audit = audit("coalition.set");
        assertTrue(audit.toString().contains("ZCA"), audit.toString());
    }

    @Test
    void meetingsAreAppendedInDateOrderAndListed() throws Exception {
        ok(send("POST", "/api/state-parties/ZCB/coalition/meetings",
                "{\"date\": \"2025-11-20\", \"title\": \"Second platform meeting\", \"notes\": \"Donors present.\"}"), 201);
        JsonNode after = ok(send("POST", "/api/state-parties/ZCB/coalition/meetings",
                "{\"date\": \"2025-03-04\", \"title\": \"First platform meeting\"}"), 201);
        assertEquals(2, after.get("meetings").size());
        JsonNode got = server.json("/api/state-parties/ZCB/coalition");
        assertEquals(after.get("meetings"), got.get("meetings"));
        assertEquals("2025-03-04", got.get("meetings").get(0).get("date").asText(), "by date");
        assertEquals("First platform meeting", got.get("meetings").get(0).get("title").asText());
        assertTrue(got.get("meetings").get(0).get("notes").isNull());
        assertEquals("Donors present.", got.get("meetings").get(1).get("notes").asText());
        assertTrue(got.get("coalitionExists").asBoolean(), "meetings alone make a coalition");
        assertEquals(0, got.get("partners").size());

        ok(send("PUT", "/api/state-parties/ZCB/coalition", PARTNERS), 200);
        assertEquals(2, server.json("/api/state-parties/ZCB/coalition").get("meetings").size(),
                "a PUT of partners leaves the meetings");
    }

    @Test
    void theFundingPictureIsTheLatestRequestsPlanAndFundingAndFollowsANewRevision() throws Exception {
        JsonNode request = ok(send("POST", "/api/state-parties/ZCF/extension-requests", REQUEST), 201);
        long id = request.get("id").asLong();
        JsonNode funding = server.json("/api/state-parties/ZCF/coalition").get("funding");
        assertEquals(id, funding.get("extensionRequestId").asLong());
        assertEquals(1, funding.get("revisionNumber").asInt());
        assertEquals(request.get("revisions").get(0).get("id").asLong(), funding.get("revisionId").asLong());
        assertPictureMatches(request.get("planYearTotals"), funding);
        assertEquals(0, new BigDecimal("500000").compareTo(funding.get("years").get(0).get("gapUsd").decimalValue()),
                "2026: 1,000,000 needed − (400,000 secured + 100,000 disbursed)");
        assertEquals(0, new BigDecimal("1500000").compareTo(funding.get("years").get(1).get("gapUsd").decimalValue()),
                "2027: a pledge does not close the gap");
        assertTrue(funding.get("years").get(2).get("neededUsd").isNull());
        assertTrue(funding.get("years").get(2).get("gapUsd").isNull(), "funding without a stated need has no gap");
        assertEquals(0, new BigDecimal("2000000").compareTo(funding.get("gapUsd").decimalValue()));

        // the donor's pledge for 2027 is secured in a new revision: the picture follows it
        JsonNode revised = ok(send("POST", "/api/state-parties/ZCF/extension-requests/" + id + "/revisions",
                REQUEST.replace("\"amountUsd\": 250000.5, \"status\": \"pledged\"", "\"amountUsd\": 250000.5, \"status\": \"secured\"")), 201);
        JsonNode after = server.json("/api/state-parties/ZCF/coalition").get("funding");
        assertEquals(2, after.get("revisionNumber").asInt());
        assertEquals(revised.get("revisions").get(1).get("id").asLong(), after.get("revisionId").asLong());
        assertPictureMatches(revised.get("planYearTotals"), after);
        assertEquals(0, new BigDecimal("1249999.5").compareTo(after.get("years").get(1).get("gapUsd").decimalValue()));
        assertEquals(0, new BigDecimal("1749999.5").compareTo(after.get("gapUsd").decimalValue()));
    }

    /** Each year of the picture carries the request's own totals, and its gap is needed − (secured + disbursed). */
    private static void assertPictureMatches(JsonNode totals, JsonNode picture) {
        assertEquals(totals.size(), picture.get("years").size());
        for (int i = 0; i < totals.size(); i++) {
            JsonNode t = totals.get(i);
            JsonNode y = picture.get("years").get(i);
            assertEquals(t.get("year").asInt(), y.get("year").asInt());
            assertEquals(t.get("budgetNeededUsd"), y.get("neededUsd"), "year " + t.get("year"));
            assertEquals(t.get("pledgedUsd"), y.get("pledgedUsd"));
            assertEquals(t.get("securedUsd"), y.get("securedUsd"));
            assertEquals(t.get("disbursedUsd"), y.get("disbursedUsd"));
            if (!t.get("budgetNeededUsd").isNull()) {
                BigDecimal gap = t.get("budgetNeededUsd").decimalValue()
                        .subtract(t.get("securedUsd").decimalValue()).subtract(t.get("disbursedUsd").decimalValue());
                assertEquals(0, gap.compareTo(y.get("gapUsd").decimalValue()), "year " + t.get("year"));
            }
        }
    }

    @Test
    void outreachListsTheStatesWithADeadlineWithin24MonthsOrPassedByDeadlineAndLeavesCompletedOnesOut()
            throws Exception {
        ok(send("POST", "/api/state-parties/ZOA/extension-requests", REQUEST), 201);
        ok(send("PUT", "/api/state-parties/ZOA/coalition", PARTNERS), 200);

        List<JsonNode> rows = ours(server.json("/api/coalitions/outreach?asOf=2026-01-15"));
        assertEquals(List.of("ZOC", "ZOA"), rows.stream().map(r -> r.get("iso3").asText()).toList(),
                "the passed deadline first; ZOB (2029) outside the window; ZOD completed");
        JsonNode zoc = rows.get(0);
        assertEquals("2025-06-01", zoc.get("currentDeadline").asText());
        assertEquals("deadline-passed", zoc.get("status").asText());
        assertFalse(zoc.get("extensionRequestPending").asBoolean());
        assertTrue(zoc.get("requestedUntil").isNull());
        assertTrue(zoc.get("fundingGapUsd").isNull());
        assertFalse(zoc.get("coalitionExists").asBoolean());
        JsonNode zoa = rows.get(1);
        assertEquals("2026-08-01", zoa.get("currentDeadline").asText());
        assertTrue(zoa.get("extensionRequestPending").asBoolean());
        assertEquals("2030-08-01", zoa.get("requestedUntil").asText());
        assertEquals(0, new BigDecimal("2000000").compareTo(zoa.get("fundingGapUsd").decimalValue()));
        assertEquals(server.json("/api/state-parties/ZOA/coalition").get("funding").get("gapUsd"), zoa.get("fundingGapUsd"));
        assertTrue(zoa.get("coalitionExists").asBoolean());

        List<String> later = ours(server.json("/api/coalitions/outreach?asOf=2027-09-01")).stream()
                .map(r -> r.get("iso3").asText()).toList();
        assertEquals(List.of("ZOC", "ZOA", "ZOB"), later, "ZOB's 2029-03-01 lies within 24 months of 2027-09-01");
        assertEquals("asOf", problemField(server.get("/api/coalitions/outreach?asOf=soon")));
    }

    private static List<JsonNode> ours(JsonNode outreach) {
        List<JsonNode> rows = new ArrayList<>();
        outreach.get("stateParties").forEach(r -> {
            if (r.get("iso3").asText().startsWith("ZO")) {
                rows.add(r);
            }
        });
        return rows;
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() throws Exception {
        String path = "/api/state-parties/ZCA/coalition";
        assertEquals("partners[2].kind", problemField(send("PUT", path,
                PARTNERS.replace("\"kind\": \"operator\"", "\"kind\": \"friend\""))));
        assertEquals("partners[0].name", problemField(send("PUT", path,
                PARTNERS.replace("\"name\": \"Ministry of Defence\", ", ""))));
        assertEquals("partners", problemField(send("PUT", path, "{\"partners\": \"everyone\"}")));
        assertEquals("notes", problemField(send("PUT", path, "{\"partners\": [], \"notes\": 3}")));
        assertEquals("date", problemField(send("POST", path + "/meetings",
                "{\"date\": \"2017-12-31\", \"title\": \"Before entry into force\"}")), "ZCA entered into force 2018-01-01");
        assertEquals("date", problemField(send("POST", path + "/meetings", "{\"date\": \"soon\", \"title\": \"x\"}")));
        assertEquals("title", problemField(send("POST", path + "/meetings", "{\"date\": \"2025-01-01\"}")));
        assertEquals("title", problemField(send("POST", path + "/meetings", "{\"date\": \"2025-01-01\", \"title\": \" \"}")));
        assertEquals(404, send("PUT", "/api/state-parties/ZZQ/coalition", PARTNERS).statusCode());
        assertEquals(404, server.get("/api/state-parties/ZZQ/coalition").statusCode());
        JsonNode meetings = server.json(path).get("meetings");
        assertFalse(meetings.toString().contains("Before entry into force"));
    }

    @Test
    void aCompletedStatePartyAnswers409ToWritesAndItsRecordStaysReadable() throws Exception {
        HttpResponse<String> put = send("PUT", "/api/state-parties/ZOD/coalition", PARTNERS);
        assertEquals(409, put.statusCode(), put.body());
        assertEquals("application/problem+json", put.headers().firstValue("Content-Type").orElse(""));
        assertEquals(409, send("POST", "/api/state-parties/ZOD/coalition/meetings",
                "{\"date\": \"2025-01-01\", \"title\": \"x\"}").statusCode());
        JsonNode got = server.json("/api/state-parties/ZOD/coalition");
        assertFalse(got.get("affected").asBoolean());
        assertEquals("2025-05-01", got.get("completedOn").asText());
        assertEquals(0, got.get("partners").size());
    }

    @Test
    void writesNeedACoordinatorToken() throws Exception {
        String path = "/api/state-parties/ZCA/coalition";
        String analyst = new Tokens(db).issue("coalition reader", Role.ANALYST);
        String coordinator = new Tokens(db).issue("coalition coordinator", Role.COORDINATOR);
        assertEquals(401, withToken("PUT", path, "not-a-token", PARTNERS).statusCode());
        assertEquals(401, withToken("POST", path + "/meetings", "not-a-token",
                "{\"date\": \"2025-01-01\", \"title\": \"x\"}").statusCode());
        assertEquals(403, withToken("PUT", path, analyst, PARTNERS).statusCode());
        assertEquals(403, withToken("POST", path + "/meetings", analyst, "{\"date\": \"2025-01-01\", \"title\": \"x\"}")
                .statusCode());
        assertEquals(201, withToken("POST", "/api/state-parties/ZCF/coalition/meetings", coordinator,
                "{\"date\": \"2025-01-02\", \"title\": \"By the coordinator\"}").statusCode());
        assertTrue(audit("coalition-meeting.add").toString().contains("coalition coordinator"));
        assertFalse(server.json(path).toString().contains("\"x\""), "a refused write writes nothing");
    }

    private static JsonNode audit(String action) throws Exception {
        return ok(send("GET", "/api/audit?action=" + action, ""), 200);
    }

    private static HttpResponse<String> withToken(String method, String path, String token, String body) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }
}
