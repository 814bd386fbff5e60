package org.clearancemap.db;

/** What writing a batch of versions did: new things, new versions of changed things, and the rest. */
public record VersionCounts(int inserted, int updated, int unchanged) {
}
