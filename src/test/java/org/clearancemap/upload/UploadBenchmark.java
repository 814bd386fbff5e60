package org.clearancemap.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload benchmark: not part of the test suite (surefire runs {@code *Test} classes only);
 * run it with {@code scripts/upload-benchmark.sh}. It prints figures and asserts nothing about
 * time: a 10,000-polygon GeoJSON (about 10 MB) is uploaded over HTTP (parsed, validated, areas
 * computed, stored), then {@code ogr2ogr} loads the same file into the same PostGIS database; the
 * features per second of both and their ratio are printed.
 */
class UploadBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Uploads of other 10,000-feature files before the measured one. */
    private static final int WARMUPS = 3;

    @TempDir
    Path dir;

    /** Star-shaped (so valid) polygons of 30 vertices, about 100 m across, in southern Laos. */
    static void write(Path file, int features, String prefix, long seed) throws Exception {
        Random random = new Random(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            for (int i = 0; i < features; i++) {
                double lon = 105.9 + random.nextDouble() * 0.7;
                double lat = 15.3 + random.nextDouble() * 1.0;
                var ring = new StringBuilder();
                int n = 30;
                String first = null;
                for (int k = 0; k < n; k++) {
                    double angle = 2 * Math.PI * k / n;
                    double r = 0.0007 + random.nextDouble() * 0.0004;
                    String p = String.format(Locale.ROOT, "[%.7f,%.7f]", lon + r * Math.cos(angle), lat + r * Math.sin(angle));
                    if (first == null) {
                        first = p;
                    }
                    ring.append(p).append(',');
                }
                ring.append(first);
                out.write(String.format(Locale.ROOT, "{\"type\":\"Feature\",\"properties\":{\"external_id\":\"%s-%05d\","
                        + "\"classification\":\"%s\",\"recorded_on\":\"20%02d-%02d-%02d\",\"contamination\":\"BLU-26\","
                        + "\"evidence\":\"strike record and found items\",\"village\":\"Ban %d\",\"team\":\"NTS-%d\"},"
                        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[%s]]}}%s\n", prefix, i,
                        i % 3 == 0 ? "CHA" : "SHA", 10 + i % 14, 1 + i % 12, 1 + i % 28, i % 500, i % 40, ring,
                        i + 1 < features ? "," : ""));
            }
            out.write("]}\n");
        }
    }

    @Test
    void uploadTenThousandPolygonsAndCompareWithOgr2ogr() throws Exception {
        int features = 10_000;
        Path file = dir.resolve("benchmark.geojson");
        write(file, features, "LA-B", 42);
        Path[] warmups = new Path[WARMUPS];
        for (int w = 0; w < WARMUPS; w++) {
            warmups[w] = dir.resolve("warmup-" + w + ".geojson");
            write(warmups[w], 10_000, "LA-W" + w, 7 + w);
        }
        try (TestDatabase db = TestDatabase.create(UploadBenchmark.class); TestServer server = TestServer.start(db).asAdmin(db)) {
            for (Path w : warmups) {
                post(server, w); // a server runs warm: let the JIT compile the upload path first
            }
            long t0 = System.nanoTime();
            JsonNode report = post(server, file);
            double ours = (System.nanoTime() - t0) / 1e9;
            assertEquals(features, report.get("inserted").asInt(), report.toString());

            String url = db.config().databaseUrl();
            String hostPortDb = url.substring("jdbc:postgresql://".length());
            String host = hostPortDb.substring(0, hostPortDb.indexOf(':'));
            String port = hostPortDb.substring(hostPortDb.indexOf(':') + 1, hostPortDb.indexOf('/'));
            String name = hostPortDb.substring(hostPortDb.indexOf('/') + 1).replaceAll("\\?.*", "");
            String pg = "PG:host=" + host + " port=" + port + " dbname=" + name + " user=" + db.config().databaseUser()
                    + " password=" + db.config().databasePassword();
            long t1 = System.nanoTime();
            Process p = new ProcessBuilder(List.of("ogr2ogr", "-f", "PostgreSQL", pg, file.toString(), "-nln", "ogr_benchmark",
                    "-nlt", "PROMOTE_TO_MULTI", "-lco", "GEOMETRY_NAME=geom4326")).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.MINUTES);
            double theirs = (System.nanoTime() - t1) / 1e9;
            assertEquals(0, p.exitValue(), output);
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM ogr_benchmark")) {
                rs.next();
                assertEquals(features, rs.getInt(1));
            }
            System.out.printf(Locale.ROOT, "benchmark: file %.1f MB, %d polygons of 30 vertices%n",
                    Files.size(file) / 1e6, features);
            System.out.printf(Locale.ROOT, "benchmark: clearance-map upload (HTTP, parse, validate, geodesic area, "
                    + "versioned store): %.2f s = %.0f features/s%n", ours, features / ours);
            System.out.printf(Locale.ROOT, "benchmark: ogr2ogr -f PostgreSQL (COPY into a new table): %.2f s = %.0f "
                    + "features/s%n", theirs, features / theirs);
            System.out.printf(Locale.ROOT, "benchmark: ratio (ours / ogr2ogr, features/s): %.2f%n", theirs / ours);
        }
    }

    private static JsonNode post(TestServer server, Path file) throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/hazards")))
                .header("Content-Type", "application/geo+json").timeout(java.time.Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofFile(file)));
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
