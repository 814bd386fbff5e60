package org.clearancemap.upload;

/**
 * Told after an upload or a retirement has been committed, so that figures computed from the
 * State Party's hazards and releases can be invalidated. Not called for dry runs, rejected uploads
 * or a file that was already uploaded.
 */
@FunctionalInterface
public interface UploadListener {
    /** Does nothing. */
    UploadListener NONE = iso3 -> { };

    void uploaded(String iso3);
}
