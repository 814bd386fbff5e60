package org.clearancemap.upload;

import static org.clearancemap.testing.Gdal.ogr2ogr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
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
 * One GeoJSON of Lao hazards, written by real GDAL ({@code ogr2ogr}) as Shapefile (WGS 84 and
 * UTM 48N), GeoPackage, KML, KMZ and CSV with WKT: every format must store the same features, with
 * areas equal to PostGIS {@code ST_Area(geography)} of the input within 1e-6 relative.
 */
class UploadFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"external_id":"LA-F-1","classification":"CHA","recorded_on":"2021-03-04",
               "contamination":"BLU-26","village":"Ban Phon"},
              "geometry":{"type":"Polygon","coordinates":[[[105.90,15.40],[105.92,15.40],[105.93,15.42],[105.90,15.43],
               [105.90,15.40]],[[105.905,15.405],[105.905,15.41],[105.91,15.41],[105.905,15.405]]]}},
             {"type":"Feature","properties":{"external_id":"LA-F-2","classification":"SHA","recorded_on":"2019-11-30",
               "contamination":"","village":"Ban Nong"},
              "geometry":{"type":"MultiPolygon","coordinates":[[[[106.00,15.50],[106.01,15.50],[106.01,15.51],
               [106.00,15.51],[106.00,15.50]]],[[[106.02,15.50],[106.03,15.50],[106.025,15.515],[106.02,15.50]]]]}},
             {"type":"Feature","properties":{"external_id":"LA-F-3","classification":"SHA","recorded_on":"2020-07-15",
               "contamination":"M42","village":"Ban Houay"},
              "geometry":{"type":"Polygon","coordinates":[[[105.80,15.30],[105.8031,15.3002],[105.8047,15.3038],
               [105.8012,15.3061],[105.7985,15.3033],[105.80,15.30]]]}}]}
            """;

    private static TestDatabase db;
    private static TestServer server;
    @TempDir
    static Path dir;
    private static Path geojson;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(UploadFormatsTest.class);
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
    }

    private static byte[] zip(Path folder) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes); var files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                zip.putNextEntry(new ZipEntry("export/" + f.getFileName()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static JsonNode upload(byte[] body, String contentType) throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/hazards")))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(201, r.statusCode(), r.body());
        JsonNode report = JSON.readTree(r.body());
        assertEquals(3, report.get("inserted").asInt(), r.body());
        return report;
    }

    /**
     * Every stored feature equals its input feature: same id, classification, date and
     * contamination, the same shape (Hausdorff distance below 1e-7°, about 1 cm) and an area equal
     * to PostGIS's geodesic area of the input geometry within 1e-6 relative.
     */
    private static void storedFeaturesEqualTheInput() throws Exception {
        String sql = """
                WITH input AS (
                  SELECT f->'properties'->>'external_id' AS external_id,
                         f->'properties'->>'classification' AS classification,
                         (f->'properties'->>'recorded_on')::date AS recorded_on,
                         nullif(f->'properties'->>'contamination', '') AS contamination,
                         ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326) AS geom
                    FROM jsonb_array_elements(?::jsonb->'features') f)
                SELECT i.external_id, h.classification = i.classification, h.recorded_on = i.recorded_on,
                       h.contamination IS NOT DISTINCT FROM i.contamination,
                       ST_HausdorffDistance(h.geom4326, i.geom),
                       abs(h.area_sqm / ST_Area(i.geom::geography) - 1), h.attributes->>'village'
                  FROM input i LEFT JOIN hazard h ON h.external_id = i.external_id AND h.valid_until IS NULL
                 ORDER BY i.external_id
                """;
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, INPUT);
            try (ResultSet rs = ps.executeQuery()) {
                int n = 0;
                while (rs.next()) {
                    n++;
                    String id = rs.getString(1);
                    assertTrue(rs.getBoolean(2), id + " classification");
                    assertTrue(rs.getBoolean(3), id + " recorded_on");
                    assertTrue(rs.getBoolean(4), id + " contamination");
                    assertTrue(rs.getDouble(5) < 1e-7, id + " shape differs by " + rs.getDouble(5) + "°");
                    assertTrue(rs.getDouble(6) < 1e-6, id + " area differs by " + rs.getDouble(6) + " relative");
                    assertTrue(rs.getString(7) != null && rs.getString(7).startsWith("Ban "), id + " village attribute");
                }
                assertEquals(3, n);
            }
        }
    }

    @Test
    void geoJsonIsStoredAsWritten() throws Exception {
        upload(INPUT.getBytes(StandardCharsets.UTF_8), "application/geo+json");
        storedFeaturesEqualTheInput();
    }

    @Test
    void aZippedShapefileInWgs84GivesTheSameFeatures() throws Exception {
        Path out = Files.createDirectories(dir.resolve("shp-wgs84"));
        ogr2ogr("-f", "ESRI Shapefile", out.resolve("hazards.shp").toString(), geojson.toString());
        upload(zip(out), "application/zip");
        storedFeaturesEqualTheInput();
    }

    @Test
    void aZippedShapefileInUtmIsReprojectedToTheSameFeatures() throws Exception {
        Path out = Files.createDirectories(dir.resolve("shp-utm"));
        ogr2ogr("-f", "ESRI Shapefile", "-t_srs", "EPSG:32648", "-lco", "COORDINATE_PRECISION=15",
                out.resolve("hazards.shp").toString(), geojson.toString());
        upload(zip(out), "application/zip");
        storedFeaturesEqualTheInput();
    }

    @Test
    void aShapefileWithoutPrjIsReadAsWgs84WithAWarning() throws Exception {
        Path out = Files.createDirectories(dir.resolve("shp-noprj"));
        ogr2ogr("-f", "ESRI Shapefile", out.resolve("hazards.shp").toString(), geojson.toString());
        Files.delete(out.resolve("hazards.prj"));
        JsonNode report = upload(zip(out), "application/octet-stream");
        assertEquals("no-prj", report.get("warnings").get(0).get("code").asText());
        storedFeaturesEqualTheInput();
    }

    @Test
    void aShapefileInUtmWithoutPrjIsRefusedAsProjectedCoordinates() throws Exception {
        Path out = Files.createDirectories(dir.resolve("shp-utm-noprj"));
        ogr2ogr("-f", "ESRI Shapefile", "-t_srs", "EPSG:32648", out.resolve("hazards.shp").toString(), geojson.toString());
        Files.delete(out.resolve("hazards.prj"));
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/hazards")))
                .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofByteArray(zip(out))));
        assertEquals(422, r.statusCode(), r.body());
        JsonNode e = JSON.readTree(r.body()).get("errors").get(0);
        assertEquals("coordinate-out-of-range", e.get("code").asText());
        assertTrue(e.get("message").asText().contains("projected"), e.toString());
    }

    @Test
    void aGeoPackageGivesTheSameFeatures() throws Exception {
        Path out = dir.resolve("hazards.gpkg");
        ogr2ogr("-f", "GPKG", "-nln", "hazards", out.toString(), geojson.toString());
        upload(Files.readAllBytes(out), "application/geopackage+sqlite3");
        storedFeaturesEqualTheInput();
    }

    @Test
    void aGeoPackageWithSeveralLayersNeedsTheLayerNamed() throws Exception {
        Path out = dir.resolve("two-layers.gpkg");
        ogr2ogr("-f", "GPKG", "-nln", "hazards", out.toString(), geojson.toString());
        ogr2ogr("-update", "-nln", "other", out.toString(), geojson.toString());
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/hazards")))
                .header("Content-Type", "application/geopackage+sqlite3")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(out))));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("layer", JSON.readTree(r.body()).get("parameter").asText());
        HttpResponse<String> chosen = server.send(HttpRequest.newBuilder(
                        URI.create(server.url("/api/state-parties/LAO/hazards?layer=hazards")))
                .header("Content-Type", "application/geopackage+sqlite3")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(out))));
        assertEquals(201, chosen.statusCode(), chosen.body());
        storedFeaturesEqualTheInput();
    }

    @Test
    void kmlGivesTheSameFeatures() throws Exception {
        Path out = dir.resolve("hazards.kml");
        ogr2ogr("-f", "KML", out.toString(), geojson.toString());
        upload(Files.readAllBytes(out), "application/vnd.google-earth.kml+xml");
        storedFeaturesEqualTheInput();
    }

    @Test
    void aKmlWithSeveralFoldersNeedsTheFolderNamed() throws Exception {
        Path out = dir.resolve("two-folders.kml");
        ogr2ogr("-f", "LIBKML", "-mapFieldType", "Date=String", "-nln", "hazards", out.toString(), geojson.toString());
        ogr2ogr("-update", "-f", "LIBKML", "-mapFieldType", "Date=String", "-nln", "other", out.toString(),
                geojson.toString());
        byte[] kml = Files.readAllBytes(out);
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/hazards")))
                .header("Content-Type", "application/vnd.google-earth.kml+xml").POST(HttpRequest.BodyPublishers.ofByteArray(kml)));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).get("detail").asText().contains("other"), r.body());
        HttpResponse<String> chosen = server.send(HttpRequest.newBuilder(
                        URI.create(server.url("/api/state-parties/LAO/hazards?layer=hazards")))
                .header("Content-Type", "application/vnd.google-earth.kml+xml").POST(HttpRequest.BodyPublishers.ofByteArray(kml)));
        assertEquals(201, chosen.statusCode(), chosen.body());
        storedFeaturesEqualTheInput();
    }

    @Test
    void kmzGivesTheSameFeatures() throws Exception {
        Path out = Files.createDirectories(dir.resolve("kmz"));
        ogr2ogr("-f", "KML", out.resolve("doc.kml").toString(), geojson.toString());
        upload(zip(out), "application/vnd.google-earth.kmz");
        storedFeaturesEqualTheInput();
    }

    private static long temporaryFiles() throws Exception {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().matches("(upload|ogr)-.*")).count();
        }
    }

    @Test
    void noTemporaryFileIsLeftBehindWhetherAnUploadSucceedsOrFails() throws Exception {
        long before = temporaryFiles();
        Path out = Files.createDirectories(dir.resolve("kmz-temp"));
        ogr2ogr("-f", "KML", out.resolve("doc.kml").toString(), geojson.toString());
        upload(zip(out), "application/vnd.google-earth.kmz");
        String utmWithUnknownCrs = INPUT.replace("{\"type\":\"FeatureCollection\",", "{\"type\":\"FeatureCollection\","
                + "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::999999\"}},");
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/hazards")))
                .header("Content-Type", "application/geo+json").POST(HttpRequest.BodyPublishers.ofString(utmWithUnknownCrs)));
        assertEquals(422, r.statusCode(), r.body());
        assertEquals(before, temporaryFiles());
    }

    @Test
    void csvWithAWktColumnGivesTheSameFeatures() throws Exception {
        Path out = dir.resolve("hazards.csv");
        ogr2ogr("-f", "CSV", "-lco", "GEOMETRY=AS_WKT", out.toString(), geojson.toString());
        upload(Files.readAllBytes(out), "text/csv");
        storedFeaturesEqualTheInput();
    }
}
