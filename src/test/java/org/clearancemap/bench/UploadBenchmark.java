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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * The upload benchmark ({@code scripts/bench.sh upload [S|M|L]}): a GeoJSON file of the demo
 * generator's hazards of Laos (S 1,000, M 10,000 — about 12 MB —, L 100,000 polygons; version 1
 * of each hazard, coordinates to 7 decimals as the server writes them) is uploaded over HTTP
 * (parsed, validated, areas computed, stored), then {@code ogr2ogr} loads the same file into the
 * same PostGIS database; the same hazards (under other external ids) as a zipped Esri File
 * Geodatabase written by {@code ogr2ogr}, and as an Esri JSON FeatureSet in Web Mercator, each
 * beside {@code ogr2ogr} loading that file. In {@code BENCH_ROUNDS} rounds (3) of new files,
 * alternating, so that a busy shared machine weighs on both alike. Prints each round, the medians
 * and their ratio per format; asserts nothing about time.
 */
public final class UploadBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE_PARTY = "LAO";
    private static final LocalDate EIF = LocalDate.of(2010, 8, 1);
    /** Uploads of other files before the measured ones: a server runs warm. */
    private static final int WARM_UPS = 3;
    private static final int ROUNDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "3"));
    private static final double EARTH_RADIUS = 6378137;

    private UploadBenchmark() {
    }

    /**
     * A format measured: the uploads of each round in it, the upload's query, and the arguments
     * that make {@code ogr2ogr} load the same file (after the target, the source and its layer;
     * before, any option).
     */
    private record Format(String name, String contentType, String query, Path[] files, List<String> peerOptions,
            String[] peerSources) {
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
            Path warmGdb = fileGeodatabase(write(dir.resolve("warm-up-gdb.geojson"), warmUpHazards, "LA-WG"));
            Path warmEsri = writeEsriJson(dir.resolve("warm-up-esri.json"), warmUpHazards, "LA-WE");
            var geoJson = new Format("GeoJSON", "application/geo+json", "", new Path[ROUNDS], List.of(), new String[ROUNDS]);
            var gdb = new Format("File Geodatabase (zip)", "application/zip", "", new Path[ROUNDS], List.of(), new String[ROUNDS]);
            var esri = new Format("Esri JSON (Web Mercator)", "application/json", "", new Path[ROUNDS],
                    List.of("-t_srs", "EPSG:4326"), new String[ROUNDS]);
            // the same GeoJSON with invalid=skip: nothing is skipped, so it should cost what GeoJSON costs
            var skipping = new Format("GeoJSON, invalid=skip", "application/geo+json", "?invalid=skip", new Path[ROUNDS],
                    List.of(), new String[ROUNDS]);
            int[] counts = new int[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                List<DemoHazard> round = hazards(laos, features, 42 + r);
                geoJson.files[r] = write(dir.resolve("benchmark-" + r + ".geojson"), round, "LA-B" + r);
                geoJson.peerSources[r] = geoJson.files[r].toString();
                gdb.files[r] = fileGeodatabase(write(dir.resolve("benchmark-gdb-" + r + ".geojson"), round, "LA-G" + r));
                gdb.peerSources[r] = "/vsizip/" + gdb.files[r] + "/hazards.gdb";
                esri.files[r] = writeEsriJson(dir.resolve("benchmark-esri-" + r + ".json"), round, "LA-E" + r);
                esri.peerSources[r] = esri.files[r].toString();
                skipping.files[r] = write(dir.resolve("benchmark-skip-" + r + ".geojson"), round, "LA-S" + r);
                skipping.peerSources[r] = skipping.files[r].toString();
                counts[r] = round.size();
            }
            List<Format> formats = List.of(geoJson, gdb, esri, skipping);
            System.out.printf(Locale.ROOT, "upload benchmark, size %s: files of %,d polygons (the first: GeoJSON %.1f MB, "
                    + "zipped File Geodatabase %.1f MB, Esri JSON %.1f MB), demo generator's hazards of %s, generated in "
                    + "%.1f s; %d rounds after %d warm-up uploads (and one of each other format)%n", sizeName, counts[0],
                    Files.size(geoJson.files[0]) / 1e6, Files.size(gdb.files[0]) / 1e6, Files.size(esri.files[0]) / 1e6,
                    STATE_PARTY, (System.nanoTime() - t0) / 1e9, ROUNDS, WARM_UPS);
            try (TestDatabase db = TestDatabase.create(UploadBenchmark.class);
                 TestServer server = TestServer.start(db).asAdmin(db)) {
                for (Path w : warmUps) {
                    post(server, w, geoJson.contentType, "", -1);
                }
                post(server, warmGdb, gdb.contentType, "", -1);
                post(server, warmEsri, esri.contentType, "", -1);
                double[][] ours = new double[formats.size()][ROUNDS];
                double[][] theirs = new double[formats.size()][ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    features = counts[r];
                    for (int f = 0; f < formats.size(); f++) {
                        Format format = formats.get(f);
                        long a = System.nanoTime();
                        JsonNode report = post(server, format.files[r], format.contentType, format.query, features);
                        ours[f][r] = (System.nanoTime() - a) / 1e9;
                        long b = System.nanoTime();
                        ogr2ogr(db, format.peerOptions, format.peerSources[r], "ogr_benchmark_" + f + "_" + r, features);
                        theirs[f][r] = (System.nanoTime() - b) / 1e9;
                        System.out.printf(Locale.ROOT, "round %d, %s: clearance-map %.2f s = %.0f features/s (the "
                                + "server's processingMs: %s); ogr2ogr %.2f s = %.0f features/s; ratio %.2f%n", r + 1,
                                format.name, ours[f][r], features / ours[f][r], report.path("processingMs").asText("-"),
                                theirs[f][r], features / theirs[f][r], theirs[f][r] / ours[f][r]);
                    }
                }
                features = counts[0];
                for (int f = 0; f < formats.size(); f++) {
                    Format format = formats.get(f);
                    double oursMedian = median(ours[f]);
                    double theirsMedian = median(theirs[f]);
                    System.out.printf(Locale.ROOT, "%s: clearance-map upload (HTTP, %sparse, validate, geodesic area, "
                            + "versioned store), median %.2f s = %.0f features/s; ogr2ogr -f PostgreSQL%s (COPY into a "
                            + "new table), median %.2f s = %.0f features/s; ratio of medians (ours / ogr2ogr, "
                            + "features/s): %.2f%n", format.name, format.contentType.equals("application/geo+json") ? "" : "ogr2ogr to GeoJSON, ", oursMedian,
                            features / oursMedian, String.join(" ", format.peerOptions).isEmpty() ? ""
                                    : " " + String.join(" ", format.peerOptions), theirsMedian, features / theirsMedian,
                            theirsMedian / oursMedian);
                }
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

    /** The GeoJSON file written as a File Geodatabase by ogr2ogr (feature class hazards), zipped with its folder. */
    private static Path fileGeodatabase(Path geojson) throws Exception {
        Path gdb = geojson.resolveSibling("hazards.gdb");
        Process p = new ProcessBuilder(List.of("ogr2ogr", "-f", "OpenFileGDB", "-nln", "hazards", "-nlt", "MULTIPOLYGON",
                gdb.toString(), geojson.toString())).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("ogr2ogr could not write the File Geodatabase: " + output);
        }
        Path zip = geojson.resolveSibling(geojson.getFileName().toString().replace(".geojson", ".gdb.zip"));
        try (var out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.list(gdb)) {
            for (Path f : files.sorted().toList()) {
                out.putNextEntry(new ZipEntry("hazards.gdb/" + f.getFileName()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        try (Stream<Path> files = Files.walk(gdb)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        Files.delete(geojson);
        return zip;
    }

    /**
     * The hazards as a feature service query answers them ({@code f=json}): Web Mercator (wkid
     * 102100, latestWkid 3857) to the millimetre, outer rings clockwise and holes counter-clockwise,
     * attributes in camelCase, dates in epoch milliseconds.
     */
    private static Path writeEsriJson(Path file, List<DemoHazard> hazards, String prefix) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("{\"objectIdFieldName\":\"OBJECTID\",\"geometryType\":\"esriGeometryPolygon\","
                    + "\"spatialReference\":{\"wkid\":102100,\"latestWkid\":3857},\"fields\":["
                    + "{\"name\":\"OBJECTID\",\"type\":\"esriFieldTypeOID\"},"
                    + "{\"name\":\"externalId\",\"type\":\"esriFieldTypeString\",\"length\":20},"
                    + "{\"name\":\"classification\",\"type\":\"esriFieldTypeString\",\"length\":3},"
                    + "{\"name\":\"recordedOn\",\"type\":\"esriFieldTypeDate\",\"length\":8},"
                    + "{\"name\":\"contamination\",\"type\":\"esriFieldTypeString\",\"length\":80},"
                    + "{\"name\":\"evidence\",\"type\":\"esriFieldTypeString\",\"length\":80},"
                    + "{\"name\":\"village\",\"type\":\"esriFieldTypeString\",\"length\":80},"
                    + "{\"name\":\"team\",\"type\":\"esriFieldTypeString\",\"length\":20}],\"features\":[\n");
            for (int i = 0; i < hazards.size(); i++) {
                DemoHazard h = hazards.get(i);
                var attributes = JSON.createObjectNode().put("OBJECTID", i + 1)
                        .put("externalId", String.format(Locale.ROOT, "%s-%06d", prefix, i))
                        .put("classification", h.classification())
                        .put("recordedOn", h.recordedOn().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli())
                        .put("contamination", h.contamination())
                        .put("evidence", h.evidence())
                        .put("village", "Ban " + (i % 500))
                        .put("team", "NTS-" + (i % 40));
                out.write("{\"attributes\":" + JSON.writeValueAsString(attributes) + ",\"geometry\":{\"rings\":[");
                MultiPolygon geometry = h.geom4326();
                boolean first = true;
                for (int g = 0; g < geometry.getNumGeometries(); g++) {
                    Polygon polygon = (Polygon) geometry.getGeometryN(g);
                    for (int k = -1; k < polygon.getNumInteriorRing(); k++) {
                        Coordinate[] ring = (k < 0 ? polygon.getExteriorRing() : polygon.getInteriorRingN(k)).getCoordinates();
                        // Esri: outer rings clockwise, holes counter-clockwise
                        boolean reverse = Orientation.isCCW(ring) == (k < 0);
                        out.write((first ? "" : ",") + "[");
                        first = false;
                        for (int c = 0; c < ring.length; c++) {
                            Coordinate xy = ring[reverse ? ring.length - 1 - c : c];
                            double x = EARTH_RADIUS * Math.toRadians(xy.x);
                            double y = EARTH_RADIUS * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(xy.y) / 2));
                            out.write(String.format(Locale.ROOT, "%s[%.3f,%.3f]", c == 0 ? "" : ",", x, y));
                        }
                        out.write("]");
                    }
                }
                out.write("]}}" + (i + 1 < hazards.size() ? "," : "") + "\n");
            }
            out.write("]}\n");
        }
        return file;
    }

    /** The upload's report; {@code expected} features must have been inserted (any number when negative). */
    private static JsonNode post(TestServer server, Path file, String contentType, String query, int expected)
            throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(
                        URI.create(server.url("/api/state-parties/" + STATE_PARTY + "/hazards" + query)))
                .header("Content-Type", contentType).timeout(Duration.ofMinutes(10))
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
    private static void ogr2ogr(TestDatabase db, List<String> options, String source, String table, int expected)
            throws Exception {
        String url = db.config().databaseUrl();
        String hostPortDb = url.substring("jdbc:postgresql://".length());
        String host = hostPortDb.substring(0, hostPortDb.indexOf(':'));
        String port = hostPortDb.substring(hostPortDb.indexOf(':') + 1, hostPortDb.indexOf('/'));
        String name = hostPortDb.substring(hostPortDb.indexOf('/') + 1).replaceAll("\\?.*", "");
        String pg = "PG:host=" + host + " port=" + port + " dbname=" + name + " user=" + db.config().databaseUser()
                + " password=" + db.config().databasePassword();
        var command = new java.util.ArrayList<>(List.of("ogr2ogr", "-f", "PostgreSQL"));
        command.addAll(options);
        command.addAll(List.of(pg, source, "-nln", table, "-nlt", "PROMOTE_TO_MULTI", "-lco", "GEOMETRY_NAME=geom4326"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
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
