package org.clearancemap.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Security headers on every kind of response; CORS off by default, on only for configured origins. */
class SecurityHeadersTest {
    private static TestDatabase db;
    private static TestServer plain;
    private static TestServer withCors;
    private static TestServer withTiles;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(SecurityHeadersTest.class);
        plain = TestServer.start(db, Map.of(), routes -> { });
        withCors = TestServer.start(db, Map.of("CORS_ORIGINS", "https://maps.example.org, http://localhost:8080"),
                routes -> { });
        withTiles = TestServer.start(db, Map.of("BASEMAP_TILE_ORIGINS", "https://tile.example.org,https://*.tiles.example.net",
                "READ_REQUIRES_TOKEN", "true"), routes -> { });
    }

    @AfterAll
    static void stop() {
        plain.close();
        withCors.close();
        withTiles.close();
        db.close();
    }

    private static HttpResponse<String> fromOrigin(TestServer server, String path, String origin) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Origin", origin).GET());
    }

    @Test
    void everyKindOfResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/app.js", "/api/state-parties", "/api/no-such-thing", "/health",
                "/api/audit")) {
            HttpResponse<String> r = plain.get(path);
            var h = r.headers();
            assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY, h.firstValue("Content-Security-Policy").orElse(""), path);
            assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("no-referrer", h.firstValue("Referrer-Policy").orElse(""), path);
            assertEquals("DENY", h.firstValue("X-Frame-Options").orElse(""), path);
        }
    }

    @Test
    void theContentSecurityPolicyForbidsFramingAndForeignScripts() {
        String csp = SecurityHeaders.CONTENT_SECURITY_POLICY;
        assertTrue(csp.contains("frame-ancestors 'none'"));
        assertTrue(csp.contains("script-src 'self'"));
        assertFalse(csp.contains("unsafe-eval"));
        assertFalse(csp.matches(".*script-src[^;]*unsafe-inline.*"));
    }

    @Test
    void withoutConfiguredOriginsNoCorsHeaderIsSent() throws Exception {
        HttpResponse<String> r = fromOrigin(plain, "/api/state-parties", "https://maps.example.org");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), r.headers().toString());
    }

    @Test
    void aConfiguredOriginMayReadTheApiFromABrowser() throws Exception {
        HttpResponse<String> r = fromOrigin(withCors, "/api/state-parties", "https://maps.example.org");
        assertEquals("https://maps.example.org", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }

    @Test
    void anOriginThatIsNotConfiguredGetsNoCorsHeader() throws Exception {
        HttpResponse<String> r = fromOrigin(withCors, "/api/state-parties", "https://evil.example.com");
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), r.headers().toString());
    }

    @Test
    void aPreflightFromAConfiguredOriginAllowsTheAuthorizationHeader() throws Exception {
        HttpResponse<String> r = withCors.send(HttpRequest.newBuilder(URI.create(withCors.url("/api/state-parties")))
                .header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertTrue(r.statusCode() < 300, r.statusCode() + " " + r.body());
        assertEquals("http://localhost:8080", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase().contains("authorization"),
                r.headers().toString());
    }

    @Test
    void aMalformedCorsOriginStopsTheServerAtStartWithItsName() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.clearancemap.config.Config.ConfigException.class,
                () -> org.clearancemap.config.Config.fromEnv(Map.of("CORS_ORIGINS", "*")));
        assertTrue(e.getMessage().contains("CORS_ORIGINS"), e.getMessage());
    }

    @Test
    void byDefaultImagesComeFromThisServerOnlyAndThePageIsToldSo() throws Exception {
        assertTrue(SecurityHeaders.CONTENT_SECURITY_POLICY.contains("img-src 'self' data:;"),
                SecurityHeaders.CONTENT_SECURITY_POLICY);
        HttpResponse<String> r = plain.get("/page-settings");
        assertEquals(200, r.statusCode(), r.body());
        var settings = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        assertEquals("[]", settings.get("basemapTileOrigins").toString());
        assertFalse(settings.get("readRequiresToken").asBoolean());
        // the page draws aggregates below the zoom the vector tiles carry them below
        assertEquals(org.clearancemap.progress.Aggregates.POLYGONS_LEGIBLE_ZOOM, settings.get("polygonsLegibleZoom").asInt());
    }

    @Test
    void configuredBasemapTileOriginsAreAddedToImgSrcAndNowhereElse() throws Exception {
        for (String path : List.of("/", "/page-settings", "/api/state-parties")) {
            String csp = withTiles.get(path).headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("img-src 'self' data: https://tile.example.org https://*.tiles.example.net;"), csp);
            assertEquals(2, csp.split("tile.example.org|tiles.example.net", -1).length - 1, "only in img-src: " + csp);
            assertTrue(csp.contains("script-src 'self';") && csp.contains("connect-src 'self';"), csp);
        }
    }

    @Test
    void thePageSettingsListTheAllowedOriginsAndAreReadableWithoutATokenEvenWhenReadsNeedOne() throws Exception {
        assertEquals(401, withTiles.get("/api/state-parties").statusCode());
        HttpResponse<String> r = withTiles.get("/page-settings");
        assertEquals(200, r.statusCode(), r.body());
        var settings = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        assertEquals("[\"https://tile.example.org\",\"https://*.tiles.example.net\"]", settings.get("basemapTileOrigins").toString());
        assertTrue(settings.get("readRequiresToken").asBoolean());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    }
}
