package org.clearancemap.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import io.javalin.config.RoutesConfig;
import org.clearancemap.App;
import org.clearancemap.auth.Role;
import org.clearancemap.config.Config;

/** The real server on a free loopback port over a {@link TestDatabase}, called over real HTTP. */
public final class TestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Javalin app;
    private final App.Serving serving;
    private final Thread warmUp;
    private volatile String defaultToken;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Javalin app) {
        this.app = app;
        this.serving = null;
        this.warmUp = null;
    }

    private TestServer(App.Serving serving) {
        this.app = serving.app();
        this.serving = serving;
        this.warmUp = new Thread(serving.warmUp(), "test warm-up");
    }

    /**
     * The server as {@code serve} runs it: once it listens, today's figures and aggregates of every
     * State Party are computed in the background, and again for each State Party a write touches.
     */
    public static TestServer serving(TestDatabase db) {
        TestServer server = new TestServer(App.createServing(db.config(), db.database(), Clock.systemUTC()));
        server.app.start();
        server.warmUp.start();
        return server;
    }

    /** Waits for the first warm-up after start (a server made by {@link #serving}). */
    public void awaitWarmUp() throws InterruptedException {
        warmUp.join();
    }

    /** The background computation of a server made by {@link #serving}. */
    public org.clearancemap.progress.Warming warming() {
        return serving.warming();
    }

    public static TestServer start(TestDatabase db, Clock clock) {
        Javalin app = App.create(db.config(), db.database(), clock);
        app.start();
        return new TestServer(app);
    }

    /**
     * A server over {@code db} with settings from {@code env} (as the environment would give them,
     * e.g. {@code READ_REQUIRES_TOKEN}) and extra routes, e.g. probe write routes.
     */
    public static TestServer start(TestDatabase db, Map<String, String> env, Consumer<RoutesConfig> extraRoutes) {
        Config config = Config.fromEnv(env).withDatabase(db.config().databaseUrl(), db.config().databaseUser(),
                db.config().databasePassword()).withPort(0);
        Javalin app = App.create(config, db.database(), Clock.systemUTC(), extraRoutes);
        app.start();
        return new TestServer(app);
    }

    public static TestServer start(TestDatabase db) {
        return start(db, Clock.systemUTC());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET {@code path}, its body as bytes (documents: zip, PDF, DOCX, XLSX). */
    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET {@code path}, which must answer 200, as a JSON tree (an assertion error names the path and the body otherwise). */
    public JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        if (defaultToken != null && built.headers().firstValue("Authorization").isEmpty()) {
            built = HttpRequest.newBuilder(built, (name, value) -> true)
                    .header("Authorization", "Bearer " + defaultToken).build();
        }
        return client.send(built, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * From now on, requests sent through {@link #send} without an Authorization header carry a new
     * admin token (for tests of what writes do, not of who may write).
     */
    public TestServer asAdmin(TestDatabase db) {
        defaultToken = new Tokens(db).issue("test admin", Role.ADMIN);
        return this;
    }

    /** The token {@link #asAdmin} issued. */
    public String token() {
        return defaultToken;
    }

    @Override
    public void close() {
        app.stop();
    }
}
