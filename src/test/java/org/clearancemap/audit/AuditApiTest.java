package org.clearancemap.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.clearancemap.auth.Principal;
import org.clearancemap.auth.Role;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.clearancemap.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/audit over events written with {@link AuditLog}; the trail cannot be changed. */
class AuditApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(AuditApiTest.class);
        admin = new Tokens(db).issue("auditor", Role.ADMIN);
        Principal who = Principal.system("fixture");
        try (Connection c = db.database().dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < 5; i++) {
                AuditLog.record(c, who, AuditAction.UPLOAD_CREATE, "upload", "lao-" + i, "LAO", null, Map.of("inserted", i));
            }
            for (int i = 0; i < 3; i++) {
                AuditLog.record(c, who, AuditAction.HAZARD_RETIRE, "hazard", "irq-" + i, "IRQ", null, null);
            }
            c.commit();
        }
        server = TestServer.start(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Authorization", "Bearer " + admin).GET());
    }

    private static JsonNode page(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void eventsAreFilteredByStatePartyAndAction() throws Exception {
        assertEquals(5, page("/api/audit?iso3=lao").get("numberReturned").asInt());
        assertEquals(3, page("/api/audit?action=hazard.retire").get("numberReturned").asInt());
        assertEquals(0, page("/api/audit?iso3=IRQ&action=upload.create").get("numberReturned").asInt());
    }

    @Test
    void eventsComeNewestFirstWithWhoWhatAndDetail() throws Exception {
        JsonNode first = page("/api/audit?iso3=LAO&limit=1").get("events").get(0);
        assertEquals("lao-4", first.get("entityId").asText());
        assertEquals("fixture", first.get("actor").asText());
        assertEquals("upload.create", first.get("action").asText());
        assertEquals(4, first.get("detail").get("inserted").asInt());
        assertTrue(first.get("at").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"), first.toString());
    }

    @Test
    void pagesFollowTheNextLinkUntilTheLastPage() throws Exception {
        JsonNode one = page("/api/audit?iso3=LAO&limit=2");
        assertEquals("/api/audit?limit=2&offset=2&iso3=LAO", one.get("next").asText());
        JsonNode two = page(one.get("next").asText());
        JsonNode three = page(two.get("next").asText());
        assertEquals(1, three.get("numberReturned").asInt());
        assertTrue(three.get("next").isNull());
        assertEquals("lao-0", three.get("events").get(0).get("entityId").asText());
    }

    @Test
    void sinceInTheFutureGivesNoEvents() throws Exception {
        assertEquals(0, page("/api/audit?since=2199-01-01").get("numberReturned").asInt());
        assertEquals(9, page("/api/audit?since=2000-01-01T00:00:00Z").get("numberReturned").asInt(),
                "8 fixture events and the creation of the auditor token");
    }

    @Test
    void badParametersAre400sNamingTheParameter() throws Exception {
        for (var bad : Map.of("limit", "limit=0", "offset", "offset=-1", "since", "since=yesterday",
                "iso3", "iso3=LA0", "action", "action=DROP%20TABLE").entrySet()) {
            HttpResponse<String> r = get("/api/audit?" + bad.getValue());
            assertEquals(400, r.statusCode(), bad.getValue());
            assertEquals(bad.getKey(), JSON.readTree(r.body()).get("parameter").asText(), r.body());
        }
    }

    @Test
    void theAuditTrailCanBeNeitherChangedNorDeleted() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> st.executeUpdate("UPDATE audit_event SET actor = 'someone else'"));
            assertTrue(update.getMessage().contains("not allowed"), update.getMessage());
            assertThrows(SQLException.class, () -> st.executeUpdate("DELETE FROM audit_event"));
            assertThrows(SQLException.class, () -> st.executeUpdate("TRUNCATE audit_event"));
            assertThrows(SQLException.class, () -> st.executeUpdate("DELETE FROM api_token"));
        }
        assertEquals(5, page("/api/audit?iso3=LAO").get("numberReturned").asInt());
    }
}
