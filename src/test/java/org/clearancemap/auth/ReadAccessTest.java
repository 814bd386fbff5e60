package org.clearancemap.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Reads are open by default; with READ_REQUIRES_TOKEN=true they need any valid token. */
class ReadAccessTest {
    private static TestDatabase db;
    private static TestServer open;
    private static TestServer closed;
    private static String analyst;
    private static String revoked;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(ReadAccessTest.class);
        var tokens = new Tokens(db);
        analyst = tokens.issue("analyst", Role.ANALYST);
        revoked = tokens.revoked("gone", Role.ADMIN);
        open = TestServer.start(db, Map.of(), routes -> { });
        closed = TestServer.start(db, Map.of("READ_REQUIRES_TOKEN", "true"), routes -> { });
    }

    @AfterAll
    static void stop() {
        open.close();
        closed.close();
        db.close();
    }

    private static HttpResponse<String> get(TestServer server, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.url(path))).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return server.send(request);
    }

    @Test
    void byDefaultAnyoneMayReadTheApiWithoutAToken() throws Exception {
        assertEquals(200, get(open, "/api/state-parties", null).statusCode());
        assertEquals(200, get(open, "/api/hazards?state_party=LAO", null).statusCode());
    }

    @Test
    void aRevokedTokenIsRefusedEvenOnAnOpenRead() throws Exception {
        HttpResponse<String> r = get(open, "/api/state-parties", revoked);
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("revoked"), r.body());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
    }

    @Test
    void whenReadsRequireATokenAnApiReadWithoutOneIs401() throws Exception {
        HttpResponse<String> r = get(closed, "/api/state-parties", null);
        assertEquals(401, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().contains("requires a token for reads"), r.body());
        assertEquals("Bearer realm=\"clearance-map\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, get(closed, "/api/hazards?state_party=LAO", null).statusCode());
        assertEquals(401, get(closed, "/api/export?layer=hazards&state_party=LAO&f=csv", null).statusCode());
    }

    @Test
    void whenReadsRequireATokenAnAnalystTokenIsEnough() throws Exception {
        assertEquals(200, get(closed, "/api/state-parties", analyst).statusCode());
        assertEquals(200, get(closed, "/api/state-parties/LAO", analyst).statusCode());
        assertEquals(200, get(closed, "/api/export?layer=hazards&state_party=LAO&f=csv", analyst).statusCode());
    }

    @Test
    void aReadRequiresTokenSettingOtherThanTrueOrFalseStopsTheServerAtStart() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.clearancemap.config.Config.ConfigException.class,
                () -> org.clearancemap.config.Config.fromEnv(Map.of("READ_REQUIRES_TOKEN", "yes", "WRITE_RATE_PER_MINUTE", "0")));
        assertTrue(e.getMessage().contains("READ_REQUIRES_TOKEN must be true or false"), e.getMessage());
        assertTrue(e.getMessage().contains("WRITE_RATE_PER_MINUTE must be between 1"), e.getMessage());
    }

    @Test
    void whenReadsRequireATokenHealthAndTheMapPageShellStayOpen() throws Exception {
        assertEquals(200, get(closed, "/health", null).statusCode());
        assertEquals(200, get(closed, "/", null).statusCode());
    }
}
