package org.clearancemap.upload;

import static org.clearancemap.upload.SurveyFiles.collection;
import static org.clearancemap.upload.SurveyFiles.feature;
import static org.clearancemap.upload.SurveyFiles.laoHazard;
import static org.clearancemap.upload.SurveyFiles.square;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.clearancemap.testing.Gdal;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry run shows what would be stored: the features without an error as they would be written
 * (WGS 84, repaired) with their extent, also beside the errors of a refused file, with the
 * warnings found; a real upload's stored report carries no preview.
 */
class UploadPreviewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A bow-tie: invalid, repaired into two triangles. */
    private static final String BOWTIE = "{\"type\":\"Polygon\",\"coordinates\":[[[105.5,15.5],[105.52,15.52],"
            + "[105.52,15.5],[105.5,15.52],[105.5,15.5]]]}";
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(UploadPreviewTest.class);
        server = TestServer.start(db).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static HttpResponse<String> post(String query, String contentType, byte[] body) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/hazards" + query)))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static String bowtie(String id) {
        return feature("{\"external_id\":\"" + id + "\",\"classification\":\"SHA\",\"recorded_on\":\"2021-03-04\"}", BOWTIE);
    }

    @Test
    void aDryRunShowsTheFeaturesAsTheyWouldBeStoredWithTheirExtent() throws Exception {
        byte[] file = collection(laoHazard("PV-1", 105.9, 15.4), bowtie("PV-2")).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post("?dryRun=true", "application/geo+json", file);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode preview = JSON.readTree(r.body()).get("preview");
        assertEquals("FeatureCollection", preview.get("type").asText());
        assertEquals(2, preview.get("features").size(), r.body());
        assertEquals(0, preview.get("omitted").asInt());
        JsonNode bbox = preview.get("bbox");
        assertEquals(105.5, bbox.get(0).asDouble(), 1e-9);
        assertEquals(15.4, bbox.get(1).asDouble(), 1e-9);
        assertEquals(105.91, bbox.get(2).asDouble(), 1e-9);
        assertEquals(15.52, bbox.get(3).asDouble(), 1e-9);
        JsonNode repaired = preview.get("features").get(1);
        assertEquals("PV-2", repaired.get("properties").get("external_id").asText());
        assertEquals(1, repaired.get("properties").get("feature").asInt());
        assertEquals("MultiPolygon", repaired.get("geometry").get("type").asText());
        assertEquals(2, repaired.get("geometry").get("coordinates").size(), "the bow-tie as its two triangles: " + repaired);

        // the areas are those the upload stores; the stored report has no preview
        HttpResponse<String> stored = post("", "application/geo+json", file);
        assertEquals(201, stored.statusCode(), stored.body());
        assertFalse(JSON.readTree(stored.body()).has("preview"), stored.body());
        JsonNode layer = server.json("/api/hazards?state_party=LAO");
        for (JsonNode f : layer.get("features")) {
            String id = f.get("properties").get("external_id").asText();
            double previewed = id.equals("PV-1") ? preview.get("features").get(0).get("properties").get("area_sqm").asDouble()
                    : repaired.get("properties").get("area_sqm").asDouble();
            assertEquals(f.get("properties").get("area_sqm").asDouble(), previewed, 1e-3, id);
        }
        long uploadId = JSON.readTree(stored.body()).get("uploadId").asLong();
        assertFalse(server.json("/api/uploads/" + uploadId).toString().contains("\"preview\""));
    }

    @Test
    void aUtmShapefileIsPreviewedInLongitudeAndLatitude(@TempDir Path dir) throws Exception {
        byte[] zip = Gdal.zippedShapefile(collection(laoHazard("UTM-1", 102.6, 17.9), laoHazard("UTM-2", 102.7, 18.0)),
                "EPSG:32648", dir);
        HttpResponse<String> r = post("?dryRun=true", "application/zip", zip);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode warnings = JSON.readTree(r.body()).get("warnings");
        assertEquals(List.of("read-crs"), warnings.findValuesAsText("code"), r.body());
        assertTrue(warnings.get(0).get("message").asText().contains("read as EPSG:32648 (WGS 84 / UTM zone 48N)"), r.body());
        JsonNode bbox = JSON.readTree(r.body()).get("preview").get("bbox");
        assertEquals(102.6, bbox.get(0).asDouble(), 1e-6, r.body());
        assertEquals(17.9, bbox.get(1).asDouble(), 1e-6, r.body());
        assertEquals(102.71, bbox.get(2).asDouble(), 1e-6, r.body());
        assertEquals(18.01, bbox.get(3).asDouble(), 1e-6, r.body());
    }

    @Test
    void aRefusedDryRunShowsWhatCouldBeStoredAndTheWarningsBesideTheErrors() throws Exception {
        String outOfRange = feature("{\"external_id\":\"PV-BAD\",\"classification\":\"CHA\",\"recorded_on\":\"2021-03-04\"}",
                square(105.9, 95.0, 0.01));
        byte[] file = collection(laoHazard("PV-OK", 105.8, 15.3), outOfRange, bowtie("PV-FIX")).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post("?dryRun=true", "application/geo+json", file);
        assertEquals(422, r.statusCode(), r.body());
        JsonNode problem = JSON.readTree(r.body());
        assertEquals(1, problem.get("errorCount").asInt());
        List<String> warnings = problem.get("warnings").findValuesAsText("code");
        assertTrue(warnings.stream().anyMatch(c -> c.contains("repair")), "the repair is listed with the error: " + r.body());
        assertEquals(problem.get("warnings").size(), problem.get("warningCount").asInt());
        JsonNode preview = problem.get("preview");
        assertEquals(List.of("PV-OK", "PV-FIX"), preview.get("features").findValuesAsText("external_id"));
        // a real upload refused is not previewed
        HttpResponse<String> real = post("", "application/geo+json", file);
        assertEquals(422, real.statusCode());
        assertFalse(JSON.readTree(real.body()).has("preview"));
    }

    @Test
    void aFileInWgs84SaysNothingOfItsCrs(@TempDir Path dir) throws Exception {
        byte[] zip = Gdal.zippedShapefile(collection(laoHazard("WGS-1", 102.6, 17.9)), "EPSG:4326", dir);
        HttpResponse<String> r = post("?dryRun=true", "application/zip", zip);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of(), JSON.readTree(r.body()).get("warnings").findValuesAsText("code"), r.body());
    }
}
