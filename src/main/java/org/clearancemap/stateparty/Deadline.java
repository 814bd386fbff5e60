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
 *   <li>status, the first rule that holds: {@code completed} (declared, or a mapped footprint with
 *       nothing remaining), {@code deadline-passed} (the current deadline lies before the date),
 *       {@code no-data} (no mapped footprint and no reported figures), {@code on-track} (projected
 *       on or before the deadline), {@code at-risk} (within a year
 *       after it), {@code off-track} (later, or no rate).</li>
 *   <li>days and years since the deadline: counted from the day after it, while the deadline
 *       has passed and the State has not completed; none otherwise.</li>
 * </ul>
 *
 * @param basis {@code mapped} when the figures come from the map, {@code reported} when nothing
 *              is mapped and the latest reported figures stand in
 * @param extensionRequestPending whether an extension request was submitted on or before the date
 *              and had no decision by then
 */
public record Deadline(
        LocalDate currentDeadline,
        Double yearsLeft,
        Double annualRateSqm,
        Double requiredRateSqm,
        LocalDate projectedCompletion,
        Status status,
        String basis,
        Long deadlinePassedDays,
        Double deadlinePassedYears,
        boolean extensionRequestPending) {

    private static final double DAYS_PER_YEAR = 365.2425;
    /** Below this, nothing remains (it rounds to 0.00 m²). */
    private static final double NOTHING_SQM = 0.005;

    public enum Status {
        COMPLETED, DEADLINE_PASSED, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA;

        /** {@code completed}, {@code on-track}, ... */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param remainingSqm       the remaining area on {@code asOf}
     * @param releasedPerYearSqm land released in each of the last complete years (may be empty)
     * @param hasFootprint       whether anything hazardous is mapped (or, for the reported basis, reported)
     * @param extensionRequestPending whether an extension request awaits a decision on {@code asOf}
     */
    public static Deadline of(LocalDate asOf, LocalDate currentDeadline, LocalDate completedOn, boolean hasFootprint,
                              double remainingSqm, List<Double> releasedPerYearSqm, String basis,
                              boolean extensionRequestPending) {
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
        } else if (hasFootprint && remainingSqm < NOTHING_SQM) {
            status = Status.COMPLETED;
        } else if (currentDeadline != null && asOf.isAfter(currentDeadline)) {
            status = Status.DEADLINE_PASSED;
        } else if (!hasFootprint) {
            status = Status.NO_DATA;
        } else if (projected == null || currentDeadline == null) {
            status = Status.OFF_TRACK;
        } else if (!projected.isAfter(currentDeadline)) {
            status = Status.ON_TRACK;
        } else if (!projected.isAfter(currentDeadline.plusYears(1))) {
            status = Status.AT_RISK;
        } else {
            status = Status.OFF_TRACK;
        }
        Long passedDays = status == Status.DEADLINE_PASSED ? ChronoUnit.DAYS.between(currentDeadline, asOf) : null;
        Double passedYears = passedDays == null ? null : Math.round(passedDays / DAYS_PER_YEAR * 100) / 100.0;
        return new Deadline(currentDeadline, yearsLeft, rate, required, projected, status, basis,
                passedDays, passedYears, extensionRequestPending);
    }
}
