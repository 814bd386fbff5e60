package org.clearancemap.upload;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clearancemap.db.BinaryCopyRows;
import org.clearancemap.land.VersionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read step of an upload: every feature of the file is read once, in file order, checked on
 * the threads of {@link ParallelCheck} and sorted. A feature whose external id the State Party
 * never had goes straight into the COPY of first versions; one with a known id becomes a stage
 * row, to be compared with its current version afterwards. What only shows across features (an
 * external id used twice, a retired hazard stored again, a release naming no known hazard) is
 * added to the problems. After the first error no more rows are made, but every feature is still
 * checked, so that the 422 lists every problem. Under {@code invalid=skip} a feature with errors
 * is left out instead ({@link Problems#skip}) and the others go on as if it were not in the file;
 * when none is left the file is refused. One {@code SurveyRead} reads one file.
 */
final class SurveyRead {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyRead.class);
    /** Progress is logged at least this often (besides every {@link UploadLimits#progressEvery()} features). */
    private static final int PROGRESS_SECONDS = 5;
    private static final byte[] NO_ROW = new byte[0];

    /**
     * What the State Party has before the upload.
     *
     * @param ids       every external id stored (any version) of the kind uploaded: true when it has a
     *                  current version, false for a retired hazard
     * @param hazardIds the external ids of its hazards, for releases to name; empty for a hazard upload
     */
    record Known(Map<String, Boolean> ids, Set<String> hazardIds) {
    }

    /** The COPY that first versions go to, with the State Party and upload their rows carry; closed by {@link #read}. */
    record Copy(BinaryCopyRows rows, String iso3, long uploadId) {
    }

    /**
     * What was read.
     *
     * @param features  features in the file
     * @param fresh     features with a new external id: copied (counted only, in a dry run)
     * @param knownRows stage rows of the features with a known external id, in file order
     * @param repaired  invalid polygons repaired
     * @param problems  the warnings found (the file's own first); errors would have refused the file
     * @param preview   what would be stored, in a dry run; else null
     */
    record Result(int features, int fresh, List<byte[]> knownRows, int repaired, Problems problems, UploadPreview preview) {
    }

    /**
     * A checked feature and, when it has no error, its row: a first version for the COPY when its
     * external id is new ({@code fresh}; an empty row in a dry run), else a stage row.
     */
    private record Ready(FeatureCheck.Checked checked, byte[] row, boolean fresh) {
    }

    private final String upload;
    private final FeatureCheck check;
    private final UploadLimits limits;
    private final Known known;
    private final Copy copy;
    private final UploadPreview preview;
    private final boolean skipInvalid;
    private final Problems problems = new Problems();
    private final Map<String, Integer> seen = new HashMap<>();
    private final List<byte[]> knownRows = new ArrayList<>();
    private int fresh;
    private int repaired;
    private long lastProgress;

    /**
     * @param upload the State Party and kind, for the progress log
     * @param copy        where new features go; null in a dry run, which writes nothing
     * @param preview     gathers what would be stored, in a dry run; else null
     * @param skipInvalid leave out the features with errors instead of refusing the file
     */
    SurveyRead(String upload, FeatureCheck check, UploadLimits limits, Known known, Copy copy, UploadPreview preview,
            boolean skipInvalid) {
        this.preview = preview;
        this.skipInvalid = skipInvalid;
        this.upload = upload;
        this.check = check;
        this.limits = limits;
        this.known = known;
        this.copy = copy;
    }

    /**
     * Reads the file, once. With any error the COPY is cancelled and the 422 thrown; else the COPY
     * is finished and what was read returned.
     *
     * @param started when the upload began, by {@link System#nanoTime}
     */
    Result read(GeoJsonSource source, ParallelCheck checkers, long started) throws Exception {
        source.warnings().forEach(problems::warn);
        lastProgress = System.nanoTime();
        try (BinaryCopyRows rows = copy == null ? null : copy.rows()) {
            int features;
            try (ParallelCheck.Run<Ready> run = checkers.start(this::check, this::sort)) {
                features = GeoJsonFeatures.read(source.path(), limits.maxFeatures(), limits.maxVertices(),
                        (index, properties, geometry) -> {
                            properties.keySet().removeAll(source.presentation());
                            run.add(new ParallelCheck.Pending(index, properties, geometry));
                            progress(index + 1, started);
                        });
                run.finish();
            }
            if (features == 0) {
                problems.error(FeatureProblem.ofFile("no-features", "the file holds no features"));
            }
            if (problems.hasErrors()) {
                throw problems.rejected(features, preview == null ? null : preview.toJson());
            }
            if (features > 0 && fresh + knownRows.size() == 0) {
                throw problems.nothingLeft(features);
            }
            if (rows != null) {
                rows.finish();
            }
            return new Result(features, fresh, knownRows, repaired, problems, preview);
        }
    }

    private void progress(int read, long started) {
        long now = System.nanoTime();
        if (read % limits.progressEvery() == 0 || now - lastProgress > PROGRESS_SECONDS * 1_000_000_000L) {
            lastProgress = now;
            LOG.info("upload {}: {} features read in {} ms ({} problems so far)", upload, read,
                    (now - started) / 1_000_000, problems.errorCount());
        }
    }

    /** Checks one feature and makes its row; runs on the checker threads. */
    private Ready check(ParallelCheck.Pending p) {
        FeatureCheck.Checked c = check.check(p.index(), p.properties(),
                PolygonReader.read(p.geometry(), limits.maxVertices()));
        if (!c.errors().isEmpty()) {
            return new Ready(c, null, false);
        }
        if (known.ids().containsKey(c.externalId())) {
            return new Ready(c, VersionStage.row(c.index(), c.version()), false);
        }
        if (copy == null) {
            return new Ready(c, NO_ROW, true);
        }
        return new Ready(c, VersionStage.newRow(copy.iso3(), copy.uploadId(), c.version()), true);
    }

    /** Takes a checked feature, in file order, on the request thread. */
    private void sort(Ready ready) throws SQLException {
        FeatureCheck.Checked checked = ready.checked();
        int index = checked.index();
        var errors = new ArrayList<>(checked.errors());
        if (checked.externalId() != null) {
            Integer first = seen.putIfAbsent(checked.externalId(), index);
            if (first != null) {
                errors.add(FeatureProblem.of(index, checked.externalId(), "duplicate-external-id",
                        "external_id '" + checked.externalId() + "' is also used by feature " + first
                                + "; each feature of a file needs its own"));
            }
        }
        if (!errors.isEmpty() && skipInvalid) {
            problems.skip(errors);
            return;
        }
        checked.warnings().forEach(problems::warn);
        if (errors.isEmpty()) {
            if (Boolean.FALSE.equals(known.ids().get(checked.externalId()))) {
                problems.warn(FeatureProblem.of(index, checked.externalId(), "reopened-retired-hazard", "hazard '"
                        + checked.externalId() + "' was retired; this upload stores a new version of it, current "
                        + "again from its recorded_on (the retired versions are kept)"));
            }
            String hazard = checked.release() == null ? null : checked.release().hazardExternalId();
            if (hazard != null && !known.hazardIds().contains(hazard)) {
                problems.warn(FeatureProblem.of(index, checked.externalId(), "unknown-hazard", "hazard_external_id '"
                        + abbreviate(hazard) + "' names no hazard of this State Party; the release is stored, "
                        + "check the id or upload the hazard"));
            }
        }
        if (checked.repaired()) {
            repaired++;
        }
        if (errors.isEmpty() && preview != null) {
            preview.add(index, checked.version());
        }
        if (!errors.isEmpty()) {
            problems.refuse(errors);
        } else if (!problems.hasErrors()) {
            if (!ready.fresh()) {
                knownRows.add(ready.row());
            } else {
                fresh++;
                if (copy != null) {
                    copy.rows().addRow(ready.row());
                }
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
