package org.clearancemap.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.clearancemap.audit.Actor;
import org.clearancemap.audit.AuditAction;
import org.clearancemap.audit.AuditLog;
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
 *     report with {@code alreadyUploaded} ({@link AlreadyUploaded}); nothing is written again.</li>
 * <li>The format is told from the content ({@link FileFormat}); anything but GeoJSON in WGS 84 is
 *     turned into it ({@link GeoJsonConversion}).</li>
 * <li>In one transaction, the upload row is recorded first (not in a dry run). <b>Read</b>
 *     ({@link SurveyRead}): the features are read once, checked ({@link FeatureCheck}) on all
 *     cores ({@link ParallelCheck}); a feature whose external id the State Party never had goes by
 *     binary COPY straight into its table as version 1, one with a known id waits for the stage.
 *     <b>Compare</b>: the known ones are staged and compared with their current versions.
 *     <b>Write</b>: the new versions, the upload's report and an audit event; commit; the
 *     {@link UploadListener} is told.</li>
 * <li>Any error: rollback and 422 with every problem ({@link Problems}); under
 *     {@code invalid=skip} the features with errors are left out and listed in the report instead.
 *     A dry run rolls back too, after counting what would have been inserted, updated or left
 *     unchanged (and skipped).</li>
 * </ol>
 */
public final class SurveyUpload {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyUpload.class);
    /** Longest an upload waits for a place among {@link UploadLimits#concurrentWrites()}. */
    private static final Duration WRITE_WAIT = Duration.ofSeconds(60);

    /**
     * One request to upload.
     *
     * @param layer  the layer to read from a GeoPackage, a zip of several Shapefiles or a KML; null for the only one
     * @param dryRun check and count, write nothing
     * @param strict refuse invalid polygons instead of repairing them
     * @param skipInvalid leave out the features that cannot be stored instead of refusing the file
     * @param actor  who uploads, for the upload row and the audit trail
     */
    record Request(StateParty stateParty, UploadKind kind, ReceivedFile file, boolean claimsJson, String layer,
            boolean dryRun, boolean strict, boolean skipInvalid, Actor actor) {
    }

    /** The answer: 201 with a new report, 200 with the stored report of an identical file, 200 for a dry run. */
    record Outcome(int status, Object body) {
    }

    private final UploadRepository uploads;
    private final TerritoryBounds territories;
    private final GeoJsonConversion conversion;
    /** Checks features on all cores; stopped by {@link #close} when the server stops. */
    private final ParallelCheck checkers = new ParallelCheck();
    private final Semaphore writers;
    private final UploadLimits limits;
    private final UploadListener listener;
    private final Clock clock;
    private final ObjectMapper json;

    SurveyUpload(UploadRepository uploads, TerritoryBounds territories, UploadLimits limits, UploadListener listener, Clock clock, ObjectMapper json) {
        this.uploads = uploads;
        this.territories = territories;
        this.conversion = new GeoJsonConversion(new Ogr2Ogr(Duration.ofSeconds(limits.ogrTimeoutSeconds())),
                limits.maxUnzippedBytes());
        this.writers = new Semaphore(limits.concurrentWrites(), true);
        this.limits = limits;
        this.listener = listener;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Stops any GDAL process and the checker threads (the server is stopping; requests have
     * finished or were given up by then).
     */
    void close() {
        conversion.close();
        checkers.close();
    }

    Outcome run(Request request) throws Exception {
        long started = System.nanoTime();
        var previous = uploads.previous(request.stateParty().iso3(), request.kind(), request.file().sha256());
        if (previous.isPresent()) {
            return AlreadyUploaded.answer(previous.get(), request.dryRun(), json);
        }
        FileFormat format = FileFormat.of(request.file(), request.claimsJson());
        try (GeoJsonSource source = conversion.of(request.file(), format, request.layer())) {
            try {
                return store(request, source, started);
            } catch (GeoJsonFeatures.NeedsReprojection legacy) {
                // a legacy crs other than WGS 84 (met in the one pass; what was read is rolled back)
                try (GeoJsonSource reprojected = conversion.reprojected(source, legacy.scan())) {
                    return store(request, reprojected, started);
                }
            }
        }
    }

    /**
     * Stores the upload once one of {@link UploadLimits#concurrentWrites()} places is free: an upload
     * waiting for the State Party's lock holds a pooled connection, so without this bound a burst of
     * uploads would take every connection and turn the reads into 503s. Waiting longer than
     * {@link #WRITE_WAIT} is a 503 with {@code Retry-After}; nothing is written then.
     */
    private Outcome store(Request request, GeoJsonSource source, long started) throws Exception {
        if (!writers.tryAcquire(WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ApiException.Unavailable("The server is busy writing other uploads; nothing was written. "
                    + "Send the file again in a minute.", 30);
        }
        try {
            return storeWithPermit(request, source, started);
        } finally {
            writers.release();
        }
    }

    private Outcome storeWithPermit(Request request, GeoJsonSource source, long started) throws Exception {
        FeatureCheck check = check(request, source.crsDeclared());
        try (Connection c = uploads.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                return inTransaction(c, request, source, check, started);
            } catch (Exception e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException("storing an upload for " + request.stateParty().iso3(), e);
        }
    }

    private FeatureCheck check(Request request, boolean crsDeclared) {
        StateParty sp = request.stateParty();
        var rules = new FeatureCheck.Rules(request.kind(), limits.earliestDate(), LocalDate.now(clock).plusDays(1),
                request.strict(), territories.of(sp.iso3(), sp.name(), crsDeclared));
        return new FeatureCheck(rules, json);
    }

    /** The upload in its transaction, under the State Party's lock: read, compare, write. */
    private Outcome inTransaction(Connection c, Request request, GeoJsonSource source, FeatureCheck check,
            long started) throws Exception {
        String iso3 = request.stateParty().iso3();
        UploadKind kind = request.kind();
        uploads.lock(c, iso3, kind);
        var previous = uploads.previous(c, iso3, kind, request.file().sha256());
        if (previous.isPresent()) {
            c.rollback();
            return AlreadyUploaded.answer(previous.get(), request.dryRun(), json);
        }
        // external ids stored before (any version) go through the stage to be compared;
        // new ones are copied straight into the table as version 1
        var known = new SurveyRead.Known(known(c, kind, iso3),
                kind == UploadKind.RELEASES ? VersionStage.known(c, LandKind.HAZARDS, iso3).keySet() : Set.of());
        Map.Entry<Long, OffsetDateTime> row = request.dryRun() ? null : uploads.insert(c, opened(request, source));
        var copy = row == null ? null : new SurveyRead.Copy(copyNew(c, kind), iso3, row.getKey());
        SurveyRead.Result read = new SurveyRead(iso3 + " " + kind.column(), check, limits, known, copy,
                request.dryRun() ? new UploadPreview(json) : null, request.skipInvalid())
                .read(source, checkers, started);
        try (VersionStage stage = read.knownRows().isEmpty() ? null : stage(c, kind, iso3)) {
            VersionCounts counts = compare(stage, read, request.skipInvalid());
            UploadReport report = report(request, source, read, counts);
            if (request.dryRun()) {
                c.rollback();
                ObjectNode body = json.valueToTree(report.withProcessingMs(msSince(started)));
                body.set("preview", read.preview().toJson());
                return new Outcome(200, body);
            }
            UploadReport written = write(c, stage, report.withUpload(row.getKey(), row.getValue()), request.actor(), started);
            LOG.info("upload {} {} #{}: {} features ({} inserted, {} updated, {} unchanged, {} repaired, {} skipped) "
                    + "in {} ms", iso3, kind.column(), written.uploadId(), written.features(), written.inserted(),
                    written.updated(), written.unchanged(), written.repaired(), read.problems().skippedCount(),
                    msSince(started));
            tell(listener, iso3);
            return new Outcome(201, written);
        }
    }

    /**
     * Stages the features with a known external id and compares them with their current versions:
     * a new version recorded before the current one refuses the file (422), or is left out under
     * {@code skipInvalid}.
     */
    private static VersionCounts compare(VersionStage stage, SurveyRead.Result read, boolean skipInvalid)
            throws SQLException {
        if (stage == null) {
            return new VersionCounts(read.fresh(), 0, 0);
        }
        for (byte[] r : read.knownRows()) {
            stage.add(r);
        }
        read.knownRows().clear();
        VersionCounts staged = stage.classify();
        Problems problems = read.problems();
        List<StagedConflict> conflicts = stage.conflicts();
        for (StagedConflict conflict : conflicts) {
            var problem = List.of(FeatureProblem.of(conflict.ord(), conflict.externalId(), "recorded-before-current",
                    conflict.message()));
            if (skipInvalid) {
                problems.skip(problem);
            } else {
                problems.refuse(problem);
            }
        }
        if (problems.hasErrors()) {
            throw problems.rejected(read.features(), read.preview() == null ? null : read.preview().toJson());
        }
        if (skipInvalid && !conflicts.isEmpty()) {
            staged = stage.leaveOut(conflicts.stream().map(StagedConflict::ord).toList());
            if (read.fresh() + staged.inserted() + staged.updated() + staged.unchanged() == 0) {
                throw problems.nothingLeft(read.features());
            }
        }
        return new VersionCounts(read.fresh() + staged.inserted(), staged.updated(), staged.unchanged());
    }

    /** Writes the new versions of known features, the upload's report and its audit event; commits. */
    private UploadReport write(Connection c, VersionStage stage, UploadReport report, Actor actor, long started) throws Exception {
        if (stage != null) {
            stage.write(report.uploadId());
        }
        UploadReport done = report.withProcessingMs(msSince(started));
        uploads.finish(c, done, json.writeValueAsString(done));
        AuditLog.record(c, actor, AuditAction.UPLOAD_CREATE, "upload", Long.toString(done.uploadId()), done.iso3(),
                done.uploadId(), Map.of("kind", done.kind(), "features", done.features(), "inserted", done.inserted(),
                        "updated", done.updated(), "unchanged", done.unchanged(),
                        "skipped", done.skipped().size() + done.skippedOmitted(),
                        "format", done.format(), "sha256", done.sha256()));
        c.commit();
        return done;
    }

    /** What the upload row records before the file is read: who sent which file (the counts follow). */
    private static UploadReport opened(Request request, GeoJsonSource source) {
        ReceivedFile file = request.file();
        return new UploadReport(null, request.stateParty().iso3(), request.kind().column(), source.format().label(),
                file.fileName(), file.sha256(), file.sizeBytes(), request.dryRun(), request.actor().name(), null, 0, 0, 0, 0,
                0, List.of(), 0, List.of(), 0, null);
    }

    private static UploadReport report(Request request, GeoJsonSource source, SurveyRead.Result read,
            VersionCounts counts) {
        ReceivedFile file = request.file();
        return new UploadReport(null, request.stateParty().iso3(), request.kind().column(), source.format().label(),
                file.fileName(), file.sha256(), file.sizeBytes(), request.dryRun(), request.actor().name(), null,
                read.features(), counts.inserted(), counts.updated(), counts.unchanged(), read.repaired(),
                read.problems().warnings(), read.problems().warningsOmitted(), read.problems().skipped(),
                read.problems().skippedOmitted(), null);
    }

    private static long msSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the transaction is rolled back with it
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

    private static Map<String, Boolean> known(Connection c, UploadKind kind, String iso3) throws SQLException {
        return VersionStage.known(c, kind.land(), iso3);
    }

    private static org.clearancemap.db.BinaryCopyRows copyNew(Connection c, UploadKind kind) throws SQLException {
        return VersionStage.copyNew(c, kind.land());
    }

    private static VersionStage stage(Connection c, UploadKind kind, String iso3) throws SQLException {
        return VersionStage.open(c, kind.land(), iso3);
    }
}
