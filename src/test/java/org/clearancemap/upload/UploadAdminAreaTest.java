package org.clearancemap.upload;

import static org.clearancemap.upload.SurveyFiles.collection;
import static org.clearancemap.upload.SurveyFiles.feature;
import static org.clearancemap.upload.SurveyFiles.square;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin area of uploaded features (admin1, admin2, pcode, read from the names real exports
 * use) is stored in typed columns and served as properties of /api/hazards, /api/releases, OGC
 * items (and their filters) and exports, in Laos.
 */
class UploadAdminAreaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(UploadAdminAreaTest.class);
        server = TestServer.start(db).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static JsonNode upload(String kind, String contentType, byte[] body) throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/" + kind)))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static List<String> rows(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            var result = new ArrayList<String>();
            while (rs.next()) {
                result.add(rs.getString(1));
            }
            return result;
        }
    }

    private static JsonNode properties(String path, String externalId) throws Exception {
        for (JsonNode f : server.json(path).get("features")) {
            if (f.get("properties").get("external_id").asText().equals(externalId)) {
                return f.get("properties");
            }
        }
        throw new AssertionError(externalId + " not in " + path);
    }

    @Test
    void theAdminAreaNamesOfRealExportsAreStoredInColumnsNotAttributes() throws Exception {
        String file = collection(
                feature("{\"external_id\":\"LA-AD-1\",\"classification\":\"CHA\",\"recorded_on\":\"2021-03-04\","
                        + "\"Province\":\"Attapeu\",\"District\":\"Sanxay\",\"ADM1_PCODE\":\"LA17\",\"ADM2_PCODE\":\"LA1704\","
                        + "\"village\":\"Ban Phon\"}", square(106.9, 14.8, 0.01)),
                feature("{\"external_id\":\"LA-AD-2\",\"classification\":\"SHA\",\"recorded_on\":\"2021-03-04\","
                        + "\"ADM1_EN\":\"Xiengkhouang\",\"adm2_name\":\"Pek\"}", square(103.2, 19.4, 0.01)),
                feature("{\"external_id\":\"LA-AD-3\",\"classification\":\"SHA\",\"recorded_on\":\"2021-03-04\"}",
                        square(103.3, 19.4, 0.01)));
        upload("hazards", "application/geo+json", file.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("LA-AD-1 Attapeu Sanxay LA1704 {\"village\": \"Ban Phon\", \"ADM1_PCODE\": \"LA17\"}",
                "LA-AD-2 Xiengkhouang Pek - {}", "LA-AD-3 - - - {}"),
                rows("SELECT external_id || ' ' || coalesce(admin1, '-') || ' ' || coalesce(admin2, '-') || ' ' "
                        + "|| coalesce(pcode, '-') || ' ' || attributes FROM hazard WHERE external_id LIKE 'LA-AD-%' "
                        + "ORDER BY external_id"));
        JsonNode p = properties("/api/hazards?state_party=LAO", "LA-AD-1");
        assertEquals("Attapeu", p.get("admin1").asText(), p.toString());
        assertEquals("Sanxay", p.get("admin2").asText());
        assertEquals("LA1704", p.get("pcode").asText());
        assertTrue(properties("/api/hazards?state_party=LAO", "LA-AD-3").get("admin1").isNull());
        JsonNode ogc = properties("/ogc/collections/hazards/items?state_party=LAO", "LA-AD-2");
        assertEquals("Xiengkhouang", ogc.get("admin1").asText(), ogc.toString());
        JsonNode filtered = server.json("/ogc/collections/hazards/items?filter="
                + URLEncoder.encode("admin1 = 'Attapeu'", StandardCharsets.UTF_8));
        assertEquals(1, filtered.get("features").size(), filtered.toString());
        assertEquals("LA-AD-1", filtered.get("features").get(0).get("properties").get("external_id").asText());
        HttpResponse<String> csv = server.get("/api/export?layer=hazards&state_party=LAO&f=csv");
        assertEquals(200, csv.statusCode(), csv.body());
        String header = csv.body().lines().findFirst().orElse("");
        assertTrue(header.contains("admin1") && header.contains("admin2") && header.contains("pcode"), header);
        assertTrue(csv.body().contains("Attapeu"), csv.body());
    }

    @Test
    void releasesKeepTheirAdminAreaTooAndAnUnchangedFileStaysUnchanged() throws Exception {
        String file = collection(feature("{\"external_id\":\"LA-AD-R1\",\"method\":\"cleared\",\"completed_on\":\"2022-05-01\","
                + "\"admin1Name_en\":\"Savannakhet\",\"admin2Name_en\":\"Sepon\",\"admin2Pcode\":\"LA1310\"}",
                square(106.2, 16.7, 0.01)));
        upload("releases", "application/geo+json", file.getBytes(StandardCharsets.UTF_8));
        JsonNode p = properties("/api/releases?state_party=LAO", "LA-AD-R1");
        assertEquals("Savannakhet Sepon LA1310", p.get("admin1").asText() + " " + p.get("admin2").asText() + " "
                + p.get("pcode").asText(), p.toString());
        JsonNode again = upload("releases", "application/geo+json", (file + " ").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, again.get("unchanged").asInt(), again.toString());
        JsonNode versions = server.json("/api/state-parties/LAO/releases/LA-AD-R1/versions");
        assertEquals("Sepon", versions.get("versions").get(0).get("admin2").asText(), versions.toString());
    }

    @Test
    void aShapefileMadeByGdalHasItsCutAdminFieldNamesRecognised() throws Exception {
        Path input = dir.resolve("admin.geojson");
        Files.writeString(input, collection(feature("{\"external_id\":\"LA-AD-S1\",\"classification\":\"SHA\","
                + "\"recorded_on\":\"2020-01-01\",\"admin1Name_en\":\"Champasak\",\"admin1Pcode\":\"LA16\"}",
                square(105.9, 15.1, 0.01))));
        Path folder = Files.createDirectories(dir.resolve("admin-shp"));
        Process p = new ProcessBuilder("ogr2ogr", "-f", "ESRI Shapefile", folder.resolve("admin.shp").toString(),
                input.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, output);
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes); var files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        upload("hazards", "application/zip", bytes.toByteArray());
        assertEquals(List.of("Champasak LA16"), rows("SELECT admin1 || ' ' || pcode FROM hazard "
                + "WHERE external_id = 'LA-AD-S1'"));
    }

    @Test
    void theMigrationMovesAdminAreasOutOfTheAttributesOfVersionsStoredBefore() throws Exception {
        String admin = System.getenv("TEST_DATABASE_URL");
        String user = System.getenv("TEST_DATABASE_USER");
        String password = System.getenv().getOrDefault("TEST_DATABASE_PASSWORD", "");
        String name = "t_admin_migration_" + Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffL, 36)
                .toLowerCase(Locale.ROOT);
        String template = System.getenv().getOrDefault("TEST_DATABASE_TEMPLATE", "clearance_test_template");
        try (Connection c = DriverManager.getConnection(admin, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        }
        String url = admin.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
        try {
            Flyway before = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
                    .target("43").load();
            before.migrate();
            try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
                st.execute("""
                        INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, attributes, geom4326, area_sqm)
                        VALUES ('LAO', 'OLD-1', 1, 'SHA', '2020-01-01',
                                '{"PROVINCE": "Attapeu", "admin1": "Sekong", "ADM2_PCODE": "LA1704", "village": "Ban"}',
                                ST_Multi(ST_MakeEnvelope(106.9, 14.8, 106.91, 14.81, 4326)), 1),
                               ('LAO', 'OLD-2', 1, 'SHA', '2020-01-01', '{"village": "Ban"}',
                                ST_Multi(ST_MakeEnvelope(106.9, 14.8, 106.91, 14.81, 4326)), 1);
                        INSERT INTO land_release (iso3, external_id, version, method, completed_on, attributes, geom4326, area_sqm)
                        VALUES ('LAO', 'OLD-R', 1, 'cleared', '2020-01-01', '{"district": "Sanxay"}',
                                ST_Multi(ST_MakeEnvelope(106.9, 14.8, 106.91, 14.81, 4326)), 1)
                        """);
            }
            Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
            try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("""
                         SELECT external_id || ' ' || coalesce(admin1, '-') || ' ' || coalesce(admin2, '-') || ' '
                                || coalesce(pcode, '-') || ' ' || attributes FROM land.current_hazard
                         UNION ALL
                         SELECT external_id || ' ' || coalesce(admin1, '-') || ' ' || coalesce(admin2, '-') || ' '
                                || coalesce(pcode, '-') || ' ' || attributes FROM land.current_release
                         ORDER BY 1
                         """)) {
                var got = new ArrayList<String>();
                while (rs.next()) {
                    got.add(rs.getString(1));
                }
                assertEquals(List.of("OLD-1 Sekong - LA1704 {\"village\": \"Ban\", \"PROVINCE\": \"Attapeu\"}",
                        "OLD-2 - - - {\"village\": \"Ban\"}", "OLD-R - Sanxay - {}"), got);
            }
        } finally {
            try (Connection c = DriverManager.getConnection(admin, user, password); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }
}
