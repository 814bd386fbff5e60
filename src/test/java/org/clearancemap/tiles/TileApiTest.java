package org.clearancemap.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.clearancemap.land.LandFeatures;
import org.clearancemap.ogc.Collection;
import org.clearancemap.progress.Aggregates;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(120)
class TileApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(TileApiTest.class);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(new String(TileApiTest.class.getResourceAsStream("/ogc/fixture.sql").readAllBytes(), StandardCharsets.UTF_8));
        }
        server = TestServer.start(db).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    /** The XYZ tile holding a point, as slippy maps number them. */
    static String tileOf(double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return z + "/" + x + "/" + y;
    }

    private static HttpResponse<byte[]> tile(String path, String ifNoneMatch) throws Exception {
        return tile(path, ifNoneMatch, null);
    }

    private static HttpResponse<byte[]> tile(String path, String ifNoneMatch, String acceptEncoding) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.url(path))).GET();
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** ogrinfo's listing of a tile saved under z/x/y.mvt (so GDAL's MVT driver knows where it lies). */
    private static String decode(Path dir, String zxy, byte[] bytes) throws IOException, InterruptedException {
        Path file = dir.resolve(zxy + ".mvt");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Process p = new ProcessBuilder(List.of("ogrinfo", "-ro", "-al", file.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void aTileFindsItsFeaturesThroughTheGistIndex() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, geom4326, area_sqm)
                    SELECT 'MRT', 'MRT-T' || i, 1, 'SHA', DATE '2020-01-01',
                           ST_Multi(ST_MakeEnvelope(-12 + (i % 100) * 0.05, 16 + (i / 100) * 0.05,
                                                    -12 + (i % 100) * 0.05 + 0.01, 16 + (i / 100) * 0.05 + 0.01, 4326)), 1
                      FROM generate_series(1, 5000) i;
                    ANALYZE hazard;
                    """);
            for (Collection layer : List.of(Collection.HAZARDS, Collection.RELEASES)) {
                var plan = new StringBuilder();
                // EXPLAIN of the exact tile query the server runs, with the same bound values
                var address = new TileAddress(12, 1911, 1804);
                try (PreparedStatement ps = c.prepareStatement(LandFeatures.tileSql(layer.kind()))) {
                    LandFeatures.bindTile(ps, address.z(), address.x(), address.y(), TileRepository.searchBox(address));
                    try (ResultSet rs = st.executeQuery("EXPLAIN " + ps)) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                }
                String index = layer == Collection.HAZARDS ? "hazard_geom4326" : "land_release_geom4326";
                assertTrue(plan.toString().contains(index), layer + "\n" + plan);
            }
        } finally {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM hazard WHERE iso3 = 'MRT'");
            }
        }
    }

    @Test
    void aHazardTileIsAVectorTileThatGdalDecodes(@TempDir Path dir) throws Exception {
        String zxy = tileOf(102.05, 18.05, 10);
        HttpResponse<byte[]> r = tile("/tiles/hazards/" + zxy + ".mvt", null);
        assertEquals(200, r.statusCode());
        assertEquals(TileRoutes.MVT, r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("public, max-age=60", r.headers().firstValue("Cache-Control").orElse(""));
        String out = decode(dir, zxy, r.body());
        assertTrue(out.contains("Layer name: hazards"), out);
        assertTrue(out.contains("external_id (String) = LAO-H1"), out);
        assertTrue(out.contains("classification (String) = SHA"), out);
        assertTrue(out.contains("POLYGON"), out);
    }

    @Test
    void aReleaseTileCarriesTheMethod(@TempDir Path dir) throws Exception {
        String zxy = tileOf(102.02, 18.05, 9);
        String out = decode(dir, zxy, tile("/tiles/releases/" + zxy + ".mvt", null).body());
        assertTrue(out.contains("method (String) = cleared"), out);
        assertTrue(out.contains("method (String) = cancelled"), out);
    }

    @Test
    void theSameTileAgainWithItsEtagIs304() throws Exception {
        String path = "/tiles/hazards/" + tileOf(102.05, 18.05, 8) + ".mvt";
        HttpResponse<byte[]> first = tile(path, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
        HttpResponse<byte[]> again = tile(path, etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        assertEquals(etag, again.headers().firstValue("ETag").orElse(""));
        assertEquals(200, tile(path, "\"0000\"").statusCode());
    }

    @Test
    void aTileWithoutFeaturesIs204() throws Exception {
        HttpResponse<byte[]> r = tile("/tiles/hazards/" + tileOf(-30, 0, 10) + ".mvt", null);
        assertEquals(204, r.statusCode());
        assertEquals(0, r.body().length);
    }

    @Test
    void tilesOnBothSidesOfTheAntimeridianHoldTheirPartOfTheHazard(@TempDir Path dir) throws Exception {
        String east = tileOf(179.95, -10.05, 8);
        String west = tileOf(-179.95, -10.05, 8);
        assertNotEquals(east, west);
        assertTrue(decode(dir, east, tile("/tiles/hazards/" + east + ".mvt", null).body()).contains("SOM-AM"));
        assertTrue(decode(dir, west, tile("/tiles/hazards/" + west + ".mvt", null).body()).contains("SOM-AM"));
    }

    @Test
    void remainingTilesLeaveOutReleasedLand(@TempDir Path dir) throws Exception {
        // 102.02 E lies in LAO-H1 where LAO-R1 cleared it; 102.07 E lies in the part not released
        String released = tileOf(102.02, 18.05, 14);
        assertEquals(200, tile("/tiles/hazards/" + released + ".mvt", null).statusCode());
        assertEquals(204, tile("/tiles/remaining/" + released + ".mvt", null).statusCode());
        String notReleased = tileOf(102.07, 18.05, 14);
        String out = decode(dir, notReleased, tile("/tiles/remaining/" + notReleased + ".mvt", null).body());
        assertTrue(out.contains("state_party (String) = LAO"), out);
    }

    @Test
    void badTileAddressesAre400ProblemsNamingTheValue() throws Exception {
        String[][] cases = {
            {"/tiles/hazards/23/0/0.mvt", "z"},
            {"/tiles/hazards/a/0/0.mvt", "z"},
            {"/tiles/hazards/3/8/0.mvt", "x"},
            {"/tiles/hazards/3/-1/0.mvt", "x"},
            {"/tiles/hazards/3/0/8.mvt", "y"},
            {"/tiles/hazards/3/0/1e1.mvt", "y"},
            {"/tiles/hazards/3/0/0.mvt?f=json", "f"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = server.get(c[0]);
            assertEquals(400, r.statusCode(), c[0]);
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
            assertEquals(c[1], JSON.readTree(r.body()).get("parameter").asText(), c[0]);
        }
        assertEquals(404, server.get("/tiles/mines/3/0/0.mvt").statusCode());
        assertEquals(404, server.get("/tiles/hazards/3/0/0.png").statusCode());
    }

    @Test
    void theTileJsonDescribesTheLayerAndItsVersionedUrlTemplate() throws Exception {
        HttpResponse<String> r = server.get("/tiles/hazards.json");
        assertEquals(200, r.statusCode());
        JsonNode doc = JSON.readTree(r.body());
        assertEquals("3.0.0", doc.get("tilejson").asText());
        String template = doc.at("/tiles/0").asText();
        assertTrue(template.startsWith(server.url("/tiles/hazards/{z}/{x}/{y}.mvt?v=")), template);
        assertEquals("hazards", doc.at("/vector_layers/0/id").asText());
        assertEquals("String", doc.at("/vector_layers/0/fields/classification").asText());
        assertEquals("aggregates", doc.at("/vector_layers/1/id").asText());
        assertEquals(0, doc.at("/vector_layers/1/minzoom").asInt());
        assertEquals(Aggregates.POLYGONS_LEGIBLE_ZOOM - 1, doc.at("/vector_layers/1/maxzoom").asInt());
        assertEquals("Number", doc.at("/vector_layers/1/fields/remaining_sqm").asText());
        assertEquals("String", doc.at("/vector_layers/1/fields/state_party").asText());
        assertEquals(0, doc.get("minzoom").asInt());
        assertEquals(22, doc.get("maxzoom").asInt());
        // the hazards cross the antimeridian (SOM-AM): TileJSON gets the full width, west < east
        assertEquals(-180.0, doc.at("/bounds/0").asDouble(), 1e-9);
        assertEquals(-10.1, doc.at("/bounds/1").asDouble(), 1e-9);
        assertEquals(180.0, doc.at("/bounds/2").asDouble(), 1e-9);
        assertEquals(18.1, doc.at("/bounds/3").asDouble(), 1e-9);
        JsonNode releases = JSON.readTree(server.get("/tiles/releases.json").body());
        assertEquals(103.1, releases.at("/bounds/2").asDouble(), 1e-9);
        assertEquals(19.1, releases.at("/bounds/3").asDouble(), 1e-9);
        assertEquals(404, server.get("/tiles/mines.json").statusCode());
    }

    @Test
    void afterNewDataTheTileJsonVersionAndTheTileChange() throws Exception {
        String before = JSON.readTree(server.get("/tiles/releases.json").body()).at("/tiles/0").asText();
        // a zoom without aggregates: those follow a write by another process when its notice arrives
        String zxy = tileOf(-60.5, -30.5, Aggregates.POLYGONS_LEGIBLE_ZOOM);
        assertEquals(204, tile("/tiles/releases/" + zxy + ".mvt", null).statusCode());
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO land_release (iso3, external_id, version, method, completed_on, geom4326, area_sqm)
                    VALUES ('CHL', 'CHL-NEW', 1, 'cleared', '2024-01-01',
                            ST_Multi(ST_MakeEnvelope(-60.6, -30.6, -60.4, -30.4, 4326)), 1)
                    """);
        }
        String after = JSON.readTree(server.get("/tiles/releases.json").body()).at("/tiles/0").asText();
        assertNotEquals(before, after);
        HttpResponse<byte[]> fresh = tile(after.replace("{z}/{x}/{y}", zxy).replace(server.url(""), ""), null);
        assertEquals(200, fresh.statusCode());
        assertTrue(new String(fresh.body(), StandardCharsets.ISO_8859_1).contains("CHL-NEW"));
        assertArrayEquals(fresh.body(), tile("/tiles/releases/" + zxy + ".mvt", null).body());
    }

    @Test
    void anUploadChangesACachedTileAndItsEtagAtOnce() throws Exception {
        // a spot of LAO with no hazard yet: the tile is made, cached, then asked again
        String zxy = tileOf(102.85, 18.55, 12);
        String path = "/tiles/hazards/" + zxy + ".mvt";
        assertEquals(204, tile(path, null).statusCode());
        assertEquals(204, tile(path, null).statusCode());
        String remainingPath = "/tiles/remaining/" + zxy + ".mvt";
        assertEquals(204, tile(remainingPath, null).statusCode());

        String hazard = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":
                  {"external_id":"CACHE-1","classification":"CHA","recorded_on":"2024-02-02"},
                  "geometry":{"type":"Polygon","coordinates":[[[102.84,18.54],[102.86,18.54],[102.86,18.56],[102.84,18.56],[102.84,18.54]]]}}]}
                """;
        assertEquals(201, upload("hazards", hazard).statusCode());
        HttpResponse<byte[]> fresh = tile(path, null);
        assertEquals(200, fresh.statusCode());
        assertTrue(new String(fresh.body(), StandardCharsets.ISO_8859_1).contains("CACHE-1"));
        String etag = fresh.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, tile(path, etag).statusCode());
        assertEquals(200, tile(remainingPath, null).statusCode());

        // a new version of the same hazard, smaller: the same tile, new bytes, new ETag; the old ETag no longer matches
        assertEquals(201, upload("hazards", hazard.replace("102.86", "102.855")).statusCode());
        HttpResponse<byte[]> changed = tile(path, etag);
        assertEquals(200, changed.statusCode());
        String newEtag = changed.headers().firstValue("ETag").orElseThrow();
        assertNotEquals(etag, newEtag);
        assertEquals(304, tile(path, newEtag).statusCode());
    }

    @Test
    void aClientThatAcceptsGzipGetsTheSameTileGzippedWithItsOwnEtag() throws Exception {
        String path = "/tiles/hazards/" + tileOf(102.05, 18.05, 10) + ".mvt";
        HttpResponse<byte[]> plain = tile(path, null);
        HttpResponse<byte[]> gzipped = tile(path, null, "br;q=1.0, gzip;q=0.8");
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(""));
        assertTrue(gzipped.headers().firstValue("Vary").orElse("").contains("Accept-Encoding"));
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
            assertArrayEquals(plain.body(), in.readAllBytes());
        }
        String plainEtag = plain.headers().firstValue("ETag").orElseThrow();
        String gzipEtag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertNotEquals(plainEtag, gzipEtag);
        assertEquals(304, tile(path, gzipEtag, "gzip").statusCode());
        assertEquals(304, tile(path, "\"x\", " + plainEtag, null).statusCode());
        assertEquals("", tile(path, null, "gzip;q=0").headers().firstValue("Content-Encoding").orElse(""));
    }

    /**
     * A write made with plain SQL drops the cached tiles as soon as the database announces it
     * (migration V42; the server's listener is connected, so tile requests do not read the data's
     * fingerprint): the test asks for the tile until it shows the new hazard (the class timeout
     * stops a hang, which is how it fails without the announcement).
     */
    @Test
    void aWriteByAnotherProcessReachesTheCachedTiles() throws Exception {
        String path = "/tiles/hazards/" + tileOf(-62.5, -32.5, 10) + ".mvt";
        assertEquals(204, tile(path, null).statusCode());
        assertEquals(204, tile(path, null).statusCode());
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, geom4326, area_sqm)
                    VALUES ('CHL', 'CHL-SQL', 1, 'SHA', '2024-01-01', ST_Multi(ST_MakeEnvelope(-62.6, -32.6, -62.4, -32.4, 4326)), 1)
                    """);
        }
        HttpResponse<byte[]> fresh = tile(path, null);
        while (fresh.statusCode() == 204) {
            Thread.sleep(10);
            fresh = tile(path, null);
        }
        assertEquals(200, fresh.statusCode());
        assertTrue(new String(fresh.body(), StandardCharsets.ISO_8859_1).contains("CHL-SQL"));
    }

    /** The values of a field in one layer of ogrinfo's listing, in the order listed. */
    private static List<String> fieldValues(String ogrinfo, String layer, String field) {
        int start = ogrinfo.indexOf("Layer name: " + layer + "\n");
        if (start < 0) {
            return List.of();
        }
        int end = ogrinfo.indexOf("Layer name: ", start + 1);
        String part = ogrinfo.substring(start, end < 0 ? ogrinfo.length() : end);
        Matcher m = Pattern.compile("\\n  " + field + " \\([A-Za-z0-9]+\\) = (.*)").matcher(part);
        List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(m.group(1).trim());
        }
        return values;
    }

    private static double sum(List<String> values) {
        return values.stream().mapToDouble(Double::parseDouble).sum();
    }

    private static double laoRemainingSqm() throws Exception {
        return JSON.readTree(server.get("/api/state-parties/LAO").body()).get("remainingSqm").asDouble();
    }

    /** A zoom-5 tile holds every polygon of LAO in the fixture (102.0–103.1 E, 18.0–19.1 N). */
    private static final String LAO_Z5 = tileOf(102.5, 18.5, 5);

    @Test
    void aLowZoomTileCarriesAggregatePointsThatAddUpToTheStatePartysRemainingLand(@TempDir Path dir) throws Exception {
        for (Collection collection : Collection.values()) {
            HttpResponse<byte[]> r = tile("/tiles/" + collection.id() + "/" + LAO_Z5 + ".mvt", null);
            assertEquals(200, r.statusCode(), collection.id());
            String out = decode(dir.resolve(collection.id()), LAO_Z5, r.body());
            assertTrue(out.contains("Layer name: aggregates"), out);
            assertTrue(out.contains("POINT ("), out);
            List<String> parties = fieldValues(out, "aggregates", "state_party");
            assertFalse(parties.isEmpty(), out);
            assertEquals(List.of("LAO"), parties.stream().distinct().toList(), out);
            assertEquals(laoRemainingSqm(), sum(fieldValues(out, "aggregates", "remaining_sqm")), 1e-3, out);
            assertEquals(parties.size(), fieldValues(out, "aggregates", "clusters").size(), out);
            assertTrue(fieldValues(out, "aggregates", "as_of").stream().allMatch(d -> d.equals(LocalDate.now().toString())), out);
        }
    }

    @Test
    void fromTheZoomWherePolygonsAreLegibleTilesCarryNoAggregates(@TempDir Path dir) throws Exception {
        String below = tileOf(102.05, 18.05, Aggregates.POLYGONS_LEGIBLE_ZOOM - 1);
        assertTrue(decode(dir, below, tile("/tiles/hazards/" + below + ".mvt", null).body()).contains("Layer name: aggregates"));
        for (int z = Aggregates.POLYGONS_LEGIBLE_ZOOM; z <= Aggregates.POLYGONS_LEGIBLE_ZOOM + 3; z++) {
            String zxy = tileOf(102.07, 18.05, z);
            String out = decode(dir, zxy, tile("/tiles/hazards/" + zxy + ".mvt", null).body());
            assertTrue(out.contains("Layer name: hazards"), out);
            assertFalse(out.contains("aggregates"), out);
        }
    }

    @Test
    void anUploadChangesTheAggregatesOfACachedLowZoomTile(@TempDir Path dir) throws Exception {
        String path = "/tiles/releases/" + LAO_Z5 + ".mvt";
        HttpResponse<byte[]> before = tile(path, null);
        assertArrayEquals(before.body(), tile(path, null).body()); // now cached
        double remainingBefore = sum(fieldValues(decode(dir.resolve("before"), LAO_Z5, before.body()), "aggregates", "remaining_sqm"));
        String hazard = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":
                  {"external_id":"AGG-1","classification":"SHA","recorded_on":"2024-03-03"},
                  "geometry":{"type":"Polygon","coordinates":[[[102.9,18.6],[102.92,18.6],[102.92,18.62],[102.9,18.62],[102.9,18.6]]]}}]}
                """;
        assertEquals(201, upload("hazards", hazard).statusCode());
        HttpResponse<byte[]> after = tile(path, before.headers().firstValue("ETag").orElseThrow());
        assertEquals(200, after.statusCode());
        String out = decode(dir.resolve("after"), LAO_Z5, after.body());
        double remainingAfter = sum(fieldValues(out, "aggregates", "remaining_sqm"));
        assertTrue(remainingAfter > remainingBefore + 4e6, remainingBefore + " -> " + remainingAfter);
        assertEquals(laoRemainingSqm(), remainingAfter, 1e-3, out);
    }

    private static HttpResponse<String> upload(String kind, String body) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/" + kind)))
                .header("Content-Type", "application/geo+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
