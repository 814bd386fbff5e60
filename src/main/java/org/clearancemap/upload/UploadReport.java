package org.clearancemap.upload;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What an upload did, as returned with 201 and kept in {@code upload.report}.
 *
 * @param uploadId        the upload's id; null for a dry run
 * @param dryRun          true when nothing was written
 * @param features        features in the file (those skipped included)
 * @param inserted        new hazards or releases
 * @param updated         new versions of changed ones
 * @param unchanged       identical to their current version, not written again
 * @param repaired        invalid polygons repaired (each also in {@code warnings})
 * @param warnings        what was accepted but should be looked at (at most {@link #MAX_LISTED})
 * @param warningsOmitted warnings beyond those listed
 * @param skipped         under {@code invalid=skip}, the features left out, each with its first error
 *                        (the others' messages added to it; at most {@link #MAX_LISTED}); empty otherwise
 * @param skippedOmitted  features left out beyond those listed
 * @param processingMs    how long the server took, from the received file to the commit (null for reports
 *                        stored before it was recorded)
 */
public record UploadReport(Long uploadId, String iso3, String kind, String format, String fileName, String sha256,
        long sizeBytes, boolean dryRun, String uploadedBy, OffsetDateTime uploadedAt, int features, int inserted,
        int updated, int unchanged, int repaired, List<FeatureProblem> warnings, int warningsOmitted,
        List<FeatureProblem> skipped, int skippedOmitted, Long processingMs) {

    /** Most problems listed in one report or one 422. */
    public static final int MAX_LISTED = 1000;

    UploadReport withUpload(long id, OffsetDateTime at) {
        return new UploadReport(id, iso3, kind, format, fileName, sha256, sizeBytes, dryRun, uploadedBy, at, features,
                inserted, updated, unchanged, repaired, warnings, warningsOmitted, skipped, skippedOmitted, processingMs);
    }

    UploadReport withProcessingMs(long ms) {
        return new UploadReport(uploadId, iso3, kind, format, fileName, sha256, sizeBytes, dryRun, uploadedBy, uploadedAt,
                features, inserted, updated, unchanged, repaired, warnings, warningsOmitted, skipped, skippedOmitted, ms);
    }
}
