package org.clearancemap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.clearancemap.testing.HazardFiles;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Reliability test 3: 20 uploads into one State Party at the same moment, some with new external
 * ids, some changing the same five hazards (with different survey dates, so whichever commits
 * later with an earlier date is refused), and one file sent twice. Each one succeeds or fails
 * cleanly (here, with no outage, that means never 503 either: queued uploads must not exhaust the
 * connection pool, for themselves or for a reader running alongside), every hazard ends with exactly one current version and contiguous version numbers,
 * and the figures the API serves equal PostGIS's own computation and a fresh server's.
 */
class ConcurrentUploadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int UPLOADS = 20;
    private static final Set<Integer> CLEAN = Set.of(200, 201, 409, 422);

    /** File k: even k new hazards NEW-k-0..3; odd k the shared SH-0..4 (changed, dated by k) plus its own ODD-k. */
    private static String file(int k) {
        if (k == UPLOADS - 1) {
            return file(UPLOADS - 2); // the same bytes as the one before: one is stored, the other gets its report
        }
        if (k % 2 == 0) {
            return HazardFiles.laoFile("NEW-" + k, 4, k);
        }
        var features = new ArrayList<String>();
        // k = 1, 5, 9, ...: all dated 1 June, so each is accepted whatever the order (a new version each);
        // k = 3, 7, ...: earlier dates, refused when a June version is already current
        String date = k % 4 == 1 ? "2021-06-01" : String.format("2021-01-%02d", 1 + k);
        for (int i = 0; i < 5; i++) {
            features.add(HazardFiles.hazard("SH-" + i, date,
                    HazardFiles.square(105.7 + i * 0.05 + k * 0.001, 15.5 + k * 0.001, 0.01)));
        }
        features.add(HazardFiles.hazard("ODD-" + k, date, HazardFiles.square(106.1, 15.3 + k * 0.02, 0.005)));
        return HazardFiles.collection(features);
    }

    @Test
    void twentySimultaneousUploadsLeaveConsistentVersionsAndFigures() throws Exception {
        try (TestDatabase db = TestDatabase.create(ConcurrentUploadsTest.class);
             TestServer server = TestServer.start(db, Map.of("WRITE_RATE_PER_MINUTE", "100000"), routes -> { })
                     .asAdmin(db)) {
            ExecutorService pool = Executors.newFixedThreadPool(UPLOADS);
            CountDownLatch ready = new CountDownLatch(UPLOADS);
            CountDownLatch go = new CountDownLatch(1);
            var futures = new ArrayList<Future<HttpResponse<String>>>();
            for (int k = 0; k < UPLOADS; k++) {
                String body = file(k);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return server.send(HttpRequest.newBuilder(URI.create(server.url("/api/state-parties/LAO/hazards")))
                            .header("Content-Type", "application/geo+json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
                }));
            }
            // a reader alongside: uploads queued on the State Party's lock must not starve it of connections
            var readStatuses = new java.util.concurrent.ConcurrentLinkedQueue<Integer>();
            var uploadsDone = new java.util.concurrent.atomic.AtomicBoolean(false);
            Thread reader = new Thread(() -> {
                while (!uploadsDone.get()) {
                    try {
                        readStatuses.add(server.get("/api/state-parties").statusCode());
                        Thread.sleep(50);
                    } catch (Exception e) {
                        readStatuses.add(-1);
                    }
                }
            }, "reader");
            ready.await();
            reader.start();
            go.countDown();
            var statuses = new ArrayList<Integer>();
            for (int k = 0; k < UPLOADS; k++) {
                HttpResponse<String> r = futures.get(k).get(60, TimeUnit.SECONDS);
                statuses.add(r.statusCode());
                assertTrue(CLEAN.contains(r.statusCode()), "upload " + k + " answered " + r.statusCode() + ": " + r.body());
                if (r.statusCode() >= 400) {
                    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                }
                if (r.statusCode() == 422) {
                    // only a later-dated shared version can make an earlier-dated one late
                    assertTrue(k % 4 == 3, "upload " + k + " refused: " + r.body());
                    assertTrue(r.body().contains("recorded-before-current"), r.body());
                }
            }
            pool.shutdown();
            uploadsDone.set(true);
            reader.join(30_000);
            System.out.println("statuses in file order: " + statuses + "; reads during the uploads: "
                    + readStatuses.size());
            assertTrue(!readStatuses.isEmpty() && readStatuses.stream().allMatch(s -> s == 200),
                    "reads during the uploads: " + readStatuses);
            // the new-id files never conflict; of the identical pair exactly one was stored
            for (int k = 0; k < UPLOADS - 2; k += 2) {
                assertEquals(201, statuses.get(k), "upload " + k);
            }
            assertEquals(Set.of(200, 201), Set.of(statuses.get(UPLOADS - 2), statuses.get(UPLOADS - 1)));
            for (int k = 1; k < UPLOADS - 2; k += 4) {
                assertEquals(201, statuses.get(k), "June-dated shared upload " + k);
            }

            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                checkVersions(st, statuses);
                checkAllOrNothing(st, statuses);
                checkFigures(st, server, db);
            }
        }
    }

    private static void checkVersions(Statement st, List<Integer> statuses) throws Exception {
        try (ResultSet rs = st.executeQuery("""
                SELECT external_id, count(*) AS versions, min(version), max(version), count(DISTINCT version),
                       count(*) FILTER (WHERE valid_until IS NULL) AS current
                  FROM hazard WHERE iso3 = 'LAO' GROUP BY external_id ORDER BY external_id""")) {
            int ids = 0;
            while (rs.next()) {
                ids++;
                String id = rs.getString(1);
                long versions = rs.getLong(2);
                assertEquals(1, rs.getLong("current"), id + ": not exactly one current version");
                assertEquals(1, rs.getInt(3), id + ": versions do not start at 1");
                assertEquals(versions, rs.getInt(4), id + ": version numbers have a gap");
                assertEquals(versions, rs.getLong(5), id + ": a version number twice");
            }
            // 10 new-id files x 4 (the identical pair stored once), SH-0..4, one ODD-k per stored shared file
            long sharedStored = 0;
            for (int k = 1; k < UPLOADS - 2; k += 2) {
                sharedStored += statuses.get(k) == 201 ? 1 : 0;
            }
            assertEquals(10 * 4 + 5 + sharedStored, ids);
            // every stored shared file made one new version of each SH hazard
            try (Statement st2 = st.getConnection().createStatement();
                 ResultSet sh = st2.executeQuery("SELECT max(version) FROM hazard WHERE external_id = 'SH-0'")) {
                sh.next();
                assertEquals(sharedStored, sh.getLong(1), "versions of SH-0");
            }
        }
        // each superseded version ends where the next one begins, and dates never go backwards
        try (ResultSet rs = st.executeQuery("""
                SELECT count(*) FROM hazard a JOIN hazard b
                  ON b.iso3 = a.iso3 AND b.external_id = a.external_id AND b.version = a.version + 1
                 WHERE a.valid_until IS DISTINCT FROM b.recorded_on OR b.recorded_on < a.recorded_on""")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "version chains out of order");
        }
    }

    private static void checkAllOrNothing(Statement st, List<Integer> statuses) throws Exception {
        for (int k = 1; k < UPLOADS - 2; k += 2) {
            try (ResultSet rs = st.executeQuery("SELECT count(*), min(upload_id) FROM hazard WHERE external_id = 'ODD-" + k + "'")) {
                rs.next();
                long count = rs.getLong(1);
                assertEquals(statuses.get(k) == 201 ? 1 : 0, count, "ODD-" + k + " after " + statuses.get(k));
                if (count == 1) {
                    long upload = rs.getLong(2);
                    try (ResultSet same = st.executeQuery("SELECT count(*) FROM hazard WHERE upload_id = " + upload
                            + " AND external_id LIKE 'SH-%'")) {
                        same.next();
                        assertEquals(5, same.getLong(1), "upload of ODD-" + k + " did not write all its SH versions");
                    }
                }
            }
        }
        long stored = statuses.stream().filter(s -> s == 201).count();
        try (ResultSet rs = st.executeQuery("SELECT count(*), sum(inserted + updated) FROM upload WHERE iso3 = 'LAO'")) {
            rs.next();
            assertEquals(stored, rs.getLong(1), "upload rows vs 201 answers");
            try (Statement st2 = st.getConnection().createStatement();
                 ResultSet h = st2.executeQuery("SELECT count(*) FROM hazard WHERE iso3 = 'LAO'")) {
                h.next();
                assertEquals(rs.getLong(2), h.getLong(1), "hazard rows vs what the uploads report");
            }
        }
    }

    private static void checkFigures(Statement st, TestServer server, TestDatabase db) throws Exception {
        double postgis;
        long current;
        try (ResultSet rs = st.executeQuery("""
                SELECT ST_Area(ST_Union(geom4326)::geography), count(*)
                  FROM hazard WHERE iso3 = 'LAO' AND valid_until IS NULL""")) {
            rs.next();
            postgis = rs.getDouble(1);
            current = rs.getLong(2);
        }
        JsonNode served = JSON.readTree(server.get("/api/state-parties/LAO?asOf=2024-01-01").body());
        assertEquals(postgis, served.get("footprintSqm").asDouble(), postgis * 1e-6, served.toString());
        assertEquals(postgis, served.get("remainingSqm").asDouble(), postgis * 1e-6);
        assertEquals(current, served.get("hazardCount").asLong(), served.toString());
        try (TestServer fresh = TestServer.start(db)) {
            JsonNode recomputed = JSON.readTree(fresh.get("/api/state-parties/LAO?asOf=2024-01-01").body());
            assertEquals(recomputed.get("footprintSqm").asDouble(), served.get("footprintSqm").asDouble(), 0.0);
            assertEquals(recomputed.get("remainingSqm").asDouble(), served.get("remainingSqm").asDouble(), 0.0);
        }
        System.out.printf("footprint served %.3f m2, PostGIS %.3f m2, %d current hazards%n",
                served.get("footprintSqm").asDouble(), postgis, current);
    }
}
