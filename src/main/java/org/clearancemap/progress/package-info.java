/**
 * Footprint, remaining area and progress of each State Party, for any date and year by year.
 *
 * <p>Terms (see DESIGN.md, "Area semantics"); all areas are geodesic, in m² on WGS 84:
 * <ul>
 *   <li><b>H(D)</b>: the union of a State Party's hazardous-area versions valid on D (recorded on
 *       or before D, not superseded or retired on D). <b>R(D)</b>: the union of its current release
 *       versions completed on or before D.</li>
 *   <li><b>footprint</b> |H|, where SHA and CHA overlap the land counts once, as CHA;
 *       <b>remaining</b> |H − R| split the same way; <b>released</b> |H ∩ R| split by method, each
 *       piece of land counted once for the earliest release (ties: cleared, reduced, cancelled);
 *       <b>releasedOutsideHazards</b> |R − H|, never part of progress.</li>
 *   <li><b>sliver</b>: a piece of H − R that an inward buffer of the sliver tolerance erases
 *       entirely (GPS jitter between a hazard edge and a release edge). Slivers do not count as
 *       remaining; their area is reported as {@code ignoredSliverSqm}.</li>
 *   <li><b>cluster</b>: a connected component of overlapping hazard versions and releases of one
 *       State Party. Clusters share no land, so every figure is a sum over clusters.</li>
 * </ul>
 *
 * <p>The engine takes ISO3 codes, dates and geometry and returns figures; it knows nothing of State
 * Party records. Deadlines, extensions and where a State Party stands live in {@code stateparty}.
 */
package org.clearancemap.progress;
