package org.clearancemap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.clearancemap.demo.DemoGenerator;
import org.clearancemap.demo.DemoHazard;
import org.clearancemap.demo.DemoSize;
import org.clearancemap.geo.Territories;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * The upload benchmark ({@code scripts/bench.sh upload [S|M|L]}): a GeoJSON file of the demo
 * generator's hazards of Laos (S 1,000, M 10,000 — about 12 MB —, L 100,000 polygons; version 1
 * of each hazard, coordinates to 7 decimals as the server writes them) is uploaded over HTTP
 * (parsed, validated, areas computed, stored), then {@code ogr2ogr} loads the same file into the
 * same PostGIS database; in {@code BENCH_ROUNDS} rounds (3) of new files, alternating, so that a
 * busy shared machine weighs on both alike. Prints each round, the medians and their ratio;
 * asserts nothing about time.
 */
public final class UploadBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE_PARTY = "LAO";
    private static final LocalDate EIF = LocalDate.of(2010, 8, 1);
    /** Uploads of other files before the measured ones: a server runs warm. */
    private static final int WARM_UPS = 3;
    private static final int ROUNDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "3"));

    private UploadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String sizeName = SyntheticData.sizeName(args);
        // as many polygons as the dataset of this size holds over its 10 States Parties
        int features = 10 * SyntheticData.size(sizeName).hazardsPerState();
        MultiPolygon laos = Territories.naturalEarth().territory(STATE_PARTY).orElseThrow();
        Path dir = Files.createTempDirectory("upload-benchmark");
        try {
            long t0 = System.nanoTime();
            List<DemoHazard> warmUpHazards = hazards(laos, features, 7);
            Path[] warmUps = new Path[WARM_UPS];
            for (int w = 0; w < WARM_UPS; w++) {
                warmUps[w] = write(dir.resolve("warm-up-" + w + ".geojson"), warmUpHazards, "LA-W" + w);
            }
            Path[] files = new Path[ROUNDS];
            int[] counts = new int[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                List<DemoHazard> round = hazards(laos, features, 42 + r);
                files[r] = write(dir.resolve("benchmark-" + r + ".geojson"), round, "LA-B" + r);
                counts[r] = round.size();
            }
            System.out.printf(Locale.ROOT, "upload benchmark, size %s: files of %,d polygons (the first %.1f MB), demo generator's "
                    + "hazards of %s, generated in %.1f s; %d rounds after %d warm-up uploads%n", sizeName, counts[0],
                    Files.size(files[0]) / 1e6, STATE_PARTY, (System.nanoTime() - t0) / 1e9, ROUNDS, WARM_UPS);
            try (TestDatabase db = TestDatabase.create(UploadBenchmark.class);
                 TestServer server = TestServer.start(db).asAdmin(db)) {
                for (Path w : warmUps) {
                    post(server, w, -1);
                }
                double[] ours = new double[ROUNDS];
                double[] theirs = new double[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    features = counts[r];
                    long a = System.nanoTime();
                    JsonNode report = post(server, files[r], features);
                    ours[r] = (System.nanoTime() - a) / 1e9;
                    long b = System.nanoTime();
                    ogr2ogr(db, files[r], "ogr_benchmark_" + r, features);
                    theirs[r] = (System.nanoTime() - b) / 1e9;
                    System.out.printf(Locale.ROOT, "round %d: clearance-map %.2f s = %.0f features/s (the server's "
                            + "processingMs: %s); ogr2ogr %.2f s = %.0f features/s; ratio %.2f%n", r + 1, ours[r],
                            features / ours[r], report.path("processingMs").asText("-"), theirs[r], features / theirs[r],
                            theirs[r] / ours[r]);
                }
                features = counts[0];
                double oursMedian = median(ours);
                double theirsMedian = median(theirs);
                System.out.printf(Locale.ROOT, "clearance-map upload (HTTP, parse, validate, geodesic area, versioned "
                        + "store), median: %.2f s = %.0f features/s%n", oursMedian, features / oursMedian);
                System.out.printf(Locale.ROOT, "ogr2ogr -f PostgreSQL (COPY into a new table), median: %.2f s = %.0f "
                        + "features/s%n", theirsMedian, features / theirsMedian);
                System.out.printf(Locale.ROOT, "ratio of medians (ours / ogr2ogr, features/s): %.2f%n",
                        theirsMedian / oursMedian);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Version 1 of each of the generator's hazards of Laos at this size and seed. */
    private static List<DemoHazard> hazards(MultiPolygon laos, int count, long seed) {
        return new DemoGenerator(STATE_PARTY, EIF, laos, seed, DemoSize.hazards(count)).generate().hazards().stream()
                .filter(h -> h.version() == 1).toList();
    }

    private static Path write(Path file, List<DemoHazard> hazards, String prefix) throws Exception {
        GeoJsonWriter geometry = new GeoJsonWriter(7);
        geometry.setEncodeCRS(false);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            for (int i = 0; i < hazards.size(); i++) {
                DemoHazard h = hazards.get(i);
                var properties = JSON.createObjectNode()
                        .put("external_id", String.format(Locale.ROOT, "%s-%06d", prefix, i))
                        .put("classification", h.classification())
                        .put("recorded_on", h.recordedOn().toString())
                        .put("contamination", h.contamination())
                        .put("evidence", h.evidence())
                        .put("village", "Ban " + (i % 500))
                        .put("team", "NTS-" + (i % 40));
                out.write("{\"type\":\"Feature\",\"properties\":" + JSON.writeValueAsString(properties)
                        + ",\"geometry\":" + geometry.write(h.geom4326()) + "}" + (i + 1 < hazards.size() ? "," : "") + "\n");
            }
            out.write("]}\n");
        }
        return file;
    }

    /** The upload's report; {@code expected} features must have been inserted (any number when negative). */
    private static JsonNode post(TestServer server, Path file, int expected) throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(
                        URI.create(server.url("/api/state-parties/" + STATE_PARTY + "/hazards")))
                .header("Content-Type", "application/geo+json").timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofFile(file)));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("upload of " + file.getFileName() + " answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode report = JSON.readTree(r.body());
        if (expected >= 0 && report.path("inserted").asInt() != expected) {
            throw new IllegalStateException("upload inserted " + report.path("inserted") + " of " + expected + ": " + r.body());
        }
        return report;
    }

    /** The peer: ogr2ogr loading the file into a new table of the same database. */
    private static void ogr2ogr(TestDatabase db, Path file, String table, int expected) throws Exception {
        String url = db.config().databaseUrl();
        String hostPortDb = url.substring("jdbc:postgresql://".length());
        String host = hostPortDb.substring(0, hostPortDb.indexOf(':'));
        String port = hostPortDb.substring(hostPortDb.indexOf(':') + 1, hostPortDb.indexOf('/'));
        String name = hostPortDb.substring(hostPortDb.indexOf('/') + 1).replaceAll("\\?.*", "");
        String pg = "PG:host=" + host + " port=" + port + " dbname=" + name + " user=" + db.config().databaseUser()
                + " password=" + db.config().databasePassword();
        Process p = new ProcessBuilder(List.of("ogr2ogr", "-f", "PostgreSQL", pg, file.toString(), "-nln", table,
                "-nlt", "PROMOTE_TO_MULTI", "-lco", "GEOMETRY_NAME=geom4326")).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("ogr2ogr failed: " + output);
        }
        long loaded = SyntheticData.count(db, "SELECT count(*) FROM " + table);
        if (loaded != expected) {
            throw new IllegalStateException("ogr2ogr loaded " + loaded + " of " + expected + " features");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
