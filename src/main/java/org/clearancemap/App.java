package org.clearancemap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.Map;
import org.clearancemap.db.Database;
import org.clearancemap.hazard.HazardRepository;
import org.clearancemap.http.Json;
import org.clearancemap.http.Problem;
import org.clearancemap.http.ProblemMapper;
import org.clearancemap.http.RequestIds;
import org.clearancemap.map.MapLayerRoutes;
import org.clearancemap.progress.AreaEngine;
import org.clearancemap.progress.MappedLandRepository;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.progress.ProgressRoutes;
import org.clearancemap.release.ReleaseRepository;
import org.clearancemap.report.ReportRoutes;
import org.clearancemap.stateparty.CoordinatorAccess;
import org.clearancemap.stateparty.StatePartyRepository;
import org.clearancemap.stateparty.TreatyRecordRepository;
import org.clearancemap.stateparty.TreatyRecordRoutes;
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
        ObjectMapper json = Json.mapper();
        var statePartyRecords = new StatePartyRepository(database.dataSource());
        var progress = new ProgressCache(new MappedLandRepository(database.dataSource()),
                new AreaEngine(config.sliverToleranceM()));
        var stateParties = new StatePartyRoutes(statePartyRecords, progress, config.rateYears(), clock);
        var progressRoutes = new ProgressRoutes(statePartyRecords, progress, config.rateYears(), clock);
        var treatyRecords = new TreatyRecordRoutes(new TreatyRecordRepository(database.dataSource()),
                statePartyRecords, progress, CoordinatorAccess.OPEN, json, clock);
        var reports = new ReportRoutes(statePartyRecords, database.dataSource(), progress, config.rateYears(), clock);
        var layers = new MapLayerRoutes(new HazardRepository(database.dataSource()),
                new ReleaseRepository(database.dataSource()), clock, config.maxFeaturesPerPage());

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

            cfg.routes.get("/health", ctx -> health(ctx, database, json));
            cfg.routes.get("/api/state-parties", stateParties::list);
            cfg.routes.get("/api/state-parties/{iso3}", stateParties::one);
            // progress and deadlines (issue 4)
            cfg.routes.get("/api/state-parties/{iso3}/remaining", progressRoutes::remaining);
            cfg.routes.get("/api/deadlines", progressRoutes::deadlines);
            cfg.routes.post("/api/state-parties", treatyRecords::addStateParty);
            cfg.routes.post("/api/state-parties/{iso3}/extension-requests", treatyRecords::addExtensionRequest);
            cfg.routes.post("/api/state-parties/{iso3}/extension-requests/{id}/decision",
                    treatyRecords::decideExtensionRequest);
            cfg.routes.post("/api/state-parties/{iso3}/reported-figures", treatyRecords::addReportedFigure);
            cfg.routes.put("/api/state-parties/{iso3}/milestones/{year}", treatyRecords::setMilestone);
            cfg.routes.post("/api/state-parties/{iso3}/completion", treatyRecords::declareCompletion);
            cfg.routes.get("/api/state-parties/{iso3}/reports/article7", reports::article7);
            cfg.routes.get("/api/state-parties/{iso3}/reports/extension-request", reports::extensionRequest);
            cfg.routes.get("/api/hazards", layers::hazards);
            cfg.routes.get("/api/releases", layers::releases);
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
