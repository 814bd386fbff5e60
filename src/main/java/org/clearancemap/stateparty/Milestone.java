package org.clearancemap.stateparty;

/**
 * A year's target: the area to release that year (m²).
 *
 * @param id                 null for a year of a granted request's work plan (set by the plan, not one by one)
 * @param extensionRequestId the request whose plan the target comes from, when it does
 */
public record Milestone(Long id, int year, double targetReleaseSqm, String source, Long extensionRequestId) {
}
