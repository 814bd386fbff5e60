package org.clearancemap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(ProblemResponsesTest.class);
        server = TestServer.start(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode p = JSON.readTree(r.body());
        assertEquals(status, p.get("status").asInt());
        assertTrue(p.get("type").asText().startsWith("urn:clearance-map:problem:"), p.toString());
        assertFalse(p.get("title").asText().isBlank());
        assertFalse(p.get("detail").asText().isBlank());
        return p;
    }

    @Test
    void anUnknownPathIsA404Problem() throws Exception {
        JsonNode p = problem(server.get("/api/no-such-thing"), 404);
        assertTrue(p.get("detail").asText().contains("/api/no-such-thing"));
    }

    @Test
    void aWrongMethodOnAKnownPathIsA405Problem() throws Exception {
        problem(server.send(HttpRequest.newBuilder(URI.create(server.url("/health")))
                .DELETE()), 405);
    }

    @Test
    void everyResponseCarriesARequestId() throws Exception {
        assertTrue(server.get("/health").headers().firstValue("X-Request-Id").isPresent());
        assertTrue(server.get("/api/nothing").headers().firstValue("X-Request-Id").isPresent());
    }

    @Test
    void healthIsOkWhileTheDatabaseAnswers() throws Exception {
        HttpResponse<String> r = server.get("/health");
        assertEquals(200, r.statusCode());
        assertEquals("ok", JSON.readTree(r.body()).get("status").asText());
    }

    @Test
    void theMapPageIsServedAtTheRoot() throws Exception {
        HttpResponse<String> r = server.get("/");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<html"), r.body());
        assertEquals(200, server.get("/node_modules/leaflet/dist/leaflet-src.esm.js").statusCode());
    }
}
