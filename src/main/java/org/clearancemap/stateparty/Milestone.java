package org.clearancemap.stateparty;

/** A work-plan target: the area to release in a year. */
public record Milestone(long id, int year, double targetReleaseSqm, String source) {
}
