package org.clearancemap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.clearancemap.land.LandFeatures;
import org.clearancemap.land.LandKind;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OgcApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(OgcApiTest.class);
        OgcFixture.load(db);
        server = TestServer.start(db, Clock.fixed(Instant.parse("2025-06-30T12:00:00Z"), ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertEquals(status, r.statusCode(), path + " -> " + r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode link(JsonNode doc, String rel) {
        for (JsonNode l : doc.get("links")) {
            if (l.get("rel").asText().equals(rel)) {
                return l;
            }
        }
        return null;
    }

    private static Set<String> externalIds(JsonNode page) {
        var ids = new TreeSet<String>();
        page.get("features").forEach(f -> ids.add(f.at("/properties/external_id").asText()));
        return ids;
    }

    @Test
    void theLandingPageLinksTheApiDefinitionItsDocumentationTheConformanceAndTheData() throws Exception {
        JsonNode landing = get("/ogc", 200);
        assertEquals(server.url("/ogc/api"), link(landing, "service-desc").get("href").asText());
        assertEquals("application/vnd.oai.openapi+json;version=3.0", link(landing, "service-desc").get("type").asText());
        assertEquals("text/html", link(landing, "service-doc").get("type").asText());
        assertEquals(server.url("/ogc/conformance"), link(landing, "conformance").get("href").asText());
        assertEquals(server.url("/ogc/collections"), link(landing, "data").get("href").asText());
        assertEquals(server.url("/ogc"), link(landing, "self").get("href").asText());
    }

    @Test
    void linksAreBuiltFromTheHostTheClientUsed() throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/ogc")))
                .header("X-Ignored", "1").GET());
        String port = URI.create(server.url("/")).getPort() + "";
        assertTrue(JSON.readTree(r.body()).get("links").get(0).get("href").asText().startsWith("http://127.0.0.1:" + port + "/ogc"));
    }

    @Test
    void theConformanceDeclarationListsCoreGeoJsonAndOpenApi() throws Exception {
        Set<String> classes = new HashSet<>();
        get("/ogc/conformance", 200).get("conformsTo").forEach(c -> classes.add(c.asText()));
        assertEquals(Set.copyOf(OgcRoutes.CONFORMANCE), classes);
        assertTrue(classes.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"));
    }

    @Test
    void theApiDefinitionIsServedAsOpenApiJson() throws Exception {
        HttpResponse<String> r = server.get("/ogc/api");
        assertEquals(200, r.statusCode());
        assertEquals("application/vnd.oai.openapi+json;version=3.0", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode api = JSON.readTree(r.body());
        assertEquals("3.0.3", api.get("openapi").asText());
        assertEquals(server.url("/ogc"), api.at("/servers/0/url").asText());
        var names = new ArrayList<String>();
        api.at("/paths/~1collections~1hazards~1items/get/parameters").forEach(p -> names.add(p.has("name") ? p.get("name").asText() : p.get("$ref").asText()));
        assertTrue(names.containsAll(List.of("state_party", "classification", "external_id")), names.toString());
    }

    @Test
    void theServiceDocumentationIsHtml() throws Exception {
        HttpResponse<String> r = server.get("/ogc/api.html");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(r.body().contains("/collections/hazards/items"));
    }

    @Test
    void theCollectionsAreHazardsReleasesAndRemainingWithItemsLinksWithoutQueryString() throws Exception {
        JsonNode list = get("/ogc/collections", 200);
        var ids = new ArrayList<String>();
        for (JsonNode c : list.get("collections")) {
            ids.add(c.get("id").asText());
            String items = link(c, "items").get("href").asText();
            assertEquals(server.url("/ogc/collections/" + c.get("id").asText() + "/items"), items);
            assertFalse(items.contains("?"));
            assertEquals("application/geo+json", link(c, "items").get("type").asText());
        }
        assertEquals(List.of("hazards", "releases", "remaining"), ids);
    }

    @Test
    void theHazardsExtentIsTheTrueExtentOfTheDataAcrossTheAntimeridian() throws Exception {
        JsonNode hazards = get("/ogc/collections/hazards", 200);
        JsonNode box = hazards.at("/extent/spatial/bbox/0");
        // LAO at 102.0..102.5 E and SOM at 179.9 E..179.9 W: the narrow box runs east from 102 across 180.
        assertEquals(102.0, box.get(0).asDouble(), 1e-9);
        assertEquals(-10.1, box.get(1).asDouble(), 1e-9);
        assertEquals(-179.9, box.get(2).asDouble(), 1e-9);
        assertEquals(18.1, box.get(3).asDouble(), 1e-9);
        assertEquals(OgcRoutes.CRS84, hazards.at("/extent/spatial/crs").asText());
        assertEquals("2015-03-01T00:00:00Z", hazards.at("/extent/temporal/interval/0/0").asText());
        assertEquals("2020-01-01T00:00:00Z", hazards.at("/extent/temporal/interval/0/1").asText());
    }

    @Test
    void theReleasesExtentCoversTheCurrentReleasesOnly() throws Exception {
        JsonNode box = get("/ogc/collections/releases", 200).at("/extent/spatial/bbox/0");
        assertEquals(102.0, box.get(0).asDouble(), 1e-9);
        assertEquals(103.1, box.get(2).asDouble(), 1e-9);
        assertEquals(19.1, box.get(3).asDouble(), 1e-9);
    }

    @Test
    void anUnknownCollectionIsA404Problem() throws Exception {
        HttpResponse<String> r = server.get("/ogc/collections/mines/items");
        assertEquals(404, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(JSON.readTree(r.body()).get("detail").asText().contains("mines"));
    }

    @Test
    void itemsAreGeoJsonWithCountsTimeStampAndOnlyCurrentVersions() throws Exception {
        HttpResponse<String> r = server.get("/ogc/collections/hazards/items");
        assertEquals(200, r.statusCode());
        assertEquals("application/geo+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode page = JSON.readTree(r.body());
        assertEquals("FeatureCollection", page.get("type").asText());
        assertEquals(OgcFixture.CURRENT_HAZARDS, page.get("numberMatched").asInt());
        assertEquals(OgcFixture.CURRENT_HAZARDS, page.get("numberReturned").asInt());
        assertEquals("2025-06-30T12:00:00Z", page.get("timeStamp").asText());
        assertEquals(Set.of("LAO-H1", "LAO-H2", "it's \"H3\"", "SOM-AM"), externalIds(page));
        for (JsonNode f : page.get("features")) {
            if (f.at("/properties/external_id").asText().startsWith("it's")) {
                assertEquals(2, f.at("/properties/version").asInt());
            }
        }
        assertNull(link(page, "next"));
    }

    @Test
    void coordinatesAreWrittenWithSevenDecimals() throws Exception {
        String body = server.get("/ogc/collections/hazards/items?classification=CHA&state_party=LAO").body();
        assertTrue(body.contains("102.4123457"), body);
        assertFalse(body.contains("102.412345678"));
    }

    @Test
    void theDefaultPageHoldsAThousandFeaturesAndLimitIsClampedAtTenThousand() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO land_release (iso3, external_id, version, method, completed_on, geom4326, area_sqm)
                    SELECT 'CHL', 'CHL-' || i, 1, 'cleared', DATE '2020-01-01' + i,
                           ST_Multi(ST_MakeEnvelope(-70 + i * 0.001, -20, -70 + i * 0.001 + 0.0005, -19.99, 4326)), 1000
                      FROM generate_series(1, 1005) i
                    """);
        }
        try {
            JsonNode page = get("/ogc/collections/releases/items?state_party=CHL", 200);
            assertEquals(1000, page.get("numberReturned").asInt());
            assertEquals(1005, page.get("numberMatched").asInt());
            assertTrue(link(page, "next").get("href").asText().contains("limit=1000"));
            JsonNode clamped = get("/ogc/collections/releases/items?state_party=CHL&limit=100000", 200);
            assertEquals(1005, clamped.get("numberReturned").asInt());
            assertTrue(link(clamped, "self").get("href").asText().contains("limit=10000"));

            // follow next links with limit=300: every feature once, prev links going back
            var seen = new ArrayList<String>();
            String url = server.url("/ogc/collections/releases/items?state_party=CHL&limit=300");
            int pages = 0;
            while (url != null) {
                JsonNode p = JSON.readTree(server.send(HttpRequest.newBuilder(URI.create(url)).GET()).body());
                p.get("features").forEach(f -> seen.add(f.get("id").asText()));
                assertEquals(1005, p.get("numberMatched").asInt());
                assertEquals(pages > 0, link(p, "prev") != null);
                JsonNode next = link(p, "next");
                url = next == null ? null : next.get("href").asText();
                if (url != null) {
                    assertTrue(url.startsWith("http://127.0.0.1:"), url);
                    assertTrue(url.contains("limit=300") && url.contains("state_party=CHL"), url);
                }
                pages++;
            }
            assertEquals(4, pages);
            assertEquals(1005, seen.size());
            assertEquals(1005, new HashSet<>(seen).size());
        } finally {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM land_release WHERE iso3 = 'CHL'");
            }
        }
    }

    @Test
    void aPagePastTheEndIsEmptyButStillCountsEveryMatch() throws Exception {
        JsonNode page = get("/ogc/collections/hazards/items?limit=2&offset=50", 200);
        assertEquals(0, page.get("numberReturned").asInt());
        assertEquals(OgcFixture.CURRENT_HAZARDS, page.get("numberMatched").asInt());
        assertNull(link(page, "next"));
        assertTrue(link(page, "prev").get("href").asText().contains("offset=48"));
    }

    @Test
    void aBboxSelectsTheFeaturesItTouches() throws Exception {
        assertEquals(Set.of("LAO-H1", "LAO-H2"), externalIds(get("/ogc/collections/hazards/items?bbox=102.05,17.9,102.25,18.2", 200)));
        assertEquals(Set.of(), externalIds(get("/ogc/collections/hazards/items?bbox=0,0,1,1", 200)));
        assertEquals(Set.of("LAO-H1"), externalIds(get("/ogc/collections/hazards/items?bbox=102.01,18.01,0,102.02,18.02,10", 200)));
    }

    @Test
    void aBboxAcrossTheAntimeridianFindsTheFeatureOnBothSides() throws Exception {
        assertEquals(Set.of("SOM-AM"), externalIds(get("/ogc/collections/hazards/items?bbox=179.95,-11,-179.95,-9", 200)));
        assertEquals(Set.of("SOM-AM"), externalIds(get("/ogc/collections/hazards/items?bbox=170,-11,-179.99,-9", 200)));
        assertEquals(Set.of("SOM-AM"), externalIds(get("/ogc/collections/hazards/items?bbox=179.99,-11,-170,-9", 200)));
        assertEquals(Set.of(), externalIds(get("/ogc/collections/hazards/items?bbox=170,-11,179,-9", 200)));
    }

    @Test
    void datetimeFiltersHazardsByTheDateTheyWereRecordedOn() throws Exception {
        String items = "/ogc/collections/hazards/items?datetime=";
        assertEquals(Set.of("LAO-H2"), externalIds(get(items + "2018-06-15", 200)));
        assertEquals(Set.of("LAO-H2"), externalIds(get(items + "2018-06-15T23:59:59Z", 200)));
        assertEquals(Set.of("LAO-H2", "SOM-AM"), externalIds(get(items + "2018-01-01/2019-12-31", 200)));
        assertEquals(Set.of("LAO-H1", "LAO-H2"), externalIds(get(items + "../2018-06-15", 200)));
        assertEquals(Set.of("SOM-AM", "it's \"H3\""), externalIds(get(items + "2019-01-01/..", 200)));
        assertEquals(Set.of("SOM-AM", "it's \"H3\""), externalIds(get(items + "2019-01-01/", 200)));
    }

    @Test
    void datetimeFiltersReleasesByTheDateTheyWereCompletedOn() throws Exception {
        assertEquals(Set.of("LAO-R1", "LAO-R2"),
                externalIds(get("/ogc/collections/releases/items?datetime=2019-01-01/2021-12-31", 200)));
    }

    @Test
    void propertyFiltersSelectByStatePartyClassificationMethodAndExternalId() throws Exception {
        assertEquals(Set.of("LAO-H2", "it's \"H3\""), externalIds(get("/ogc/collections/hazards/items?classification=CHA&state_party=lao", 200)));
        assertEquals(Set.of("SOM-AM"), externalIds(get("/ogc/collections/hazards/items?state_party=SOM", 200)));
        assertEquals(Set.of("it's \"H3\""), externalIds(get("/ogc/collections/hazards/items?external_id=it%27s%20%22H3%22", 200)));
        assertEquals(Set.of("LAO-R1"), externalIds(get("/ogc/collections/releases/items?method=cleared", 200)));
    }

    @Test
    void unknownOrInvalidParametersAre400ProblemsNamingTheParameter() throws Exception {
        String[][] cases = {
            {"/ogc/collections/hazards/items?colour=red", "colour"},
            {"/ogc/collections/releases/items?classification=SHA", "classification"},
            {"/ogc/collections/hazards/items?limit=0", "limit"},
            {"/ogc/collections/hazards/items?limit=ten", "limit"},
            {"/ogc/collections/hazards/items?offset=-1", "offset"},
            {"/ogc/collections/hazards/items?bbox=1,2,3", "bbox"},
            {"/ogc/collections/hazards/items?bbox=1,2,3,north", "bbox"},
            {"/ogc/collections/hazards/items?bbox=0,10,1,5", "bbox"},
            {"/ogc/collections/hazards/items?datetime=2020-13-01", "datetime"},
            {"/ogc/collections/hazards/items?datetime=2021-01-01/2020-01-01", "datetime"},
            {"/ogc/collections/hazards/items?classification=XHA", "classification"},
            {"/ogc/collections/releases/items?method=burnt", "method"},
            {"/ogc/collections/hazards/items?state_party=LA0", "state_party"},
            {"/ogc/collections/hazards/items?f=xml", "f"},
            {"/ogc/collections/remaining/items?datetime=2020-01-01/2021-01-01", "datetime"},
            {"/ogc/collections?bbox=1,2,3,4", "bbox"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = server.get(c[0]);
            assertEquals(400, r.statusCode(), c[0]);
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), c[0]);
            JsonNode problem = JSON.readTree(r.body());
            assertEquals(c[1], problem.get("parameter").asText(), c[0]);
            assertTrue(problem.get("detail").asText().length() > 10, c[0]);
        }
    }

    @Test
    void oneFeatureIsServedWithSelfAndCollectionLinks() throws Exception {
        JsonNode page = get("/ogc/collections/hazards/items?external_id=LAO-H2", 200);
        long id = page.at("/features/0/id").asLong();
        HttpResponse<String> r = server.get("/ogc/collections/hazards/items/" + id);
        assertEquals("application/geo+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode f = JSON.readTree(r.body());
        assertEquals("Feature", f.get("type").asText());
        assertEquals("LAO-H2", f.at("/properties/external_id").asText());
        assertEquals("CHA", f.at("/properties/classification").asText());
        assertEquals("BLU-26 sous-munitions « Nord », 子弹药", f.at("/properties/contamination").asText());
        assertEquals(server.url("/ogc/collections/hazards/items/" + id), link(f, "self").get("href").asText());
        assertEquals(server.url("/ogc/collections/hazards"), link(f, "collection").get("href").asText());
    }

    @Test
    void aMissingOrSupersededFeatureIsA404Problem() throws Exception {
        long superseded;
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM hazard WHERE valid_until IS NOT NULL ORDER BY id LIMIT 1")) {
            rs.next();
            superseded = rs.getLong(1);
        }
        for (String path : List.of("/ogc/collections/hazards/items/" + superseded, "/ogc/collections/hazards/items/999999",
                "/ogc/collections/releases/items/abc", "/ogc/collections/remaining/items/XYZ")) {
            HttpResponse<String> r = server.get(path);
            assertEquals(404, r.statusCode(), path);
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        }
    }

    @Test
    void remainingIsTheHazardousLandOfEachStatePartyNotYetReleased() throws Exception {
        double expected;
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT ST_Area(ST_GeomFromText('MULTIPOLYGON(((102.05 18, 102.1 18, 102.1 18.1, 102.05 18.1, 102.05 18)),
                  ((102.25 18, 102.3 18, 102.3 18.1, 102.25 18.1, 102.25 18)),
                  ((102.4 18.0, 102.5 18.0, 102.5 18.1, 102.412345678 18.1, 102.4 18.0)))', 4326)::geography)
                """)) {
            rs.next();
            expected = rs.getDouble(1);
        }
        JsonNode page = get("/ogc/collections/remaining/items", 200);
        assertEquals(2, page.get("numberMatched").asInt());
        JsonNode lao = page.at("/features/0");
        assertEquals("LAO", lao.get("id").asText());
        assertEquals("MultiPolygon", lao.at("/geometry/type").asText());
        assertEquals("2025-06-30", lao.at("/properties/as_of").asText());
        assertEquals(expected, lao.at("/properties/remaining_sqm").asDouble(), expected * 1e-6);
        assertEquals("SOM", page.at("/features/1/id").asText());

        JsonNode one = get("/ogc/collections/remaining/items/lao", 200);
        assertEquals(expected, one.at("/properties/remaining_sqm").asDouble(), expected * 1e-6);
    }

    @Test
    void remainingOnAnEarlierDateCountsTheHazardsValidThenBeforeLaterReleases() throws Exception {
        JsonNode then = get("/ogc/collections/remaining/items?state_party=LAO&datetime=2019-01-01", 200);
        JsonNode now = get("/ogc/collections/remaining/items?state_party=LAO", 200);
        double before = then.at("/features/0/properties/remaining_sqm").asDouble();
        double after = now.at("/features/0/properties/remaining_sqm").asDouble();
        // 2019-01-01: H1, H2, H3 v1 and H4 whole, nothing released yet: four boxes of 0.1° x 0.1°
        double box;
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT ST_Area(ST_MakeEnvelope(102.0, 18.0, 102.1, 18.1, 4326)::geography)")) {
            rs.next();
            box = rs.getDouble(1);
        }
        assertEquals(4 * box, before, box * 1e-6);
        assertTrue(after < before);
    }

    @Test
    void theBboxOfAPageIsAnsweredThroughTheGistIndex() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, geom4326, area_sqm)
                    SELECT 'MRT', 'MRT-' || i, 1, 'SHA', DATE '2020-01-01',
                           ST_Multi(ST_MakeEnvelope(-12 + (i % 100) * 0.05, 16 + (i / 100) * 0.05,
                                                    -12 + (i % 100) * 0.05 + 0.01, 16 + (i / 100) * 0.05 + 0.01, 4326)), 1
                      FROM generate_series(1, 5000) i;
                    ANALYZE hazard;
                    """);
            for (String bbox : List.of("-11.5,17,-11.4,17.1", "179.95,-11,-179.95,-9")) {
                var query = ItemsQuery.parse(java.util.Map.of("bbox", List.of(bbox), "limit", List.of("5")), Collection.HAZARDS);
                var plan = new StringBuilder();
                // EXPLAIN of the exact page query the server runs, with the same bound values
                try (var ps = LandFeatures.preparePage(c, LandKind.HAZARDS, query.crs().geoJsonSql(),
                        Where.items(Collection.HAZARDS, query), query.limit(), query.offset());
                     ResultSet rs = st.executeQuery("EXPLAIN " + ps)) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertTrue(plan.toString().contains("hazard_geom4326"), bbox + "\n" + plan);
            }
        } finally {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM hazard WHERE iso3 = 'MRT'");
            }
        }
    }

    @Test
    void featuresAreInCrs84ByDefaultAndSaySoInContentCrs() throws Exception {
        HttpResponse<String> r = server.get("/ogc/collections/hazards/items?external_id=LAO-H1");
        assertEquals("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>", r.headers().firstValue("Content-Crs").orElse(""));
        JsonNode first = JSON.readTree(r.body()).at("/features/0/geometry/coordinates/0/0/0");
        assertEquals(102.0, first.get(0).asDouble(), 1e-9);
        assertEquals(18.0, first.get(1).asDouble(), 1e-9);
    }

    @Test
    void epsg4326IsWrittenLatitudeFirst() throws Exception {
        HttpResponse<String> r = server.get("/ogc/collections/hazards/items?external_id=LAO-H1&crs=http://www.opengis.net/def/crs/EPSG/0/4326");
        assertEquals("<http://www.opengis.net/def/crs/EPSG/0/4326>", r.headers().firstValue("Content-Crs").orElse(""));
        JsonNode first = JSON.readTree(r.body()).at("/features/0/geometry/coordinates/0/0/0");
        assertEquals(18.0, first.get(0).asDouble(), 1e-9);
        assertEquals(102.0, first.get(1).asDouble(), 1e-9);
    }

    @Test
    void epsg3857IsWrittenInMetres() throws Exception {
        String crs = "http://www.opengis.net/def/crs/EPSG/0/3857";
        JsonNode page = get("/ogc/collections/hazards/items?external_id=LAO-H1&crs=" + crs, 200);
        JsonNode first = page.at("/features/0/geometry/coordinates/0/0/0");
        assertEquals(102.0 / 180 * 20037508.342789244, first.get(0).asDouble(), 0.01);
        assertEquals(2037548.54, first.get(1).asDouble(), 1);
        assertTrue(link(page, "self").get("href").asText().contains("crs=" + crs), "the links keep the crs");
        long id = page.at("/features/0/id").asLong();
        HttpResponse<String> one = server.get("/ogc/collections/hazards/items/" + id + "?crs=" + crs);
        assertEquals("<" + crs + ">", one.headers().firstValue("Content-Crs").orElse(""));
        JsonNode remaining = get("/ogc/collections/remaining/items/LAO?crs=" + crs, 200);
        assertTrue(remaining.at("/geometry/coordinates/0/0/0/0").asDouble() > 1e7);
    }

    @Test
    void aBboxCanBeGivenInEpsg4326OrEpsg3857() throws Exception {
        String items = "/ogc/collections/hazards/items?bbox-crs=http://www.opengis.net/def/crs/EPSG/0/";
        assertEquals(Set.of("LAO-H1", "LAO-H2"), externalIds(get(items + "4326&bbox=17.9,102.05,18.2,102.25", 200)));
        double x1 = 102.05 / 180 * 20037508.342789244;
        double x2 = 102.25 / 180 * 20037508.342789244;
        assertEquals(Set.of("LAO-H1", "LAO-H2"), externalIds(get(items + "3857&bbox=" + x1 + ",2020000," + x2 + ",2050000", 200)));
    }

    @Test
    void anUnknownCrsIsA400NamingTheParameter() throws Exception {
        for (String p : List.of("crs", "bbox-crs")) {
            HttpResponse<String> r = server.get("/ogc/collections/hazards/items?" + p + "=EPSG:27700");
            assertEquals(400, r.statusCode());
            assertEquals(p, JSON.readTree(r.body()).get("parameter").asText());
        }
        assertEquals(400, server.get("/ogc/collections/hazards/items/1?crs=EPSG:27700").statusCode());
    }

    @Test
    void everyCollectionListsTheCrsItCanBeServedIn() throws Exception {
        var crs = new ArrayList<String>();
        get("/ogc/collections/releases", 200).get("crs").forEach(c -> crs.add(c.asText()));
        assertEquals(OutputCrs.uris(), crs);
        assertEquals(OgcRoutes.CRS84, get("/ogc/collections/releases", 200).get("storageCrs").asText());
    }

    @Test
    void aCql2FilterSelectsFeaturesByTheirQueryables() throws Exception {
        String items = "/ogc/collections/hazards/items?filter-lang=cql2-text&filter=";
        assertEquals(Set.of("LAO-H2", "it's \"H3\""), externalIds(get(items
                + java.net.URLEncoder.encode("state_party = 'LAO' AND classification = 'CHA'", java.nio.charset.StandardCharsets.UTF_8), 200)));
        assertEquals(Set.of("LAO-H1", "SOM-AM"), externalIds(get(items
                + java.net.URLEncoder.encode("recorded_on < DATE('2016-01-01') OR state_party = 'SOM'", java.nio.charset.StandardCharsets.UTF_8), 200)));
        JsonNode releases = get("/ogc/collections/releases/items?filter="
                + java.net.URLEncoder.encode("NOT (method = 'cleared') AND completed_on >= DATE('2021-01-01')", java.nio.charset.StandardCharsets.UTF_8), 200);
        assertEquals(Set.of("LAO-R2", "LAO-R3"), externalIds(releases));
        assertEquals(2, releases.get("numberMatched").asInt());
    }

    @Test
    void aBadFilterIsA400NamingTheFilter() throws Exception {
        HttpResponse<String> r = server.get("/ogc/collections/hazards/items?filter=method%20%3D%20%27cleared%27");
        assertEquals(400, r.statusCode());
        assertEquals("filter", JSON.readTree(r.body()).get("parameter").asText());
        assertEquals(400, server.get("/ogc/collections/hazards/items?filter-lang=cql2-json&filter=x").statusCode());
    }

    @Test
    void theQueryablesAreAJsonSchemaLinkedFromTheCollection() throws Exception {
        JsonNode collection = get("/ogc/collections/hazards", 200);
        String href = link(collection, "http://www.opengis.net/def/rel/ogc/1.0/queryables").get("href").asText();
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(href)).GET());
        assertEquals("application/schema+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode schema = JSON.readTree(r.body());
        assertEquals("object", schema.get("type").asText());
        assertEquals("date", schema.at("/properties/recorded_on/format").asText());
        assertEquals("CHA", schema.at("/properties/classification/enum/1").asText());
        assertEquals(href, schema.get("$id").asText());
    }

    @Test
    void aTrailingSlashReachesTheSameResource() throws Exception {
        assertEquals(server.url("/ogc/collections"), link(get("/ogc/", 200), "data").get("href").asText());
        assertEquals(3, get("/ogc/collections/", 200).get("collections").size());
    }

    @Test
    void webMapsOnAnyOriginMayReadTheCollectionsAndTiles() throws Exception {
        for (String path : List.of("/ogc", "/ogc/collections/hazards/items", "/tiles/hazards.json", "/tiles/hazards/0/0/0.mvt")) {
            HttpResponse<String> r = server.get(path);
            assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""), path);
            assertTrue(r.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("ETag"), path);
        }
        assertTrue(server.get("/api/state-parties").headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }
}
