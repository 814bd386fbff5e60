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
import org.clearancemap.db.StagedConflict;
import org.clearancemap.db.VersionCounts;
import org.clearancemap.hazard.HazardRepository;
import org.clearancemap.http.ApiException;
import org.clearancemap.release.ReleaseRepository;
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
 * <li>In one transaction, features are read one at a time, checked ({@link FeatureCheck}) and
 *     streamed into a stage table by COPY; duplicate external ids are caught on the way.</li>
 * <li>Any error: rollback and 422 with every problem (at most {@link UploadReport#MAX_LISTED}).
 *     A dry run rolls back too, after counting what would have been inserted, updated or left
 *     unchanged. Otherwise the versions are written, the upload and an audit event recorded,
 *     the transaction committed and the {@link UploadListener} told.</li>
 * </ol>
 */
public final class SurveyUpload {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyUpload.class);
    /** Earliest survey or release date accepted; earlier years are typing mistakes. */
    static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);
    private static final int PROGRESS_EVERY = 5000;
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
    private final HazardRepository hazards;
    private final ReleaseRepository releases;
    private final TerritoryBounds territories;
    private final Ogr2Ogr ogr;
    private final UploadLimits limits;
    private final UploadListener listener;
    private final Clock clock;
    private final ObjectMapper json;
    private final java.util.concurrent.ExecutorService checkers = java.util.concurrent.Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), r -> {
                Thread t = new Thread(r, "upload-check");
                t.setDaemon(true);
                return t;
            });

    /** Longest an upload waits for a place among {@link UploadLimits#concurrentWrites()}. */
    private static final Duration WRITE_WAIT = Duration.ofSeconds(60);
    private final java.util.concurrent.Semaphore writers;

    SurveyUpload(UploadRepository uploads, HazardRepository hazards, ReleaseRepository releases,
            TerritoryBounds territories, UploadLimits limits, UploadListener listener, Clock clock, ObjectMapper json) {
        this.uploads = uploads;
        this.hazards = hazards;
        this.releases = releases;
        this.territories = territories;
        this.ogr = new Ogr2Ogr(Duration.ofSeconds(limits.ogrTimeoutSeconds()));
        this.writers = new java.util.concurrent.Semaphore(limits.concurrentWrites(), true);
        this.limits = limits;
        this.listener = listener;
        this.clock = clock;
        this.json = json;
    }

    Outcome run(Request request) throws Exception {
        String iso3 = request.stateParty().iso3();
        var previous = uploads.reportOf(iso3, request.kind(), request.file().sha256());
        if (previous.isPresent()) {
            return new Outcome(200, json.readTree(previous.get()));
        }
        FileFormat format = detect(request);
        try (GeoJsonSource source = toGeoJson(request, format)) {
            GeoJsonFeatures.Scan scan = GeoJsonFeatures.scan(source.path());
            if (scan.crsEpsg() != null) {
                try (GeoJsonSource reprojected = reproject(source, scan)) {
                    return store(request, format, reprojected);
                }
            }
            return store(request, format, source);
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
            Path dir = Files.createTempDirectory("upload-");
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
    private Outcome store(Request request, FileFormat format, GeoJsonSource source) throws Exception {
        if (!writers.tryAcquire(WRITE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new ApiException.Unavailable("The server is busy writing other uploads; nothing was written. "
                    + "Send the file again in a minute.", 30);
        }
        try {
            return storeWithPermit(request, format, source);
        } finally {
            writers.release();
        }
    }

    private Outcome storeWithPermit(Request request, FileFormat format, GeoJsonSource source) throws Exception {
        StateParty sp = request.stateParty();
        String iso3 = sp.iso3();
        LocalDate today = LocalDate.now(clock);
        var rules = new FeatureCheck.Rules(request.kind(), EARLIEST, today.plusDays(1), request.strict(),
                territories.of(iso3, sp.name()));
        var check = new FeatureCheck(rules, json);
        var errors = new ArrayList<FeatureProblem>();
        var warnings = new ArrayList<>(source.warnings());
        int[] errorCount = {0};
        int[] warningCount = {warnings.size()};
        int[] repaired = {0};
        var seen = new HashMap<String, Integer>();
        long started = System.nanoTime();
        try (Connection c = uploads.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                uploads.lock(c, iso3, request.kind());
                var previous = uploads.reportOf(c, iso3, request.kind(), request.file().sha256());
                if (previous.isPresent()) {
                    c.rollback();
                    return new Outcome(200, json.readTree(previous.get()));
                }
                try (Staging stage = stage(c, request.kind(), iso3)) {
                    Tally tally = new Tally(errors, warnings, errorCount, warningCount, repaired, seen, stage);
                    var inFlight = new java.util.ArrayDeque<java.util.concurrent.Future<List<Ready>>>();
                    var batch = new java.util.concurrent.atomic.AtomicReference<List<Pending>>(new ArrayList<>(BATCH));
                    int features;
                    try {
                        features = GeoJsonFeatures.read(source.path(), limits.maxFeatures(), (index, props, geometry) -> {
                            props.keySet().removeAll(source.presentation());
                            batch.get().add(new Pending(index, props, geometry));
                            if (batch.get().size() == BATCH) {
                                List<Pending> full = batch.getAndSet(new ArrayList<>(BATCH));
                                inFlight.add(checkers.submit(() -> checkAll(check, stage, full)));
                                while (inFlight.size() > MAX_IN_FLIGHT) {
                                    tally.add(take(inFlight.poll()));
                                }
                            }
                            if ((index + 1) % PROGRESS_EVERY == 0) {
                                LOG.info("upload {} {}: {} features read", iso3, request.kind().column(), index + 1);
                            }
                        });
                        while (!inFlight.isEmpty()) {
                            tally.add(take(inFlight.poll()));
                        }
                        tally.add(checkAll(check, stage, batch.get()));
                    } finally {
                        inFlight.forEach(f -> f.cancel(true));
                    }
                    if (features == 0) {
                        errors.add(FeatureProblem.ofFile("no-features", "the file holds no features"));
                        errorCount[0]++;
                    }
                    if (errorCount[0] > 0) {
                        // the stage cancels its COPY on close, then the catch below rolls back
                        throw rejected(errors, errorCount[0], features);
                    }
                    long read = System.nanoTime();
                    VersionCounts counts = stage.classify();
                    long classified = System.nanoTime();
                    for (StagedConflict conflict : stage.conflicts()) {
                        if (errorCount[0]++ < UploadReport.MAX_LISTED) {
                            errors.add(FeatureProblem.of(conflict.ord(), conflict.externalId(), "recorded-before-current",
                                    conflict.message()));
                        }
                    }
                    if (errorCount[0] > 0) {
                        c.rollback();
                        throw rejected(errors, errorCount[0], features);
                    }
                    var report = new UploadReport(null, iso3, request.kind().column(), format.label(),
                            request.file().fileName(), request.file().sha256(), request.file().sizeBytes(),
                            request.dryRun(), request.actor(), null, features, counts.inserted(), counts.updated(),
                            counts.unchanged(), repaired[0], List.copyOf(warnings),
                            Math.max(0, warningCount[0] - warnings.size()));
                    if (request.dryRun()) {
                        c.rollback();
                        return new Outcome(200, report);
                    }
                    var row = uploads.insert(c, report);
                    report = report.withUpload(row.getKey(), row.getValue());
                    stage.write(row.getKey());
                    long written = System.nanoTime();
                    String reportJson = json.writeValueAsString(report);
                    uploads.finish(c, report, reportJson);
                    uploads.audit(c, request.actor(), "upload", request.kind().column(), null, iso3, row.getKey(),
                            json.writeValueAsString(Map.of("features", features, "inserted", counts.inserted(),
                                    "updated", counts.updated(), "unchanged", counts.unchanged(),
                                    "format", format.label(), "sha256", request.file().sha256())));
                    c.commit();
                    LOG.info("upload {} {} #{} phases: read, check and stage {} ms; compare {} ms; write {} ms; commit {} ms",
                            iso3, request.kind().column(), row.getKey(), (read - started) / 1_000_000,
                            (classified - read) / 1_000_000, (written - classified) / 1_000_000,
                            (System.nanoTime() - written) / 1_000_000);
                    LOG.info("upload {} {} #{}: {} features ({} inserted, {} updated, {} unchanged, {} repaired) in {} ms",
                            iso3, request.kind().column(), row.getKey(), features, counts.inserted(), counts.updated(),
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

    /**
     * Features are checked in batches on {@link #checkers} (one thread per core) while the request
     * thread goes on parsing and feeding the COPY; results are taken in file order. At most
     * {@link #MAX_IN_FLIGHT} batches wait, so memory stays bounded.
     */
    private static final int BATCH = 256;
    private static final int MAX_IN_FLIGHT = Runtime.getRuntime().availableProcessors() + 1;

    private record Pending(int index, Map<String, Object> properties, com.fasterxml.jackson.databind.JsonNode geometry) {
    }

    private static List<Ready> take(java.util.concurrent.Future<List<Ready>> f)
            throws InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("checking features failed", e.getCause());
        }
    }

    /** A checked feature and, when it has no error, its stage row, both made on a checker thread. */
    private record Ready(FeatureCheck.Checked checked, byte[] row) {
    }

    private List<Ready> checkAll(FeatureCheck check, Staging stage, List<Pending> batch) {
        var result = new ArrayList<Ready>(batch.size());
        for (Pending p : batch) {
            FeatureCheck.Checked c = check.check(p.index(), p.properties(),
                    PolygonReader.read(p.geometry(), limits.maxVertices()));
            result.add(new Ready(c, c.errors().isEmpty() ? stage.row(c) : null));
        }
        return result;
    }

    /** Everything learnt from the checked features, in file order; good features go to the stage while there is no error. */
    private static final class Tally {
        private final List<FeatureProblem> errors;
        private final List<FeatureProblem> warnings;
        private final int[] errorCount;
        private final int[] warningCount;
        private final int[] repaired;
        private final Map<String, Integer> seen;
        private final Staging stage;

        Tally(List<FeatureProblem> errors, List<FeatureProblem> warnings, int[] errorCount, int[] warningCount,
                int[] repaired, Map<String, Integer> seen, Staging stage) {
            this.errors = errors;
            this.warnings = warnings;
            this.errorCount = errorCount;
            this.warningCount = warningCount;
            this.repaired = repaired;
            this.seen = seen;
            this.stage = stage;
        }

        void add(List<Ready> ready) throws SQLException {
            for (Ready r : ready) {
                add(r.checked(), r.row());
            }
        }

        private void add(FeatureCheck.Checked checked, byte[] row) throws SQLException {
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
                if (warningCount[0]++ < UploadReport.MAX_LISTED) {
                    warnings.add(w);
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
                stage.add(row);
            }
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

    /** The stage of either kind behind one face. */
    private interface Staging extends AutoCloseable {
        /** The stage row of a checked feature without errors; called on the checker threads. */
        byte[] row(FeatureCheck.Checked checked);

        void add(byte[] row) throws SQLException;

        VersionCounts classify() throws SQLException;

        List<StagedConflict> conflicts() throws SQLException;

        void write(long uploadId) throws SQLException;

        @Override
        void close() throws SQLException;
    }

    private Staging stage(Connection c, UploadKind kind, String iso3) throws SQLException {
        if (kind == UploadKind.HAZARDS) {
            HazardRepository.Stage s = hazards.stage(c, iso3);
            return new Staging() {
                public byte[] row(FeatureCheck.Checked checked) {
                    return HazardRepository.Stage.row(checked.index(), checked.hazard());
                }

                public void add(byte[] row) throws SQLException {
                    s.add(row);
                }

                public VersionCounts classify() throws SQLException {
                    return s.classify();
                }

                public List<StagedConflict> conflicts() throws SQLException {
                    return s.conflicts();
                }

                public void write(long uploadId) throws SQLException {
                    s.write(uploadId);
                }

                public void close() throws SQLException {
                    s.close();
                }
            };
        }
        ReleaseRepository.Stage s = releases.stage(c, iso3);
        return new Staging() {
            public byte[] row(FeatureCheck.Checked checked) {
                return ReleaseRepository.Stage.row(checked.index(), checked.release());
            }

            public void add(byte[] row) throws SQLException {
                s.add(row);
            }

            public VersionCounts classify() throws SQLException {
                return s.classify();
            }

            public List<StagedConflict> conflicts() {
                return List.of();
            }

            public void write(long uploadId) throws SQLException {
                s.write(uploadId);
            }

            public void close() throws SQLException {
                s.close();
            }
        };
    }
}
