package org.clearancemap.upload;

import static org.clearancemap.upload.SurveyFiles.collection;
import static org.clearancemap.upload.SurveyFiles.feature;
import static org.clearancemap.upload.SurveyFiles.laoHazard;
import static org.clearancemap.upload.SurveyFiles.square;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each bad input is refused with a 4xx problem, nothing is written and the server keeps answering. */
class UploadRejectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HAZARDS = "/api/state-parties/LAO/hazards";
    private static final String RELEASES = "/api/state-parties/LAO/releases";
    private static TestDatabase db;
    private static TestServer server;
    private long rowsBefore;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(UploadRejectionTest.class);
        server = TestServer.start(db).asAdmin(db);
        // one stored hazard, so that "nothing written" also means "nothing changed"
        HttpResponse<String> r = post(HAZARDS, "application/geo+json",
                collection(laoHazard("LA-KEEP", 105.9, 15.4)).getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.statusCode(), r.body());
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @BeforeEach
    void countRows() throws Exception {
        rowsBefore = rows();
    }

    @AfterEach
    void nothingWasWrittenAndTheServerStillAnswers() throws Exception {
        assertEquals(rowsBefore, rows(), "rows in hazard, land_release, upload and audit_event");
        assertEquals(200, server.get("/health").statusCode());
    }

    private static long rows() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT (SELECT count(*) FROM hazard) + (SELECT count(*) FROM land_release)"
                        + " + (SELECT count(*) FROM upload) + (SELECT count(*) FROM audit_event)"
                        + " + (SELECT count(*) FROM hazard WHERE valid_until IS NOT NULL) * 1000")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode p = JSON.readTree(r.body());
        assertEquals(status, p.get("status").asInt());
        assertTrue(p.get("detail").asText().length() > 10, r.body());
        return p;
    }

    private static JsonNode rejectedFeature(String path, String body, String code) throws Exception {
        JsonNode p = problem(post(path, "application/geo+json", body.getBytes(StandardCharsets.UTF_8)), 422);
        JsonNode errors = p.get("errors");
        assertTrue(errors.isArray() && !errors.isEmpty(), p.toString());
        for (JsonNode e : errors) {
            if (e.get("code").asText().equals(code)) {
                return e;
            }
        }
        throw new AssertionError("no error with code " + code + " in " + p);
    }

    private static String hazard(String properties, String geometry) {
        return collection(laoHazard("LA-OK", 105.8, 15.3), feature(properties, geometry));
    }

    private static final String CHA = "{\"external_id\":\"LA-BAD\",\"classification\":\"CHA\",\"recorded_on\":\"2021-03-04\"}";

    @Test
    void anEmptyBodyIsRefused() throws Exception {
        problem(post(HAZARDS, "application/geo+json", new byte[0]), 400);
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() throws Exception {
        JsonNode p = problem(post(HAZARDS, "application/json", "hello, world".getBytes(StandardCharsets.UTF_8)), 400);
        assertTrue(p.get("detail").asText().contains("JSON"));
    }

    @Test
    void brokenJsonIsRefusedWithItsLineAndColumn() throws Exception {
        JsonNode p = problem(post(HAZARDS, "application/json",
                "{\"type\":\"FeatureCollection\",\n\"features\":[}".getBytes(StandardCharsets.UTF_8)), 400);
        assertTrue(p.get("detail").asText().contains("line 2"), p.toString());
    }

    @Test
    void jsonThatIsNotAFeatureCollectionIsRefused() throws Exception {
        JsonNode p = problem(post(HAZARDS, "application/geo+json",
                feature(CHA, square(105.9, 15.4, 0.01)).getBytes(StandardCharsets.UTF_8)), 422);
        assertEquals("not-a-feature-collection", p.get("errors").get(0).get("code").asText());
    }

    @Test
    void deeplyNestedArraysAreRefusedWithoutExhaustingTheStack() throws Exception {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String body = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + deep + "}}]}";
        JsonNode p = problem(post(HAZARDS, "application/geo+json", body.getBytes(StandardCharsets.UTF_8)), 422);
        assertEquals("too-deeply-nested", p.get("errors").get(0).get("code").asText());
    }

    @Test
    void aPointIsRefusedAtItsLocation() throws Exception {
        JsonNode e = rejectedFeature(HAZARDS, hazard(CHA, "{\"type\":\"Point\",\"coordinates\":[105.9,15.4]}"),
                "not-a-polygon");
        assertEquals(1, e.get("feature").asInt());
        assertEquals("LA-BAD", e.get("externalId").asText());
        assertEquals(105.9, e.get("location").get(0).asDouble(), 1e-12);
    }

    @Test
    void aGeometryThatIsANumberStringOrBooleanIsRefusedForItsFeature() throws Exception {
        // found by UploadFuzzTest: a scalar geometry right before the feature's '}' was read again
        // from its offset as a root-level JSON value, which Jackson refused (a 500)
        for (String scalar : new String[] {"1", "-2.5e3", "\"Polygon\"", "true", "[]"}) {
            JsonNode p = problem(post(HAZARDS, "application/geo+json",
                    hazard(CHA, scalar).getBytes(StandardCharsets.UTF_8)), 422);
            JsonNode e = p.get("errors").get(0);
            assertEquals(1, e.get("feature").asInt(), scalar + ": " + p);
            assertEquals("LA-BAD", e.get("externalId").asText(), scalar + ": " + p);
        }
    }

    @Test
    void aLineStringIsRefused() throws Exception {
        rejectedFeature(HAZARDS, hazard(CHA,
                "{\"type\":\"LineString\",\"coordinates\":[[105.9,15.4],[105.91,15.41]]}"), "not-a-polygon");
    }

    @Test
    void anUnclosedRingIsRefusedAtItsFirstPosition() throws Exception {
        JsonNode e = rejectedFeature(HAZARDS, hazard(CHA, "{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[105.9,15.4],[105.91,15.4],[105.91,15.41],[105.9,15.41]]]}"), "unclosed-ring");
        assertEquals(15.4, e.get("location").get(1).asDouble(), 1e-12);
    }

    @Test
    void aRingOfThreePositionsIsRefused() throws Exception {
        rejectedFeature(HAZARDS, hazard(CHA, "{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[105.9,15.4],[105.91,15.4],[105.9,15.4]]]}"), "too-few-points");
    }

    @Test
    void aNanCoordinateIsRefused() throws Exception {
        rejectedFeature(HAZARDS, hazard(CHA, "{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[105.9,15.4],[NaN,15.4],[105.91,15.41],[105.9,15.4]]]}"), "non-finite-coordinate");
    }

    @Test
    void latitude95IsRefused() throws Exception {
        JsonNode e = rejectedFeature(HAZARDS, hazard(CHA, square(105.9, 94.99, 0.01)), "coordinate-out-of-range");
        assertTrue(e.get("message").asText().contains("latitude"), e.toString());
    }

    @Test
    void swappedLatitudeAndLongitudeOutOfRangeAreRefusedWithAHint() throws Exception {
        JsonNode e = rejectedFeature(HAZARDS, hazard(CHA, square(15.4, 105.9, 0.01)), "coordinate-out-of-range");
        assertTrue(e.get("message").asText().contains("swapped"), e.toString());
        // marked where the feature was meant to be, swapped back: a real place in Lao PDR
        assertEquals(105.9, e.get("location").get(0).asDouble(), 0.02, e.toString());
        assertEquals(15.4, e.get("location").get(1).asDouble(), 0.02, e.toString());
    }

    @Test
    void swappedLatitudeAndLongitudeInRangeAreRefusedAsOutsideTheTerritoryWithAHint() throws Exception {
        String body = collection(feature("{\"external_id\":\"LB-1\",\"classification\":\"SHA\","
                + "\"recorded_on\":\"2020-01-01\"}", square(33.3, 35.6, 0.01)));
        JsonNode p = problem(post("/api/state-parties/LBN/hazards", "application/geo+json",
                body.getBytes(StandardCharsets.UTF_8)), 422);
        JsonNode e = p.get("errors").get(0);
        assertEquals("outside-territory", e.get("code").asText());
        assertTrue(e.get("message").asText().contains("swapped"), e.toString());
        assertEquals(35.6, e.get("location").get(0).asDouble(), 0.02, "marked swapped back, in Lebanon: " + e);
        assertEquals(33.3, e.get("location").get(1).asDouble(), 0.02, "marked swapped back, in Lebanon: " + e);
    }

    @Test
    void projectedCoordinatesWithoutACrsAreRefusedWithAHint() throws Exception {
        JsonNode e = rejectedFeature(HAZARDS, hazard(CHA, square(600000, 1700000, 100)), "coordinate-out-of-range");
        assertTrue(e.get("message").asText().contains("projected"), e.toString());
        assertTrue(e.get("location") == null || e.get("location").isNull(), "no place on Earth to mark: " + e);
    }

    @Test
    void aDuplicateExternalIdInOneFileIsRefused() throws Exception {
        JsonNode e = rejectedFeature(HAZARDS, collection(laoHazard("LA-DUP", 105.8, 15.3),
                laoHazard("LA-DUP", 105.85, 15.35)), "duplicate-external-id");
        assertEquals(1, e.get("feature").asInt());
    }

    @Test
    void anUnknownClassificationIsRefused() throws Exception {
        rejectedFeature(HAZARDS, hazard("{\"external_id\":\"LA-BAD\",\"classification\":\"XHA\","
                + "\"recorded_on\":\"2021-03-04\"}", square(105.9, 15.4, 0.01)), "unknown-classification");
    }

    @Test
    void anUnknownMethodIsRefused() throws Exception {
        rejectedFeature(RELEASES, collection(feature("{\"external_id\":\"LA-R-1\",\"method\":\"bulldozed\","
                + "\"completed_on\":\"2022-01-01\"}", square(105.9, 15.4, 0.01))), "unknown-method");
    }

    @Test
    void february30IsRefused() throws Exception {
        rejectedFeature(HAZARDS, hazard("{\"external_id\":\"LA-BAD\",\"classification\":\"CHA\","
                + "\"recorded_on\":\"2024-02-30\"}", square(105.9, 15.4, 0.01)), "bad-date");
    }

    @Test
    void theYear1800IsRefused() throws Exception {
        rejectedFeature(HAZARDS, hazard("{\"external_id\":\"LA-BAD\",\"classification\":\"CHA\","
                + "\"recorded_on\":\"1800-06-01\"}", square(105.9, 15.4, 0.01)), "date-too-early");
    }

    @Test
    void aFutureDateIsRefused() throws Exception {
        rejectedFeature(RELEASES, collection(feature("{\"external_id\":\"LA-R-1\",\"method\":\"cleared\","
                + "\"completed_on\":\"2099-01-01\"}", square(105.9, 15.4, 0.01))), "date-in-future");
    }

    @Test
    void aSelfIntersectingPolygonIsRefusedUnderStrict() throws Exception {
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[105.9,15.4],[105.91,15.41],[105.91,15.4],"
                + "[105.9,15.41],[105.9,15.4]]]}";
        JsonNode p = problem(post(HAZARDS + "?strict=true", "application/geo+json",
                hazard(CHA, bowTie).getBytes(StandardCharsets.UTF_8)), 422);
        JsonNode e = p.get("errors").get(0);
        assertEquals("invalid-geometry", e.get("code").asText());
        assertEquals(105.905, e.get("location").get(0).asDouble(), 1e-9);
    }

    @Test
    void aCorruptZipIsRefused() throws Exception {
        byte[] zip = zip("hazards.shp", new byte[100]);
        byte[] truncated = java.util.Arrays.copyOf(zip, zip.length - 30);
        JsonNode p = problem(post(HAZARDS, "application/zip", truncated), 422);
        assertEquals("corrupt-zip", p.get("errors").get(0).get("code").asText());
    }

    @Test
    void aZipEntryPointingOutsideTheArchiveIsRefused() throws Exception {
        JsonNode p = problem(post(HAZARDS, "application/zip", zip("../x", "boom".getBytes(StandardCharsets.UTF_8))), 422);
        assertEquals("zip-path-traversal", p.get("errors").get(0).get("code").asText());
        assertTrue(p.get("detail").asText().contains("../x"));
    }

    @Test
    void aZipBombIsRefused() throws Exception {
        byte[] zeros = new byte[50 * 1024 * 1024];
        JsonNode p = problem(post(HAZARDS, "application/zip", zip("hazards.shp", zeros)), 422);
        assertEquals("zip-bomb", p.get("errors").get(0).get("code").asText());
    }

    @Test
    void aKmlNetworkLinkIsRefusedNotFollowed() throws Exception {
        String kml = "<?xml version=\"1.0\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><NetworkLink>"
                + "<Link><href>http://127.0.0.1:9/evil.kml</href></Link></NetworkLink></Document></kml>";
        JsonNode p = problem(post(HAZARDS, "application/vnd.google-earth.kml+xml",
                kml.getBytes(StandardCharsets.UTF_8)), 422);
        assertEquals("network-link", p.get("errors").get(0).get("code").asText());
    }

    @Test
    void aKmzWhoseKmlHasANetworkLinkIsRefused() throws Exception {
        String kml = "<?xml version=\"1.0\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><NetworkLink>"
                + "<Link><href>http://127.0.0.1:9/evil.kml</href></Link></NetworkLink></Document></kml>";
        JsonNode p = problem(post(HAZARDS, "application/vnd.google-earth.kmz",
                zip("doc.kml", kml.getBytes(StandardCharsets.UTF_8))), 422);
        assertEquals("network-link", p.get("errors").get(0).get("code").asText());
    }

    @Test
    void aMultipartBodyWithoutAFilePartIsRefused() throws Exception {
        String body = "--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n";
        JsonNode p = problem(post(HAZARDS, "multipart/form-data; boundary=b", body.getBytes(StandardCharsets.UTF_8)), 400);
        assertEquals("file", p.get("parameter").asText());
    }

    @Test
    void aKmlWithAnExternalEntityIsRefused() throws Exception {
        String kml = "<?xml version=\"1.0\"?><!DOCTYPE kml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>&x;</name></Document></kml>";
        JsonNode p = problem(post(HAZARDS, "application/vnd.google-earth.kml+xml",
                kml.getBytes(StandardCharsets.UTF_8)), 422);
        assertEquals("xml-entity", p.get("errors").get(0).get("code").asText());
    }

    @Test
    void aDeclaredSizeOfOneGigabyteIsRefusedBeforeReading() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", URI.create(server.url("/")).getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + HAZARDS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/geo+json\r\n"
                    + "Authorization: Bearer " + server.token() + "\r\n"
                    + "Content-Length: 1073741824\r\nConnection: close\r\n\r\n{\"type\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            var response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                response.write(buffer, 0, n);
                if (response.toString(StandardCharsets.UTF_8).contains("}")) {
                    break;
                }
            }
            String text = response.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("HTTP/1.1 413"), text);
            assertTrue(text.toLowerCase().contains("application/problem+json"), text);
        }
    }

    @Test
    void aWrongContentTypeIsRefused() throws Exception {
        JsonNode p = problem(post(HAZARDS, "image/png", collection(laoHazard("LA-X", 105.9, 15.4))
                .getBytes(StandardCharsets.UTF_8)), 415);
        assertTrue(p.get("detail").asText().contains("image/png"));
    }

    @Test
    void contentInNoSupportedFormatIsRefused() throws Exception {
        problem(post(HAZARDS, "application/octet-stream", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}), 415);
    }

    @Test
    void anUnknownStatePartyIsRefused() throws Exception {
        problem(post("/api/state-parties/XYZ/hazards", "application/geo+json",
                collection(laoHazard("LA-X", 105.9, 15.4)).getBytes(StandardCharsets.UTF_8)), 404);
    }

    @Test
    void oneBadFeatureAmongGoodOnesRefusesTheWholeFile() throws Exception {
        JsonNode p = problem(post(HAZARDS, "application/geo+json", collection(laoHazard("LA-G1", 105.8, 15.3),
                laoHazard("LA-G2", 105.82, 15.32), feature(CHA, square(105.9, 95, 0.01)))
                .getBytes(StandardCharsets.UTF_8)), 422);
        assertEquals(1, p.get("errors").size());
        assertEquals(2, p.get("errors").get(0).get("feature").asInt());
    }

    private static byte[] zip(String name, byte[] content) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
