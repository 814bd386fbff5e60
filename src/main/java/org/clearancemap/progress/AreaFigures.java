package org.clearancemap.progress;

import org.clearancemap.land.ReleaseMethod;

/**
 * The area figures of some land on one date, in geodesic m². Figures of disjoint clusters add up.
 *
 * @param footprintSqm              |H|
 * @param footprintChaSqm           the CHA part of the footprint (SHA overlapping CHA counts as CHA)
 * @param remainingSqm              |H − R| without the ignored slivers
 * @param remainingChaSqm           the CHA part of the remaining area
 * @param clearedSqm                the part of |H ∩ R| first released by clearance
 * @param reducedSqm                the part first released by technical survey
 * @param cancelledSqm              the part first released by non-technical survey
 * @param releasedOutsideHazardsSqm |R − H|
 * @param ignoredSliverSqm          area of the slivers of H − R left out of the remaining area
 */
public record AreaFigures(
        double footprintSqm,
        double footprintChaSqm,
        double remainingSqm,
        double remainingChaSqm,
        double clearedSqm,
        double reducedSqm,
        double cancelledSqm,
        double releasedOutsideHazardsSqm,
        double ignoredSliverSqm) {

    public static final AreaFigures ZERO = new AreaFigures(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** |H ∩ R|, all methods together. */
    public double releasedSqm() {
        return clearedSqm + reducedSqm + cancelledSqm;
    }

    public double remainingShaSqm() {
        return remainingSqm - remainingChaSqm;
    }

    /** The released area of one method. */
    public double releasedSqm(ReleaseMethod method) {
        return switch (method) {
            case CLEARED -> clearedSqm;
            case REDUCED -> reducedSqm;
            case CANCELLED -> cancelledSqm;
        };
    }

    /**
     * released / footprint, counting ignored slivers as released so that a fully released hazard
     * reaches 1 (equal to released / footprint when the tolerance is 0); null when the footprint is 0.
     */
    public Double progress() {
        return footprintSqm > 0 ? Math.max(0.0, Math.min(1.0, 1.0 - remainingSqm / footprintSqm)) : null;
    }

    public AreaFigures plus(AreaFigures o) {
        return new AreaFigures(footprintSqm + o.footprintSqm, footprintChaSqm + o.footprintChaSqm,
                remainingSqm + o.remainingSqm, remainingChaSqm + o.remainingChaSqm, clearedSqm + o.clearedSqm,
                reducedSqm + o.reducedSqm, cancelledSqm + o.cancelledSqm,
                releasedOutsideHazardsSqm + o.releasedOutsideHazardsSqm, ignoredSliverSqm + o.ignoredSliverSqm);
    }
}
