package org.clearancemap.upload;

import static org.clearancemap.upload.SurveyFiles.collection;
import static org.clearancemap.upload.SurveyFiles.feature;
import static org.clearancemap.upload.SurveyFiles.square;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.clearancemap.testing.RawHttp;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability test 4: thousands of mutated upload bodies (GeoJSON, zipped Shapefiles and KMZ,
 * multipart), generated from a fixed seed so that every run sends the same ones, to both upload
 * endpoints over kept-alive connections.
 *
 * <p>Every one is answered within {@link #NO_HANG_MS} (a read timeout, not a speed measure) with a
 * status below 500; a refused one (4xx) leaves every table as it was; an accepted one is written
 * whole (its upload row's counts equal its version rows). A connection the server keeps open must
 * serve the next request; one it closes must have been announced with {@code Connection: close}.
 *
 * <p>The number of cases can be raised with {@code -Dfuzz.cases=N} (default 2400) and the seed
 * changed with {@code -Dfuzz.seed=S}; a failure names the seed and case to replay.
 */
class UploadFuzzTest {
    private static final int NO_HANG_MS = 60_000;
    private static final long SEED = Long.getLong("fuzz.seed", 20261128L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 2400);
    private static final String BOUNDARY = "----fuzz7MA4YWxkTrZu0gW";

    @TempDir
    static Path dir;
    private static TestDatabase db;
    private static TestServer server;
    private static int port;
    private static List<byte[]> jsonSeeds;
    private static List<byte[]> zipSeeds;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(UploadFuzzTest.class);
        server = TestServer.start(db, Map.of("MAX_BODY_BYTES", "1048576", "WRITE_RATE_PER_MINUTE", "1000000",
                "OGR_TIMEOUT_SECONDS", "20"), routes -> { }).asAdmin(db);
        port = Integer.parseInt(server.url("").replaceAll("^.*:(\\d+).*$", "$1"));
        jsonSeeds = jsonSeeds();
        zipSeeds = zipSeeds();
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static List<byte[]> jsonSeeds() {
        String hazard = feature("{\"external_id\":\"FZ-1\",\"classification\":\"CHA\",\"recorded_on\":\"2021-03-04\","
                + "\"contamination\":\"BLU-26\",\"evidence\":\"strike record\"}", square(105.9, 15.4, 0.01));
        String holed = feature("{\"external_id\":\"FZ-2\",\"classification\":\"SHA\",\"recorded_on\":\"2020-11-30\"}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[105.8,15.3],[105.83,15.3],[105.83,15.33],[105.8,15.33],"
                        + "[105.8,15.3]],[[105.81,15.31],[105.82,15.31],[105.82,15.32],[105.81,15.31]]]}");
        String multi = feature("{\"id\":\"FZ-3\",\"classification\":\"CHA\",\"recorded_on\":\"2019-05-06\"}",
                "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[106.0,15.5],[106.01,15.5],[106.01,15.51],[106.0,15.5]]],"
                        + "[[[106.02,15.5],[106.03,15.5],[106.03,15.51],[106.02,15.5]]]]}");
        String release = feature("{\"external_id\":\"FZ-R1\",\"method\":\"cleared\",\"completed_on\":\"2022-05-01\"}",
                square(105.9, 15.4, 0.004));
        String crs = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
                + "\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},\"features\":[" + hazard + "]}";
        return List.of(bytes(collection(hazard)), bytes(collection(hazard, holed, multi)), bytes(collection(release)),
                bytes(crs), bytes(collection(release, hazard)));
    }

    /** A zipped Shapefile written by GDAL from a seed, and a KMZ. */
    private static List<byte[]> zipSeeds() throws Exception {
        Path geojson = dir.resolve("in.geojson");
        Files.write(geojson, jsonSeeds.get(1));
        Path shp = dir.resolve("shp");
        Files.createDirectories(shp);
        Process p = new ProcessBuilder("ogr2ogr", "-f", "ESRI Shapefile", shp.resolve("hazards.shp").toString(),
                geojson.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        var shapefile = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(shapefile); var files = Files.list(shp)) {
            for (Path f : files.sorted().toList()) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        var kmz = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(kmz)) {
            zip.putNextEntry(new ZipEntry("doc.kml"));
            zip.write(bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\">"
                    + "<Document><Placemark><name>FZ-K1</name><ExtendedData><Data name=\"external_id\"><value>FZ-K1"
                    + "</value></Data><Data name=\"classification\"><value>CHA</value></Data><Data name=\"recorded_on\">"
                    + "<value>2021-03-04</value></Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>"
                    + "105.9,15.4 105.91,15.4 105.91,15.41 105.9,15.41 105.9,15.4</coordinates></LinearRing>"
                    + "</outerBoundaryIs></Polygon></Placemark></Document></kml>"));
            zip.closeEntry();
        }
        return List.of(shapefile.toByteArray(), kmz.toByteArray());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** One generated request: where it goes, its headers and body, and how it was made (for a failure message). */
    private record Case(int number, String path, List<String> headers, byte[] body, String recipe) {
    }

    private static final String[] JSON_TOKENS = {"null", "-1e309", "1e400", "\"", "[]", "{}", "NaN", "0", "-0",
            "\"\\u0000\"", "\"2021-02-30\"", "\"9999-12-31\"", "[[[[[[[[[[[[[[[[", "]]]]", "true", "\"SHA\"",
            "\"\\ud800\"", "180.0000001", "-90.5", "\"Polygon\"", "\"GeometryCollection\"", "\"x\"".repeat(50), ","};

    private static Case generate(int number, Random random) {
        int kind = random.nextInt(100);
        String endpoint = random.nextInt(4) == 0 ? "releases" : "hazards";
        String query = random.nextInt(6) == 0 ? "?dryRun=true" : random.nextInt(10) == 0 ? "?strict=true" : "";
        String path = "/api/state-parties/LAO/" + endpoint + query;
        var recipe = new StringBuilder();
        byte[] body;
        String type;
        if (kind < 60) {
            int seed = random.nextInt(jsonSeeds.size());
            recipe.append("json seed ").append(seed);
            // a third stays valid JSON with one value changed, to reach the feature checks behind the parser
            body = kind < 20 ? mutateTree(jsonSeeds.get(seed), random, recipe) : mutate(jsonSeeds.get(seed), random, true, recipe);
            type = pick(random, "application/geo+json", "application/json", null, "application/octet-stream",
                    "text/plain", "application/geo+json; charset=utf-8");
        } else if (kind < 85) {
            int seed = random.nextInt(jsonSeeds.size());
            recipe.append("multipart of json seed ").append(seed);
            byte[] inner = random.nextBoolean() ? jsonSeeds.get(seed) : mutate(jsonSeeds.get(seed), random, true, recipe);
            String name = random.nextInt(8) == 0 ? "upload" : "file";
            byte[] whole = concat(bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name
                    + "\"; filename=\"h.geojson\"\r\nContent-Type: application/geo+json\r\n\r\n"), inner,
                    bytes("\r\n--" + BOUNDARY + "--\r\n"));
            body = random.nextBoolean() ? whole : mutate(whole, random, false, recipe);
            type = random.nextInt(10) == 0 ? "multipart/form-data" : random.nextInt(10) == 0
                    ? "multipart/form-data; boundary=other" : "multipart/form-data; boundary=" + BOUNDARY;
        } else {
            int seed = random.nextInt(zipSeeds.size());
            recipe.append("zip seed ").append(seed);
            body = mutate(zipSeeds.get(seed), random, false, recipe);
            type = pick(random, "application/zip", "application/vnd.google-earth.kmz", null, "application/octet-stream");
        }
        var headers = new ArrayList<String>();
        headers.add("Authorization: Bearer " + server.token());
        if (type != null) {
            headers.add("Content-Type: " + type);
        }
        if (random.nextInt(20) == 0) {
            headers.add("Content-Disposition: attachment; filename=\"" + "x".repeat(random.nextInt(300)) + ".zip\"");
        }
        recipe.append(", ").append(type).append(" to ").append(path);
        return new Case(number, path, headers, body, recipe.toString());
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    /** One to three mutations: flip, delete, duplicate, insert, truncate, splice, or (for text) a JSON token swap. */
    private static byte[] mutate(byte[] input, Random random, boolean text, StringBuilder recipe) {
        byte[] b = input;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds && b.length > 0; r++) {
            int at = random.nextInt(b.length);
            int op = random.nextInt(text ? 7 : 6);
            switch (op) {
                case 0 -> {
                    b = b.clone();
                    b[at] = (byte) random.nextInt(256);
                    recipe.append(" flip@").append(at);
                }
                case 1 -> {
                    int len = 1 + random.nextInt(Math.max(1, Math.min(200, b.length - at)));
                    b = concat(java.util.Arrays.copyOfRange(b, 0, at),
                            java.util.Arrays.copyOfRange(b, Math.min(b.length, at + len), b.length));
                    recipe.append(" delete@").append(at).append('+').append(len);
                }
                case 2 -> {
                    int len = 1 + random.nextInt(Math.max(1, Math.min(300, b.length - at)));
                    byte[] part = java.util.Arrays.copyOfRange(b, at, Math.min(b.length, at + len));
                    b = concat(java.util.Arrays.copyOfRange(b, 0, at), part, java.util.Arrays.copyOfRange(b, at, b.length));
                    recipe.append(" duplicate@").append(at).append('+').append(len);
                }
                case 3 -> {
                    byte[] noise = new byte[1 + random.nextInt(16)];
                    random.nextBytes(noise);
                    b = concat(java.util.Arrays.copyOfRange(b, 0, at), noise, java.util.Arrays.copyOfRange(b, at, b.length));
                    recipe.append(" insert@").append(at);
                }
                case 4 -> {
                    b = java.util.Arrays.copyOfRange(b, 0, at);
                    recipe.append(" truncate@").append(at);
                }
                case 5 -> {
                    // a run of bytes overwritten: for a zip, usually inside one entry's data
                    b = b.clone();
                    int len = Math.min(b.length - at, 1 + random.nextInt(64));
                    for (int i = 0; i < len; i++) {
                        b[at + i] = (byte) random.nextInt(256);
                    }
                    recipe.append(" overwrite@").append(at).append('+').append(len);
                }
                default -> {
                    String s = new String(b, StandardCharsets.UTF_8);
                    int i = random.nextInt(s.length());
                    int end = i;
                    while (end < s.length() && end - i < 12 && ",:{}[]".indexOf(s.charAt(end)) < 0) {
                        end++;
                    }
                    String token = JSON_TOKENS[random.nextInt(JSON_TOKENS.length)];
                    if (token.startsWith("[[[")) {
                        token = "[".repeat(1 + random.nextInt(5000));
                    }
                    b = bytes(s.substring(0, i) + token + s.substring(end));
                    recipe.append(" token@").append(i).append('=').append(token.length() > 12 ? token.substring(0, 12) + "…" : token);
                }
            }
        }
        return b;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper TREE = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Valid JSON: one to three values (anywhere in the tree) replaced, removed or repeated. */
    private static byte[] mutateTree(byte[] input, Random random, StringBuilder recipe) {
        try {
            com.fasterxml.jackson.databind.JsonNode root = TREE.readTree(input);
            int rounds = 1 + random.nextInt(3);
            for (int r = 0; r < rounds; r++) {
                var containers = new ArrayList<com.fasterxml.jackson.databind.JsonNode>();
                collect(root, containers);
                var parent = containers.get(random.nextInt(containers.size()));
                if (parent.isObject()) {
                    var object = (com.fasterxml.jackson.databind.node.ObjectNode) parent;
                    var names = new ArrayList<String>();
                    object.fieldNames().forEachRemaining(names::add);
                    if (names.isEmpty()) {
                        continue;
                    }
                    String name = names.get(random.nextInt(names.size()));
                    if (random.nextInt(5) == 0) {
                        object.remove(name);
                        recipe.append(" remove ").append(name);
                    } else {
                        object.set(name, value(random));
                        recipe.append(" set ").append(name);
                    }
                } else {
                    var array = (com.fasterxml.jackson.databind.node.ArrayNode) parent;
                    if (array.isEmpty()) {
                        continue;
                    }
                    int i = random.nextInt(array.size());
                    switch (random.nextInt(3)) {
                        case 0 -> array.remove(i);
                        case 1 -> array.add(array.get(i).deepCopy());
                        default -> array.set(i, value(random));
                    }
                    recipe.append(" array[").append(i).append(']');
                }
            }
            return TREE.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a seed is not JSON", e);
        }
    }

    private static void collect(com.fasterxml.jackson.databind.JsonNode node,
            List<com.fasterxml.jackson.databind.JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.elements().forEachRemaining(child -> collect(child, containers));
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode value(Random random) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        return switch (random.nextInt(14)) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(random.nextGaussian() * 1e6);
            case 2 -> f.numberNode(Double.MAX_VALUE);
            case 3 -> f.numberNode(-181.0 + random.nextInt(3) * 90.5);
            case 4 -> f.textNode("");
            case 5 -> f.textNode("x".repeat(random.nextInt(20_000)));
            case 6 -> f.textNode(pick(random, "2021-02-30", "1899-01-01", "2999-01-01", "SHA", "CHA", "cleared",
                    "Polygon", "MultiPolygon", "Point", "LineString", "GeometryCollection", "FeatureCollection",
                    "Feature", "EPSG:32648", "urn:ogc:def:crs:EPSG::3857", "\u0000", "ÄÖ💣"));
            case 7 -> f.arrayNode();
            case 8 -> f.objectNode();
            case 9 -> f.booleanNode(random.nextBoolean());
            case 10 -> f.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(400))));
            case 11 -> {
                var ring = f.arrayNode();
                int n = random.nextInt(6);
                for (int i = 0; i < n; i++) {
                    ring.add(f.arrayNode().add(105.9 + random.nextDouble() * 0.01).add(15.4 + random.nextDouble() * 0.01));
                }
                yield f.arrayNode().add(ring);
            }
            case 12 -> f.arrayNode().add(f.numberNode(105.9)).add(f.numberNode(15.4)).add(f.numberNode(12.0))
                    .add(f.numberNode(3.0));
            default -> f.numberNode(random.nextInt(1000) - 500);
        };
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static long rows(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM hazard) + (SELECT count(*) FROM land_release)"
                + " + (SELECT count(*) FROM upload) + (SELECT count(*) FROM audit_event)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void mutatedUploadsNeverGive5xxNeverHangAndNeverWritePartOfAFile() throws Exception {
        Random random = new Random(SEED);
        var statuses = new TreeMap<Integer, Integer>();
        int reopened = 0;
        long slowestMs = 0;
        long started = System.nanoTime();
        RawHttp http = new RawHttp(port, NO_HANG_MS);
        String previous = "none (a fresh connection)";
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            long before = rows(st);
            for (int n = 0; n < CASES; n++) {
                Case k = generate(n, random);
                String replay = "case " + n + " (seed " + SEED + "): " + k.recipe();
                long t0 = System.nanoTime();
                RawHttp.Response r;
                try {
                    http.send(RawHttp.postHead(k.path(), k.body().length, k.headers().toArray(String[]::new)));
                    http.send(k.body());
                    r = http.read();
                } catch (SocketTimeoutException e) {
                    fail("no answer within " + NO_HANG_MS + " ms to " + replay);
                    return;
                } catch (IOException e) {
                    fail("the connection broke (" + e + ") on " + replay + "; the answer before on it: " + previous);
                    return;
                }
                slowestMs = Math.max(slowestMs, (System.nanoTime() - t0) / 1_000_000);
                statuses.merge(r.status(), 1, Integer::sum);
                if (r.status() >= 500) {
                    fail(r.status() + " on " + replay + ": " + r.text());
                }
                if (r.status() >= 400) {
                    assertTrue(r.headers().getOrDefault("content-type", "").startsWith("application/problem+json"),
                            replay + ": " + r.headers());
                }
                long after = rows(st);
                if (r.status() != 201) {
                    assertEquals(before, after, "rows changed by a " + r.status() + " answer to " + replay);
                } else {
                    assertTrue(after > before, "a 201 wrote nothing: " + replay);
                }
                before = after;
                previous = r.status() + " (" + r.headers().getOrDefault("connection", "no Connection header") + ") to " + replay;
                if (r.closes()) {
                    previous = "none (a fresh connection)";
                    http.close();
                    http = new RawHttp(port, NO_HANG_MS);
                    reopened++;
                }
            }
            // every accepted file is there whole: its upload row's counts equal its version rows
            try (ResultSet rs = st.executeQuery("""
                    SELECT count(*) FROM upload u
                     WHERE u.inserted + u.updated <> (SELECT count(*) FROM hazard h WHERE h.upload_id = u.id)
                                                  + (SELECT count(*) FROM land_release l WHERE l.upload_id = u.id)""")) {
                rs.next();
                assertEquals(0, rs.getLong(1), "uploads whose rows are not all there");
            }
        } finally {
            http.close();
        }
        System.out.printf("fuzz: %d cases (seed %d) in %d s, statuses %s, slowest %d ms, %d connections closed by the "
                + "server%n", CASES, SEED, (System.nanoTime() - started) / 1_000_000_000, statuses, slowestMs, reopened);
        assertTrue(statuses.keySet().stream().anyMatch(s -> s >= 400), "nothing was refused: the mutations do nothing");
    }
}
