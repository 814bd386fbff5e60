package org.clearancemap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import io.javalin.Javalin;
import org.clearancemap.App;
import org.clearancemap.config.Config;
import org.clearancemap.testing.TcpProxy;
import org.clearancemap.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {
    private final HttpClient client = HttpClient.newHttpClient();

    private int get(Javalin app, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void healthTurns503WhileTheDatabaseIsUnreachableAndRecoversByItself() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseOutageTest.class)) {
            URI target = URI.create(db.config().databaseUrl().substring("jdbc:".length()));
            try (TcpProxy proxy = new TcpProxy(target.getPort())) {
                Config viaProxy = db.config().withDatabase(
                        "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath(),
                        db.config().databaseUser(), db.config().databasePassword());
                try (Database database = Database.open(viaProxy)) {
                    Javalin app = App.create(viaProxy, database, Clock.systemUTC()).start();
                    try {
                        assertEquals(200, get(app, "/health"));
                        assertEquals(200, get(app, "/api/state-parties"));

                        proxy.cut();
                        long t0 = System.nanoTime();
                        assertEquals(503, get(app, "/health"));
                        assertEquals(503, get(app, "/api/state-parties"));
                        long answeredWithinMs = (System.nanoTime() - t0) / 1_000_000;
                        System.out.println("answered 503 twice in " + answeredWithinMs + " ms");

                        proxy.start();
                        int status = 0;
                        for (int i = 0; i < 60 && status != 200; i++) {
                            Thread.sleep(250);
                            status = get(app, "/health");
                        }
                        assertEquals(200, status, "health did not recover within 15 s of the database returning");
                        assertEquals(200, get(app, "/api/state-parties"));
                    } finally {
                        app.stop();
                    }
                }
            }
        }
    }

    @Test
    void aServerStartedWithoutADatabaseStillAnswers503() throws Exception {
        Config nowhere = Config.fromEnv(Map.of()).withPort(0)
                .withDatabase("jdbc:postgresql://127.0.0.1:1/none", "nobody", "x");
        try (Database database = Database.open(nowhere)) {
            Javalin app = App.create(nowhere, database, Clock.systemUTC()).start();
            try {
                assertEquals(503, get(app, "/health"));
                assertTrue(get(app, "/api/state-parties") == 503);
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void healthWithoutADatabaseIsAProblemDocumentSayingTheDatabaseIsDown() throws Exception {
        Config nowhere = Config.fromEnv(Map.of()).withPort(0)
                .withDatabase("jdbc:postgresql://127.0.0.1:1/none", "nobody", "x");
        try (Database database = Database.open(nowhere)) {
            Javalin app = App.create(nowhere, database, Clock.systemUTC()).start();
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/health")).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(503, r.statusCode());
                assertEquals("5", r.headers().firstValue("Retry-After").orElse(null));
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
                assertEquals("urn:clearance-map:problem:service-unavailable", body.path("type").asText());
                assertEquals("Service unavailable", body.path("title").asText());
                assertEquals(503, body.path("status").asInt());
                assertEquals("The database is unreachable; the server keeps retrying.", body.path("detail").asText());
                assertEquals("/health", body.path("instance").asText());
                assertEquals("down", body.path("database").asText());
            } finally {
                app.stop();
            }
        }
    }
}
