package org.clearancemap.stateparty;

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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TreatyRecordApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(TreatyRecordApiTest.class);
        server = TestServer.start(db, Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC)).asAdmin(db);
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

    private static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(r.body());
    }

    @Test
    void aCoordinatorAddsANewStatePartyWhoseDeadlineIsTenYearsAfterEntryIntoForce() throws Exception {
        HttpResponse<String> r = send("POST", "/api/state-parties",
                "{\"iso3\":\"nga\",\"name\":\"Nigeria\",\"eifDate\":\"2026-06-01\"}");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode nga = JSON.readTree(server.get("/api/state-parties/NGA").body());
        assertEquals("2036-06-01", nga.get("originalDeadline").asText());
        assertEquals("no-data", nga.get("status").asText());
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_event WHERE entity = 'state_party' AND iso3 = 'NGA'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the write is audited");
        }
    }

    @Test
    void addingAStatePartyThatExistsIsAConflict() throws Exception {
        problem(send("POST", "/api/state-parties", "{\"iso3\":\"LAO\",\"name\":\"Laos\",\"eifDate\":\"2010-08-01\"}"), 409);
    }

    @Test
    void aStatePartyWithoutANameIsA400NamingTheField() throws Exception {
        JsonNode p = problem(send("POST", "/api/state-parties", "{\"iso3\":\"NER\",\"eifDate\":\"2026-06-01\"}"), 400);
        assertEquals("name", p.get("parameter").asText());
    }

    @Test
    void aBodyThatIsNotJsonIsA400SayingWhere() throws Exception {
        JsonNode p = problem(send("POST", "/api/state-parties", "{\"iso3\": NER"), 400);
        assertTrue(p.get("detail").asText().contains("line 1"), p.toString());
    }

    @Test
    void aGrantedExtensionMovesTheCurrentDeadlineAndCannotBeDecidedTwice() throws Exception {
        HttpResponse<String> r = send("POST", "/api/state-parties/SSD/extension-requests",
                "{\"requestedUntil\":\"2036-02-01\",\"submittedOn\":\"2025-12-01\",\"meeting\":\"14MSP\"}");
        assertEquals(201, r.statusCode(), r.body());
        long id = JSON.readTree(r.body()).get("extension").get("id").asLong();
        HttpResponse<String> decided = send("POST", "/api/state-parties/SSD/extension-requests/" + id + "/decision",
                "{\"status\":\"granted\",\"grantedUntil\":\"2035-08-01\",\"decidedOn\":\"2026-01-10\"}");
        assertEquals(200, decided.statusCode(), decided.body());
        assertEquals("2035-08-01", JSON.readTree(server.get("/api/state-parties/SSD").body()).get("currentDeadline").asText());
        problem(send("POST", "/api/state-parties/SSD/extension-requests/" + id + "/decision",
                "{\"status\":\"refused\"}"), 409);
    }

    @Test
    void anExtensionOfMoreThanFiveYearsIsA400() throws Exception {
        JsonNode p = problem(send("POST", "/api/state-parties/LBN/extension-requests",
                "{\"requestedUntil\":\"2040-01-01\"}"), 400);
        assertEquals("requestedUntil", p.get("parameter").asText());
    }

    @Test
    void aGrantedDecisionNeedsItsNewDeadline() throws Exception {
        HttpResponse<String> r = send("POST", "/api/state-parties/MRT/extension-requests", "{\"requestedUntil\":\"2028-08-01\"}");
        long id = JSON.readTree(r.body()).get("extension").get("id").asLong();
        JsonNode p = problem(send("POST", "/api/state-parties/MRT/extension-requests/" + id + "/decision",
                "{\"status\":\"granted\"}"), 400);
        assertEquals("grantedUntil", p.get("parameter").asText());
    }

    @Test
    void aReportedFigureIsKeptWithItsSourceAndANegativeAreaIsRefused() throws Exception {
        assertEquals(201, send("POST", "/api/state-parties/IRQ/reported-figures",
                "{\"year\":2025,\"remainingKm2\":120.5,\"clearedKm2\":3.2,\"source\":\"Article 7 report 2025\"}").statusCode());
        JsonNode irq = JSON.readTree(server.get("/api/state-parties/IRQ").body());
        boolean found = false;
        for (JsonNode f : irq.get("reportedFigures")) {
            found |= f.get("year").asInt() == 2025 && "Article 7 report 2025".equals(f.get("source").asText());
        }
        assertTrue(found);
        JsonNode p = problem(send("POST", "/api/state-parties/IRQ/reported-figures",
                "{\"year\":2025,\"clearedKm2\":-1,\"source\":\"x\"}"), 400);
        assertEquals("clearedKm2", p.get("parameter").asText());
    }

    @Test
    void aReportedFigureWithoutAnyFigureIsA400NamingTheFirstFigure() throws Exception {
        JsonNode p = problem(send("POST", "/api/state-parties/IRQ/reported-figures",
                "{\"year\":2025,\"source\":\"Article 7 report 2025\"}"), 400);
        assertEquals("remainingKm2", p.get("parameter").asText(), p.toString());
        assertTrue(p.get("detail").asText().contains("at least one of"), p.toString());
    }

    @Test
    void aMilestoneIsShownAgainstTheLandReleasedThatYear() throws Exception {
        HttpResponse<String> r = send("PUT", "/api/state-parties/AFG/milestones/2025", "{\"targetReleaseSqm\":500000}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode afg = JSON.readTree(server.get("/api/state-parties/AFG").body());
        JsonNode m = afg.get("milestones").get(0);
        assertEquals(2025, m.get("year").asInt());
        assertEquals(0.0, m.get("releasedSqm").asDouble(), "nothing is mapped for AFG in the test database");
        assertEquals(false, m.get("met").asBoolean());
    }

    @Test
    void aDeclarationOfCompletionMakesTheStatusCompleted() throws Exception {
        assertEquals(200, send("POST", "/api/state-parties/DEU/completion", "{\"completedOn\":\"2025-11-30\"}").statusCode());
        JsonNode deu = JSON.readTree(server.get("/api/state-parties/DEU").body());
        assertEquals("completed", deu.get("status").asText());
        assertEquals("2025-11-30", deu.get("completedOn").asText());
    }

    @Test
    void aTreatyWriteIsAuditedUnderItsActionWithTheTokenThatMadeIt() throws Exception {
        assertEquals(201, send("POST", "/api/state-parties/LAO/reported-figures",
                "{\"year\":2024,\"remainingKm2\":12.5,\"source\":\"audit test\"}").statusCode());
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT e.action, e.entity, e.actor, t.name, e.detail->>'source'
                       FROM audit_event e JOIN api_token t ON t.id = e.token_id
                      WHERE e.iso3 = 'LAO' AND e.detail->>'source' = 'audit test'""")) {
            assertTrue(rs.next(), "the write is audited with its token");
            assertEquals("reported-figure.create", rs.getString(1));
            assertEquals("reported_figure", rs.getString(2));
            assertEquals("test admin", rs.getString(3));
            assertEquals("test admin", rs.getString(4));
            assertEquals("audit test", rs.getString(5));
        }
    }

    @Test
    void aCompletionInTheFutureIsA400() throws Exception {
        JsonNode p = problem(send("POST", "/api/state-parties/TCD/completion", "{\"completedOn\":\"2027-01-01\"}"), 400);
        assertEquals("completedOn", p.get("parameter").asText());
    }

    @Test
    void writingToAnUnknownStatePartyIsA404() throws Exception {
        problem(send("POST", "/api/state-parties/XYZ/completion", "{\"completedOn\":\"2025-01-01\"}"), 404);
    }
}
