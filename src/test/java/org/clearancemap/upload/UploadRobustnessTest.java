package org.clearancemap.upload;

import static org.clearancemap.upload.SurveyFiles.collection;
import static org.clearancemap.upload.SurveyFiles.laoHazard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.clearancemap.testing.RawHttp;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed upload bodies the fuzz test once found answered with 500 or a broken connection, each
 * pinned down: broken multipart is 400, a zip whose entry is cut short is 422, and an upload refused
 * before its body was read leaves the connection usable (or closes it after saying so).
 */
class UploadRobustnessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/state-parties/LAO/hazards";
    private static TestDatabase db;
    private static TestServer server;
    private static int port;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(UploadRobustnessTest.class);
        server = TestServer.start(db, Map.of("MAX_BODY_BYTES", "1048576", "WRITE_RATE_PER_MINUTE", "100000"),
                routes -> { }).asAdmin(db);
        port = Integer.parseInt(server.url("").replaceAll("^.*:(\\d+).*$", "$1"));
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static RawHttp.Response post(byte[] body, String... headers) throws Exception {
        try (RawHttp http = new RawHttp(port, 20_000)) {
            var all = new java.util.ArrayList<>(java.util.List.of(headers));
            all.add("Authorization: Bearer " + server.token());
            http.send(RawHttp.postHead(PATH, body.length, all.toArray(String[]::new)));
            http.send(body);
            return http.read();
        }
    }

    private static long rows() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM hazard) + (SELECT count(*) FROM upload)"
                     + " + (SELECT count(*) FROM audit_event WHERE action NOT LIKE 'token%')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertProblem(int status, RawHttp.Response r) throws Exception {
        assertEquals(status, r.status(), r.text());
        assertTrue(r.headers().getOrDefault("content-type", "").startsWith("application/problem+json"), r.headers().toString());
        JsonNode problem = JSON.readTree(r.body());
        assertEquals(status, problem.get("status").asInt());
    }

    @Test
    void multipartWithoutItsBoundaryIs400() throws Exception {
        long before = rows();
        byte[] body = "--zzz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n{}\r\n--zzz--\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertProblem(400, post(body, "Content-Type: multipart/form-data"));
        assertEquals(before, rows());
    }

    @Test
    void multipartThatIsNotMultipartIs400() throws Exception {
        long before = rows();
        assertProblem(400, post(collection(laoHazard("MP-1", 105.9, 15.4)).getBytes(StandardCharsets.UTF_8),
                "Content-Type: multipart/form-data; boundary=abc"));
        assertEquals(before, rows());
    }

    @Test
    void multipartCutOffBeforeItsClosingBoundaryIs400() throws Exception {
        long before = rows();
        String file = collection(laoHazard("MP-2", 105.9, 15.4));
        byte[] body = ("--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"h.geojson\"\r\n"
                + "Content-Type: application/geo+json\r\n\r\n" + file.substring(0, file.length() / 2))
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(400, post(body, "Content-Type: multipart/form-data; boundary=abc"));
        assertEquals(before, rows());
    }

    @Test
    void aZipWhoseEntryIsCutShortIs422() throws Exception {
        long before = rows();
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("hazards.shp"));
            var random = new java.util.Random(3);
            byte[] content = new byte[50_000];
            for (int i = 0; i < content.length; i++) {
                content[i] = (byte) (random.nextInt(16) + 'a');
            }
            zip.write(content);
            zip.closeEntry();
        }
        byte[] zip = bytes.toByteArray();
        // the central directory says the compressed entry is 20 bytes long: its deflate stream ends early
        int central = lastIndexOf(zip, new byte[] {0x50, 0x4b, 0x01, 0x02});
        ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(central + 20, 20);
        RawHttp.Response r = post(zip, "Content-Type: application/zip");
        assertProblem(422, r);
        assertTrue(r.text().contains("corrupt-zip"), r.text());
        assertEquals(before, rows());
    }

    private static int lastIndexOf(byte[] data, byte[] what) {
        for (int i = data.length - what.length; i >= 0; i--) {
            if (java.util.Arrays.equals(data, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }

    /**
     * Refusals that happen before the body is read (no token 401, wrong type 415, unknown State
     * Party 404, declared too large 413) or after a parser stopped inside it (multipart with another
     * boundary, 400; this one once dropped the connection silently after its answer): the answer
     * arrives, and the same connection then either serves the next request or was announced closed
     * and is closed. Never a stray answer read from the unread body.
     */
    @Test
    void anUploadRefusedBeforeItsBodyWasReadLeavesTheConnectionUsableOrClosesIt() throws Exception {
        byte[] body = collection(laoHazard("KA-1", 105.9, 15.4)).repeat(20).getBytes(StandardCharsets.UTF_8);
        String[][] cases = {
                {"401", "Content-Type: application/geo+json"},
                {"400", "Content-Type: multipart/form-data; boundary=not-the-one", "Authorization: Bearer " + server.token()},
                {"400", "Content-Type: multipart/form-data", "Authorization: Bearer " + server.token()},
                {"415", "Content-Type: image/png", "Authorization: Bearer " + server.token()},
                {"404", "Content-Type: application/geo+json", "Authorization: Bearer " + server.token()},
        };
        // and each with a body near MAX_BODY_BYTES, more than a socket buffer holds
        byte[] large = collection(laoHazard("KA-2", 105.9, 15.4)).repeat(3000).getBytes(StandardCharsets.UTF_8);
        assertTrue(large.length > 512 * 1024 && large.length < 1048576, "large body " + large.length);
        for (int round = 0; round < 2 * cases.length; round++) {
            String[] c = cases[round % cases.length];
            body = round < cases.length ? body : large;
            int expected = Integer.parseInt(c[0]);
            String path = expected == 404 ? "/api/state-parties/XXX/hazards" : PATH;
            try (RawHttp http = new RawHttp(port, 20_000)) {
                String[] headers = java.util.Arrays.copyOfRange(c, 1, c.length);
                byte[] head = RawHttp.postHead(path, body.length, headers);
                http.send(head);
                http.send(body);
                RawHttp.Response first = http.read();
                assertEquals(expected, first.status(), first.text());
                http.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                if (first.closes()) {
                    assertTrue(http.closedByServer(), expected + ": said close but kept the connection open");
                } else {
                    RawHttp.Response second = http.read();
                    assertEquals(200, second.status(), expected + " then /health: " + second.text());
                }
            }
        }
        // declared larger than MAX_BODY_BYTES, body not sent: 413 at once, and the connection is closed
        try (RawHttp http = new RawHttp(port, 20_000)) {
            http.send(RawHttp.postHead(PATH, 50_000_000, "Content-Type: application/geo+json",
                    "Authorization: Bearer " + server.token()));
            RawHttp.Response r = http.read();
            assertEquals(413, r.status(), r.text());
            assertTrue(r.closes() && http.closedByServer(), "413 with an unsent body must close: " + r.headers());
        }
    }
}
