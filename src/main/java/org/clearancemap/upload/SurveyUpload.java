package org.clearancemap.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.db.DataAccessException;
import org.clearancemap.http.ApiException;
import org.clearancemap.land.LandKind;
import org.clearancemap.land.StagedConflict;
import org.clearancemap.land.VersionCounts;
import org.clearancemap.land.VersionStage;
import org.clearancemap.stateparty.StateParty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upload of survey polygons, from the received file to committed versions, all or nothing.
 *
 * <ol>
 * <li>The identical file uploaded before to the same State Party and kind gives back the first
 *     report; nothing is written again.</li>
 * <li>The format is told from the content; anything but GeoJSON in WGS 84 is turned into it by
 *     {@link Ogr2Ogr} (reprojected to WGS 84), after the safety checks of {@link SafeArchive} and
 *     {@link KmlSafety}.</li>
 * <li>In one transaction, the upload row is recorded first (not in a dry run); features are read
 *     one at a time and checked ({@link FeatureCheck}) on all cores. A feature whose external id
 *     the State Party never had goes by binary COPY straight into its table as version 1; one
 *     with a known id waits for the stage table, to be compared with its current version.
 *     Duplicate external ids are caught on the way.</li>
 * <li>Any error: rollback and 422 with every problem (at most {@link UploadReport#MAX_LISTED}).
 *     A dry run rolls back too, after counting what would have been inserted, updated or left
 *     unchanged. Otherwise the versions are written, the upload and an audit event recorded,
 *     the transaction committed and the {@link UploadListener} told.</li>
 * </ol>
 */
public final class SurveyUpload {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyUpload.class);
    /** Fields GDAL's LIBKML driver adds for how a placemark is drawn, not what it is: not kept. */
    private static final java.util.Set<String> KML_PRESENTATION = java.util.Set.of("tessellate", "extrude",
            "visibility", "altitudeMode", "drawOrder", "icon", "snippet");
    private static final List<String> CSV_GEOMETRY_NAMES = List.of("WKT", "wkt", "geometry", "geom", "the_geom",
            "wkt_geom", "shape", "Shape", "Geometry");

    /**
     * One request to upload.
     *
     * @param layer  the layer to read from a GeoPackage, a zip of several Shapefiles or a KML; null for the only one
     * @param dryRun check and count, write nothing
     * @param strict refuse invalid polygons instead of repairing them
     * @param actor  who uploads, for the upload row and the audit trail
     */
    record Request(StateParty stateParty, UploadKind kind, ReceivedFile file, boolean claimsJson, String layer,
            boolean dryRun, boolean strict, String actor) {
    }

    /** The answer: 201 with a new report, 200 with the stored report of an identical file, 200 for a dry run. */
    record Outcome(int status, Object body) {
    }

    private final UploadRepository uploads;
    private final TerritoryBounds territories;
    private final Ogr2Ogr ogr;
    private final UploadLimits limits;
    private final UploadListener listener;
    private final Clock clock;
    private final ObjectMapper json;
    private static final java.util.concurrent.atomic.AtomicInteger POOLS = new java.util.concurrent.atomic.AtomicInteger();
    /** Checks features in parallel; shut down by {@link #close} when the server stops. */
    private final java.util.concurrent.ExecutorService checkers = checkerPool("upload-check-" + POOLS.incrementAndGet());

    private static java.util.concurrent.ExecutorService checkerPool(String name) {
        var threads = new java.util.concurrent.atomic.AtomicInteger();
        return java.util.concurrent.Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Stops the checker threads and any GDAL process (the server is stopping; requests have
     * finished or were given up by then).
     */
    void close() {
        ogr.close();
        checkers.shutdown();
        try {
            if (!checkers.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                checkers.shutdownNow();
            }
        } catch (InterruptedException e) {
            checkers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Longest an upload waits for a place among {@link UploadLimits#concurrentWrites()}. */
    private static final Duration WRITE_WAIT = Duration.ofSeconds(60);
    private final java.util.concurrent.Semaphore writers;

    SurveyUpload(UploadRepository uploads, TerritoryBounds territories, UploadLimits limits, UploadListener listener, Clock clock, ObjectMapper json) {
        this.uploads = uploads;
        this.territories = territories;
        this.ogr = new Ogr2Ogr(Duration.ofSeconds(limits.ogrTimeoutSeconds()));
        this.writers = new java.util.concurrent.Semaphore(limits.concurrentWrites(), true);
        this.limits = limits;
        this.listener = listener;
        this.clock = clock;
        this.json = json;
    }

    Outcome run(Request request) throws Exception {
        long started = System.nanoTime();
        String iso3 = request.stateParty().iso3();
        var previous = uploads.reportOf(iso3, request.kind(), request.file().sha256());
        if (previous.isPresent()) {
            return new Outcome(200, json.readTree(previous.get()));
        }
        FileFormat format = detect(request);
        try (GeoJsonSource source = toGeoJson(request, format)) {
            try {
                return store(request, format, source, started);
            } catch (GeoJsonFeatures.NeedsReprojection legacy) {
                // a legacy crs other than WGS 84 (met in the one pass; what was read is rolled back)
                try (GeoJsonSource reprojected = reproject(source, legacy.scan())) {
                    return store(request, format, reprojected, started);
                }
            }
        }
    }

    private FileFormat detect(Request request) {
        if (request.file().sizeBytes() == 0) {
            throw new ApiException.BadRequest("The body is empty: send a GeoJSON FeatureCollection or another "
                    + "supported file (zipped Shapefile, GeoPackage, KML/KMZ, CSV with WKT).");
        }
        FileFormat format = FileFormat.detect(request.file().head(4096));
        if (format == null && request.claimsJson()) {
            throw new ApiException.BadRequest("The body is not valid JSON (it does not start with '{'); "
                    + "send a GeoJSON FeatureCollection.");
        }
        if (format == null) {
            throw new ApiException.UnsupportedFormat("The file is in none of the supported formats: GeoJSON, "
                    + "zipped Shapefile, GeoPackage, KML or KMZ, CSV with a WKT column.");
        }
        return format;
    }

    /** A GeoJSON file to read, deleted (with whatever it came from) on close unless it is the upload itself. */
    private record GeoJsonSource(Path path, List<Path> temporary, List<FeatureProblem> warnings,
            java.util.Set<String> presentation) implements AutoCloseable {
        GeoJsonSource(Path path, List<Path> temporary, List<FeatureProblem> warnings) {
            this(path, temporary, warnings, java.util.Set.of());
        }

        @Override
        public void close() {
            temporary.forEach(ReceivedFile::delete);
        }
    }

    private GeoJsonSource toGeoJson(Request request, FileFormat format) {
        Path file = request.file().path();
        var temporary = new ArrayList<Path>();
        var warnings = new ArrayList<FeatureProblem>();
        try {
            switch (format) {
                case GEOJSON -> {
                    return new GeoJsonSource(file, temporary, warnings);
                }
                case ZIP -> {
                    SafeArchive.Unpacked zip = SafeArchive.unpack(file, request.file().sizeBytes(), limits.maxUnzippedBytes());
                    temporary.add(zip.directory());
                    List<String> shapefiles = zip.withExtension(".shp");
                    List<String> kmls = zip.withExtension(".kml");
                    if (!shapefiles.isEmpty()) {
                        String shp = choose(shapefiles, request.layer(), "Shapefile", ".shp");
                        String base = shp.substring(0, shp.length() - 4);
                        boolean hasPrj = zip.files().stream().anyMatch(f -> f.equalsIgnoreCase(base + ".prj"));
                        if (!hasPrj) {
                            warnings.add(FeatureProblem.ofFile("no-prj", "the Shapefile has no .prj: its coordinates "
                                    + "were read as WGS 84 longitude/latitude, which every one of them is"));
                        }
                        Path out = ogr.toGeoJson(zip.directory().resolve(shp), null, hasPrj,
                                List.of(), "a zipped Shapefile");
                        temporary.add(out);
                        return new GeoJsonSource(out, temporary, warnings);
                    }
                    if (!kmls.isEmpty()) {
                        String kml = kmls.contains("doc.kml") ? "doc.kml" : kmls.get(0);
                        return kml(zip.directory().resolve(kml), request, temporary, warnings, "KMZ");
                    }
                    throw unprocessable("empty-archive", "The zip holds neither a Shapefile (.shp with its .dbf, .shx "
                            + "and .prj) nor a KML (KMZ).");
                }
                case GEOPACKAGE -> {
                    Path gpkg = linked(file, ".gpkg", temporary);
                    List<String> layers = ogr.layers(gpkg, "a GeoPackage");
                    if (layers.isEmpty()) {
                        throw unprocessable("no-layer", "The GeoPackage has no vector layer.");
                    }
                    String layer = choose(layers, request.layer(), "GeoPackage layer", "");
                    Path out = ogr.toGeoJson(gpkg, layer, true, List.of(), "a GeoPackage");
                    temporary.add(out);
                    return new GeoJsonSource(out, temporary, warnings);
                }
                case KML -> {
                    return kml(linked(file, ".kml", temporary), request, temporary, warnings, "KML");
                }
                case CSV -> {
                    Path csv = linked(file, ".csv", temporary);
                    var options = new ArrayList<>(List.of("-a_srs", "EPSG:4326",
                            "-oo", "GEOM_POSSIBLE_NAMES=" + String.join(",", CSV_GEOMETRY_NAMES),
                            "-oo", "KEEP_GEOM_COLUMNS=NO"));
                    Path out = ogr.toGeoJson(csv, null, false, options, "CSV with a WKT column");
                    temporary.add(out);
                    return new GeoJsonSource(out, temporary, warnings);
                }
                default -> throw new IllegalStateException("unhandled format " + format);
            }
        } catch (RuntimeException e) {
            temporary.forEach(ReceivedFile::delete);
            throw e;
        }
    }

    private GeoJsonSource kml(Path kml, Request request, List<Path> temporary, List<FeatureProblem> warnings, String what) {
        KmlSafety.check(kml);
        List<String> layers = ogr.layers(kml, what);
        if (layers.isEmpty()) {
            throw unprocessable("no-layer", "The " + what + " holds no placemarks.");
        }
        String layer = choose(layers, request.layer(), what + " folder", "");
        Path out = ogr.toGeoJson(kml, layer, true, List.of(), what);
        temporary.add(out);
        return new GeoJsonSource(out, temporary, warnings, KML_PRESENTATION);
    }

    /** GeoJSON with a legacy crs naming an EPSG code other than 4326: reprojected by ogr2ogr. */
    private GeoJsonSource reproject(GeoJsonSource source, GeoJsonFeatures.Scan scan) {
        var temporary = new ArrayList<Path>();
        try {
            Path input = source.path().toString().endsWith(".geojson") ? source.path()
                    : linked(source.path(), ".geojson", temporary);
            // the code is given explicitly: GDAL would otherwise ignore a crs it does not know and read degrees
            temporary.add(ogr.toGeoJson(input, null, true, List.of("-s_srs", "EPSG:" + scan.crsEpsg()),
                    "GeoJSON in " + scan.crsName()));
        } catch (RuntimeException e) {
            temporary.forEach(ReceivedFile::delete);
            throw e;
        }
        Path out = temporary.get(temporary.size() - 1);
        var warnings = new ArrayList<>(source.warnings());
        warnings.add(FeatureProblem.ofFile("reprojected", "coordinates were reprojected from EPSG:" + scan.crsEpsg()
                + " (legacy crs member) to WGS 84"));
        return new GeoJsonSource(out, temporary, warnings, source.presentation());
    }

    /** A hard link to the upload with the file name extension GDAL expects; no copy is made. */
    private static Path linked(Path file, String extension, List<Path> temporary) {
        try {
            Path dir = UploadTemp.directory("upload-");
            temporary.add(dir);
            Path link = dir.resolve("upload" + extension);
            try {
                Files.createLink(link, file);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(file, link);
            }
            return link;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String choose(List<String> names, String wanted, String what, String extension) {
        if (wanted != null) {
            for (String n : names) {
                String bare = n.substring(0, n.length() - extension.length());
                if (n.equalsIgnoreCase(wanted) || bare.equalsIgnoreCase(wanted)) {
                    return n;
                }
            }
            throw ApiException.BadRequest.parameter("layer", "There is no " + what + " named '" + wanted
                    + "'; the file has: " + String.join(", ", names) + ".");
        }
        if (names.size() > 1) {
            throw ApiException.BadRequest.parameter("layer", "The file has several layers (" + String.join(", ", names)
                    + "); choose one with ?layer=.");
        }
        return names.get(0);
    }

    /**
     * Writes the upload once one of {@link UploadLimits#concurrentWrites()} places is free: an upload
     * waiting for the State Party's lock holds a pooled connection, so without this bound a burst of
     * uploads would take every connection and turn the reads into 503s. Waiting longer than
     * {@link #WRITE_WAIT} is a 503 with {@code Retry-After}; nothing is written then.
     */
    private Outcome store(Request request, FileFormat format, GeoJsonSource source, long started) throws Exception {
        if (!writers.tryAcquire(WRITE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new ApiException.Unavailable("The server is busy writing other uploads; nothing was written. "
                    + "Send the file again in a minute.", 30);
        }
        try {
            return storeWithPermit(request, format, source, started);
        } finally {
            writers.release();
        }
    }

    private Outcome storeWithPermit(Request request, FileFormat format, GeoJsonSource source, long started) throws Exception {
        StateParty sp = request.stateParty();
        String iso3 = sp.iso3();
        UploadKind kind = request.kind();
        LocalDate today = LocalDate.now(clock);
        var rules = new FeatureCheck.Rules(kind, limits.earliestDate(), today.plusDays(1), request.strict(),
                territories.of(iso3, sp.name()));
        var check = new FeatureCheck(rules, json);
        var errors = new ArrayList<FeatureProblem>();
        var warnings = new ArrayList<>(source.warnings());
        int[] errorCount = {0};
        int[] warningCount = {warnings.size()};
        int[] repaired = {0};
        var seen = new HashMap<String, Integer>();
        var phases = new Phases();
        try (Connection c = uploads.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                uploads.lock(c, iso3, kind);
                var previous = uploads.reportOf(c, iso3, kind, request.file().sha256());
                if (previous.isPresent()) {
                    c.rollback();
                    return new Outcome(200, json.readTree(previous.get()));
                }
                // external ids stored before (any version) go through the stage to be compared;
                // new ones are copied straight into the table as version 1
                Map<String, Boolean> known = known(c, kind, iso3);
                java.util.Set<String> hazardIds = kind == UploadKind.RELEASES ? VersionStage.known(c, LandKind.HAZARDS, iso3).keySet()
                        : java.util.Set.of();
                var stub = new UploadReport(null, iso3, kind.column(), format.label(), request.file().fileName(),
                        request.file().sha256(), request.file().sizeBytes(), request.dryRun(), request.actor(), null,
                        0, 0, 0, 0, 0, List.of(), 0, null);
                Map.Entry<Long, java.time.OffsetDateTime> row = request.dryRun() ? null : uploads.insert(c, stub);
                Long uploadId = row == null ? null : row.getKey();
                phases.prepared = System.nanoTime();
                var pendingKnown = new ArrayList<byte[]>();
                int features;
                int fresh;
                try (var direct = uploadId == null ? null : copyNew(c, kind)) {
                    Tally tally = new Tally(errors, warnings, errorCount, warningCount, repaired, seen, direct,
                            pendingKnown, known, hazardIds, phases);
                    var inFlight = new java.util.ArrayDeque<java.util.concurrent.Future<List<Ready>>>();
                    var batch = new java.util.concurrent.atomic.AtomicReference<List<Pending>>(new ArrayList<>(BATCH));
                    long[] lastProgress = {System.nanoTime()};
                    try {
                        features = GeoJsonFeatures.read(source.path(), limits.maxFeatures(), limits.maxVertices(),
                                (index, props, geometry) -> {
                            long t0 = System.nanoTime();
                            props.keySet().removeAll(source.presentation());
                            batch.get().add(new Pending(index, props, geometry));
                            if (batch.get().size() == BATCH) {
                                List<Pending> full = batch.getAndSet(new ArrayList<>(BATCH));
                                inFlight.add(checkers.submit(() -> checkAll(check, full, known, iso3, uploadId, phases)));
                                while (inFlight.size() > MAX_IN_FLIGHT) {
                                    tally.add(take(inFlight.poll(), phases));
                                }
                            }
                            long t1 = System.nanoTime();
                            if ((index + 1) % limits.progressEvery() == 0
                                    || t1 - lastProgress[0] > PROGRESS_SECONDS * 1_000_000_000L) {
                                lastProgress[0] = t1;
                                LOG.info("upload {} {}: {} features read in {} ms ({} problems so far)", iso3,
                                        kind.column(), index + 1, (t1 - started) / 1_000_000, errorCount[0]);
                            }
                            phases.sinkNs += t1 - t0;
                        });
                        phases.parsed = System.nanoTime();
                        while (!inFlight.isEmpty()) {
                            tally.add(take(inFlight.poll(), phases));
                        }
                        tally.add(checkAll(check, batch.get(), known, iso3, uploadId, phases));
                    } finally {
                        inFlight.forEach(f -> f.cancel(true));
                    }
                    if (features == 0) {
                        errors.add(FeatureProblem.ofFile("no-features", "the file holds no features"));
                        errorCount[0]++;
                    }
                    if (errorCount[0] > 0) {
                        // the COPY is cancelled on close, then the catch below rolls back
                        throw rejected(errors, errorCount[0], features);
                    }
                    if (direct != null) {
                        direct.finish();
                    }
                    fresh = tally.fresh;
                }
                phases.read = System.nanoTime();
                try (VersionStage stage = pendingKnown.isEmpty() ? null : stage(c, kind, iso3)) {
                    VersionCounts counts = new VersionCounts(fresh, 0, 0);
                    if (stage != null) {
                        for (byte[] r : pendingKnown) {
                            stage.add(r);
                        }
                        pendingKnown.clear();
                        VersionCounts staged = stage.classify();
                        counts = new VersionCounts(fresh + staged.inserted(), staged.updated(), staged.unchanged());
                        for (StagedConflict conflict : stage.conflicts()) {
                            if (errorCount[0]++ < UploadReport.MAX_LISTED) {
                                errors.add(FeatureProblem.of(conflict.ord(), conflict.externalId(),
                                        "recorded-before-current", conflict.message()));
                            }
                        }
                    }
                    phases.compared = System.nanoTime();
                    if (errorCount[0] > 0) {
                        c.rollback();
                        throw rejected(errors, errorCount[0], features);
                    }
                    var report = new UploadReport(null, iso3, kind.column(), format.label(),
                            request.file().fileName(), request.file().sha256(), request.file().sizeBytes(),
                            request.dryRun(), request.actor(), null, features, counts.inserted(), counts.updated(),
                            counts.unchanged(), repaired[0], List.copyOf(warnings),
                            Math.max(0, warningCount[0] - warnings.size()), null);
                    if (request.dryRun()) {
                        c.rollback();
                        return new Outcome(200, report.withProcessingMs((System.nanoTime() - started) / 1_000_000));
                    }
                    report = report.withUpload(row.getKey(), row.getValue());
                    if (stage != null) {
                        stage.write(row.getKey());
                    }
                    phases.written = System.nanoTime();
                    report = report.withProcessingMs((phases.written - started) / 1_000_000);
                    String reportJson = json.writeValueAsString(report);
                    uploads.finish(c, report, reportJson);
                    uploads.audit(c, request.actor(), "upload", kind.column(), null, iso3, row.getKey(),
                            json.writeValueAsString(Map.of("features", features, "inserted", counts.inserted(),
                                    "updated", counts.updated(), "unchanged", counts.unchanged(),
                                    "format", format.label(), "sha256", request.file().sha256())));
                    c.commit();
                    phases.committed = System.nanoTime();
                    LOG.info("upload {} {} #{} phases: {}", iso3, kind.column(), row.getKey(), phases.describe(started));
                    LOG.info("upload {} {} #{}: {} features ({} inserted, {} updated, {} unchanged, {} repaired) in {} ms",
                            iso3, kind.column(), row.getKey(), features, counts.inserted(), counts.updated(),
                            counts.unchanged(), repaired[0], (System.nanoTime() - started) / 1_000_000);
                    tell(listener, iso3);
                    return new Outcome(201, report);
                }
            } catch (Exception e) {
                if (!c.getAutoCommit()) {
                    try {
                        c.rollback();
                    } catch (SQLException ignored) {
                        // the connection is gone: the transaction is rolled back with it
                    }
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException("storing an upload for " + iso3, e);
        }
    }

    /** Where the time of one upload went, logged after commit (and printed by the upload benchmark). */
    private static final class Phases {
        long prepared;
        /** When the parser reached the end of the file (the last batches are checked after it). */
        long parsed;
        long read;
        long compared;
        long written;
        long committed;
        /** Time the request thread spent handing features on, waiting for checks, copying rows (not parsing). */
        long sinkNs;
        long waitNs;
        long copyNs;
        /** Time the checker threads spent, summed over threads. */
        final java.util.concurrent.atomic.AtomicLong checkNs = new java.util.concurrent.atomic.AtomicLong();

        String describe(long started) {
            // the parser's own time: the pass over the file less the time spent in the sink
            long parseNs = Math.max(0, parsed - prepared - sinkNs);
            return String.format(java.util.Locale.ROOT, "prepare %d ms; read %d ms (parse %d ms, waiting for checks "
                    + "%d ms, copy %d ms; checks %d ms summed over %d threads); stage and compare %d ms; write %d ms; "
                    + "commit %d ms; total %d ms", ms(prepared - started), ms(read - prepared), ms(parseNs), ms(waitNs),
                    ms(copyNs), ms(checkNs.get()), THREADS, ms(compared - read), ms(written - compared),
                    ms(committed - written), ms(committed - started));
        }

        private static long ms(long ns) {
            return ns / 1_000_000;
        }
    }

    private static Map<String, Boolean> known(Connection c, UploadKind kind, String iso3) throws SQLException {
        return VersionStage.known(c, kind.land(), iso3);
    }

    private static org.clearancemap.db.BinaryCopyRows copyNew(Connection c, UploadKind kind) throws SQLException {
        return VersionStage.copyNew(c, kind.land());
    }

    /**
     * Features are checked in batches on {@link #checkers} (one thread per core) while the request
     * thread goes on parsing and feeding the COPY; results are taken in file order. At most
     * {@link #MAX_IN_FLIGHT} batches wait, so memory stays bounded.
     */
    private static final int BATCH = 256;
    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static final int MAX_IN_FLIGHT = THREADS + 1;
    /** Progress is logged at least this often (besides every {@link UploadLimits#progressEvery()} features). */
    private static final int PROGRESS_SECONDS = 5;
    private static final byte[] NO_ROW = new byte[0];

    private record Pending(int index, Map<String, Object> properties, GeoJsonFeatures.RawGeometry geometry) {
    }

    private static List<Ready> take(java.util.concurrent.Future<List<Ready>> f, Phases phases)
            throws InterruptedException {
        long t0 = System.nanoTime();
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("checking features failed", e.getCause());
        } finally {
            phases.waitNs += System.nanoTime() - t0;
        }
    }

    /**
     * A checked feature and, when it has no error, its row: a first version for the direct COPY
     * when its external id is new ({@code fresh}; an empty row in a dry run), else a stage row.
     */
    private record Ready(FeatureCheck.Checked checked, byte[] row, boolean fresh) {
    }

    /** Checks a batch and makes its rows; runs on the checker threads. */
    private List<Ready> checkAll(FeatureCheck check, List<Pending> batch, Map<String, Boolean> known, String iso3,
            Long uploadId, Phases phases) {
        long t0 = System.nanoTime();
        var result = new ArrayList<Ready>(batch.size());
        for (Pending p : batch) {
            FeatureCheck.Checked c = check.check(p.index(), p.properties(),
                    PolygonReader.read(p.geometry(), limits.maxVertices()));
            if (!c.errors().isEmpty()) {
                result.add(new Ready(c, null, false));
            } else if (known.containsKey(c.externalId())) {
                result.add(new Ready(c, VersionStage.row(c.index(), c.version()), false));
            } else if (uploadId == null) {
                result.add(new Ready(c, NO_ROW, true));
            } else {
                result.add(new Ready(c, VersionStage.newRow(iso3, uploadId, c.version()), true));
            }
        }
        phases.checkNs.addAndGet(System.nanoTime() - t0);
        return result;
    }

    /**
     * Everything learnt from the checked features, in file order. While there is no error, new
     * features go to the direct COPY and known ones wait for the stage.
     */
    private static final class Tally {
        private final List<FeatureProblem> errors;
        private final List<FeatureProblem> warnings;
        private final int[] errorCount;
        private final int[] warningCount;
        private final int[] repaired;
        private final Map<String, Integer> seen;
        private final org.clearancemap.db.BinaryCopyRows direct;
        private final List<byte[]> pendingKnown;
        private final Map<String, Boolean> known;
        private final java.util.Set<String> hazardIds;
        private final Phases phases;
        int fresh;

        Tally(List<FeatureProblem> errors, List<FeatureProblem> warnings, int[] errorCount, int[] warningCount,
                int[] repaired, Map<String, Integer> seen, org.clearancemap.db.BinaryCopyRows direct,
                List<byte[]> pendingKnown, Map<String, Boolean> known, java.util.Set<String> hazardIds, Phases phases) {
            this.errors = errors;
            this.warnings = warnings;
            this.errorCount = errorCount;
            this.warningCount = warningCount;
            this.repaired = repaired;
            this.seen = seen;
            this.direct = direct;
            this.pendingKnown = pendingKnown;
            this.known = known;
            this.hazardIds = hazardIds;
            this.phases = phases;
        }

        void add(List<Ready> ready) throws SQLException {
            for (Ready r : ready) {
                add(r);
            }
        }

        private void add(Ready ready) throws SQLException {
            FeatureCheck.Checked checked = ready.checked();
            int index = checked.index();
            var problems = new ArrayList<>(checked.errors());
            if (checked.externalId() != null) {
                Integer first = seen.putIfAbsent(checked.externalId(), index);
                if (first != null) {
                    problems.add(FeatureProblem.of(index, checked.externalId(), "duplicate-external-id",
                            "external_id '" + checked.externalId() + "' is also used by feature " + first
                                    + "; each feature of a file needs its own"));
                }
            }
            for (FeatureProblem w : checked.warnings()) {
                warn(w);
            }
            if (problems.isEmpty()) {
                if (Boolean.FALSE.equals(known.get(checked.externalId()))) {
                    warn(FeatureProblem.of(index, checked.externalId(), "reopened-retired-hazard", "hazard '"
                            + checked.externalId() + "' was retired; this upload stores a new version of it, current "
                            + "again from its recorded_on (the retired versions are kept)"));
                }
                String hazard = checked.release() == null ? null : checked.release().hazardExternalId();
                if (hazard != null && !hazardIds.contains(hazard)) {
                    warn(FeatureProblem.of(index, checked.externalId(), "unknown-hazard", "hazard_external_id '"
                            + abbreviate(hazard) + "' names no hazard of this State Party; the release is stored, "
                            + "check the id or upload the hazard"));
                }
            }
            if (checked.repaired()) {
                repaired[0]++;
            }
            if (!problems.isEmpty()) {
                for (FeatureProblem p : problems) {
                    if (errorCount[0]++ < UploadReport.MAX_LISTED) {
                        errors.add(p);
                    }
                }
            } else if (errorCount[0] == 0) {
                if (ready.fresh()) {
                    fresh++;
                    if (direct != null) {
                        long t0 = System.nanoTime();
                        direct.addRow(ready.row());
                        phases.copyNs += System.nanoTime() - t0;
                    }
                } else {
                    pendingKnown.add(ready.row());
                }
            }
        }

        private void warn(FeatureProblem w) {
            if (warningCount[0]++ < UploadReport.MAX_LISTED) {
                warnings.add(w);
            }
        }

        private static String abbreviate(String s) {
            return s.length() <= 60 ? s : s.substring(0, 57) + "...";
        }
    }

    /** Tells the listener; the upload is committed whatever it does, so its failure is only logged. */
    static void tell(UploadListener listener, String iso3) {
        try {
            listener.uploaded(iso3);
        } catch (RuntimeException e) {
            LOG.error("upload listener failed for {}; the upload itself is committed", iso3, e);
        }
    }

    private static ApiException rejected(List<FeatureProblem> errors, int count, int features) {
        String first = errors.isEmpty() ? "" : " First: " + describe(errors.get(0));
        return new ApiException.Unprocessable(count + (count == 1 ? " problem" : " problems") + " in " + features
                + (features == 1 ? " feature" : " features") + "; nothing was written." + first,
                Map.of("errors", List.copyOf(errors), "errorCount", count));
    }

    private static String describe(FeatureProblem p) {
        return (p.feature() == null ? "" : "feature " + p.feature()
                + (p.externalId() == null ? "" : " (" + p.externalId() + ")") + ": ") + p.message() + ".";
    }

    private static ApiException unprocessable(String code, String detail) {
        return new ApiException.Unprocessable(detail, Map.of("errors", List.of(FeatureProblem.ofFile(code, detail))));
    }

    private static VersionStage stage(Connection c, UploadKind kind, String iso3) throws SQLException {
        return VersionStage.open(c, kind.land(), iso3);
    }
}
