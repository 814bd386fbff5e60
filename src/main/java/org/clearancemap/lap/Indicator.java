package org.clearancemap.lap;

/**
 * One indicator of a registry version.
 *
 * @param action  the Lausanne Action Plan action it follows (18 to 30)
 * @param kind    what a value is: yes-no, count, percentage or area
 * @param measure the measure the server computes for it; null when values are recorded by hand
 */
public record Indicator(String id, int action, String text, String kind, String measure) {
}
