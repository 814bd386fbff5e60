package org.clearancemap.progress;

/**
 * One year of the balance of remaining land (s = 31 Dec of the year before, e = 31 Dec of the
 * year, or the as-of date for the current year).
 *
 * <p>{@code remainingEndSqm = remainingStartSqm + newlyRecordedSqm − retiredUnreleasedSqm − releasedSqm}
 * holds to rounding. {@code releasedSqm} is the land released in the year, by method
 * (|(He ∩ Re) − Rs|), plus the change in ignored slivers over the year
 * ({@code ignoredSliverChangeSqm}, 0 when the sliver tolerance is 0): land that a release left as
 * a sliver leaves the remaining area in the year of that release.
 */
public record YearlyBalance(
        int year,
        double remainingStartSqm,
        double newlyRecordedSqm,
        double retiredUnreleasedSqm,
        double releasedSqm,
        double clearedSqm,
        double reducedSqm,
        double cancelledSqm,
        double ignoredSliverChangeSqm,
        double remainingEndSqm) {

    /** The area released in the year by release methods alone (without the sliver change). */
    public double releasedByMethodsSqm() {
        return clearedSqm + reducedSqm + cancelledSqm;
    }
}
