package org.clearancemap.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A token revoked outside the server (the token command, or plain SQL) stops working on a running
 * server, although the server remembers resolved tokens for an hour here (AUTH_CACHE_SECONDS=3600):
 * the database announces each revocation (migration V41) and {@link RevocationListener} hears it.
 * No test measures time: each waits for the event it expects (the class timeout only stops a hang).
 */
@Timeout(120)
class TokenRevocationTest {
    private static TestDatabase db;
    private static TestServer server;
    private static TokenRepository tokens;
    private static final BlockingQueue<Long> HEARD = new LinkedBlockingQueue<>();
    private static RevocationListener listener;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(TokenRevocationTest.class);
        tokens = new TokenRepository(db.database().dataSource());
        server = TestServer.start(db, Map.of("AUTH_CACHE_SECONDS", "3600"), routes -> { });
        var config = db.config();
        listener = new RevocationListener(config.databaseUrl(), config.databaseUser(), config.databasePassword(),
                HEARD::add, () -> HEARD.add(-1L));
        listener.start();
        try {
            assertEquals(-1L, HEARD.take(), "the listener connects before anything is revoked");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @AfterAll
    static void stop() {
        listener.close();
        server.close();
        db.close();
    }

    /** The next token id from {@code first} on that the listener heard (earlier tests' ids and reconnection marks skipped). */
    private static long nextHeard(long first) throws InterruptedException {
        long id;
        do {
            id = HEARD.take();
        } while (id < first);
        return id;
    }

    private static long newToken(String name, String secret) {
        return tokens.create(name, Role.COORDINATOR, List.of(), secret, Principal.system("test"));
    }

    private static int me(String secret) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/api/me")))
                .header("Authorization", "Bearer " + secret).GET()).statusCode();
    }

    /** Waits until the server refuses the token (it would answer 200 for an hour from its cache otherwise). */
    private static void awaitRefused(String secret) throws Exception {
        while (me(secret) != 401) {
            Thread.sleep(20);
        }
    }

    private static void revokeBySql(long id) throws Exception {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("UPDATE api_token SET revoked_at = now() WHERE id = ?")) {
            s.setLong(1, id);
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    void theDatabaseAnnouncesEveryRevocationAndNothingElse() throws Exception {
        long touched = newToken("used, not revoked", TokenSecret.generate());
        long byCommand = newToken("revoked by command", TokenSecret.generate());
        long bySql = newToken("revoked by SQL", TokenSecret.generate());
        tokens.touch(touched); // an update that is no revocation: not announced
        var out = new ByteArrayOutputStream();
        int code = new TokenCommand(db.database().dataSource(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run("revoke", Long.toString(byCommand));
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        revokeBySql(bySql);
        // notices arrive in commit order: had the touch been announced, it would come first
        assertEquals(byCommand, nextHeard(touched));
        assertEquals(bySql, nextHeard(touched));
    }

    @Test
    void aTokenRevokedByTheTokenCommandStopsWorkingOnTheRunningServer() throws Exception {
        String secret = TokenSecret.generate();
        long id = newToken("command, on the server", secret);
        assertEquals(200, me(secret));
        assertEquals(200, me(secret), "now in the server's cache");
        int code = new TokenCommand(db.database().dataSource(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())).run("revoke", Long.toString(id));
        assertEquals(0, code);
        awaitRefused(secret);
    }

    @Test
    void aTokenRevokedByPlainSqlStopsWorkingOnTheRunningServerAndOthersKeepWorking() throws Exception {
        String kept = TokenSecret.generate();
        newToken("kept", kept);
        String gone = TokenSecret.generate();
        long id = newToken("SQL, on the server", gone);
        assertEquals(200, me(kept));
        assertEquals(200, me(gone));
        revokeBySql(id);
        awaitRefused(gone);
        assertEquals(200, me(kept), "only the revoked token is refused");
    }
}
