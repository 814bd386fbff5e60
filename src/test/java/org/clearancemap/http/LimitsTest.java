package org.clearancemap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.clearancemap.App;
import org.clearancemap.config.Config;
import org.clearancemap.db.DataAccessException;
import org.clearancemap.db.Database;
import org.clearancemap.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The database limits as a client sees them: a statement cancelled by {@code DB_STATEMENT_TIMEOUT_MS}
 * and a database that does not answer at all are both a quick {@code 503} problem with
 * {@code Retry-After}, never SQL text, and the server works again afterwards.
 *
 * <p>The slow statement is a real {@code pg_sleep} on the real database, through a probe route that
 * only this test adds ({@link App#create(Config, Database, Clock, java.util.function.Consumer)}'s
 * extra routes); the production server has no such route.
 */
class LimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> get(Javalin app, String path) throws Exception {
        // the request timeout is the "no hang" bound: far above the pool's 3 s connection timeout
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRetryableProblem(HttpResponse<String> r) throws Exception {
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                r.headers().toString());
        int retryAfter = Integer.parseInt(r.headers().firstValue("Retry-After").orElse("-1"));
        assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);
        String lower = r.body().toLowerCase(Locale.ROOT);
        for (String internal : List.of("select", "pg_sleep", "57014", "sqlstate", "canceling statement",
                "org.postgresql", "hikari", "exception", "\tat ")) {
            assertFalse(lower.contains(internal), "the problem shows '" + internal + "': " + r.body());
        }
    }

    @Test
    void aStatementCancelledByTheStatementTimeoutIs503DatabaseTimeoutWithRetryAfter() throws Exception {
        try (TestDatabase db = TestDatabase.create(LimitsTest.class)) {
            Config tight = Config.fromEnv(Map.of("DB_STATEMENT_TIMEOUT_MS", "300"))
                    .withDatabase(db.config().databaseUrl(), db.config().databaseUser(), db.config().databasePassword())
                    .withPort(0);
            try (Database database = Database.open(tight)) {
                Javalin app = App.create(tight, database, Clock.systemUTC(), (io.javalin.config.RoutesConfig routes) -> routes.get("/test/slow", ctx -> {
                    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
                        st.execute("SELECT pg_sleep(10)");
                        ctx.result("finished");
                    } catch (SQLException e) {
                        throw new DataAccessException("sleeping", e);
                    }
                })).start();
                try {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = get(app, "/test/slow");
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    System.out.println("statement timeout 300 ms: answered " + r.statusCode() + " after " + ms + " ms");
                    assertRetryableProblem(r);
                    JsonNode problem = JSON.readTree(r.body());
                    assertEquals("Database timeout", problem.get("title").asText());
                    assertEquals(503, problem.get("status").asInt());
                    assertTrue(problem.get("type").asText().endsWith("database-timeout"), r.body());

                    // the cancelled statement did not poison the pool: ordinary requests work at once
                    assertEquals(200, get(app, "/health").statusCode());
                    HttpResponse<String> list = get(app, "/api/state-parties");
                    assertEquals(200, list.statusCode(), list.body());
                } finally {
                    app.stop();
                }
            }
        }
    }

    @Test
    void aDatabaseThatAcceptsButNeverAnswersIs503SoonNotAHang() throws Exception {
        // a "half-dead" database host: TCP connects, nothing ever comes back
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!blackHole.isClosed()) {
                    try {
                        held.add(blackHole.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "black-hole");
            acceptor.setDaemon(true);
            acceptor.start();
            Config nowhere = Config.fromEnv(Map.of()).withPort(0)
                    .withDatabase("jdbc:postgresql://127.0.0.1:" + blackHole.getLocalPort() + "/none", "nobody", "x");
            try (Database database = Database.open(nowhere)) {
                Javalin app = App.create(nowhere, database, Clock.systemUTC()).start();
                try {
                    for (String path : List.of("/api/state-parties", "/api/deadlines", "/health")) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = get(app, path);
                        System.out.println("black-hole database: " + path + " answered " + r.statusCode() + " after "
                                + (System.nanoTime() - t0) / 1_000_000 + " ms");
                        assertRetryableProblem(r);
                    }
                    assertFalse(held.isEmpty(), "the server never even tried the database");
                } finally {
                    app.stop();
                }
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
