package org.clearancemap.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.clearancemap.audit.AuditAction;
import org.clearancemap.audit.AuditLog;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.clearancemap.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every role against every protected route on this branch: the admin reads, {@code /api/me}, and
 * two probe write routes wired exactly as the real write routes are (one {@link Access} call, then
 * the write and its {@link AuditLog} event in one transaction).
 */
class AccessMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;
    private static final Map<String, String> TOKENS = new java.util.HashMap<>();

    @BeforeAll
    static void start() {
        db = TestDatabase.create(AccessMatrixTest.class);
        var tokens = new Tokens(db);
        TOKENS.put("none", null);
        TOKENS.put("malformed", "Basic dXNlcjpwYXNz");
        TOKENS.put("unknown", TokenSecret.generate());
        TOKENS.put("revoked", tokens.revoked("former coordinator", Role.COORDINATOR));
        TOKENS.put("analyst", tokens.issue("analyst", Role.ANALYST));
        TOKENS.put("operator LAO", tokens.issue("operator LAO", Role.OPERATOR, "LAO"));
        TOKENS.put("coordinator", tokens.issue("coordinator", Role.COORDINATOR));
        TOKENS.put("admin", tokens.issue("admin", Role.ADMIN));
        server = TestServer.start(db, Map.of(), routes -> probes(routes, db));
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    /** Test-only write routes, guarded like the real ones. */
    static void probes(RoutesConfig routes, TestDatabase db) {
        routes.post("/test/state-parties/{iso3}/probe", ctx -> {
            String iso3 = Params.iso3(ctx.pathParam("iso3"), "iso3");
            Principal who = Access.require(ctx, Role.OPERATOR, iso3);
            try (Connection c = db.database().dataSource().getConnection()) {
                c.setAutoCommit(false);
                AuditLog.record(c, who, AuditAction.UPLOAD_CREATE, "probe", ctx.queryParam("id"), iso3, null,
                        Map.of("note", "probe"));
                if ("fail".equals(ctx.queryParam("then"))) {
                    c.rollback();
                    throw new ApiException.Conflict("The probe write failed after it was audited.");
                }
                c.commit();
            }
            ctx.status(201).json(Map.of("writtenBy", who.name()));
        });
        routes.post("/test/unguarded-probe", ctx -> ctx.status(201).json(Map.of("ok", true)));
        routes.post("/test/treaty-probe", ctx -> {
            Access.requireRole(ctx, Role.COORDINATOR);
            ctx.status(201).json(Map.of("ok", true));
        });
    }

    static HttpResponse<String> call(String method, String path, String who) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.url(path)))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        String token = TOKENS.get(who);
        if (token != null) {
            request.header("Authorization", token.startsWith("Basic ") ? token : "Bearer " + token);
        }
        return server.send(request);
    }

    static Stream<Arguments> matrix() {
        return Stream.of(
                // who, method, path, expected status
                Arguments.of("none", "POST", "/test/state-parties/LAO/probe", 401),
                Arguments.of("malformed", "POST", "/test/state-parties/LAO/probe", 401),
                Arguments.of("unknown", "POST", "/test/state-parties/LAO/probe", 401),
                Arguments.of("revoked", "POST", "/test/state-parties/LAO/probe", 401),
                Arguments.of("analyst", "POST", "/test/state-parties/LAO/probe", 403),
                Arguments.of("operator LAO", "POST", "/test/state-parties/IRQ/probe", 403),
                Arguments.of("operator LAO", "POST", "/test/state-parties/LAO/probe", 201),
                Arguments.of("coordinator", "POST", "/test/state-parties/IRQ/probe", 201),
                Arguments.of("admin", "POST", "/test/state-parties/IRQ/probe", 201),
                Arguments.of("none", "POST", "/test/treaty-probe", 401),
                Arguments.of("revoked", "POST", "/test/treaty-probe", 401),
                Arguments.of("analyst", "POST", "/test/treaty-probe", 403),
                Arguments.of("operator LAO", "POST", "/test/treaty-probe", 403),
                Arguments.of("coordinator", "POST", "/test/treaty-probe", 201),
                Arguments.of("admin", "POST", "/test/treaty-probe", 201),
                Arguments.of("none", "GET", "/api/audit", 401),
                Arguments.of("revoked", "GET", "/api/audit", 401),
                Arguments.of("analyst", "GET", "/api/audit", 403),
                Arguments.of("operator LAO", "GET", "/api/audit", 403),
                Arguments.of("coordinator", "GET", "/api/audit", 403),
                Arguments.of("admin", "GET", "/api/audit", 200),
                Arguments.of("none", "GET", "/api/tokens", 401),
                Arguments.of("coordinator", "GET", "/api/tokens", 403),
                Arguments.of("admin", "GET", "/api/tokens", 200),
                Arguments.of("none", "DELETE", "/api/tokens/999999", 401),
                Arguments.of("revoked", "DELETE", "/api/tokens/999999", 401),
                Arguments.of("analyst", "DELETE", "/api/tokens/999999", 403),
                Arguments.of("operator LAO", "DELETE", "/api/tokens/999999", 403),
                Arguments.of("coordinator", "DELETE", "/api/tokens/999999", 403),
                Arguments.of("admin", "DELETE", "/api/tokens/999999", 404),
                Arguments.of("none", "GET", "/api/me", 401),
                Arguments.of("unknown", "GET", "/api/me", 401),
                Arguments.of("analyst", "GET", "/api/me", 200),
                Arguments.of("operator LAO", "GET", "/api/me", 200));
    }

    @ParameterizedTest(name = "a request by {0} to {1} {2} gets {3}")
    @MethodSource("matrix")
    void eachRoleGetsTheStatusItsRightsAllow(String who, String method, String path, int expected) throws Exception {
        HttpResponse<String> r = call(method, path, who);
        assertEquals(expected, r.statusCode(), r.body());
        if (expected >= 400) {
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
            JsonNode p = JSON.readTree(r.body());
            assertEquals(expected, p.get("status").asInt());
            assertTrue(p.get("detail").asText().length() > 10, r.body());
        }
        if (expected == 401) {
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), r.headers().toString());
        }
    }

    @Test
    void aWriteRouteThatForgotItsGuardIsStillClosedToRequestsWithoutAToken() throws Exception {
        HttpResponse<String> r = call("POST", "/test/unguarded-probe", "none");
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("needs a token"), r.body());
        assertEquals(401, call("POST", "/test/unguarded-probe", "revoked").statusCode());
    }

    @Test
    void anAdminRevokesATokenOverTheApiAndItIsRefusedAtOnceDespiteTheCache() throws Exception {
        TOKENS.put("short-lived", new Tokens(db).issue("short-lived", Role.COORDINATOR));
        assertEquals(201, call("POST", "/test/treaty-probe", "short-lived").statusCode());
        long id;
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM api_token WHERE name = 'short-lived'")) {
            rs.next();
            id = rs.getLong(1);
        }
        assertEquals(204, call("DELETE", "/api/tokens/" + id, "admin").statusCode());
        assertEquals(401, call("POST", "/test/treaty-probe", "short-lived").statusCode());
        assertEquals(404, call("DELETE", "/api/tokens/" + id, "admin").statusCode(), "already revoked");
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT actor FROM audit_event WHERE action = 'token.revoke' AND entity_id = '"
                     + id + "'")) {
            assertTrue(rs.next());
            assertEquals("admin", rs.getString(1));
        }
    }

    @Test
    void aForbiddenOperatorIsToldWhichStatePartiesItsTokenCovers() throws Exception {
        JsonNode p = JSON.readTree(call("POST", "/test/state-parties/IRQ/probe", "operator LAO").body());
        assertTrue(p.get("detail").asText().contains("LAO"), p.toString());
        assertTrue(p.get("detail").asText().contains("IRQ"), p.toString());
        assertEquals("LAO", p.get("stateParties").get(0).asText());
    }

    @Test
    void aTooLowRoleIsToldWhichRoleTheRouteNeeds() throws Exception {
        JsonNode p = JSON.readTree(call("POST", "/test/treaty-probe", "analyst").body());
        assertEquals("coordinator", p.get("requiredRole").asText());
        assertEquals("analyst", p.get("role").asText());
    }

    @Test
    void meDescribesTheTokenWithoutItsSecret() throws Exception {
        HttpResponse<String> r = call("GET", "/api/me", "operator LAO");
        JsonNode me = JSON.readTree(r.body());
        assertEquals("operator LAO", me.get("name").asText());
        assertEquals("operator", me.get("role").asText());
        assertEquals("LAO", me.get("stateParties").get(0).asText());
        assertTrue(!r.body().contains(TOKENS.get("operator LAO")));
    }

    @Test
    void anAllowedWriteLeavesOneAuditEventNamingTheTokenAndStateParty() throws Exception {
        assertEquals(201, call("POST", "/test/state-parties/LAO/probe?id=ok-1", "operator LAO").statusCode());
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT e.actor, e.iso3, t.name FROM audit_event e JOIN api_token t ON t.id = e.token_id
                     WHERE e.action = 'upload.create' AND e.entity = 'probe' AND e.entity_id = 'ok-1'""")) {
            assertTrue(rs.next());
            assertEquals("operator LAO", rs.getString(1));
            assertEquals("LAO", rs.getString(2));
            assertEquals("operator LAO", rs.getString(3));
        }
    }

    @Test
    void aWriteThatRollsBackLeavesNoAuditEvent() throws Exception {
        assertEquals(409, call("POST", "/test/state-parties/LAO/probe?id=failed-1&then=fail", "coordinator").statusCode());
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_event WHERE entity_id = 'failed-1'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    private static Object lastUsed(String name) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT last_used_at FROM api_token WHERE name = '" + name + "'")) {
            rs.next();
            return rs.getObject(1);
        }
    }

    @Test
    void usingATokenRecordsWhenItWasLastUsedButNotOnEveryRequest() throws Exception {
        String secret = new Tokens(db).issue("last used", Role.ANALYST);
        assertEquals(null, lastUsed("last used"));
        TOKENS.put("last used", secret);
        call("GET", "/api/me", "last used");
        Object first = lastUsed("last used");
        assertTrue(first != null);
        call("GET", "/api/me", "last used");
        assertEquals(first, lastUsed("last used"), "written at most once a minute");
    }
}
