package org.clearancemap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code remaining} collection is the area engine's remaining land: the same features as
 * {@code GET /api/state-parties/{iso3}/remaining}, with areas that agree with PostGIS computing the
 * DESIGN.md definition, and bbox, filters and paging working on it.
 */
class RemainingCollectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);
    /** remaining(D) = |H(D) − R(D)|, straight from DESIGN.md, by PostGIS alone. */
    private static final String DEFINITION = """
            WITH h AS (SELECT ST_Union(geom4326) AS g FROM hazard
                        WHERE iso3 = ? AND recorded_on <= ? AND (valid_until IS NULL OR valid_until > ?)),
                 r AS (SELECT ST_Union(geom4326) AS g FROM land_release
                        WHERE iso3 = ? AND superseded_at IS NULL AND completed_on <= ?)
            SELECT ST_Area(CASE WHEN r.g IS NULL THEN h.g ELSE ST_Difference(h.g, r.g) END::geography) FROM h, r
            """;
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(RemainingCollectionTest.class);
        OgcFixture.load(db);
        server = TestServer.start(db, Clock.fixed(Instant.parse("2025-06-30T12:00:00Z"), ZoneOffset.UTC)).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static JsonNode get(String path) throws Exception {
        return server.json(path);
    }

    private static double definition(String iso3, LocalDate day) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(DEFINITION)) {
            ps.setString(1, iso3);
            ps.setObject(2, day);
            ps.setObject(3, day);
            ps.setString(4, iso3);
            ps.setObject(5, day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private static double postgisArea(JsonNode geometry) throws Exception {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)::geography)")) {
            ps.setString(1, geometry.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private static List<String> ids(JsonNode page) {
        var ids = new ArrayList<String>();
        page.get("features").forEach(f -> ids.add(f.get("id").asText()));
        return ids;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void theCollectionsFeaturesAreTheRemainingEndpointsFeatures() throws Exception {
        JsonNode page = get("/ogc/collections/remaining/items?limit=100");
        assertEquals(List.of("LAO", "SOM"), ids(page));
        for (JsonNode feature : page.get("features")) {
            String iso3 = feature.get("id").asText();
            JsonNode endpoint = get("/api/state-parties/" + iso3 + "/remaining");
            assertEquals(endpoint.get("geometry"), feature.get("geometry"), iso3);
            assertEquals(endpoint.at("/properties/remainingSqm").asDouble(), feature.at("/properties/remaining_sqm").asDouble(), 0.0);
            assertEquals(endpoint.at("/properties/ignoredSliverSqm").asDouble(),
                    feature.at("/properties/ignored_sliver_sqm").asDouble(), 0.0);
            assertEquals(feature, ((com.fasterxml.jackson.databind.node.ObjectNode) get("/ogc/collections/remaining/items/" + iso3)).without("links"));
        }
    }

    @Test
    void itsAreasAgreeWithPostgisComputingTheDefinition() throws Exception {
        for (String day : new String[] {"2019-01-01", "2021-06-30", "2025-06-30"}) {
            JsonNode page = get("/ogc/collections/remaining/items?datetime=" + day);
            assertFalse(page.get("features").isEmpty(), day);
            for (JsonNode feature : page.get("features")) {
                String iso3 = feature.get("id").asText();
                double expected = definition(iso3, LocalDate.parse(day));
                assertEquals(0.0, feature.at("/properties/ignored_sliver_sqm").asDouble(), 0.0, iso3 + " " + day);
                assertEquals(expected, feature.at("/properties/remaining_sqm").asDouble(), expected * 1e-6, iso3 + " " + day);
                assertEquals(expected, postgisArea(feature.get("geometry")), expected * 1e-6, iso3 + " " + day);
            }
        }
    }

    @Test
    void bboxKeepsTheStatePartiesWhoseRemainingLandItTouchesAlsoAcrossTheAntimeridian() throws Exception {
        assertEquals(List.of("LAO"), ids(get("/ogc/collections/remaining/items?bbox=102.45,18.05,102.46,18.06")));
        // inside LAO's hull but on land cleared by LAO-R1: nothing remains there
        JsonNode cleared = get("/ogc/collections/remaining/items?bbox=102.01,18.01,102.02,18.02");
        assertEquals(0, cleared.get("numberMatched").asInt());
        assertEquals(List.of("SOM"), ids(get("/ogc/collections/remaining/items?bbox=179.95,-10.05,-179.95,-10.02")));
        assertEquals(List.of(), ids(get("/ogc/collections/remaining/items?bbox=0,0,1,1")));
    }

    @Test
    void pagesFollowOneAnotherByTheirNextLinks() throws Exception {
        JsonNode first = get("/ogc/collections/remaining/items?limit=1");
        assertEquals(2, first.get("numberMatched").asInt());
        assertEquals(1, first.get("numberReturned").asInt());
        assertEquals(List.of("LAO"), ids(first));
        String next = null;
        for (JsonNode l : first.get("links")) {
            if (l.get("rel").asText().equals("next")) {
                next = l.get("href").asText();
            }
        }
        assertTrue(next != null && next.contains("limit=1"), first.get("links").toString());
        JsonNode second = JSON.readTree(server.send(HttpRequest.newBuilder(URI.create(next)).GET()).body());
        assertEquals(List.of("SOM"), ids(second));
        for (JsonNode l : second.get("links")) {
            assertNotEquals("next", l.get("rel").asText());
        }
        JsonNode past = get("/ogc/collections/remaining/items?limit=1&offset=5");
        assertEquals(2, past.get("numberMatched").asInt());
        assertEquals(0, past.get("numberReturned").asInt());
    }

    @Test
    void filtersAndCrsApplyToTheComputedFeatures() throws Exception {
        assertEquals(List.of("SOM"), ids(get("/ogc/collections/remaining/items?filter=" + encode("state_party = 'SOM'"))));
        assertEquals(List.of("LAO"), ids(get("/ogc/collections/remaining/items?filter=" + encode("NOT state_party = 'SOM'"))));
        assertEquals(List.of("LAO"), ids(get("/ogc/collections/remaining/items?state_party=lao")));
        JsonNode lonLat = get("/ogc/collections/remaining/items/LAO");
        JsonNode latLon = get("/ogc/collections/remaining/items/LAO?crs=" + encode("http://www.opengis.net/def/crs/EPSG/0/4326"));
        JsonNode p = lonLat.at("/geometry/coordinates/0/0/0");
        JsonNode q = latLon.at("/geometry/coordinates/0/0/0");
        assertEquals(p.get(0).asDouble(), q.get(1).asDouble(), 0.0);
        assertEquals(p.get(1).asDouble(), q.get(0).asDouble(), 0.0);
    }

    @Test
    void theRemainingEndpointWritesSevenDecimals() throws Exception {
        String body = server.get("/api/state-parties/LAO/remaining").body();
        // H3 v2 has a vertex at 102.412345678: written rounded to 7 decimals
        assertTrue(body.contains("102.4123457"), body);
        Matcher m = Pattern.compile("-?\\d+\\.(\\d+)").matcher(JSON.readTree(body).get("geometry").toString());
        int most = 0;
        while (m.find()) {
            most = Math.max(most, m.group(1).length());
        }
        assertEquals(7, most);
    }

    @Test
    void anUploadChangesTheCollectionAtOnce() throws Exception {
        JsonNode before = get("/ogc/collections/remaining/items/LAO");
        String release = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":
                  {"external_id":"NEW-R","method":"cleared","completed_on":"2025-01-15"},
                  "geometry":{"type":"Polygon","coordinates":[[[102.25,18.0],[102.3,18.0],[102.3,18.1],[102.25,18.1],[102.25,18.0]]]}}]}
                """;
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/releases")))
                .header("Content-Type", "application/geo+json").POST(HttpRequest.BodyPublishers.ofString(release)));
        assertEquals(201, r.statusCode(), r.body());
        JsonNode after = get("/ogc/collections/remaining/items/LAO");
        double expected = definition("LAO", TODAY);
        assertTrue(after.at("/properties/remaining_sqm").asDouble() < before.at("/properties/remaining_sqm").asDouble());
        assertEquals(expected, after.at("/properties/remaining_sqm").asDouble(), expected * 1e-6);
        assertEquals(get("/api/state-parties/LAO/remaining").get("geometry"), after.get("geometry"));
    }
}
