package org.clearancemap.stateparty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.clearancemap.progress.AreaEngine;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.progress.YearlyBalance;

/**
 * A State Party's mapped figures on a date and where it stands against its deadline, as the
 * JSON fields of DESIGN.md ("A State Party's figures", "A yearly balance row").
 */
public record Standing(StateParty stateParty, LocalDate asOf, AreaFigures figures, Deadline deadline) {

    /**
     * Computes the standing from the cached figures (and, when nothing is mapped, the reported
     * figures); {@code extensions} tell whether a request awaits a decision on {@code asOf}.
     */
    public static Standing of(ProgressCache cache, int rateYears, StateParty s, List<ReportedFigure> reported,
                              List<Extension> extensions, LocalDate asOf) {
        boolean pending = extensions.stream().anyMatch(e -> e.pendingOn(asOf));
        Integer firstYear = cache.firstMappedYear(s.iso3());
        int from = firstYear == null ? asOf.getYear() : Math.max(asOf.getYear() - rateYears, firstYear);
        List<Double> perYear = new ArrayList<>();
        AreaFigures figures;
        if (from < asOf.getYear()) {
            // one pass gives the rate years and the figures on the date
            AreaEngine.Balance balance = cache.balance(s.iso3(), from, asOf);
            for (YearlyBalance row : balance.rows()) {
                if (row.year() < asOf.getYear()) {
                    perYear.add(row.releasedSqm());
                }
            }
            figures = balance.figures().get(balance.figures().size() - 1);
        } else {
            figures = cache.figuresOn(s.iso3(), asOf);
        }
        if (figures.footprintSqm() > 0 || reported.isEmpty()) {
            return new Standing(s, asOf, figures, Deadline.of(asOf, s.currentDeadline(), s.completedOn(),
                    figures.footprintSqm() > 0, figures.remainingSqm(), perYear, "mapped", pending));
        }
        // Nothing mapped: the latest reported remaining area and reported release rate stand in.
        Map<Integer, ReportedFigure> firstPerYear = new LinkedHashMap<>();
        reported.stream().sorted(Comparator.comparingInt(ReportedFigure::year).thenComparingLong(ReportedFigure::id))
                .forEach(f -> firstPerYear.putIfAbsent(f.year(), f));
        ReportedFigure latest = reported.stream().filter(f -> f.remainingKm2() != null)
                .filter(f -> f.year() < asOf.getYear() || f.year() == asOf.getYear())
                .max(Comparator.comparingInt(ReportedFigure::year).thenComparing(f -> -f.id())).orElse(null);
        perYear.clear();
        for (int y = asOf.getYear() - rateYears; y < asOf.getYear(); y++) {
            ReportedFigure f = firstPerYear.get(y);
            Double released = f == null ? null : releasedKm2(f);
            if (released != null) {
                perYear.add(released * 1e6);
            }
        }
        double remaining = latest == null ? 0 : latest.remainingKm2().doubleValue() * 1e6;
        return new Standing(s, asOf, figures, Deadline.of(asOf, s.currentDeadline(), s.completedOn(),
                latest != null, remaining, perYear, "reported", pending));
    }

    /** The released area a figure reports: its total, else the sum of the methods it gives; none when neither. */
    static Double releasedKm2(ReportedFigure f) {
        if (f.releasedKm2() != null) {
            return f.releasedKm2().doubleValue();
        }
        BigDecimal sum = null;
        for (BigDecimal part : new BigDecimal[] {f.cancelledKm2(), f.reducedKm2(), f.clearedKm2()}) {
            if (part != null) {
                sum = sum == null ? part : sum.add(part);
            }
        }
        return sum == null ? null : sum.doubleValue();
    }

    /** The DESIGN.md fields of a State Party's figures. */
    public Map<String, Object> toJson() {
        var m = new LinkedHashMap<String, Object>();
        StateParty s = stateParty;
        m.put("iso3", s.iso3());
        m.put("name", s.name());
        m.put("eifDate", s.eifDate());
        m.put("originalDeadline", s.originalDeadline());
        m.put("currentDeadline", s.currentDeadline());
        m.put("completedOn", s.completedOn());
        m.put("status", deadline.status().key());
        putDeadlinePassed(m, deadline);
        m.put("asOf", asOf);
        putFigures(m, figures);
        m.put("annualRateSqm", sqm(deadline.annualRateSqm()));
        m.put("requiredRateSqm", sqm(deadline.requiredRateSqm()));
        m.put("projectedCompletion", deadline.projectedCompletion());
        m.put("yearsLeft", deadline.yearsLeft() == null ? null : Math.round(deadline.yearsLeft() * 100) / 100.0);
        m.put("basis", deadline.basis());
        return m;
    }

    /** deadlinePassedDays, deadlinePassedYears and extensionRequestPending, into {@code m}. */
    public static void putDeadlinePassed(Map<String, Object> m, Deadline d) {
        m.put("deadlinePassedDays", d.deadlinePassedDays());
        m.put("deadlinePassedYears", d.deadlinePassedYears());
        m.put("extensionRequestPending", d.extensionRequestPending());
    }

    /** footprintSqm ... ignoredSliverSqm of some figures, into {@code m}. */
    public static void putFigures(Map<String, Object> m, AreaFigures f) {
        m.put("footprintSqm", sqm(f.footprintSqm()));
        m.put("remainingSqm", sqm(f.remainingSqm()));
        m.put("remainingByClass", ordered("SHA", sqm(f.remainingShaSqm()), "CHA", sqm(f.remainingChaSqm())));
        m.put("releasedSqm", sqm(f.releasedSqm()));
        m.put("releasedByMethod", ordered("cancelled", sqm(f.cancelledSqm()), "reduced", sqm(f.reducedSqm()),
                "cleared", sqm(f.clearedSqm())));
        m.put("releasedOutsideHazardsSqm", sqm(f.releasedOutsideHazardsSqm()));
        Double progress = f.progress();
        m.put("progress", progress == null ? null : Math.round(progress * 1e6) / 1e6);
        m.put("ignoredSliverSqm", sqm(f.ignoredSliverSqm()));
    }

    /** A yearly balance row as JSON. */
    public static Map<String, Object> balanceRowJson(YearlyBalance row) {
        var m = new LinkedHashMap<String, Object>();
        m.put("year", row.year());
        m.put("remainingStartSqm", sqm(row.remainingStartSqm()));
        m.put("newlyRecordedSqm", sqm(row.newlyRecordedSqm()));
        m.put("retiredUnreleasedSqm", sqm(row.retiredUnreleasedSqm()));
        m.put("releasedSqm", sqm(row.releasedSqm()));
        m.put("releasedByMethod", ordered("cancelled", sqm(row.cancelledSqm()), "reduced", sqm(row.reducedSqm()),
                "cleared", sqm(row.clearedSqm())));
        m.put("ignoredSliverChangeSqm", sqm(row.ignoredSliverChangeSqm()));
        m.put("remainingEndSqm", sqm(row.remainingEndSqm()));
        return m;
    }

    /** An area rounded to the millimetre² (so that sums of rounded figures still close to 0.01 m²). */
    public static Double sqm(Double value) {
        return value == null ? null : sqm(value.doubleValue());
    }

    public static double sqm(double value) {
        double rounded = Math.round(value * 1000) / 1000.0;
        return rounded == 0 ? 0.0 : rounded;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) Objects.requireNonNull(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return m;
    }
}
