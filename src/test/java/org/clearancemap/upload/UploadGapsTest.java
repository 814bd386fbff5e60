package org.clearancemap.upload;

import static org.clearancemap.upload.SurveyFiles.collection;
import static org.clearancemap.upload.SurveyFiles.feature;
import static org.clearancemap.upload.SurveyFiles.square;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.clearancemap.config.Config;
import org.clearancemap.http.ApiException;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Uploads at their edges: a long upload reports its progress, a multipart body is written once,
 * background threads stop with the server, the earliest date is a setting, a release may name an
 * unknown hazard, a retired hazard may be uploaded again. In Chad (TCD).
 */
class UploadGapsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(UploadGapsTest.class);
        server = TestServer.start(db).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static HttpResponse<String> post(TestServer to, String path, String contentType, String body)
            throws Exception {
        return to.send(HttpRequest.newBuilder(URI.create(to.url(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode upload(TestServer to, String kind, String body, int status) throws Exception {
        HttpResponse<String> r = post(to, "/api/state-parties/TCD/" + kind, "application/geo+json", body);
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static String hazard(String id, String date, double lon, double lat) {
        return feature("{\"external_id\":\"" + id + "\",\"classification\":\"SHA\",\"recorded_on\":\"" + date + "\"}",
                square(lon, lat, 0.004));
    }

    /** {@code n} small hazards in a grid inside Chad. */
    private static String hazards(String prefix, int n) {
        var features = new String[n];
        for (int i = 0; i < n; i++) {
            features[i] = hazard(prefix + "-" + i, "2020-01-01", 18 + (i % 100) * 0.01, 12 + (i / 100) * 0.01);
        }
        return collection(features);
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

    private static List<String> codes(JsonNode report) {
        var codes = new ArrayList<String>();
        report.get("warnings").forEach(w -> codes.add(w.get("code").asText()));
        return codes;
    }

    @Test
    void aLongUploadLogsItsProgressAndTheReportCarriesProcessingMs() throws Exception {
        String body = hazards("TD-P", UploadLimits.PROGRESS_EVERY + 10);
        PrintStream err = System.err;
        var captured = new ByteArrayOutputStream();
        JsonNode report;
        long started = System.nanoTime();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            report = upload(server, "hazards", body, 201);
        } finally {
            System.setErr(err);
        }
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("upload TCD hazards: " + UploadLimits.PROGRESS_EVERY + " features read in "), log);
        assertTrue(log.contains("upload TCD hazards #" + report.get("uploadId").asLong() + ": "
                + (UploadLimits.PROGRESS_EVERY + 10) + " features ("), log);
        long ms = report.get("processingMs").asLong(-1);
        assertTrue(ms >= 0 && ms <= wallMs, "processingMs " + ms + " within the request's " + wallMs + " ms");
        JsonNode stored = JSON.readTree(server.get("/api/uploads/" + report.get("uploadId").asLong()).body());
        assertEquals(ms, stored.get("processingMs").asLong());
    }

    @Test
    void aMultipartBodyIsWrittenToDiskOnceAndRemovedAfterwardsAlsoOnFailure() throws Exception {
        String file = collection(hazard("TD-M1", "2020-01-01", 19.5, 13.5));
        String boundary = "xYz-boundary";
        String body = "preamble\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nfirst\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.geojson\"\r\n"
                + "Content-Type: application/geo+json\r\n\r\n" + file + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"after\"\r\n\r\nlast\r\n--" + boundary + "--\r\n";
        long written = ReceivedFile.BYTES_WRITTEN.get();
        int open = ReceivedFile.OPEN.get();
        HttpResponse<String> r = post(server, "/api/state-parties/TCD/hazards", "multipart/form-data; boundary="
                + boundary, body);
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("m.geojson", JSON.readTree(r.body()).get("fileName").asText());
        assertEquals(file.getBytes(StandardCharsets.UTF_8).length, ReceivedFile.BYTES_WRITTEN.get() - written,
                "the part is written once, byte for byte");
        assertEquals(open, ReceivedFile.OPEN.get(), "the received file is deleted");

        String point = collection(feature("{\"external_id\":\"TD-M2\",\"classification\":\"SHA\","
                + "\"recorded_on\":\"2020-01-01\"}", "{\"type\":\"Point\",\"coordinates\":[19.5,13.5]}"));
        HttpResponse<String> bad = post(server, "/api/state-parties/TCD/hazards", "multipart/form-data; boundary="
                + boundary, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" + point
                + "\r\n--" + boundary + "--\r\n");
        assertEquals(422, bad.statusCode(), bad.body());
        assertEquals(open, ReceivedFile.OPEN.get(), "deleted after a rejected upload too");

        HttpResponse<String> cut = post(server, "/api/state-parties/TCD/hazards", "multipart/form-data; boundary="
                + boundary, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" + file);
        assertEquals(400, cut.statusCode(), cut.body());
        assertTrue(cut.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
        assertEquals(open, ReceivedFile.OPEN.get(), "deleted when the body is cut off");
        assertEquals(List.of("1"), rows("SELECT count(*) FROM hazard WHERE external_id LIKE 'TD-M%'"));
    }

    /** A stream that hands out one byte at a time, so that boundaries fall across every read. */
    private static InputStream trickle(byte[] bytes) {
        var in = new ByteArrayInputStream(bytes);
        return new InputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void theMultipartReaderFindsThePartWhateverHowTheBytesArrive() throws Exception {
        // content holding near-boundaries: CRLF, "--", and the boundary without its leading CRLF
        String content = "a\r\n-b\r\n--bound\r\n--boundar--boundary" + "x".repeat(70_000) + "\r\n";
        String body = "--boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.txt\"\r\n\r\n"
                + content + "\r\n--boundary--";
        for (boolean slow : new boolean[] {false, true}) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            InputStream in = slow ? trickle(bytes) : new ByteArrayInputStream(bytes);
            MultipartBody.Part part = MultipartBody.read(in, "boundary", "file", 1 << 20);
            try (ReceivedFile f = part.file()) {
                assertEquals(content, Files.readString(f.path()));
                assertEquals("f.txt", f.fileName());
            }
        }
        int open = ReceivedFile.OPEN.get();
        assertThrows(ApiException.PayloadTooLarge.class, () -> MultipartBody.read(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "boundary", "file", 1000));
        assertThrows(ApiException.BadRequest.class, () -> MultipartBody.read(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "boundary", "other", 1 << 20));
        String padded = "--boundary\r\nContent-Disposition: form-data; name=\"pad\"\r\n\r\n" + "p".repeat(1_100_000)
                + "\r\n" + body;
        String tinyFile = padded.substring(0, padded.indexOf("\r\n--boundary\r\n"))
                + "\r\n--boundary\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--boundary--";
        assertThrows(ApiException.PayloadTooLarge.class, () -> MultipartBody.read(
                new ByteArrayInputStream(tinyFile.getBytes(StandardCharsets.UTF_8)), "boundary", "file", 1000),
                "other parts do not make the body unbounded");
        try (ReceivedFile f = MultipartBody.read(new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8)),
                "boundary", "file", 1 << 20).file()) {
            assertEquals(content, Files.readString(f.path()), "found after a part it read past");
        }
        assertEquals(open, ReceivedFile.OPEN.get());
    }

    @Test
    void stoppingTheServerStopsItsUploadThreads() throws Exception {
        try (TestServer own = TestServer.start(db).asAdmin(db)) {
            Set<Thread> before = checkerThreads();
            upload(own, "hazards", hazards("TD-S", 600), 201);
            Set<Thread> started = checkerThreads();
            started.removeAll(before);
            assertFalse(started.isEmpty(), "the upload was checked on checker threads");
            own.close();
            for (Thread t : started) {
                t.join(10_000);
                assertFalse(t.isAlive(), t.getName() + " still runs after the server stopped");
            }
        }
    }

    private static Set<Thread> checkerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("upload-check-"))
                .collect(Collectors.toSet());
    }

    @Test
    void theEarliestAcceptableDateIsConfigurable() throws Exception {
        upload(server, "hazards", collection(hazard("TD-E1", "1995-06-01", 19.6, 13.5)), 201);
        HttpResponse<String> old = post(server, "/api/state-parties/TCD/hazards", "application/geo+json",
                collection(hazard("TD-E2", "1800-06-01", 19.6, 13.6)));
        assertEquals(422, old.statusCode(), old.body());
        assertEquals("date-too-early", JSON.readTree(old.body()).get("errors").get(0).get("code").asText());
        try (TestServer strict = TestServer.start(db, Map.of("UPLOAD_EARLIEST_DATE", "2000-01-01"), routes -> { })
                .asAdmin(db)) {
            HttpResponse<String> r = post(strict, "/api/state-parties/TCD/hazards", "application/geo+json",
                    collection(hazard("TD-E3", "1999-12-31", 19.6, 13.7)));
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(r.body().contains("before 2000-01-01"), r.body());
            upload(strict, "hazards", collection(hazard("TD-E3", "2000-01-01", 19.6, 13.7)), 201);
        }
        assertThrows(Config.ConfigException.class, () -> Config.fromEnv(Map.of("UPLOAD_EARLIEST_DATE", "1800-01-01")));
        assertThrows(Config.ConfigException.class, () -> Config.fromEnv(Map.of("UPLOAD_EARLIEST_DATE", "soon")));
    }

    @Test
    void aReleaseNamingAnUnknownHazardIsStoredWithAWarning() throws Exception {
        upload(server, "hazards", collection(hazard("TD-H1", "2020-01-01", 19.7, 13.5)), 201);
        String releases = collection(
                feature("{\"external_id\":\"TD-R1\",\"method\":\"cleared\",\"completed_on\":\"2021-01-01\","
                        + "\"hazard_external_id\":\"TD-H1\"}", square(19.7, 13.5, 0.002)),
                feature("{\"external_id\":\"TD-R2\",\"method\":\"cleared\",\"completed_on\":\"2021-01-01\","
                        + "\"hazard_external_id\":\"TD-NOPE\"}", square(19.71, 13.5, 0.002)));
        JsonNode report = upload(server, "releases", releases, 201);
        assertEquals(2, report.get("inserted").asInt());
        assertEquals(List.of("unknown-hazard"), codes(report));
        JsonNode w = report.get("warnings").get(0);
        assertEquals(1, w.get("feature").asInt());
        assertEquals("TD-R2", w.get("externalId").asText());
        assertEquals(List.of("TD-NOPE"), rows("SELECT hazard_external_id FROM land_release WHERE external_id = 'TD-R2'"));
    }

    @Test
    void aRetiredHazardUploadedAgainIsReopenedAsANewVersionWithAWarning() throws Exception {
        String first = collection(hazard("TD-G1", "2020-01-01", 19.8, 13.5));
        upload(server, "hazards", first, 201);
        HttpResponse<String> retired = post(server, "/api/state-parties/TCD/hazards/TD-G1/retire", "application/json",
                "{\"date\":\"2021-01-01\",\"reason\":\"no evidence found\"}");
        assertEquals(200, retired.statusCode(), retired.body());
        JsonNode again = upload(server, "hazards", collection(hazard("TD-G1", "2022-01-01", 19.8, 13.5)), 201);
        assertEquals(1, again.get("inserted").asInt());
        assertEquals(List.of("reopened-retired-hazard"), codes(again));
        assertEquals("TD-G1", again.get("warnings").get(0).get("externalId").asText());
        assertEquals(List.of("1 2021-01-01 2021-01-01", "2 null null"), rows("SELECT version || ' ' || "
                + "coalesce(valid_until::text, 'null') || ' ' || coalesce(retired_on::text, 'null') FROM hazard "
                + "WHERE external_id = 'TD-G1' ORDER BY version"));
        JsonNode unchanged = upload(server, "hazards", collection(hazard("TD-G1", "2022-01-01", 19.8, 13.5))
                .replace("\"features\"", "\"name\":\"again\",\"features\""), 201);
        assertEquals(1, unchanged.get("unchanged").asInt());
        assertEquals(List.of(), codes(unchanged), "once reopened it is an ordinary current hazard");
    }

    @Test
    void aLegacyCrsAfterTheFeaturesIsStillHonouredInTheOnePassOverTheFile() throws Exception {
        // UTM zone 34N: the features are read once as lon/lat (out of range), dropped when the crs
        // comes, and read again reprojected
        String body = "{\"type\":\"FeatureCollection\",\"features\":[" + feature("{\"external_id\":\"TD-C1\","
                + "\"classification\":\"SHA\",\"recorded_on\":\"2020-01-01\"}", square(554100, 1492500, 1000))
                + "],\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::32634\"}}}";
        JsonNode report = upload(server, "hazards", body, 201);
        assertEquals(List.of("reprojected"), codes(report));
        assertEquals(List.of("21.50"), rows("SELECT round(ST_X(ST_Centroid(geom4326))::numeric, 2) FROM hazard "
                + "WHERE external_id = 'TD-C1'"));
        HttpResponse<String> broken = post(server, "/api/state-parties/TCD/hazards", "application/geo+json",
                collection(hazard("TD-C2", "2020-01-01", 19.9, 13.5)).replace("]}", "],"));
        assertEquals(400, broken.statusCode(), broken.body());
        assertEquals(List.of("0"), rows("SELECT count(*) FROM hazard WHERE external_id = 'TD-C2'"));
    }
}
