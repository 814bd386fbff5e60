package org.clearancemap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.clearancemap.audit.AuditRepository;
import org.clearancemap.audit.AuditRoutes;
import org.clearancemap.auth.Auth;
import org.clearancemap.auth.AuthRoutes;
import org.clearancemap.auth.SecurityHeaders;
import org.clearancemap.auth.TokenRepository;
import org.clearancemap.db.Database;
import org.clearancemap.hazard.HazardRepository;
import org.clearancemap.http.Json;
import org.clearancemap.http.Problem;
import org.clearancemap.http.ProblemMapper;
import org.clearancemap.http.RequestIds;
import org.clearancemap.map.MapLayerRoutes;
import org.clearancemap.release.ReleaseRepository;
import org.clearancemap.stateparty.StatePartyRepository;
import org.clearancemap.stateparty.StatePartyRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the HTTP application from its dependencies; every route is listed here. */
public final class App {
    private static final Logger REQUEST_LOG = LoggerFactory.getLogger("request");

    private App() {
    }

    /** The server, configured but not started. */
    public static Javalin create(Config config, Database database, Clock clock) {
        return create(config, database, clock, routes -> { });
    }

    /** The same with extra routes after the listed ones (tests add probe routes this way). */
    public static Javalin create(Config config, Database database, Clock clock, Consumer<RoutesConfig> extraRoutes) {
        ObjectMapper json = Json.mapper();
        var stateParties = new StatePartyRoutes(new StatePartyRepository(database.dataSource()), clock);
        var layers = new MapLayerRoutes(new HazardRepository(database.dataSource()),
                new ReleaseRepository(database.dataSource()), clock, config.maxFeaturesPerPage());
        var tokens = new TokenRepository(database.dataSource());
        var auth = new Auth(tokens, config);
        var authRoutes = new AuthRoutes(tokens, auth);
        var auditRoutes = new AuditRoutes(new AuditRepository(database.dataSource()));

        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.jetty.modifyServer(server -> server.setStopTimeout(10_000));
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            new ProblemMapper(json).install(cfg);
            cfg.requestLogger.http((ctx, ms) -> REQUEST_LOG.info("{} {} {} {} ms id={}", ctx.method(), ctx.path(),
                    ctx.status().getCode(), Math.round(ms), RequestIds.of(ctx)));
            cfg.routes.before(RequestIds::of);

            // trust (#7): security headers and CORS, tokens -> principal; guards are Access.require* in each route
            new SecurityHeaders(config.corsOrigins()).install(cfg);
            auth.install(cfg);
            cfg.routes.get("/api/me", authRoutes::me);
            cfg.routes.get("/api/tokens", authRoutes::list);
            cfg.routes.delete("/api/tokens/{id}", authRoutes::revoke);
            cfg.routes.get("/api/audit", auditRoutes::list);

            cfg.routes.get("/health", ctx -> health(ctx, database, json));
            cfg.routes.get("/api/state-parties", stateParties::list);
            cfg.routes.get("/api/state-parties/{iso3}", stateParties::one);
            cfg.routes.get("/api/hazards", layers::hazards);
            cfg.routes.get("/api/releases", layers::releases);
            extraRoutes.accept(cfg.routes);
        });
    }

    private static void health(Context ctx, Database database, ObjectMapper json) throws Exception {
        if (database.isUp()) {
            ctx.json(Map.of("status", "ok", "database", "up"));
        } else {
            ctx.status(503).contentType(Problem.CONTENT_TYPE).result(json.writeValueAsBytes(
                    Problem.of(503, "service-unavailable", "Service unavailable",
                            "The database is unreachable; the server keeps retrying.", ctx.path(),
                            Map.of("database", "down"))));
        }
    }
}
