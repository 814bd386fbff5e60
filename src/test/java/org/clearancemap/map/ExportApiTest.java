package org.clearancemap.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.Map;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layers in view as files: each read back by GDAL's ogrinfo or a CSV parser. */
class ExportApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VIEW = "/api/export?layer=hazards&state_party=LAO&bbox=101.5,17.5,103.5,18.5&asOf=2019-01-01";
    private static TestDatabase db;
    private static TestServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static final String HAZARD = """
            INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, valid_until, retired_on,
                                geom4326, area_sqm)
            VALUES ('%s', '%s', %d, '%s', '%s', %s, NULL, ST_Multi(ST_GeomFromText('%s', 4326)), 12.5)
            """;

    private static String square(double lon, double lat) {
        return "POLYGON((%s %s,%s %s,%s %s,%s %s,%s %s))".formatted(lon, lat, lon + 0.01, lat, lon + 0.01, lat + 0.01,
                lon, lat + 0.01, lon, lat);
    }

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(ExportApiTest.class);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // in the view on 2019-01-01: H-1 (version 1), H-2; H-3 recorded later; H-4 outside the bbox; H-5 in Iraq
            st.execute(HAZARD.formatted("LAO", "H-1", 1, "SHA", "2015-01-01", "'2020-01-01'", square(102, 18)));
            st.execute(HAZARD.formatted("LAO", "H-1", 2, "CHA", "2020-01-01", "NULL", square(102, 18)));
            st.execute(HAZARD.formatted("LAO", "H-2", 1, "CHA", "2016-01-01", "NULL", square(103, 18)));
            st.execute(HAZARD.formatted("LAO", "H-3", 1, "CHA", "2021-01-01", "NULL", square(102.5, 18)));
            st.execute(HAZARD.formatted("LAO", "H-4", 1, "CHA", "2016-01-01", "NULL", square(105, 15)));
            st.execute(HAZARD.formatted("IRQ", "H-5", 1, "CHA", "2016-01-01", "NULL", square(102.2, 18.2)));
        }
        server = TestServer.start(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The file the export answers with, saved under its Content-Disposition name. */
    private static Path download(String path, Path dir, String expectedName, String expectedType) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("attachment; filename=\"" + expectedName + "\"",
                r.headers().firstValue("Content-Disposition").orElse(""));
        assertEquals(expectedType, r.headers().firstValue("Content-Type").orElse(""));
        Path file = dir.resolve(expectedName);
        Files.write(file, r.body());
        return file;
    }

    /** What ogrinfo says of the file's one layer: its name and feature count, and its external ids. */
    private static String ogrinfo(String source) throws Exception {
        return ogrinfo(source, null);
    }

    /** What ogrinfo says of one layer of the file (every layer when {@code layer} is null). */
    private static String ogrinfo(String source, String layer) throws Exception {
        var command = new java.util.ArrayList<>(List.of("ogrinfo", "-ro", "-geom=NO", source));
        command.add(layer == null ? "-al" : layer);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    private static int featureCount(String info) {
        Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(info);
        assertTrue(m.find(), info);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void geoJsonHasTheFeaturesOfTheMapLayer(@TempDir Path dir) throws Exception {
        Path file = download(VIEW + "&f=geojson", dir, "clearance-map_LAO_hazards_2019-01-01.geojson",
                "application/geo+json");
        assertEquals(2, featureCount(ogrinfo(file.toString())));
        JsonNode layer = server.json("/api/hazards?state_party=LAO&bbox=101.5,17.5,103.5,18.5&asOf=2019-01-01");
        assertEquals(layer.get("features"), JSON.readTree(file.toFile()).get("features"));
    }

    @Test
    void geoPackageHoldsTheHazardsInView(@TempDir Path dir) throws Exception {
        Path file = download(VIEW + "&f=gpkg", dir, "clearance-map_LAO_hazards_2019-01-01.gpkg",
                "application/geopackage+sqlite3");
        String info = ogrinfo(file.toString());
        assertTrue(info.contains("Layer name: hazards"), info);
        assertEquals(2, featureCount(info));
        assertTrue(info.contains("external_id (String) = H-1") && info.contains("external_id (String) = H-2"), info);
        assertTrue(info.contains("recorded_on (Date) = 2015/01/01"), info);
        Path temp = Path.of(System.getProperty("java.io.tmpdir"), "clearance-map-" + ProcessHandle.current().pid());
        try (var left = Files.list(temp)) {
            assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith("export-")).toList(),
                    "the export's temporary files are deleted");
        }
    }

    @Test
    void bothLayersGoInOneGeoPackageAsTwoTables(@TempDir Path dir) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO land_release (iso3, external_id, version, method, completed_on, geom4326, area_sqm)
                    VALUES ('LAO', 'R-1', 1, 'cleared', '2018-05-01', ST_Multi(ST_GeomFromText('%s', 4326)), 3.5)
                    """.formatted(square(102, 18)));
        }
        try {
            Path file = download(VIEW.replace("layer=hazards", "layer=hazards,releases") + "&f=gpkg", dir,
                    "clearance-map_LAO_hazards-releases_2019-01-01.gpkg", "application/geopackage+sqlite3");
            String hazards = ogrinfo(file.toString(), "hazards");
            assertEquals(2, featureCount(hazards));
            assertTrue(hazards.contains("external_id (String) = H-1") && hazards.contains("external_id (String) = H-2"), hazards);
            String releases = ogrinfo(file.toString(), "releases");
            assertEquals(1, featureCount(releases));
            assertTrue(releases.contains("method (String) = cleared"), releases);
        } finally {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM land_release WHERE external_id = 'R-1'");
            }
        }
        for (String bad : List.of("layer=hazards,releases&f=geojson", "layer=hazards,releases&f=csv", "layer=hazards,hazards&f=gpkg")) {
            HttpResponse<byte[]> r = get(VIEW.replace("layer=hazards", "") + "&" + bad);
            assertEquals(400, r.statusCode(), bad);
            JsonNode problem = JSON.readTree(r.body());
            assertEquals("layer", problem.get("parameter").asText(), bad);
        }
    }

    @Test
    void zippedShapefileOpensInGdal(@TempDir Path dir) throws Exception {
        Path file = download(VIEW + "&f=shp", dir, "clearance-map_LAO_hazards_2019-01-01.shp.zip", "application/zip");
        String info = ogrinfo("/vsizip/" + file);
        assertTrue(info.contains("Layer name: hazards"), info);
        assertEquals(2, featureCount(info));
        assertTrue(info.contains("GEOGCRS[\"WGS 84\""), info);
    }

    @Test
    void csvHasWktAndTheSnakeCaseProperties(@TempDir Path dir) throws Exception {
        Path file = download(VIEW + "&f=csv", dir, "clearance-map_LAO_hazards_2019-01-01.csv",
                "text/csv; charset=utf-8");
        MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(Files.readString(file));
        List<Map<String, String>> rows = it.readAll();
        assertEquals(2, rows.size());
        assertEquals("H-1", rows.get(0).get("external_id"));
        assertEquals("SHA", rows.get(0).get("classification"));
        assertEquals("2015-01-01", rows.get(0).get("recorded_on"));
        assertEquals("LAO", rows.get(1).get("state_party"));
        assertTrue(rows.get(0).get("WKT").startsWith("MULTIPOLYGON ((("), rows.get(0).get("WKT"));
    }

    @Test
    void withoutAStatePartyTheNameSaysAll(@TempDir Path dir) throws Exception {
        Path file = download("/api/export?layer=releases&asOf=2019-01-01&f=gpkg", dir,
                "clearance-map_all_releases_2019-01-01.gpkg", "application/geopackage+sqlite3");
        assertEquals(0, featureCount(ogrinfo(file.toString())));
    }

    @Test
    void aBadParameterIsA400ProblemNamingIt() throws Exception {
        for (String[] bad : new String[][] {{"layer=mines&f=csv", "layer"}, {"layer=hazards&f=kml", "f"},
                {"layer=hazards&asOf=yesterday", "asOf"}, {"layer=hazards&bbox=1,2,3", "bbox"},
                {"layer=hazards&state_party=laos", "state_party"}}) {
            HttpResponse<String> r = server.get("/api/export?" + bad[0]);
            assertEquals(400, r.statusCode(), bad[0] + ": " + r.body());
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), bad[0]);
            assertEquals(bad[1], JSON.readTree(r.body()).get("parameter").asText(), r.body());
        }
    }

    @Test
    void aViewWithMoreFeaturesThanALayerServesIsRefusedNotCutShort() throws Exception {
        TestServer small = TestServer.start(db, Map.of("MAX_FEATURES_PER_PAGE", "1"), routes -> { });
        try {
            HttpResponse<String> r = small.get(VIEW + "&f=csv");
            assertEquals(422, r.statusCode(), r.body());
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
            assertTrue(JSON.readTree(r.body()).get("detail").asText().contains("More than 1 hazards are in view"),
                    r.body());
        } finally {
            small.close();
        }
    }
}
