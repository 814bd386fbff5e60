package org.clearancemap.stateparty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A revision of an extension request as the State Party submitted it: the meeting, dates and
 * period asked for, the sections of Article 4(6) as text, the figures (d), (e), (f) as the State
 * states them (km²), and a costed work plan with its funding.
 *
 * @param sections the text of each section given (absent ones are not in the map)
 */
public record ExtensionRevision(long id, int number, String meeting, LocalDate meetingDate, LocalDate submittedOn,
                                LocalDate requestedUntil, boolean interim, Map<RequestSection, String> sections,
                                StatedFigures statedFigures, List<WorkPlanYear> workPlan, List<Funding> funding,
                                String source, Instant recordedAt) {

    /** The figures of Article 4(6)(d), (e) and (f) as the request states them, km²; null where not stated. */
    public record StatedFigures(BigDecimal contaminatedAtEifKm2, BigDecimal discoveredSinceEifKm2,
                                BigDecimal releasedSinceEifKm2, BigDecimal remainingKm2) {
    }

    /** A year of the work plan: the area to cancel, reduce and clear (km²), teams and budget needed (USD). */
    public record WorkPlanYear(int year, BigDecimal cancelKm2, BigDecimal reduceKm2, BigDecimal clearKm2, Integer teams,
                               BigDecimal budgetNeededUsd) {
        /** The area the year plans to release, km². */
        public BigDecimal releaseKm2() {
            return cancelKm2.add(reduceKm2).add(clearKm2);
        }
    }

    /**
     * A year of the plan and its funding in total: the area planned for release (km²), the budget
     * needed and the funding of each status (USD); null where the plan has no entry for the year.
     */
    public record PlanYearTotals(int year, BigDecimal releaseKm2, BigDecimal budgetNeededUsd, BigDecimal pledgedUsd,
                                 BigDecimal securedUsd, BigDecimal disbursedUsd) {
    }

    /** Every year the work plan or its funding names, in order, with the plan and the funding of each status. */
    public List<PlanYearTotals> planYearTotals() {
        var years = new TreeMap<Integer, BigDecimal[]>();
        for (WorkPlanYear y : workPlan) {
            BigDecimal[] t = years.computeIfAbsent(y.year(), k -> zeros());
            t[0] = y.releaseKm2();
            t[1] = y.budgetNeededUsd();
        }
        for (Funding f : funding) {
            BigDecimal[] t = years.computeIfAbsent(f.year(), k -> zeros());
            int i = 2 + Funding.STATUSES.indexOf(f.status());
            t[i] = t[i].add(f.amountUsd());
        }
        return years.entrySet().stream().map(e -> new PlanYearTotals(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2], e.getValue()[3], e.getValue()[4])).toList();
    }

    private static BigDecimal[] zeros() {
        return new BigDecimal[] {null, null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
    }

    /** Money for a year of the plan from one source, and how far it has come. */
    public record Funding(int year, String source, BigDecimal amountUsd, String status) {
        public static final List<String> STATUSES = List.of("pledged", "secured", "disbursed");
    }

    /** The revision as the API serves it (DESIGN.md field names). */
    public Map<String, Object> toJson() {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", id);
        m.put("number", number);
        m.put("meeting", meeting);
        m.put("meetingDate", meetingDate);
        m.put("submittedOn", submittedOn);
        m.put("requestedUntil", requestedUntil);
        m.put("interim", interim);
        for (RequestSection s : RequestSection.values()) {
            m.put(s.key(), sections.get(s));
        }
        m.put("statedFigures", statedFigures);
        m.put("workPlan", workPlan);
        m.put("funding", funding);
        m.put("planYearTotals", planYearTotals());
        m.put("source", source);
        m.put("recordedAt", recordedAt == null ? null : recordedAt.toString());
        return m;
    }
}
