package org.clearancemap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.clearancemap.App;
import org.clearancemap.auth.Principal;
import org.clearancemap.auth.Role;
import org.clearancemap.auth.TokenRepository;
import org.clearancemap.auth.TokenSecret;
import org.clearancemap.testing.HazardFiles;
import org.clearancemap.testing.StandbyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Two servers over a real primary and a real streaming standby on loopback: server A reads from
 * the primary, server B from the standby ({@code DATABASE_READ_URL}). The standby's replay is held
 * where a test needs it behind, so that a read served from it would show the state before a write.
 */
@Timeout(240) // stops a hang; nothing here is timed
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandbyReadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration NO_HANG = Duration.ofSeconds(15);
    private static final int FEATURES = 4;
    private static final String FIGURES = "/api/state-parties/LAO";
    private static final String LAYER = "/api/hazards?state_party=LAO";
    private static final String ITEMS = "/ogc/collections/hazards/items?state_party=LAO&limit=1000";

    private static StandbyPair pair;
    private static Database primaryReads;
    private static Database standbyReads;
    private static Javalin serverA;
    private static Javalin serverB;
    private static String token;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void topology() throws Exception {
        pair = StandbyPair.create();
        primaryReads = Database.open(pair.config(false));
        standbyReads = Database.open(pair.config(true));
        serverA = App.create(pair.config(false), primaryReads, Clock.systemUTC()).start();
        serverB = App.create(pair.config(true), standbyReads, Clock.systemUTC()).start();
        token = TokenSecret.generate();
        new TokenRepository(primaryReads.dataSource()).create("standby uploader", Role.OPERATOR, List.of("LAO"), token,
                Principal.system("test"));
        // B serves its reads from the standby once it hears the notices and the standby has replayed the schema
        awaitHealth(serverB, h -> "standby".equals(h.path("standby").path("reads").asText()));
    }

    @AfterAll
    static void tearDown() {
        for (Javalin app : new Javalin[] {serverA, serverB}) {
            if (app != null) {
                app.stop();
            }
        }
        for (Database db : new Database[] {primaryReads, standbyReads}) {
            if (db != null) {
                db.close();
            }
        }
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    @Order(1)
    void anUploadThroughOneServerIsSeenInTheFiguresOfTheOneReadingFromTheStandby() throws Exception {
        double before = footprint(serverB);
        pair.pauseReplay();
        try {
            assertEquals(201, upload(serverA, "SEEN-A", 1).statusCode());
            // B hears of the write through the notice; the standby has not replayed it
            double after = awaitFootprintAbove(serverB, before);
            assertEquals(footprint(serverA), after, 1e-6, "B's figures are A's once B has heard of the upload");
            assertTrue(hazardIds(serverB, LAYER).contains("SEEN-A-0"), "B's map layer lacks the upload");
            assertFalse(standbyHas("SEEN-A-0"), "the standby was meant to be behind");
        } finally {
            pair.resumeReplay();
        }
    }

    @Test
    @Order(2)
    void afterAnUploadThroughTheStandbyReadingServerItsOwnReadsShowIt() throws Exception {
        awaitHealth(serverB, h -> "standby".equals(h.path("standby").path("reads").asText()));
        try (Connection c = standbyReads.reads().getConnection()) {
            assertTrue(inRecovery(c), "caught up, reads are the standby's");
        }
        double before = footprint(serverB);
        pair.pauseReplay();
        try {
            HttpResponse<String> r = upload(serverB, "OWN-B", 2);
            assertEquals(201, r.statusCode(), r.body());
            // no wait: the very next reads show the upload
            assertTrue(footprint(serverB) > before, "figures after the upload show the state before it");
            assertTrue(hazardIds(serverB, LAYER).contains("OWN-B-0"), "the map layer lacks the upload");
            assertTrue(hazardIds(serverB, ITEMS).contains("OWN-B-" + (FEATURES - 1)), "the OGC items lack the upload");
            try (Connection c = standbyReads.reads().getConnection()) {
                assertFalse(inRecovery(c), "while the standby is behind, reads are the primary's");
            }
            JsonNode health = awaitHealth(serverB, h -> h.path("standby").path("lagBytes").asLong() > 0);
            assertEquals("up", health.path("standby").path("state").asText(), health.toString());
            assertTrue(health.path("standby").path("catchingUp").asBoolean(), health.toString());
        } finally {
            pair.resumeReplay();
        }
        JsonNode health = awaitHealth(serverB, h -> "standby".equals(h.path("standby").path("reads").asText()));
        assertEquals(0, health.path("standby").path("lagBytes").asLong(), health.toString());
        assertTrue(standbyHas("OWN-B-0"));
    }

    private record Answer(String what, int status, int phase, String body, String retryAfter) {
    }

    private record Attempt(String prefix, int status) {
    }

    @Test
    @Order(3)
    void whileTheNoticesAreNotHeardReadsGoToThePrimary() throws Exception {
        try (Database db = Database.open(pair.config(true))) {
            db.reads().hearsWritesWhile(() -> false);
            try (Connection c = db.reads().getConnection()) {
                assertFalse(inRecovery(c), "what other servers wrote is unknown: the primary's");
            }
            db.reads().hearsWritesWhile(() -> true);
            try (Connection c = db.reads().getConnection()) {
                assertTrue(inRecovery(c), "heard and caught up: the standby's");
            }
        }
    }

    @Test
    @Order(4)
    void aReplayLagOverTheSettingIsLoggedAndSoIsItsEnd() throws Exception {
        var captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try (Database db = Database.open(pair.config(true, java.util.Map.of("STANDBY_LAG_WARN_S", "1")))) {
            pair.pauseReplay();
            try {
                try (Connection c = pair.connectPrimary(); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS lag_probe (at timestamptz); INSERT INTO lag_probe VALUES (now())");
                }
                awaitCondition(() -> captured.toString(java.nio.charset.StandardCharsets.UTF_8)
                        .contains("(STANDBY_LAG_WARN_S)"), "a warning of the replay lag");
                assertTrue(db.standbyState().get("lagSeconds") instanceof Double lag && lag > 1, db.standbyState().toString());
            } finally {
                pair.resumeReplay();
            }
            awaitCondition(() -> captured.toString(java.nio.charset.StandardCharsets.UTF_8).contains("back under 1.0 s"),
                    "word that the lag is back under");
        } finally {
            System.setErr(original);
        }
    }

    @Test
    @Order(5)
    void aReadTheStandbyCancelsForReplayAnswers503() throws Exception {
        var config = pair.config(true);
        try (Database db = Database.open(config)) {
            // a read holding a lock on hazard on the standby for 3 s
            java.util.function.Consumer<io.javalin.config.RoutesConfig> probe = routes -> routes.get("/probe/slow-read", ctx -> {
                try (Connection c = db.reads().getConnection(); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT pg_sleep(3), (SELECT count(*) FROM hazard)")) {
                    rs.next();
                    ctx.result("read");
                }
            });
            Javalin server = App.create(config, db, Clock.systemUTC(), probe).start();
            pair.setOnStandby("max_standby_streaming_delay", "200ms");
            try {
                awaitHealth(server, h -> "standby".equals(h.path("standby").path("reads").asText()));
                var answer = CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(url(server, "/probe/slow-read")))
                        .timeout(NO_HANG).build(), HttpResponse.BodyHandlers.ofString());
                awaitCondition(() -> slowReadRunsOnStandby(), "the slow read running on the standby");
                // replaying this lock conflicts with the read: the standby cancels the read after 200 ms
                try (Connection c = pair.connectPrimary(); Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    s.execute("LOCK TABLE hazard IN ACCESS EXCLUSIVE MODE");
                    c.commit();
                }
                HttpResponse<String> r = answer.get(30, TimeUnit.SECONDS);
                assertEquals(503, r.statusCode(), r.body());
                assertTrue(r.headers().firstValue("Retry-After").isPresent());
            } finally {
                pair.setOnStandby("max_standby_streaming_delay", null);
                server.stop();
            }
        }
    }

    private static boolean slowReadRunsOnStandby() {
        try (Connection c = pair.connectStandby(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                        + "AND query LIKE 'SELECT pg_sleep(3)%'")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    @Test
    @Order(6)
    void theStandbyThenThePrimaryStoppedDuringReadsAndUploadsGiveOnly2xxOr503AndLoseNothing() throws Exception {
        // phases: 0 both up, 1 standby stopped, 2 both up, 3 primary stopped, 4 primary back
        AtomicInteger phase = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        var answers = new ConcurrentLinkedQueue<Answer>();
        var attempts = new ConcurrentLinkedQueue<Attempt>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        var jobs = new ArrayList<Future<?>>();
        List<String> reads = List.of(LAYER, ITEMS, "/tiles/hazards/8/202/113.mvt");
        for (int r = 0; r < 2; r++) {
            final int reader = r;
            jobs.add(threads.submit(() -> {
                for (int i = reader; !stop.get(); i++) {
                    String path = reads.get(i % reads.size());
                    answers.add(call(HttpRequest.newBuilder(URI.create(url(serverB, path))).GET(), "GET " + path, phase));
                    pause(20);
                }
                return null;
            }));
        }
        for (int u = 0; u < 2; u++) {
            final int uploader = u;
            jobs.add(threads.submit(() -> {
                for (int n = 0; !stop.get(); n++) {
                    String prefix = "FAULT-" + uploader + "-" + n;
                    Answer a = call(uploadRequest(serverB, prefix, 100 + uploader * 1000 + n), "POST " + prefix, phase);
                    answers.add(a);
                    attempts.add(new Attempt(prefix, a.status()));
                    pause(50);
                }
                return null;
            }));
        }
        try {
            awaitAnswer(answers, 0, 200, "GET");
            awaitAnswer(answers, 0, 201, "POST");
            pair.stopStandby();
            phase.set(1);
            awaitHealth(serverB, h -> "down".equals(h.path("standby").path("state").asText()));
            int mark = answers.size();
            awaitAnswerAfter(answers, mark, 200, "GET");
            awaitAnswerAfter(answers, mark, 201, "POST");
            pair.startStandby();
            phase.set(2);
            awaitHealth(serverB, h -> "standby".equals(h.path("standby").path("reads").asText()));
            pair.stopPrimary();
            phase.set(3);
            awaitHealth(serverB, h -> "read-only".equals(h.path("status").asText()));
            mark = answers.size();
            awaitAnswerAfter(answers, mark, 200, "GET");
            awaitAnswerAfter(answers, mark, 503, "POST");
            pair.startPrimary();
            phase.set(4);
            awaitHealth(serverB, h -> "ok".equals(h.path("status").asText()));
            mark = answers.size();
            awaitAnswerAfter(answers, mark, 201, "POST");
            awaitAnswerAfter(answers, mark, 200, "GET");
        } finally {
            stop.set(true);
            for (Future<?> job : jobs) {
                job.get(NO_HANG.toSeconds() + 10, TimeUnit.SECONDS);
            }
            threads.shutdown();
        }

        int[] ok = new int[5];
        int[] unavailable = new int[5];
        for (Answer a : answers) {
            if (a.status() == 503) {
                unavailable[a.phase()]++;
                assertNotEquals(null, a.retryAfter(), a.what() + ": 503 without Retry-After");
            } else if (a.status() >= 200 && a.status() < 300) {
                ok[a.phase()]++;
            } else {
                fail(a.what() + " in phase " + a.phase() + " answered " + a.status() + ": " + a.body());
            }
        }
        System.out.printf("2xx per phase %s, 503 per phase %s%n", java.util.Arrays.toString(ok),
                java.util.Arrays.toString(unavailable));
        assertNothingLostOrHalfWritten(attempts);
    }

    @Test
    @Order(7)
    void afterASwitchoverToThePromotedStandbyAServerOnItHasEveryUploadAndTakesNewOnes() throws Exception {
        long before;
        try (Connection c = pair.connectPrimary()) {
            before = hazardCount(c);
        }
        serverB.stop();
        serverB = null;
        serverA.stop();
        serverA = null;
        // a clean stop of the primary sends the standby everything committed; then the standby is promoted
        pair.stopPrimary();
        pair.promoteStandby();
        var promoted = pair.config(false).withDatabase(pair.standbyUrl(), StandbyPair.USER, StandbyPair.PASSWORD);
        try (Database db = Database.open(promoted)) {
            db.awaitReachable(Duration.ofSeconds(30));
            db.migrate();
            Javalin server = App.create(promoted, db, Clock.systemUTC()).start();
            try {
                awaitHealth(server, h -> "ok".equals(h.path("status").asText()));
                try (Connection c = db.dataSource().getConnection()) {
                    assertEquals(before, hazardCount(c), "the promoted standby lacks committed hazards");
                }
                HttpResponse<String> r = upload(server, "PROMOTED", 7);
                assertEquals(201, r.statusCode(), r.body());
                assertTrue(hazardIds(server, LAYER).contains("PROMOTED-0"));
            } finally {
                server.stop();
            }
        }
    }

    /** Every acknowledged upload is whole on the primary, and on the standby once it has replayed; no other is half there. */
    private static void assertNothingLostOrHalfWritten(Iterable<Attempt> attempts) throws Exception {
        long primaryTotal;
        try (Connection c = pair.connectPrimary();
                PreparedStatement count = c.prepareStatement(
                        "SELECT count(*) FROM hazard WHERE iso3 = 'LAO' AND external_id LIKE ? || '-%'")) {
            int acknowledged = 0;
            for (Attempt attempt : attempts) {
                count.setString(1, attempt.prefix());
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    long n = rs.getLong(1);
                    if (attempt.status() == 201) {
                        acknowledged++;
                        assertEquals(FEATURES, n, "acknowledged upload " + attempt.prefix() + " is not whole");
                    } else {
                        assertTrue(n == 0 || n == FEATURES, attempt.prefix() + " is half-written: " + n);
                    }
                }
            }
            assertTrue(acknowledged > 0, "no upload was acknowledged");
            primaryTotal = hazardCount(c);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Connection c = pair.connectStandby()) {
                if (hazardCount(c) == primaryTotal) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                fail("the standby never replayed every upload");
            }
            pause(200);
        }
    }

    private static long hazardCount(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM hazard")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitAnswer(ConcurrentLinkedQueue<Answer> answers, int phase, int status, String what) {
        awaitCondition(() -> answers.stream().anyMatch(a -> a.phase() == phase && a.status() == status
                && a.what().startsWith(what)), what + " answering " + status + " in phase " + phase);
    }

    private static void awaitAnswerAfter(ConcurrentLinkedQueue<Answer> answers, int mark, int status, String what) {
        awaitCondition(() -> answers.stream().skip(mark).anyMatch(a -> a.status() == status && a.what().startsWith(what)),
                what + " answering " + status);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("never: " + what);
            }
            pause(50);
        }
    }

    private static Answer call(HttpRequest.Builder request, String what, AtomicInteger phase) {
        int at = phase.get();
        try {
            HttpResponse<String> r = CLIENT.send(request.timeout(NO_HANG).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(what, r.statusCode(), at, r.body(), r.headers().firstValue("Retry-After").orElse(null));
        } catch (Exception e) {
            return new Answer(what, -1, at, e.toString(), null);
        }
    }

    private static boolean standbyHas(String externalId) throws Exception {
        try (Connection c = pair.connectStandby();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM hazard WHERE external_id = ?")) {
            s.setString(1, externalId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static boolean inRecovery(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static double awaitFootprintAbove(Javalin server, double before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            double now = footprint(server);
            if (now > before) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                fail("the figures never showed the upload: still " + now);
            }
            pause(50);
        }
    }

    private static JsonNode awaitHealth(Javalin server, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(server, "/health");
            last = JSON.readTree(r.body());
            if (condition.test(last)) {
                return last;
            }
            pause(100);
        }
        throw new AssertionError("/health never became what was awaited; last: " + last);
    }

    private static double footprint(Javalin server) throws Exception {
        HttpResponse<String> r = get(server, FIGURES);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("footprintSqm").asDouble();
    }

    private static List<String> hazardIds(Javalin server, String path) throws Exception {
        HttpResponse<String> r = get(server, path);
        assertEquals(200, r.statusCode(), r.body());
        var ids = new ArrayList<String>();
        for (JsonNode f : JSON.readTree(r.body()).get("features")) {
            JsonNode id = f.path("properties").path("externalId");
            ids.add(id.isMissingNode() ? f.path("properties").path("external_id").asText() : id.asText());
        }
        return ids;
    }

    private static HttpResponse<String> upload(Javalin server, String prefix, int seed) throws Exception {
        return CLIENT.send(uploadRequest(server, prefix, seed).timeout(NO_HANG).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder uploadRequest(Javalin server, String prefix, int seed) {
        return HttpRequest.newBuilder(URI.create(url(server, "/api/state-parties/LAO/hazards")))
                .header("Content-Type", "application/geo+json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(HazardFiles.laoFile(prefix, FEATURES, seed)));
    }

    private static HttpResponse<String> get(Javalin server, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url(server, path))).timeout(NO_HANG).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String url(Javalin server, String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
