package org.clearancemap.land;

/**
 * A staged row that cannot become a new version, found before anything is written.
 *
 * @param ord        the row's position in the upload (the feature index)
 * @param externalId its external id
 * @param message    why, for the operator
 */
public record StagedConflict(int ord, String externalId, String message) {
}
