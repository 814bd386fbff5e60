package org.clearancemap.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A token revoked outside the server (the token command, or plain SQL) stops working on a running
 * server at once, although the server remembers resolved tokens for an hour here
 * (AUTH_CACHE_SECONDS=3600): the revocation is announced by the database (migration V41) and heard
 * by the server's {@link RevocationListener}.
 */
class TokenRevocationTest {
    private static final long HEARD_WITHIN_MS = 10_000;
    private static TestDatabase db;
    private static TestServer server;
    private static TokenRepository tokens;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(TokenRevocationTest.class);
        tokens = new TokenRepository(db.database().dataSource());
        server = TestServer.start(db, Map.of("AUTH_CACHE_SECONDS", "3600"), routes -> { });
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static int me(String secret) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/api/me")))
                .header("Authorization", "Bearer " + secret).GET()).statusCode();
    }

    /** Milliseconds until /api/me refuses the token, or -1 when it still works after the wait. */
    private static long refusedAfter(String secret) throws Exception {
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1_000_000 < HEARD_WITHIN_MS) {
            if (me(secret) == 401) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(20);
        }
        return -1;
    }

    @Test
    void aTokenRevokedByTheTokenCommandStopsWorkingAtOnce() throws Exception {
        String secret = TokenSecret.generate();
        long id = tokens.create("revoked by command", Role.COORDINATOR, List.of(), secret, Principal.system("test"));
        assertEquals(200, me(secret));
        assertEquals(200, me(secret), "now in the server's cache");
        var out = new ByteArrayOutputStream();
        int code = new TokenCommand(db.database().dataSource(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run("revoke", Long.toString(id));
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        long ms = refusedAfter(secret);
        System.out.println("token revoked by the command refused after " + ms + " ms");
        assertTrue(ms >= 0, "the revoked token still worked " + HEARD_WITHIN_MS + " ms after the command");
    }

    @Test
    void aTokenRevokedByPlainSqlStopsWorkingAtOnce() throws Exception {
        String secret = TokenSecret.generate();
        long id = tokens.create("revoked by SQL", Role.ANALYST, List.of(), secret, Principal.system("test"));
        assertEquals(200, me(secret));
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("UPDATE api_token SET revoked_at = now() WHERE id = ?")) {
            s.setLong(1, id);
            assertEquals(1, s.executeUpdate());
        }
        long ms = refusedAfter(secret);
        System.out.println("token revoked by SQL refused after " + ms + " ms");
        assertTrue(ms >= 0, "the revoked token still worked " + HEARD_WITHIN_MS + " ms after the UPDATE");
    }

    @Test
    void otherTokensKeepWorking() throws Exception {
        String kept = TokenSecret.generate();
        tokens.create("kept", Role.ANALYST, List.of(), kept, Principal.system("test"));
        String gone = TokenSecret.generate();
        long id = tokens.create("gone", Role.ANALYST, List.of(), gone, Principal.system("test"));
        assertEquals(200, me(kept));
        assertEquals(200, me(gone));
        tokens.revoke(id, Principal.system("test"));
        assertTrue(refusedAfter(gone) >= 0);
        assertEquals(200, me(kept), "only the revoked token is refused");
    }
}
