package org.clearancemap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GDAL's OAPIF driver (Debian gdal-bin), a real OGC API – Features client, reads the server. */
class GdalOapifClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FEATURE_COUNT = Pattern.compile("Feature Count: (\\d+)");
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(GdalOapifClientTest.class);
        OgcFixture.load(db);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // enough releases for GDAL to follow several next links
            st.execute("""
                    INSERT INTO land_release (iso3, external_id, version, method, completed_on, operator, geom4326, area_sqm)
                    SELECT 'CHL', 'CHL-' || i, 1, (ARRAY['cancelled','reduced','cleared'])[1 + i % 3], DATE '2020-01-01' + i,
                           'Operator ' || i, ST_Multi(ST_MakeEnvelope(-70 + i * 0.01, -20, -70 + i * 0.01 + 0.005, -19.99, 4326)),
                           ST_Area(ST_MakeEnvelope(-70 + i * 0.01, -20, -70 + i * 0.01 + 0.005, -19.99, 4326)::geography)
                      FROM generate_series(1, 230) i
                    """);
        }
        server = TestServer.start(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    /** Runs a command, at most 120 s; returns its standard output and error; fails on a non-zero exit. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), command + "\n" + text);
        return text;
    }

    private static long featureCount(String ogrinfoOutput) {
        Matcher m = FEATURE_COUNT.matcher(ogrinfoOutput);
        assertTrue(m.find(), ogrinfoOutput);
        return Long.parseLong(m.group(1));
    }

    private static long numberMatched(String pathAndQuery) throws Exception {
        return JSON.readTree(server.get(pathAndQuery).body()).get("numberMatched").asLong();
    }

    @Test
    void ogrinfoListsTheThreeCollections() throws Exception {
        String out = run(List.of("ogrinfo", "-ro", "-q", "OAPIF:" + server.url("/ogc")));
        assertTrue(out.contains("hazards"), out);
        assertTrue(out.contains("releases"), out);
        assertTrue(out.contains("remaining"), out);
    }

    @Test
    void ogr2ogrCopiesAWholeCollectionFollowingTheNextLinks(@TempDir Path dir) throws Exception {
        Path gpkg = dir.resolve("releases.gpkg");
        run(List.of("ogr2ogr", "-f", "GPKG", gpkg.toString(), "OAPIF:" + server.url("/ogc"), "releases"));
        String info = run(List.of("ogrinfo", "-ro", "-so", gpkg.toString(), "releases"));
        assertEquals(numberMatched("/ogc/collections/releases/items"), featureCount(info));
        assertEquals(OgcFixture.CURRENT_RELEASES + 230, featureCount(info));
        assertTrue(info.contains("method: String"), info);
        assertTrue(info.contains("MULTIPOLYGON") || info.contains("Multi Polygon"), info);
    }

    @Test
    void ogr2ogrCopiesEveryCollectionWithAllItsFeatures(@TempDir Path dir) throws Exception {
        for (String collection : List.of("hazards", "releases", "remaining")) {
            Path gpkg = dir.resolve(collection + ".gpkg");
            run(List.of("ogr2ogr", "-f", "GPKG", gpkg.toString(), "OAPIF:" + server.url("/ogc"), collection));
            String info = run(List.of("ogrinfo", "-ro", "-so", gpkg.toString(), collection));
            assertEquals(numberMatched("/ogc/collections/" + collection + "/items"), featureCount(info), collection);
            assertTrue(featureCount(info) > 0, collection);
        }
    }

    @Test
    void ogr2ogrWithSpatFiltersThroughTheBbox(@TempDir Path dir) throws Exception {
        Path gpkg = dir.resolve("lao.gpkg");
        run(List.of("ogr2ogr", "-f", "GPKG", "-spat", "101.9", "17.9", "102.35", "18.2", gpkg.toString(),
                "OAPIF:" + server.url("/ogc"), "hazards"));
        long copied = featureCount(run(List.of("ogrinfo", "-ro", "-so", gpkg.toString(), "hazards")));
        assertEquals(numberMatched("/ogc/collections/hazards/items?bbox=101.9,17.9,102.35,18.2"), copied);
        assertEquals(2, copied);
    }

    @Test
    void ogrinfoReadsOneStatePartysRemainingLand() throws Exception {
        String out = run(List.of("ogrinfo", "-ro", "-al", "-where", "state_party = 'LAO'", "OAPIF:" + server.url("/ogc"), "remaining"));
        assertTrue(out.contains("remaining_sqm (Real) = "), out);
        assertTrue(out.contains("MULTIPOLYGON"), out);
        var lines = new ArrayList<String>();
        out.lines().filter(l -> l.contains("state_party (String) = ")).forEach(lines::add);
        assertEquals(List.of("  state_party (String) = LAO"), lines);
    }
}
