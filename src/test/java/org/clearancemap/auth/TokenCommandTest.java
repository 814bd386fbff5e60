package org.clearancemap.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code token create|list|revoke} as Main runs it, against a real database. */
class TokenCommandTest {
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(TokenCommandTest.class);
        server = TestServer.start(db, java.util.Map.of("AUTH_CACHE_SECONDS", "0"), routes -> { });
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run token(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = new TokenCommand(db.database().dataSource(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static int meStatus(String secret) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/api/me")))
                .header("Authorization", "Bearer " + secret).GET()).statusCode();
    }

    @Test
    void createPrintsTheSecretAloneOnStandardOutputAndStoresOnlyItsHash() throws Exception {
        Run r = token("create", "--role", "operator", "--state-party", "LAO", "IRQ", "--name", "UXO Lao survey team");
        assertEquals(0, r.code(), r.err());
        String secret = r.out().trim();
        assertTrue(TokenSecret.looksLikeSecret(secret), r.out());
        assertTrue(r.err().contains("shown once"), r.err());
        assertFalse(r.err().contains(secret));
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT role, state_parties::text, token_hash FROM api_token WHERE name = 'UXO Lao survey team'")) {
            ResultSet rs = ps.executeQuery();
            assertTrue(rs.next());
            assertEquals("operator", rs.getString(1));
            assertEquals("{IRQ,LAO}", rs.getString(2));
            assertEquals(TokenSecret.hash(secret), rs.getString(3));
        }
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM api_token WHERE api_token::text LIKE '%"
                     + secret.substring(3) + "%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the secret itself is nowhere in the table");
        }
        assertEquals(200, meStatus(secret));
    }

    @Test
    void listShowsEveryTokenButNeverItsSecretOrHash() throws Exception {
        String secret = token("create", "--role", "admin", "--name", "listed admin").out().trim();
        meStatus(secret);
        Run r = token("list");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("listed admin"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("listed admin") && l.contains("admin")), r.out());
        assertFalse(r.out().contains(secret.substring(3)));
        assertFalse(r.out().contains(TokenSecret.hash(secret)));
    }

    @Test
    void aRevokedTokenIsRefusedAndTheRevocationIsAudited() throws Exception {
        String secret = token("create", "--role", "coordinator", "--name", "to revoke").out().trim();
        assertEquals(200, meStatus(secret));
        long id;
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM api_token WHERE name = 'to revoke'")) {
            rs.next();
            id = rs.getLong(1);
        }
        Run r = token("revoke", Long.toString(id));
        assertEquals(0, r.code(), r.err());
        assertEquals(401, meStatus(secret));
        assertEquals(1, token("revoke", Long.toString(id)).code(), "revoking twice reports that nothing was revoked");
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT actor FROM audit_event WHERE action = 'token.revoke' AND entity_id = '"
                     + id + "'")) {
            assertTrue(rs.next());
            assertEquals("command line (" + System.getProperty("user.name") + ")", rs.getString(1));
        }
        assertTrue(token("list").out().lines().anyMatch(l -> l.contains("to revoke") && l.matches(".*\\d{4}-.*\\d{4}-.*")));
    }

    @Test
    void anOperatorWithoutAStatePartyIsRefusedWithUsage() {
        Run r = token("create", "--role", "operator", "--name", "nowhere");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("at least one --state-party"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void anUnknownRoleOrStatePartyIsNamed() {
        Run role = token("create", "--role", "superuser", "--name", "x");
        assertEquals(2, role.code());
        assertTrue(role.err().contains("--role must be one of analyst, operator, coordinator, admin"), role.err());
        Run party = token("create", "--role", "operator", "--state-party", "XYZ", "--name", "x");
        assertEquals(2, party.code());
        assertTrue(party.err().contains("unknown State Party XYZ"), party.err());
    }

    @Test
    void anUnknownSubcommandPrintsUsage() {
        Run r = token("rotate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("usage: java -jar clearance-map.jar token"), r.err());
    }
}
