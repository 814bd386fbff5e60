package org.clearancemap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.clearancemap.coalition.CoalitionRepository;
import org.clearancemap.coalition.CoalitionRoutes;
import org.clearancemap.config.Config;
import org.clearancemap.audit.AuditRepository;
import org.clearancemap.auth.AuditRoutes;
import org.clearancemap.auth.Auth;
import org.clearancemap.auth.AuthRoutes;
import org.clearancemap.auth.SecurityHeaders;
import org.clearancemap.auth.TokenRepository;
import org.clearancemap.db.Database;
import org.clearancemap.http.Json;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.ProblemMapper;
import org.clearancemap.http.RequestIds;
import org.clearancemap.land.LandFeatures;
import org.clearancemap.land.LandRepository;
import org.clearancemap.land.MappedLandRepository;
import org.clearancemap.lap.LapRepository;
import org.clearancemap.lap.LapRoutes;
import org.clearancemap.lap.Measures;
import org.clearancemap.map.AggregateRoutes;
import org.clearancemap.map.ExportRoutes;
import org.clearancemap.map.MapLayerRoutes;
import org.clearancemap.ogc.OgcRoutes;
import org.clearancemap.ogc.RemainingAreas;

import org.clearancemap.progress.Aggregates;
import org.clearancemap.progress.AreaEngine;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.progress.Warming;
import org.clearancemap.auth.RevocationListener;
import org.clearancemap.db.NotificationListener;
import org.clearancemap.report.AnalysisTolerances;
import org.clearancemap.report.ExtensionRequestAnalysis;
import org.clearancemap.report.ReportRoutes;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;
import org.clearancemap.stateparty.ExtensionRequestRepository;
import org.clearancemap.stateparty.ExtensionRequestRoutes;
import org.clearancemap.stateparty.TreatyRecordRepository;
import org.clearancemap.stateparty.TreatyRecordRoutes;
import org.clearancemap.stateparty.StatePartyRoutes;
import org.clearancemap.upload.UploadLimits;
import org.clearancemap.upload.UploadListener;
import org.clearancemap.upload.FeatureFiles;
import org.clearancemap.upload.UploadRoutes;

import org.clearancemap.tiles.TileCache;
import org.clearancemap.tiles.TileRepository;
import org.clearancemap.tiles.TileRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the HTTP application from its dependencies; every route is listed here. */
public final class App {
    private static final Logger REQUEST_LOG = LoggerFactory.getLogger("request");
    private static final Logger WARM_UP_LOG = LoggerFactory.getLogger("warm-up");

    private App() {
    }

    /** The server, configured but not started. */
    public static Javalin create(Config config, Database database, Clock clock) {
        return build(config, database, clock, UploadListener.NONE, routes -> { }).app();
    }

    /**
     * The server as {@code serve} runs it: configured but not started, and {@code warmUp}, to run
     * once it listens, which computes every State Party's figures, balance, aggregates and remaining land for today
     * so that the first requests find them ready (the JIT compiles the area code on the way), and
     * from then on has {@code warming} compute them again for each State Party a write touches.
     * {@code warmUp} returns when the first round is done.
     */
    public record Serving(Javalin app, Runnable warmUp, Warming warming) {
    }

    /** See {@link Serving}. */
    public static Serving createServing(Config config, Database database, Clock clock) {
        return build(config, database, clock, UploadListener.NONE, routes -> { });
    }

    /** The server, configured but not started; {@code uploadListener} hears of every committed upload. */
    public static Javalin create(Config config, Database database, Clock clock, UploadListener uploadListener) {
        return build(config, database, clock, uploadListener, routes -> { }).app();
    }

    /** The same with extra routes after the listed ones (tests add probe routes this way). */
    public static Javalin create(Config config, Database database, Clock clock, Consumer<RoutesConfig> extraRoutes) {
        return build(config, database, clock, UploadListener.NONE, extraRoutes).app();
    }

    /** The server and its warm-up; only {@link #createServing} runs the warm-up. */
    private static Serving build(Config config, Database database, Clock clock, UploadListener uploadListener,
            Consumer<RoutesConfig> extraRoutes) {
        ObjectMapper json = Json.mapper();
        // the reads a hot standby can serve (DATABASE_READ_URL); the rest, and every write, on the primary
        DataSource reads = database.reads();
        var statePartyRecords = new StatePartyRepository(reads);
        var progress = new ProgressCache(new MappedLandRepository(reads),
                new AreaEngine(config.sliverToleranceM(), config.progressThreadCount()));
        // every write that changes figures, made here or heard of, forgets them: first, reads are made
        // to wait for the standby to replay the primary's position, so that any figure kept includes it
        progress.beforeInvalidate(iso3 -> database.reads().awaitReplayOfPrimary());
        var stateParties = new StatePartyRoutes(statePartyRecords, progress, config.rateYears(), clock);
        var treatyRecords = new TreatyRecordRoutes(new TreatyRecordRepository(database.dataSource()),
                statePartyRecords, progress, json, clock);
        var extensionRequestRecords = new ExtensionRequestRepository(database.dataSource());
        var extensionRequests = new ExtensionRequestRoutes(extensionRequestRecords, statePartyRecords, progress, json, clock);
        var analyses = new ExtensionRequestAnalysis(statePartyRecords, extensionRequestRecords, progress, config.rateYears(),
                AnalysisTolerances.of(config.analysisTolerances()), clock);
        var coalitions = new CoalitionRoutes(new CoalitionRepository(database.dataSource()), statePartyRecords,
                extensionRequestRecords, progress, config.rateYears(), json, clock);
        var reports = new ReportRoutes(statePartyRecords, reads, progress, config.rateYears(), clock);
        var lap = new LapRoutes(new LapRepository(database.dataSource(), json), statePartyRecords,
                new Measures(statePartyRecords, extensionRequestRecords, progress, config.rateYears(),
                        config.lapReportedTolerancePercent(), clock), json, clock);
        var cells = new Aggregates(progress);
        var aggregates = new AggregateRoutes(cells, progress, statePartyRecords, clock);
        var layers = new MapLayerRoutes(new LandRepository(reads), clock, config.maxFeaturesPerPage());
        var exports = new ExportRoutes(new LandRepository(reads),
                new FeatureFiles(Duration.ofSeconds(config.ogrTimeoutSeconds())), clock, config.maxFeaturesPerPage());
        var tileCache = new TileCache(config.tileCacheMaxBytes());
        // a committed upload makes that State Party's figures stale: they are recomputed on the next read;
        // and the tiles it can touch (hazards or releases, and remaining) are dropped
        UploadListener afterUpload = iso3 -> {
            progress.invalidate(iso3);
            tileCache.invalidateAll();
            uploadListener.uploaded(iso3);
        };
        var uploads = new UploadRoutes(database.dataSource(), UploadLimits.of(config), afterUpload, clock, json);

        var features = new LandFeatures(reads);
        var remaining = new RemainingAreas(progress, statePartyRecords, reads, json, clock);
        var ogc = new OgcRoutes(features, remaining, json, clock);
        var tokens = new TokenRepository(database.dataSource());
        var auth = new Auth(tokens, config);
        // one connection hears token revocations and writes to the mapped land, whoever makes them
        var notices = new NotificationListener(config.databaseUrl(), config.databaseUser(), config.databasePassword(),
                "token revocations and mapped land changes", Map.of(
                        RevocationListener.CHANNEL, RevocationListener.consumer(auth::forget),
                        ProgressCache.CHANGES, iso3 -> {
                            progress.changed(iso3);
                            tileCache.invalidateAll();
                        }),
                () -> {
                    auth.forgetAll();
                    progress.invalidateAll();
                    tileCache.invalidateAll();
                }, database.reads().hasStandby() ? database.reads()::awaitReplay : null);
        // what others wrote is known only while the notices are heard: reads stay on the primary otherwise
        database.reads().hearsWritesWhile(notices::listening);
        // today's figures, balance, aggregates and remaining land of one State Party, as the page asks for them
        var warming = new Warming(iso3 -> {
            LocalDate today = LocalDate.now(clock);
            stateParties.warmUp(iso3, today);
            cells.warm(iso3, today);
            progress.remainingGeoJson(iso3, today, true);
        });
        Runnable warmUp = () -> {
            // the listener's first connection drops every cached figure: warm up after it
            notices.awaitFirstConnection(Duration.ofSeconds(10));
            long start = System.nanoTime();
            List<String> codes = statePartyRecords.findAll().stream().map(StateParty::iso3).toList();
            progress.onInvalidate(warming::one);
            progress.readAhead(codes);
            warming.all(codes);
            try {
                warming.awaitIdle(Duration.ofHours(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            WARM_UP_LOG.info("figures and aggregates of {} State Parties computed in {} ms", codes.size(),
                    (System.nanoTime() - start) / 1_000_000);
        };
        // while the listener hears every write, tile requests need not read the data's fingerprint
        var tiles = new TileRoutes(new TileRepository(reads), tileCache, features, remaining,
                cells, () -> statePartyRecords.findAll().stream().map(StateParty::iso3).toList(), json, clock,
                config.tileMinZoom(), config.tileMaxZoom(), config.tileCacheMaxAgeS(), notices::listening);
        var authRoutes = new AuthRoutes(tokens, auth);
        var auditRoutes = new AuditRoutes(new AuditRepository(database.dataSource()));

        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.jetty.modifyServer(server -> server.setStopTimeout(10_000));
            cfg.events.serverStopped(uploads::close);
            cfg.events.serverStarted(notices::start);
            cfg.events.serverStopped(notices::close);
            cfg.events.serverStopped(warming::close);
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            new ProblemMapper(json).install(cfg);
            cfg.requestLogger.http((ctx, ms) -> REQUEST_LOG.info("{} {} {} {} ms id={}", ctx.method(), ctx.path(),
                    ctx.status().getCode(), Math.round(ms), RequestIds.of(ctx)));
            cfg.routes.before(RequestIds::of);

            // trust: security headers and CORS, tokens -> principal; guards are Access.require* in each route
            new SecurityHeaders(config.corsOrigins(), config.basemapTileOrigins()).install(cfg);
            auth.install(cfg);
            cfg.routes.get("/api/me", authRoutes::me);
            cfg.routes.get("/api/tokens", authRoutes::list);
            cfg.routes.delete("/api/tokens/{id}", authRoutes::revoke);
            cfg.routes.get("/api/audit", auditRoutes::list);

            cfg.routes.get("/health", ctx -> health(ctx, database));
            // what the map page needs to know of the server's settings, open like the page itself
            cfg.routes.get("/page-settings", ctx -> pageSettings(ctx, config));
            cfg.routes.get("/api/state-parties", stateParties::list);
            cfg.routes.get("/api/state-parties/{iso3}", stateParties::one);
            // progress and deadlines
            cfg.routes.get("/api/state-parties/{iso3}/remaining", stateParties::remaining);
            // the land gathered in cells, for the zooms where its polygons are too small to see
            cfg.routes.get("/api/state-parties/{iso3}/aggregates", aggregates::aggregates);
            cfg.routes.get("/api/deadlines", stateParties::deadlines);
            cfg.routes.post("/api/state-parties", treatyRecords::addStateParty);
            cfg.routes.post("/api/state-parties/{iso3}/extension-requests", extensionRequests::create);
            cfg.routes.get("/api/state-parties/{iso3}/extension-requests/{id}", extensionRequests::get);
            cfg.routes.get("/api/state-parties/{iso3}/extension-requests/{id}/analysis", analyses::analysis);
            cfg.routes.post("/api/state-parties/{iso3}/extension-requests/{id}/revisions", extensionRequests::revise);
            cfg.routes.post("/api/state-parties/{iso3}/extension-requests/{id}/questions", extensionRequests::ask);
            cfg.routes.post("/api/state-parties/{iso3}/extension-requests/{id}/questions/{qid}/answer",
                    extensionRequests::answer);
            cfg.routes.post("/api/state-parties/{iso3}/extension-requests/{id}/decision", extensionRequests::decide);
            cfg.routes.get("/api/state-parties/{iso3}/coalition", coalitions::get);
            cfg.routes.put("/api/state-parties/{iso3}/coalition", coalitions::put);
            cfg.routes.post("/api/state-parties/{iso3}/coalition/meetings", coalitions::addMeeting);
            cfg.routes.get("/api/coalitions/outreach", coalitions::outreach);
            cfg.routes.post("/api/state-parties/{iso3}/reported-figures", treatyRecords::addReportedFigure);
            cfg.routes.put("/api/state-parties/{iso3}/milestones/{year}", treatyRecords::setMilestone);
            cfg.routes.post("/api/state-parties/{iso3}/completion", treatyRecords::declareCompletion);
            cfg.routes.get("/api/state-parties/{iso3}/reports/article7", reports::article7);
            cfg.routes.get("/api/state-parties/{iso3}/reports/extension-request", reports::extensionRequest);
            // Lausanne Action Plan indicators: the registry, values per State Party and year, the progress report
            cfg.routes.put("/api/lap/indicators", lap::putIndicators);
            cfg.routes.get("/api/lap/indicators", lap::getIndicators);
            cfg.routes.get("/api/lap/measures", lap::getMeasures);
            cfg.routes.get("/api/lap/progress", lap::getProgress);
            cfg.routes.put("/api/state-parties/{iso3}/lap/{indicatorId}/{year}", lap::putValue);
            cfg.routes.get("/api/state-parties/{iso3}/lap/{indicatorId}/{year}", lap::getValue);
            cfg.routes.get("/api/hazards", layers::hazards);
            cfg.routes.get("/api/releases", layers::releases);
            cfg.routes.get("/api/export", exports::export); // a layer in view as a GIS file
            // version history of one polygon (the map page shows it when a polygon is clicked)
            cfg.routes.get("/api/state-parties/{iso3}/hazards/{externalId}/versions", layers::hazardVersions);
            cfg.routes.get("/api/state-parties/{iso3}/releases/{externalId}/versions", layers::releaseVersions);
            cfg.routes.get("/api/search", layers::search); // external ids by their start, any case

            // uploads of survey polygons
            cfg.routes.post("/api/state-parties/{iso3}/hazards", uploads::uploadHazards);
            cfg.routes.post("/api/state-parties/{iso3}/releases", uploads::uploadReleases);
            cfg.routes.post("/api/state-parties/{iso3}/hazards/{externalId}/retire", uploads::retire);
            cfg.routes.get("/api/uploads", uploads::list);
            cfg.routes.get("/api/uploads/{id}", uploads::one);

            // OGC API – Features (Parts 1-3) and vector tiles: open to map clients on any origin
            cfg.routes.before("/ogc*", OgcRoutes::allowAnyOrigin);
            cfg.routes.before("/tiles/*", OgcRoutes::allowAnyOrigin);
            cfg.routes.get("/ogc", ogc::landing);
            cfg.routes.get("/ogc/conformance", ogc::conformance);
            cfg.routes.get("/ogc/api", ogc::api);
            cfg.routes.get("/ogc/api.html", ogc::apiHtml);
            cfg.routes.get("/ogc/collections", ogc::collections);
            cfg.routes.get("/ogc/collections/{collectionId}", ogc::collection);
            cfg.routes.get("/ogc/collections/{collectionId}/queryables", ogc::queryables);
            cfg.routes.get("/ogc/collections/{collectionId}/items", ogc::items);
            cfg.routes.get("/ogc/collections/{collectionId}/items/{featureId}", ogc::item);
            cfg.routes.get("/tiles/{collection}", tiles::tileJson);
            cfg.routes.get("/tiles/{collection}/{z}/{x}/{y}", tiles::tile);
            extraRoutes.accept(cfg.routes);
        });
        return new Serving(app, warmUp, warming);
    }

    /**
     * The settings the map page adapts to: the online basemap origins the Content-Security-Policy
     * allows images from (so the page can say before trying that a tile URL would be blocked),
     * whether reads need a token, and the zoom from which polygons are legible (below it the page
     * draws aggregates, as the vector tiles carry them). Nothing secret: the same origins are in every response's policy.
     */
    private static void pageSettings(Context ctx, Config config) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("basemapTileOrigins", config.basemapTileOrigins(),
                "readRequiresToken", config.readRequiresToken(),
                "polygonsLegibleZoom", Aggregates.POLYGONS_LEGIBLE_ZOOM));
    }

    /**
     * {@code {"status": "ok", "database": "up"}}, with {@code "standby": {"state": .., "lagBytes": ..,
     * "lagSeconds": .., "reads": ..}} when {@code DATABASE_READ_URL} names one. While the primary is
     * down and the standby up, {@code "status": "read-only"} (200: reads are served, writes answer
     * 503); with neither, 503 problem+json with {@code "database": "down"}.
     */
    private static void health(Context ctx, Database database) {
        boolean up = database.isUp();
        Map<String, Object> standby = database.standbyState();
        boolean standbyServes = standby != null && "up".equals(standby.get("state"));
        if (!up && !standbyServes) {
            throw new ApiException.Unavailable("The database is unreachable; the server keeps retrying.",
                    standby == null ? Map.of("database", "down") : Map.of("database", "down", "standby", standby));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("status", up ? "ok" : "read-only");
        body.put("database", up ? "up" : "down");
        if (standby != null) {
            body.put("standby", standby);
        }
        ctx.json(body);
    }
}
