package org.clearancemap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.clearancemap.App;
import org.clearancemap.config.Config;
import org.clearancemap.auth.Role;
import org.clearancemap.db.Database;
import org.clearancemap.testing.HazardFiles;
import org.clearancemap.testing.TcpProxy;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Reliability test 1: the connection to PostgreSQL is cut (a {@link TcpProxy} between server and
 * database breaks every connection and refuses new ones) while readers and uploaders keep sending.
 * The server answers every request (200/201 or 503, never 500, never a hang), answers again within
 * seconds of the connection coming back, every acknowledged upload is in the database, and no
 * upload is half-written: each one's hazards are there all together, under one upload row, or not
 * at all.
 */
@org.junit.jupiter.api.Timeout(300) // stops a hang; recovery time is printed, not asserted
class DatabaseOutageUnderLoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FEATURES_PER_UPLOAD = 6;
    /** Longest any one request may take: a request still waiting then counts as a hang. */
    private static final Duration NO_HANG = Duration.ofSeconds(15);

    private record Answer(String what, int status, long ms, long phaseAtStart, String body) {
    }

    /** One upload attempt: its id prefix and what came back (status -1: no answer). */
    private record Attempt(String prefix, int status, Long uploadId) {
    }

    @Test
    void aDatabaseCutDuringReadsAndUploadsGives503sThenRecoversAndLosesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseOutageUnderLoadTest.class)) {
            String token = new Tokens(db).issue("outage uploader", Role.OPERATOR, "LAO");
            URI target = URI.create(db.config().databaseUrl().substring("jdbc:".length()));
            try (TcpProxy proxy = new TcpProxy(target.getPort())) {
                Config viaProxy = Config.fromEnv(Map.of("WRITE_RATE_PER_MINUTE", "100000"))
                        .withDatabase("jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath(),
                                db.config().databaseUser(), db.config().databasePassword())
                        .withPort(0);
                try (Database database = Database.open(viaProxy)) {
                    Javalin app = App.create(viaProxy, database, Clock.systemUTC()).start();
                    try {
                        run(db, app, proxy, token);
                    } finally {
                        app.stop();
                    }
                }
            }
        }
    }

    private void run(TestDatabase db, Javalin app, TcpProxy proxy, String token) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + app.port();
        // phase 0: before the cut, 1: cut, 2: restored
        AtomicInteger phase = new AtomicInteger(0);
        AtomicBoolean stop = new AtomicBoolean(false);
        var answers = new ConcurrentLinkedQueue<Answer>();
        var attempts = new ConcurrentLinkedQueue<Attempt>();
        ExecutorService pool = Executors.newFixedThreadPool(7);
        var jobs = new ArrayList<Future<?>>();
        List<String> reads = List.of("/health", "/api/state-parties", "/api/state-parties/LAO", "/api/deadlines");
        for (int r = 0; r < 4; r++) {
            final int reader = r;
            jobs.add(pool.submit(() -> {
                int i = reader;
                while (!stop.get()) {
                    String path = reads.get(i++ % reads.size());
                    answers.add(call(client, HttpRequest.newBuilder(URI.create(base + path)).GET(), "GET " + path,
                            phase));
                    pause(20);
                }
                return null;
            }));
        }
        for (int u = 0; u < 3; u++) {
            final int uploader = u;
            jobs.add(pool.submit(() -> {
                int n = 0;
                while (!stop.get()) {
                    String prefix = "OUT-" + uploader + "-" + n;
                    String file = HazardFiles.laoFile(prefix, FEATURES_PER_UPLOAD, uploader * 1000 + n);
                    Answer a = call(client, HttpRequest.newBuilder(URI.create(base + "/api/state-parties/LAO/hazards"))
                            .header("Content-Type", "application/geo+json").header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(file)), "POST " + prefix, phase);
                    answers.add(a);
                    Long id = null;
                    if (a.status() == 201) {
                        JsonNode report = JSON.readTree(a.body());
                        id = report.get("uploadId").asLong();
                        assertEquals(FEATURES_PER_UPLOAD, report.get("inserted").asInt(), a.body());
                    }
                    attempts.add(new Attempt(prefix, a.status(), id));
                    n++;
                    pause(30);
                }
                return null;
            }));
        }

        Thread.sleep(2000);
        proxy.cut();
        long cutAt = System.nanoTime();
        phase.set(1);
        Thread.sleep(3000);
        proxy.start();
        long restoredAt = System.nanoTime();
        phase.set(2);
        // recovered: the first 200 on /health after the restore
        // (no deadline: the class timeout stops a server that never recovers; the time is printed, not asserted)
        while (call(client, HttpRequest.newBuilder(URI.create(base + "/health")).GET(), "probe", phase).status() != 200) {
            Thread.sleep(100);
        }
        long recoveredMs = (System.nanoTime() - restoredAt) / 1_000_000;
        Thread.sleep(2000);
        stop.set(true);
        for (Future<?> job : jobs) {
            job.get(NO_HANG.toSeconds() + 10, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();
        System.out.printf("cut for %d ms; recovered %d ms after the restore%n", (restoredAt - cutAt) / 1_000_000,
                recoveredMs);

        // every request had an answer in time, and only 2xx or 503
        long[] byPhase503 = new long[3];
        long[] byPhaseOk = new long[3];
        long maxCutMs = 0;
        for (Answer a : answers) {
            if (a.status() == -1) {
                fail("no answer within " + NO_HANG.toSeconds() + " s to " + a.what() + " (" + a.body() + ")");
            }
            if (a.status() != 503 && (a.status() < 200 || a.status() > 299)) {
                fail(a.what() + " answered " + a.status() + ": " + a.body());
            }
            if (a.status() == 503) {
                byPhase503[(int) a.phaseAtStart()]++;
                assertTrue(a.body().contains("\"status\":503"), a.body());
            } else {
                byPhaseOk[(int) a.phaseAtStart()]++;
            }
            if (a.phaseAtStart() == 1) {
                maxCutMs = Math.max(maxCutMs, a.ms());
            }
        }
        System.out.printf("before: %d ok %d 503; cut: %d ok %d 503 (slowest %d ms); after: %d ok %d 503%n",
                byPhaseOk[0], byPhase503[0], byPhaseOk[1], byPhase503[1], maxCutMs, byPhaseOk[2], byPhase503[2]);
        assertTrue(byPhaseOk[0] > 0, "nothing succeeded before the cut");
        assertTrue(byPhase503[1] > 0, "no 503 while the database was cut");
        assertTrue(byPhaseOk[2] > 0, "nothing succeeded after the restore");
        long acknowledged = attempts.stream().filter(a -> a.status() == 201).count();
        assertTrue(acknowledged > 0, "no upload was acknowledged");

        checkNothingLostOrHalfWritten(db, attempts);
    }

    private static void checkNothingLostOrHalfWritten(TestDatabase db, Iterable<Attempt> attempts) throws Exception {
        int acknowledged = 0;
        int unacknowledgedButStored = 0;
        try (Connection c = db.connect();
             PreparedStatement hazards = c.prepareStatement("""
                     SELECT count(*), count(DISTINCT upload_id), min(upload_id)
                       FROM hazard WHERE iso3 = 'LAO' AND external_id LIKE ? || '-%'"""); 
             PreparedStatement upload = c.prepareStatement(
                     "SELECT features, inserted FROM upload WHERE id = ?")) {
            for (Attempt attempt : attempts) {
                hazards.setString(1, attempt.prefix());
                long count;
                long uploads;
                long uploadId;
                try (ResultSet rs = hazards.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                    uploads = rs.getLong(2);
                    uploadId = rs.getLong(3);
                }
                if (attempt.status() == 201) {
                    acknowledged++;
                    assertEquals(FEATURES_PER_UPLOAD, count, "acknowledged upload " + attempt.prefix() + " is not whole");
                    assertEquals(attempt.uploadId().longValue(), uploadId, attempt.prefix());
                } else {
                    // a 503 may still have committed (the answer to COMMIT was lost): whole or absent
                    assertTrue(count == 0 || count == FEATURES_PER_UPLOAD,
                            attempt.prefix() + " answered " + attempt.status() + " is half-written: " + count);
                    if (count > 0) {
                        unacknowledgedButStored++;
                    }
                }
                if (count > 0) {
                    assertEquals(1, uploads, attempt.prefix() + " is spread over several uploads");
                    upload.setLong(1, uploadId);
                    try (ResultSet rs = upload.executeQuery()) {
                        assertTrue(rs.next(), "hazards of " + attempt.prefix() + " without their upload row");
                        assertEquals(FEATURES_PER_UPLOAD, rs.getInt(1));
                        assertEquals(FEATURES_PER_UPLOAD, rs.getInt(2));
                    }
                }
            }
            // and no upload row without its hazards
            try (PreparedStatement orphans = c.prepareStatement("""
                    SELECT count(*) FROM upload u
                     WHERE u.inserted <> (SELECT count(*) FROM hazard h WHERE h.upload_id = u.id)""");
                 ResultSet rs = orphans.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getLong(1), "upload rows whose hazards are not all there");
            }
        }
        System.out.printf("%d acknowledged uploads all present; %d unacknowledged ones committed whole%n",
                acknowledged, unacknowledgedButStored);
    }

    private static Answer call(HttpClient client, HttpRequest.Builder request, String what, AtomicInteger phase) {
        int at = phase.get();
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = client.send(request.timeout(NO_HANG).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(what, r.statusCode(), (System.nanoTime() - t0) / 1_000_000, at, r.body());
        } catch (java.net.http.HttpTimeoutException e) {
            return new Answer(what, -1, (System.nanoTime() - t0) / 1_000_000, at, e.toString());
        } catch (Exception e) {
            return new Answer(what, -2, (System.nanoTime() - t0) / 1_000_000, at, e.toString());
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
