package org.clearancemap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clearancemap.auth.Role;
import org.clearancemap.testing.HazardFiles;
import org.clearancemap.testing.RawHttp;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Reliability test 2: the real server, started as its own JVM ({@code org.clearancemap.Main} on the
 * test class path) over a fresh test database, is killed with SIGKILL while a large upload is on
 * its way: before the body, in the middle of the body, right after the whole body, while the
 * upload's transaction is open in PostgreSQL, and just after it answered 201. After each kill the server is started again; the
 * upload is then wholly present (all its hazards under one upload row with matching counts) or
 * wholly absent (and present when it had answered 201), and a file killed on its way is accepted
 * whole when sent again.
 */
@org.junit.jupiter.api.Timeout(600) // stops a hang; nothing here measures time
class ServerKilledDuringUploadTest {
    private static final int FEATURES = 6_000;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private enum Moment { BEFORE_BODY, DURING_BODY, AFTER_BODY, DURING_DATABASE_WRITE, AFTER_THE_ANSWER }

    /** The servers' java.io.tmpdir, this test's own, so that what they leave behind can be checked. */
    @org.junit.jupiter.api.io.TempDir
    Path serverTmp;

    @Test
    void anUploadKilledAtAnyMomentIsWhollyPresentOrWhollyAbsentAfterARestart() throws Exception {
        long started = System.nanoTime();
        try (TestDatabase db = TestDatabase.create(ServerKilledDuringUploadTest.class)) {
            String token = new Tokens(db).issue("kill test", Role.OPERATOR, "LAO");
            Path log = Files.createTempFile("killed-server-", ".log");
            Process server = startServer(db, log);
            try {
                for (Moment moment : Moment.values()) {
                    String prefix = "KILL-" + moment.ordinal();
                    byte[] file = HazardFiles.laoFile(prefix, FEATURES, moment.ordinal()).getBytes(StandardCharsets.UTF_8);
                    int port = port(server);
                    boolean killedInWrite = uploadAndKill(server, port, token, file, moment, db);
                    server = startServer(db, log);
                    assertOnlyLiveServersLeaveTemporaryFiles(moment);
                    awaitNoOpenUpload(db);
                    long present = check(db, prefix);
                    System.out.printf("killed %s%s: %s afterwards%n", moment,
                            killedInWrite ? " (transaction seen open)" : "", present == 0 ? "absent" : "present");
                    if (moment == Moment.BEFORE_BODY || moment == Moment.DURING_BODY) {
                        assertEquals(0, present, moment + ": an upload whose body never arrived was stored");
                    }
                    if (moment == Moment.AFTER_THE_ANSWER) {
                        assertEquals(FEATURES, present, "an acknowledged upload was lost with the server");
                    }
                    if (moment == Moment.DURING_DATABASE_WRITE) {
                        assertTrue(killedInWrite, "the upload's transaction was never seen open");
                        assertEquals(0, present, "an upload killed inside its transaction was stored");
                    }
                }
                // nothing of the killed uploads blocks the next: a file killed on its way is accepted whole now
                String prefix = "KILL-" + Moment.DURING_DATABASE_WRITE.ordinal();
                byte[] file = HazardFiles.laoFile(prefix, FEATURES, Moment.DURING_DATABASE_WRITE.ordinal())
                        .getBytes(StandardCharsets.UTF_8);
                long kept = check(db, prefix);
                HttpResponse<String> again = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port(server) + "/api/state-parties/LAO/hazards"))
                        .header("Content-Type", "application/geo+json").header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(kept == 0 ? 201 : 200, again.statusCode(), again.body());
                assertEquals(FEATURES, check(db, prefix));
            } finally {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        }
        System.out.println("kill test took " + (System.nanoTime() - started) / 1_000_000_000 + " s");
    }

    /** Sends the upload up to the moment, then SIGKILLs the server; true when the kill fell inside the open transaction. */
    private boolean uploadAndKill(Process server, int port, String token, byte[] file, Moment moment, TestDatabase db)
            throws Exception {
        boolean inWrite = false;
        try (RawHttp http = new RawHttp(port, 60_000)) {
            http.send(RawHttp.postHead("/api/state-parties/LAO/hazards", file.length,
                    "Content-Type: application/geo+json", "Authorization: Bearer " + token));
            switch (moment) {
                case BEFORE_BODY -> Thread.sleep(200);
                case DURING_BODY -> {
                    http.send(java.util.Arrays.copyOfRange(file, 0, file.length / 2));
                    Thread.sleep(200);
                }
                case AFTER_BODY -> http.send(file);
                case AFTER_THE_ANSWER -> {
                    http.send(file);
                    RawHttp.Response r = http.read();
                    assertEquals(201, r.status(), r.text());
                }
                case DURING_DATABASE_WRITE -> {
                    // the test holds a lock on the hazard table that the upload's COPY must wait for, so the
                    // kill falls inside the upload's open transaction for certain, however fast the machine
                    try (Connection blocker = db.connect(); Statement st = blocker.createStatement()) {
                        blocker.setAutoCommit(false);
                        st.execute("LOCK TABLE hazard IN SHARE MODE");
                        http.send(file);
                        while (!uploadWaitsInItsTransaction(db)) {
                            Thread.sleep(5);
                        }
                        inWrite = true;
                        server.destroyForcibly(); // SIGKILL, while the upload's transaction waits on the lock
                        assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the server did not die");
                        blocker.rollback();
                    }
                }
            }
            server.destroyForcibly(); // SIGKILL
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the server did not die");
        }
        return inWrite;
    }

    /**
     * True while a session holding an upload's advisory lock (its transaction is open) waits for a
     * lock on the hazard table, in this test's database.
     */
    private static boolean uploadWaitsInItsTransaction(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT count(*) FROM pg_locks waiting
                       JOIN pg_locks advisory ON advisory.pid = waiting.pid
                      WHERE NOT waiting.granted AND waiting.relation = 'hazard'::regclass
                        AND advisory.locktype = 'advisory' AND advisory.granted
                        AND advisory.database = (SELECT oid FROM pg_database WHERE datname = current_database())""")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** The restarted server removed the killed one's temporary upload files (a folder per server process). */
    private void assertOnlyLiveServersLeaveTemporaryFiles(Moment moment) throws Exception {
        try (var entries = Files.list(serverTmp)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                assertTrue(name.startsWith("clearance-map-"), "unexpected " + entry);
                long pid = Long.parseLong(name.substring("clearance-map-".length()));
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                        moment + ": the killed server's temporary files are still there: " + entry);
            }
        }
    }

    /** PostgreSQL rolls back a killed server's transaction once it notices the lost connection. */
    private static void awaitNoOpenUpload(TestDatabase db) throws Exception {
        while (uploadTransactionOpen(db)) {
            Thread.sleep(50);
        }
    }

    /** True while some session holds an upload's advisory lock (an upload's transaction is open) in this test's database. */
    private static boolean uploadTransactionOpen(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                     + " WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** The number of hazards of this upload: 0, or all of them under one upload row that counts them all. */
    private static long check(TestDatabase db, String prefix) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            long count;
            long uploads;
            long uploadId;
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT upload_id), min(upload_id) FROM hazard"
                    + " WHERE external_id LIKE '" + prefix + "-%'")) {
                rs.next();
                count = rs.getLong(1);
                uploads = rs.getLong(2);
                uploadId = rs.getLong(3);
            }
            assertTrue(count == 0 || count == FEATURES, prefix + " is half-written: " + count + " of " + FEATURES);
            if (count == 0) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM upload u WHERE NOT EXISTS"
                        + " (SELECT 1 FROM hazard h WHERE h.upload_id = u.id)")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), "an upload row without its hazards");
                }
                return 0;
            }
            assertEquals(1, uploads, prefix + " spread over several uploads");
            try (ResultSet rs = st.executeQuery("SELECT features, inserted FROM upload WHERE id = " + uploadId)) {
                assertTrue(rs.next(), prefix + ": hazards without their upload row");
                assertEquals(FEATURES, rs.getInt(1));
                assertEquals(FEATURES, rs.getInt(2));
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_event WHERE upload_id = " + uploadId)) {
                rs.next();
                assertEquals(1, rs.getLong(1), prefix + ": audit events of the upload");
            }
            return count;
        }
    }

    private final java.util.Map<Process, Integer> ports = new java.util.HashMap<>();

    private int port(Process server) {
        return ports.get(server);
    }

    /** The server as production runs it, in its own JVM, on a free port; returns once /health says ok. */
    private Process startServer(TestDatabase db, Path log) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Djava.io.tmpdir=" + serverTmp, "-cp", classPath, "org.clearancemap.Main", "serve"));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.appendTo(log.toFile()));
        var env = builder.environment();
        env.put("DATABASE_URL", db.config().databaseUrl());
        env.put("DATABASE_USER", db.config().databaseUser());
        env.put("DATABASE_PASSWORD", db.config().databasePassword());
        env.put("HOST", "127.0.0.1");
        env.put("PORT", String.valueOf(port));
        env.put("LOG_LEVEL", "warn");
        Process p = builder.start();
        ports.put(p, port);
        while (true) { // until /health answers, or the process ends (a hang is stopped by the class timeout)
            assertTrue(p.isAlive(), "the server process ended: see " + log + "\n" + tail(log));
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(File.separator.equals("/") ? "\n" : "\r\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
