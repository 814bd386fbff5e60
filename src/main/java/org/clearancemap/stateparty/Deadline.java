package org.clearancemap.stateparty;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Where a State Party stands against its Article 4 deadline on a date.
 *
 * <p>Rules (DESIGN.md, "Deadline analytics"):
 * <ul>
 *   <li>annual rate = mean of the land released in each of the last complete years (3 by default);</li>
 *   <li>required rate = remaining / years left to the current deadline; none once it has passed;</li>
 *   <li>projected completion = as-of date + remaining / annual rate; none when the rate is 0;</li>
 *   <li>status: {@code completed} (declared, or a mapped footprint with nothing remaining),
 *       {@code on-track} (projected on or before the deadline), {@code at-risk} (within a year
 *       after it), {@code off-track} (later, or no rate), {@code no-data} (no mapped footprint
 *       and no reported figures).</li>
 * </ul>
 *
 * @param basis {@code mapped} when the figures come from the map, {@code reported} when nothing
 *              is mapped and the latest reported figures stand in
 */
public record Deadline(
        LocalDate currentDeadline,
        Double yearsLeft,
        Double annualRateSqm,
        Double requiredRateSqm,
        LocalDate projectedCompletion,
        Status status,
        String basis) {

    private static final double DAYS_PER_YEAR = 365.2425;
    /** Below this, nothing remains (it rounds to 0.00 m²). */
    private static final double NOTHING_SQM = 0.005;

    public enum Status {
        COMPLETED, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA;

        /** {@code completed}, {@code on-track}, ... */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param remainingSqm       the remaining area on {@code asOf}
     * @param releasedPerYearSqm land released in each of the last complete years (may be empty)
     * @param hasFootprint       whether anything hazardous is mapped (or, for the reported basis, reported)
     */
    public static Deadline of(LocalDate asOf, LocalDate currentDeadline, LocalDate completedOn, boolean hasFootprint,
                              double remainingSqm, List<Double> releasedPerYearSqm, String basis) {
        Double yearsLeft = currentDeadline == null ? null
                : ChronoUnit.DAYS.between(asOf, currentDeadline) / DAYS_PER_YEAR;
        Double rate = releasedPerYearSqm.isEmpty() ? null
                : releasedPerYearSqm.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        Double required = yearsLeft != null && yearsLeft > 0 && hasFootprint ? remainingSqm / yearsLeft : null;
        LocalDate projected = null;
        if (hasFootprint && remainingSqm < NOTHING_SQM) {
            projected = asOf;
        } else if (hasFootprint && rate != null && rate > 0) {
            projected = asOf.plusDays((long) Math.ceil(remainingSqm / rate * DAYS_PER_YEAR));
        }
        Status status;
        if (completedOn != null && !completedOn.isAfter(asOf)) {
            status = Status.COMPLETED;
        } else if (!hasFootprint) {
            status = Status.NO_DATA;
        } else if (remainingSqm < NOTHING_SQM) {
            status = Status.COMPLETED;
        } else if (projected == null || currentDeadline == null) {
            status = Status.OFF_TRACK;
        } else if (!projected.isAfter(currentDeadline)) {
            status = Status.ON_TRACK;
        } else if (!projected.isAfter(currentDeadline.plusYears(1))) {
            status = Status.AT_RISK;
        } else {
            status = Status.OFF_TRACK;
        }
        return new Deadline(currentDeadline, yearsLeft, rate, required, projected, status, basis);
    }
}
