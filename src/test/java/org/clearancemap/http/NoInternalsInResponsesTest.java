package org.clearancemap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.clearancemap.auth.Role;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.clearancemap.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real SQL error reaches the client as a generic 500; tokens never reach the log. */
class NoInternalsInResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(NoInternalsInResponsesTest.class);
        server = TestServer.start(db, Map.of(), routes -> { });
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @Test
    void aSqlErrorIsA500ProblemWithoutSqlTextOrStackTrace() throws Exception {
        HttpResponse<String> r;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // the real query now fails inside PostgreSQL: relation "state_party" does not exist
            st.execute("ALTER TABLE state_party RENAME TO state_party_hidden");
            try {
                r = server.get("/api/state-parties");
            } finally {
                st.execute("ALTER TABLE state_party_hidden RENAME TO state_party");
            }
        }
        assertEquals(500, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode p = JSON.readTree(r.body());
        String requestId = r.headers().firstValue("X-Request-Id").orElseThrow();
        assertEquals(requestId, p.get("requestId").asText());
        assertTrue(p.get("detail").asText().contains(requestId));
        String body = r.body().toLowerCase();
        for (String internal : List.of("state_party", "relation", "select", "from ", "sqlstate", "psql", "exception",
                "org.clearancemap", "at java.", ".java:", "postgres")) {
            assertFalse(body.contains(internal), "response leaks '" + internal + "': " + r.body());
        }
        assertEquals(200, server.get("/api/state-parties").statusCode(), "and the server carries on");
    }

    @Test
    void theBearerTokenNeverAppearsInTheLog() throws Exception {
        String secret = new Tokens(db).issue("logged admin", Role.ADMIN);
        var captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        String lastId;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            server.send(HttpRequest.newBuilder(URI.create(server.url("/api/me")))
                    .header("Authorization", "Bearer " + secret).GET());
            server.send(HttpRequest.newBuilder(URI.create(server.url("/api/me")))
                    .header("Authorization", "Bearer " + secret.substring(0, 20) + "tampered-tampered-tampered!").GET());
            lastId = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/audit")))
                    .header("Authorization", "Bearer " + secret).GET()).headers().firstValue("X-Request-Id").orElseThrow();
            // the request log line is written after the response: wait until it is there
            for (int i = 0; i < 100 && !captured.toString(StandardCharsets.UTF_8).contains(lastId); i++) {
                Thread.sleep(50);
            }
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains(lastId), "the request log was captured: " + log);
        assertTrue(log.contains("/api/me"), log);
        assertFalse(log.contains(secret.substring(3, 20)), log);
        assertFalse(log.contains("Bearer"), log);
    }
}
