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
 * computed, stored), then {@code ogr2ogr} loads the same file into the same PostGIS database; in
 * {@code -Drounds=} rounds (3) of new files, alternating, so that a busy shared machine weighs on
 * both alike. Each round's figures and the medians with their ratio are printed.
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

    /** Measured rounds, each an upload and an ogr2ogr load of a new file, alternating (the machine is shared). */
    private static final int ROUNDS = Integer.getInteger("rounds", 3);

    @Test
    void uploadTenThousandPolygonsAndCompareWithOgr2ogr() throws Exception {
        int features = 10_000;
        Path[] warmups = new Path[WARMUPS];
        for (int w = 0; w < WARMUPS; w++) {
            warmups[w] = dir.resolve("warmup-" + w + ".geojson");
            write(warmups[w], 10_000, "LA-W" + w, 7 + w);
        }
        Path[] files = new Path[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            files[r] = dir.resolve("benchmark-" + r + ".geojson");
            write(files[r], features, "LA-B" + r, 42 + r);
        }
        try (TestDatabase db = TestDatabase.create(UploadBenchmark.class); TestServer server = TestServer.start(db).asAdmin(db)) {
            for (Path w : warmups) {
                post(server, w); // a server runs warm: let the JIT compile the upload path first
            }
            String url = db.config().databaseUrl();
            String hostPortDb = url.substring("jdbc:postgresql://".length());
            String host = hostPortDb.substring(0, hostPortDb.indexOf(':'));
            String port = hostPortDb.substring(hostPortDb.indexOf(':') + 1, hostPortDb.indexOf('/'));
            String name = hostPortDb.substring(hostPortDb.indexOf('/') + 1).replaceAll("\\?.*", "");
            String pg = "PG:host=" + host + " port=" + port + " dbname=" + name + " user=" + db.config().databaseUser()
                    + " password=" + db.config().databasePassword();
            System.out.printf(Locale.ROOT, "benchmark: file %.1f MB, %d polygons of 30 vertices, %d rounds%n",
                    Files.size(files[0]) / 1e6, features, ROUNDS);
            double[] ours = new double[ROUNDS];
            double[] theirs = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long t0 = System.nanoTime();
                JsonNode report = post(server, files[r]);
                ours[r] = (System.nanoTime() - t0) / 1e9;
                assertEquals(features, report.get("inserted").asInt(), report.toString());

                String table = "ogr_benchmark_" + r;
                long t1 = System.nanoTime();
                Process p = new ProcessBuilder(List.of("ogr2ogr", "-f", "PostgreSQL", pg, files[r].toString(), "-nln",
                        table, "-nlt", "PROMOTE_TO_MULTI", "-lco", "GEOMETRY_NAME=geom4326")).redirectErrorStream(true)
                        .start();
                String output = new String(p.getInputStream().readAllBytes());
                p.waitFor(10, TimeUnit.MINUTES);
                theirs[r] = (System.nanoTime() - t1) / 1e9;
                assertEquals(0, p.exitValue(), output);
                try (Connection c = db.connect(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    assertEquals(features, rs.getInt(1));
                }
                System.out.printf(Locale.ROOT, "benchmark: round %d: clearance-map %.2f s = %.0f features/s; ogr2ogr "
                        + "%.2f s = %.0f features/s; ratio %.2f%n", r + 1, ours[r], features / ours[r], theirs[r],
                        features / theirs[r], theirs[r] / ours[r]);
            }
            double oursMedian = median(ours);
            double theirsMedian = median(theirs);
            System.out.printf(Locale.ROOT, "benchmark: clearance-map upload (HTTP, parse, validate, geodesic area, "
                    + "versioned store), median: %.2f s = %.0f features/s%n", oursMedian, features / oursMedian);
            System.out.printf(Locale.ROOT, "benchmark: ogr2ogr -f PostgreSQL (COPY into a new table), median: %.2f s = "
                    + "%.0f features/s%n", theirsMedian, features / theirsMedian);
            System.out.printf(Locale.ROOT, "benchmark: ratio of medians (ours / ogr2ogr, features/s): %.2f%n",
                    theirsMedian / oursMedian);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static JsonNode post(TestServer server, Path file) throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/hazards")))
                .header("Content-Type", "application/geo+json").timeout(java.time.Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofFile(file)));
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
