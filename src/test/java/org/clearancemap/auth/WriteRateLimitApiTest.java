package org.clearancemap.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.clearancemap.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WRITE_RATE_PER_MINUTE=3 over real HTTP: the fourth write in a minute is a 429 with Retry-After. */
class WriteRateLimitApiTest {
    private static TestDatabase db;
    private static TestServer server;
    private static Tokens tokens;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(WriteRateLimitApiTest.class);
        tokens = new Tokens(db);
        server = TestServer.start(db, Map.of("WRITE_RATE_PER_MINUTE", "3"),
                routes -> AccessMatrixTest.probes(routes, db));
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static HttpResponse<String> send(String method, String path, String token) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Authorization", "Bearer " + token)
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}")));
    }

    @Test
    void theWriteAfterTheMinuteAllowanceIsA429WithRetryAfter() throws Exception {
        String token = tokens.issue("busy operator", Role.OPERATOR, "LAO");
        for (int i = 0; i < 3; i++) {
            assertEquals(201, send("POST", "/test/state-parties/LAO/probe", token).statusCode(), "write " + (i + 1));
        }
        HttpResponse<String> r = send("POST", "/test/state-parties/LAO/probe", token);
        assertEquals(429, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 20, "3 a minute refills one every 20 s: " + retryAfter);
        assertEquals(retryAfter, new ObjectMapper().readTree(r.body()).get("retryAfterSeconds").asLong());
    }

    @Test
    void readsAreNotCountedAgainstTheWriteRate() throws Exception {
        String token = tokens.issue("reading admin", Role.ADMIN);
        for (int i = 0; i < 10; i++) {
            assertEquals(200, send("GET", "/api/audit?limit=1", token).statusCode());
        }
        assertEquals(201, send("POST", "/test/treaty-probe", token).statusCode());
    }

    @Test
    void oneTokenAtItsLimitDoesNotSlowAnother() throws Exception {
        String first = tokens.issue("first coordinator", Role.COORDINATOR);
        String second = tokens.issue("second coordinator", Role.COORDINATOR);
        for (int i = 0; i < 3; i++) {
            send("POST", "/test/treaty-probe", first);
        }
        assertEquals(429, send("POST", "/test/treaty-probe", first).statusCode());
        assertEquals(201, send("POST", "/test/treaty-probe", second).statusCode());
    }

    @Test
    void aRefusedWriteIsNotCountedAgainstTheRate() throws Exception {
        String token = tokens.issue("operator elsewhere", Role.OPERATOR, "LAO");
        for (int i = 0; i < 5; i++) {
            assertEquals(403, send("POST", "/test/state-parties/IRQ/probe", token).statusCode());
        }
        assertEquals(201, send("POST", "/test/state-parties/LAO/probe", token).statusCode());
    }
}
