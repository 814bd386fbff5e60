package org.clearancemap.upload;

import org.clearancemap.config.Config;

/**
 * The limits an upload must stay within, from {@link Config}.
 *
 * @param maxBodyBytes      largest file (413)
 * @param maxFeatures       most features in one file (413)
 * @param maxVertices       most vertices in one feature (422 for that feature)
 * @param maxUnzippedBytes  most bytes a zip may unpack to (422, zip bomb)
 * @param ogrTimeoutSeconds longest a GDAL conversion may run (422)
 * @param concurrentWrites  uploads that may hold a database connection at once: half the pool, so that
 *                          uploads queued behind one another never take every connection from the reads
 * @param earliestDate      earliest survey or release date accepted (UPLOAD_EARLIEST_DATE)
 * @param progressEvery     a long upload logs its progress every this many features (and every few seconds)
 */
public record UploadLimits(long maxBodyBytes, int maxFeatures, int maxVertices, long maxUnzippedBytes,
        int ogrTimeoutSeconds, int concurrentWrites, java.time.LocalDate earliestDate, int progressEvery) {

    /** Features between two progress lines of a long upload. */
    public static final int PROGRESS_EVERY = 5000;

    public static UploadLimits of(Config config) {
        return new UploadLimits(config.maxBodyBytes(), config.maxFeaturesPerUpload(), config.maxVerticesPerFeature(),
                config.maxUnzippedBytes(), config.ogrTimeoutSeconds(), Math.max(1, config.dbPoolSize() / 2),
                config.uploadEarliestDate(), PROGRESS_EVERY);
    }
}
