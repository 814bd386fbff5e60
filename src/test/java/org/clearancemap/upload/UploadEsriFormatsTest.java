package org.clearancemap.upload;

import static org.clearancemap.testing.Gdal.ogr2ogr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The formats of ArcGIS-based systems (IMSMA Core): an Esri File Geodatabase written by real GDAL
 * ({@code ogr2ogr -f OpenFileGDB}) and zipped, and an Esri JSON FeatureSet written as a feature
 * service query answers it (GDAL cannot write Esri JSON). Each stores the same features, with the
 * same areas to 1e-6 relative, as the same features uploaded as GeoJSON; bad files are refused
 * with a 4xx problem naming what is wrong, nothing written.
 */
class UploadEsriFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HAZARDS = "/api/state-parties/LAO/hazards";
    private static final double EARTH_RADIUS = 6378137;
    /** Lao hazards in snake_case: a polygon with a hole, a two-part MultiPolygon, a plain polygon. */
    private static final String INPUT = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"external_id":"LA-G-1","classification":"CHA","recorded_on":"2021-03-04",
               "contamination":"BLU-26","village":"Ban Phon"},
              "geometry":{"type":"Polygon","coordinates":[[[105.90,15.40],[105.92,15.40],[105.93,15.42],[105.90,15.43],
               [105.90,15.40]],[[105.905,15.405],[105.905,15.41],[105.91,15.41],[105.905,15.405]]]}},
             {"type":"Feature","properties":{"external_id":"LA-G-2","classification":"SHA","recorded_on":"2019-11-30",
               "contamination":"","village":"Ban Nong"},
              "geometry":{"type":"MultiPolygon","coordinates":[[[[106.00,15.50],[106.01,15.50],[106.01,15.51],
               [106.00,15.51],[106.00,15.50]]],[[[106.02,15.50],[106.03,15.50],[106.025,15.515],[106.02,15.50]]]]}},
             {"type":"Feature","properties":{"external_id":"LA-G-3","classification":"SHA","recorded_on":"2020-07-15",
               "contamination":"M42","village":"Ban Houay"},
              "geometry":{"type":"Polygon","coordinates":[[[105.80,15.30],[105.8031,15.3002],[105.8047,15.3038],
               [105.8012,15.3061],[105.7985,15.3033],[105.80,15.30]]]}}]}
            """;
    /**
     * What a feature service query ({@code f=json}) answers, in Web Mercator given as wkid 102100
     * alone (older ArcGIS servers), attributes in camelCase, dates in epoch milliseconds. Esri ring
     * orientation: outer rings clockwise, holes counter-clockwise; LA-E-1 has a hole, LA-E-2 two parts.
     */
    private static final String ESRI_JSON = """
            {"objectIdFieldName":"OBJECTID","globalIdFieldName":"","geometryType":"esriGeometryPolygon",
             "spatialReference":{"wkid":102100},
             "fields":[{"name":"OBJECTID","type":"esriFieldTypeOID","alias":"OBJECTID"},
              {"name":"externalId","type":"esriFieldTypeString","alias":"Hazard ID","length":50},
              {"name":"classification","type":"esriFieldTypeString","alias":"Classification","length":3},
              {"name":"recordedOn","type":"esriFieldTypeDate","alias":"Recorded on","length":8},
              {"name":"village","type":"esriFieldTypeString","alias":"Village","length":80}],
             "features":[
              {"attributes":{"OBJECTID":1,"externalId":"LA-E-1","classification":"CHA","recordedOn":1614816000000,
                "village":"Ban Phon"},
               "geometry":{"rings":[[[11789000,1735000],[11789000,1737000],[11791000,1737000],[11791000,1735000],
                [11789000,1735000]],[[11789500,1735500],[11790500,1735500],[11790500,1736500],[11789500,1735500]]]}},
              {"attributes":{"OBJECTID":2,"externalId":"LA-E-2","classification":"SHA","recordedOn":1575072000000,
                "village":"Ban Nong"},
               "geometry":{"rings":[[[11800000,1745000],[11800000,1746000],[11801000,1746000],[11801000,1745000],
                [11800000,1745000]],[[11802000,1745000],[11802000,1746000],[11803000,1746000],[11803000,1745000],
                [11802000,1745000]]]}},
              {"attributes":{"OBJECTID":3,"externalId":"LA-E-3","classification":"SHA","recordedOn":1594771200000,
                "village":null},
               "geometry":{"rings":[[[11780000,1725000],[11780300,1726100],[11781200,1725400],[11780000,1725000]]]}}]}
            """;

    private static TestDatabase db;
    private static TestServer server;
    @TempDir
    static Path dir;
    private static Path geojson;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(UploadEsriFormatsTest.class);
        server = TestServer.start(db).asAdmin(db);
        geojson = dir.resolve("hazards.geojson");
        Files.writeString(geojson, INPUT);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @AfterEach
    void forgetUploads() throws Exception {
        db.forgetHazardsAndUploads();
        assertEquals(200, server.get("/health").statusCode());
    }

    /** A File Geodatabase of the input's features, written by GDAL, in feature class {@code hazards}. */
    private static Path geodatabase(String name, String... more) throws Exception {
        Path gdb = dir.resolve(name);
        var args = new ArrayList<>(List.of("-f", "OpenFileGDB", "-nln", "hazards", "-nlt", "MULTIPOLYGON"));
        args.addAll(List.of(more));
        args.addAll(List.of(gdb.toString(), geojson.toString()));
        ogr2ogr(args.toArray(String[]::new));
        return gdb;
    }

    /** The folder zipped, its files under {@code prefix} (the folder's name and '/', or "" for the top). */
    private static byte[] zip(Path folder, String prefix) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes); var files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                zip.putNextEntry(new ZipEntry(prefix + f.getFileName()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static JsonNode upload(String path, String contentType, byte[] body) throws Exception {
        HttpResponse<String> r = post(path, contentType, body);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode report = JSON.readTree(r.body());
        assertEquals(3, report.get("inserted").asInt(), r.body());
        return report;
    }

    private static byte[] multipart(String boundary, String fileName, String type, byte[] file) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** One stored hazard: what the comparison looks at. */
    private record Stored(double areaSqm, int parts, int rings, String classification, String recordedOn,
            String village) {
    }

    /** The current hazards by external id; forgets them afterwards, so that the next upload starts afresh. */
    private Map<String, Stored> storedAndForgotten() throws Exception {
        var stored = new TreeMap<String, Stored>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT external_id, area_sqm, ST_NumGeometries(geom4326), ST_NRings(geom4326), classification,
                       recorded_on::text, attributes->>'village'
                  FROM hazard WHERE valid_until IS NULL""")) {
            while (rs.next()) {
                stored.put(rs.getString(1), new Stored(rs.getDouble(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)));
            }
        }
        forgetUploads();
        return stored;
    }

    /** Same ids, same attributes, same parts and rings, areas equal to 1e-6 relative. */
    private static void sameFeatures(Map<String, Stored> expected, Map<String, Stored> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((id, e) -> {
            Stored a = actual.get(id);
            assertTrue(Math.abs(a.areaSqm() / e.areaSqm() - 1) < 1e-6, id + ": area " + a.areaSqm() + " m² vs "
                    + e.areaSqm() + " m² as GeoJSON");
            assertEquals(e.parts(), a.parts(), id + " parts");
            assertEquals(e.rings(), a.rings(), id + " rings");
            assertEquals(e.classification(), a.classification(), id);
            assertEquals(e.recordedOn(), a.recordedOn(), id);
            assertEquals(e.village(), a.village(), id + " village attribute");
        });
    }

    private Map<String, Stored> asGeoJson() throws Exception {
        upload(HAZARDS, "application/geo+json", INPUT.getBytes(StandardCharsets.UTF_8));
        return storedAndForgotten();
    }

    @Test
    void aZippedFileGeodatabaseMadeByGdalGivesTheSameFeaturesAsTheGeoJson() throws Exception {
        Map<String, Stored> geoJson = asGeoJson();
        assertEquals(2, geoJson.get("LA-G-1").rings(), "the hole is kept");
        assertEquals(2, geoJson.get("LA-G-2").parts());
        Path gdb = geodatabase("hazards.gdb");
        JsonNode report = upload(HAZARDS, "application/zip", zip(gdb, "hazards.gdb/"));
        assertEquals("filegdb", report.get("format").asText());
        sameFeatures(geoJson, storedAndForgotten());
    }

    @Test
    void aFileGeodatabaseZippedWithItsFilesAtTheTopAndSentAsAMultipartPartIsReadToo() throws Exception {
        Map<String, Stored> geoJson = asGeoJson();
        Path gdb = geodatabase("top.gdb");
        JsonNode report = upload(HAZARDS, "multipart/form-data; boundary=gdb-part",
                multipart("gdb-part", "export.zip", "application/zip", zip(gdb, "")));
        assertEquals("export.zip", report.get("fileName").asText());
        sameFeatures(geoJson, storedAndForgotten());
    }

    @Test
    void aFileGeodatabaseWithSeveralFeatureClassesNeedsOneNamedAndReprojectsItsUtmOneInAFeatureDataset() throws Exception {
        Map<String, Stored> geoJson = asGeoJson();
        Path gdb = geodatabase("several.gdb");
        // in a feature dataset, as geodatabases of ArcGIS-based systems hold their feature classes
        ogr2ogr("-update", "-nln", "hazards_utm", "-nlt", "MULTIPOLYGON", "-t_srs", "EPSG:32648",
                "-lco", "FEATURE_DATASET=survey", gdb.toString(), geojson.toString());
        ogr2ogr("-update", "-nln", "villages", "-nlt", "NONE", gdb.toString(), geojson.toString());
        byte[] zip = zip(gdb, "several.gdb/");
        HttpResponse<String> r = post(HAZARDS, "application/zip", zip);
        assertEquals(400, r.statusCode(), r.body());
        JsonNode problem = JSON.readTree(r.body());
        assertEquals("layer", problem.get("parameter").asText());
        assertTrue(problem.get("detail").asText().contains("hazards, hazards_utm"), r.body());
        assertTrue(!problem.get("detail").asText().contains("villages"), "a table without geometry is no layer: " + r.body());
        JsonNode report = upload(HAZARDS + "?layer=hazards_utm", "application/zip", zip);
        assertEquals("read-crs", report.get("warnings").get(0).get("code").asText(), report.toString());
        assertTrue(report.get("warnings").get(0).get("message").asText().contains("EPSG:32648"), report.toString());
        sameFeatures(geoJson, storedAndForgotten());
    }

    /** The GeoJSON twin of {@link #ESRI_JSON}: the same rings taken back from Web Mercator to lon/lat. */
    private static String esriTwin() throws Exception {
        var features = JSON.createArrayNode();
        for (JsonNode f : JSON.readTree(ESRI_JSON).get("features")) {
            JsonNode a = f.get("attributes");
            ObjectNode properties = JSON.createObjectNode().put("external_id", a.get("externalId").asText())
                    .put("classification", a.get("classification").asText())
                    .put("recorded_on", java.time.Instant.ofEpochMilli(a.get("recordedOn").asLong()).toString()
                            .substring(0, 10));
            if (!a.get("village").isNull()) {
                properties.put("village", a.get("village").asText());
            }
            ArrayNode rings = JSON.createArrayNode();
            for (JsonNode ring : f.get("geometry").get("rings")) {
                ArrayNode lonLat = rings.addArray();
                for (JsonNode xy : ring) {
                    double lon = Math.toDegrees(xy.get(0).asDouble() / EARTH_RADIUS);
                    double lat = Math.toDegrees(2 * Math.atan(Math.exp(xy.get(1).asDouble() / EARTH_RADIUS)) - Math.PI / 2);
                    lonLat.addArray().add(lon).add(lat);
                }
            }
            ObjectNode geometry = JSON.createObjectNode();
            if (a.get("externalId").asText().equals("LA-E-2")) {
                geometry.put("type", "MultiPolygon");
                ArrayNode polygons = geometry.putArray("coordinates");
                rings.forEach(ring -> polygons.addArray().add(ring));
            } else {
                geometry.put("type", "Polygon").set("coordinates", rings);
            }
            ObjectNode feature = features.addObject().put("type", "Feature");
            feature.set("properties", properties);
            feature.set("geometry", geometry);
        }
        ObjectNode collection = JSON.createObjectNode().put("type", "FeatureCollection");
        collection.set("features", features);
        return JSON.writeValueAsString(collection);
    }

    @Test
    void anEsriJsonFeatureSetInWebMercatorGivesTheSameFeaturesAsItsGeoJsonTwin() throws Exception {
        upload(HAZARDS, "application/geo+json", esriTwin().getBytes(StandardCharsets.UTF_8));
        Map<String, Stored> geoJson = storedAndForgotten();
        assertEquals(2, geoJson.get("LA-E-1").rings(), "the hole is kept");
        assertEquals(2, geoJson.get("LA-E-2").parts());
        JsonNode report = upload(HAZARDS, "application/json", ESRI_JSON.getBytes(StandardCharsets.UTF_8));
        assertEquals("esrijson", report.get("format").asText());
        JsonNode warning = report.get("warnings").get(0);
        assertEquals("reprojected", warning.get("code").asText(), report.toString());
        assertTrue(warning.get("message").asText().contains("EPSG:3857"), warning.toString());
        assertTrue(warning.get("message").asText().contains("wkid 102100"), warning.toString());
        sameFeatures(geoJson, storedAndForgotten());
    }

    @Test
    void anEsriJsonFeatureSetSentAsAMultipartPartWithItsLatestWkidIsReadToo() throws Exception {
        upload(HAZARDS, "application/geo+json", esriTwin().getBytes(StandardCharsets.UTF_8));
        Map<String, Stored> geoJson = storedAndForgotten();
        byte[] file = ESRI_JSON.replace("{\"wkid\":102100}", "{\"wkid\":102100,\"latestWkid\":3857}")
                .getBytes(StandardCharsets.UTF_8);
        JsonNode report = upload(HAZARDS, "multipart/form-data; boundary=esri-part",
                multipart("esri-part", "query.json", "application/json", file));
        assertEquals("esrijson", report.get("format").asText());
        sameFeatures(geoJson, storedAndForgotten());
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            upload(HAZARDS, "application/json", file);
            ResultSet rs = st.executeQuery("SELECT attributes->>'OBJECTID' FROM hazard WHERE external_id = 'LA-E-3'");
            assertTrue(rs.next());
            assertEquals("3", rs.getString(1), "the other attributes are kept");
        }
    }

    @Test
    void anEsriJsonIsCheckedAsEveryFormatIs() throws Exception {
        // a bow-tie ring is repaired, with a warning
        String bowTie = ESRI_JSON.replace("[[[11780000,1725000],[11780300,1726100],[11781200,1725400],[11780000,1725000]]]",
                "[[[11780000,1725000],[11781000,1726000],[11781000,1725000],[11780000,1726000],[11780000,1725000]]]");
        JsonNode report = upload(HAZARDS, "application/json", bowTie.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, report.get("repaired").asInt(), report.toString());
        forgetUploads();
        // in Thailand (Bangkok), not in Laos
        String elsewhere = ESRI_JSON.replace("[[[11780000,1725000],[11780300,1726100],[11781200,1725400],[11780000,1725000]]]",
                "[[[11190000,1540000],[11190300,1541100],[11191200,1540400],[11190000,1540000]]]");
        HttpResponse<String> r = post(HAZARDS, "application/json", elsewhere.getBytes(StandardCharsets.UTF_8));
        assertEquals(422, r.statusCode(), r.body());
        JsonNode error = JSON.readTree(r.body()).get("errors").get(0);
        assertEquals("outside-territory", error.get("code").asText(), r.body());
        assertEquals("LA-E-3", error.get("externalId").asText(), r.body());
        assertTrue(error.get("message").asText().contains("the file declares"), "its spatialReference is the declared "
                + "CRS, not a missing one: " + r.body());
    }

    private static long rows() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT (SELECT count(*) FROM hazard) + (SELECT count(*) FROM upload) + (SELECT count(*) FROM audit_event)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A 422 problem+json whose first error has {@code code} and whose detail names {@code named}; nothing written. */
    private static void refused(String contentType, byte[] body, String code, String named) throws Exception {
        long before = rows();
        HttpResponse<String> r = post(HAZARDS, contentType, body);
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(r.body());
        assertEquals(code, problem.get("errors").get(0).get("code").asText(), r.body());
        assertTrue(problem.get("detail").asText().contains(named), r.body());
        assertEquals(before, rows(), "nothing written");
        assertEquals(200, server.get("/health").statusCode());
    }

    @Test
    void aDamagedFileGeodatabaseIsRefusedAsUnreadable() throws Exception {
        Path gdb = geodatabase("damaged.gdb");
        try (var files = Files.list(gdb)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".gdbtable")).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            }
        }
        refused("application/zip", zip(gdb, "damaged.gdb/"), "unreadable-file", "Esri File Geodatabase");
        byte[] whole = zip(geodatabase("cut.gdb"), "cut.gdb/");
        refused("application/zip", java.util.Arrays.copyOf(whole, whole.length - 200), "corrupt-zip", "zip");
    }

    @Test
    void aZipOfTwoFileGeodatabasesIsRefused() throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (String name : List.of("a.gdb", "b.gdb")) {
                try (var files = Files.list(geodatabase(name))) {
                    for (Path f : files.sorted().toList()) {
                        zip.putNextEntry(new ZipEntry(name + "/" + f.getFileName()));
                        zip.write(Files.readAllBytes(f));
                        zip.closeEntry();
                    }
                }
            }
        }
        refused("application/zip", bytes.toByteArray(), "several-geodatabases", "a.gdb, b.gdb");
    }

    @Test
    void anEsriJsonOfPointsIsRefusedNamingItsGeometryType() throws Exception {
        String points = """
                {"geometryType":"esriGeometryPoint","spatialReference":{"wkid":4326,"latestWkid":4326},
                 "fields":[{"name":"externalId","type":"esriFieldTypeString"}],
                 "features":[{"attributes":{"externalId":"LA-P-1"},"geometry":{"x":105.9,"y":15.4}}]}
                """;
        refused("application/json", points.getBytes(StandardCharsets.UTF_8), "not-a-polygon", "esriGeometryPoint");
    }

    @Test
    void anEsriJsonWithAnUnknownWkidIsRefusedNamingIt() throws Exception {
        byte[] unknown = ESRI_JSON.replace("{\"wkid\":102100}", "{\"wkid\":999999}").getBytes(StandardCharsets.UTF_8);
        refused("application/json", unknown, "unknown-crs", "wkid 999999");
    }

    @Test
    void anEsriJsonWithoutFieldsIsRefusedSayingHowToQueryIt() throws Exception {
        String noFields = ESRI_JSON.replaceAll("(?s)\"fields\":\\[.*?\\],\\s*\"features\"", "\"features\"");
        refused("application/json", noFields.getBytes(StandardCharsets.UTF_8), "unreadable-file", "outFields");
    }
}
