package org.clearancemap.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events stored under the action names written before {@link AuditAction} keep them, and a filter
 * by the current name finds them beside the new ones.
 */
class EarlierActionNamesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(EarlierActionNamesTest.class);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("""
                    INSERT INTO audit_event (actor, action, entity, entity_id, iso3) VALUES
                        ('earlier', 'upload', 'hazards', NULL, 'LAO'),
                        ('earlier', 'create', 'state_party', 'NGA', 'NGA'),
                        ('earlier', 'create', 'extension_request', '7', 'LAO'),
                        ('earlier', 'declare-completion', 'state_party', 'LAO', 'LAO')""");
        }
        try (Connection c = db.database().dataSource().getConnection()) {
            c.setAutoCommit(false);
            AuditLog.record(c, Actor.system("current"), AuditAction.UPLOAD_CREATE, "upload", "1", "LAO", null, null);
            AuditLog.record(c, Actor.system("current"), AuditAction.STATE_PARTY_CREATE, "state_party", "SSD", "SSD",
                    null, null);
            c.commit();
        }
        server = TestServer.start(db).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static List<String> actors(String action) throws Exception {
        var actors = new ArrayList<String>();
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/audit?action=" + action)))
                .GET());
        assertEquals(200, r.statusCode(), r.body());
        for (JsonNode e : JSON.readTree(r.body()).get("events")) {
            actors.add(e.get("actor").asText() + " " + e.get("action").asText() + " " + e.get("entity").asText());
        }
        return actors;
    }

    @Test
    void aCurrentNameFindsTheEventsWrittenUnderItsEarlierName() throws Exception {
        assertEquals(List.of("current upload.create upload", "earlier upload hazards"), actors("upload.create"));
        assertEquals(List.of("earlier declare-completion state_party"), actors("completion.declare"));
    }

    @Test
    void anEarlierNameSharedByTwoThingsIsToldApartByTheEntity() throws Exception {
        assertEquals(List.of("current state-party.create state_party", "earlier create state_party"),
                actors("state-party.create"));
        assertEquals(List.of("earlier create extension_request"), actors("extension-request.create"));
    }

    @Test
    void anEarlierNameFindsExactlyTheEventsStoredUnderIt() throws Exception {
        assertEquals(List.of("earlier create extension_request", "earlier create state_party"), actors("create"));
    }
}
