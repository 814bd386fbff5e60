package org.clearancemap.report;

import static org.clearancemap.report.ExtensionAnalysis.day;
import static org.clearancemap.report.ExtensionAnalysis.figures;
import static org.clearancemap.report.ExtensionAnalysis.km2;
import static org.clearancemap.report.ExtensionAnalysis.km2Words;
import static org.clearancemap.report.ExtensionAnalysis.round;
import static org.clearancemap.report.ExtensionAnalysis.usd;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.clearancemap.progress.YearlyBalance;
import org.clearancemap.report.ExtensionAnalysis.Check;
import org.clearancemap.report.ExtensionAnalysis.Inputs;
import org.clearancemap.report.ExtensionAnalysis.Previous;
import org.clearancemap.report.ExtensionAnalysis.Status;
import org.clearancemap.stateparty.ExtensionRevision;
import org.clearancemap.stateparty.ExtensionRevision.WorkPlanYear;

/**
 * The checks of {@link ExtensionAnalysis} that read the work plan and its funding, and for a
 * renewal the previous plan. Without a work plan {@code work-plan-covers-remaining} fails and the
 * others are not applicable.
 */
final class WorkPlanChecks {
    private WorkPlanChecks() {
    }

    static Check coversRemaining(Inputs in) {
        String id = ExtensionAnalysis.IDS.get(5);
        String title = "The work plan covers the remaining area (Article 4(6)(b), (c), (f))";
        List<WorkPlanYear> plan = in.latest().workPlan();
        double tol = in.tolerances().coveragePercent();
        String cite = AnalysisTolerances.cite(AnalysisTolerances.COVERAGE, tol);
        Double stated = km2(in.latest().statedFigures().remainingKm2());
        Double remaining = stated != null ? stated : in.mapped().footprintSqm() > 0 ? in.mapped().remainingSqm() / 1e6 : null;
        String basis = stated != null ? "stated (f)" : "mapped on " + day(in.asOf());
        double planned = plan.stream().mapToDouble(y -> y.releaseKm2().doubleValue()).sum();
        var f = figures("plannedReleaseKm2", round(planned), "remainingKm2", remaining == null ? null : round(remaining),
                "remainingBasis", remaining == null ? null : basis, "tolerancePercent", tol);
        if (plan.isEmpty()) {
            return new Check(id, Status.FAIL, title, "The request has no work plan: nothing of the remaining area is "
                    + "planned for release. (The other work-plan checks are not applicable without one.)", f);
        }
        if (remaining == null) {
            return new Check(id, Status.WARN, title, "Cannot be checked: the request states no remaining area (f) and "
                    + "nothing is mapped. The plan releases " + km2Words(planned) + ".", f);
        }
        String sums = "The plan releases " + km2Words(planned) + " of the " + km2Words(remaining) + " remaining ("
                + basis + ")";
        if (planned >= remaining * (1 - tol / 100) - 1e-9) {
            return new Check(id, Status.PASS, title, sums + ": it covers the remaining area, within " + cite + ".", f);
        }
        f.put("uncoveredKm2", round(remaining - planned));
        return new Check(id, Status.FAIL, title, sums + ": " + km2Words(remaining - planned) + " is left out, beyond "
                + cite + ".", f);
    }

    static Check endsByRequestedDate(Inputs in) {
        String id = ExtensionAnalysis.IDS.get(6);
        String title = "The work plan ends by the requested date (Article 4(6)(a))";
        List<WorkPlanYear> plan = in.latest().workPlan();
        LocalDate until = in.latest().requestedUntil();
        if (plan.isEmpty()) {
            return noPlan(id, title);
        }
        if (until == null) {
            return new Check(id, Status.WARN, title, "Cannot be checked: the request states no date it asks the extension "
                    + "until (requestedUntil).", figures());
        }
        int last = plan.stream().filter(y -> y.releaseKm2().signum() > 0).mapToInt(WorkPlanYear::year).max()
                .orElse(plan.get(plan.size() - 1).year());
        var f = figures("lastPlanYear", last, "requestedUntil", until);
        if (last > until.getYear()) {
            return new Check(id, Status.FAIL, title, "The plan releases land in " + last + ", after the requested date "
                    + day(until) + ".", f);
        }
        LocalDate yearEnd = LocalDate.of(until.getYear(), 12, 31);
        if (last == until.getYear() && until.isBefore(yearEnd)) {
            long days = ChronoUnit.DAYS.between(until, yearEnd);
            f.put("daysBeyondRequestedDate", days);
            return new Check(id, Status.WARN, title, "The plan's last year, " + last + ", runs " + days
                    + " days past the requested date " + day(until) + ": the plan should show what is released by then.", f);
        }
        return new Check(id, Status.PASS, title, "The plan's last year with release is " + last
                + ", by the requested date " + day(until) + ".", f);
    }

    static Check pacePlausible(Inputs in) {
        String id = ExtensionAnalysis.IDS.get(7);
        String title = "Planned yearly release against the best yearly release ever achieved (Article 4(6)(b), (c))";
        List<WorkPlanYear> plan = in.latest().workPlan();
        if (plan.isEmpty()) {
            return noPlan(id, title);
        }
        double factor = in.tolerances().paceFactor();
        String cite = AnalysisTolerances.cite(AnalysisTolerances.PACE, factor);
        YearlyBalance best = in.balance().stream().max(Comparator.comparingDouble(YearlyBalance::releasedSqm)).orElse(null);
        WorkPlanYear most = plan.stream().max(Comparator.comparing(WorkPlanYear::releaseKm2)).orElseThrow();
        double planned = most.releaseKm2().doubleValue();
        var f = figures("maxPlannedYear", most.year(), "maxPlannedReleaseKm2", round(planned), "paceFactor", factor);
        if (best == null || best.releasedSqm() <= 0) {
            return new Check(id, Status.WARN, title, "Cannot be compared: no land release is mapped up to " + day(in.asOf())
                    + ". The plan's busiest year, " + most.year() + ", releases " + km2Words(planned) + ".", f);
        }
        double bestKm2 = best.releasedSqm() / 1e6;
        f.put("bestYear", best.year());
        f.put("bestYearReleasedKm2", round(bestKm2));
        String sums = "The plan's busiest year, " + most.year() + ", releases " + km2Words(planned)
                + "; the best year mapped, " + best.year() + ", released " + km2Words(bestKm2);
        if (planned <= bestKm2 + 1e-9) {
            return new Check(id, Status.PASS, title, sums + ": no planned year exceeds it.", f);
        }
        String times = String.format(Locale.ENGLISH, "%.2f", planned / bestKm2);
        if (planned <= bestKm2 * factor + 1e-9) {
            return new Check(id, Status.WARN, title, sums + ": " + times + " times as much, within " + cite
                    + "; the request should say what makes the faster pace possible.", f);
        }
        return new Check(id, Status.FAIL, title, sums + ": " + times + " times as much, beyond " + cite + ".", f);
    }

    static Check fundingGap(Inputs in) {
        String id = ExtensionAnalysis.IDS.get(8);
        String title = "Funding secured against the budget needed, per year and in all (Article 4(6)(b))";
        ExtensionRevision r = in.latest();
        if (r.workPlan().isEmpty()) {
            return noPlan(id, title);
        }
        double tol = in.tolerances().fundingGapPercent();
        String cite = AnalysisTolerances.cite(AnalysisTolerances.FUNDING_GAP, tol);
        Map<Integer, double[]> years = new TreeMap<>(); // needed, secured (incl. disbursed), pledged
        boolean anyBudget = false;
        for (WorkPlanYear y : r.workPlan()) {
            double[] v = years.computeIfAbsent(y.year(), k -> new double[3]);
            if (y.budgetNeededUsd() != null) {
                v[0] += y.budgetNeededUsd().doubleValue();
                anyBudget = true;
            }
        }
        for (ExtensionRevision.Funding fu : r.funding()) {
            double[] v = years.computeIfAbsent(fu.year(), k -> new double[3]);
            v[fu.status().equals("pledged") ? 2 : 1] += fu.amountUsd().doubleValue();
        }
        double needed = 0;
        double secured = 0;
        double pledged = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Integer> shortYears = new ArrayList<>();
        for (var e : years.entrySet()) {
            double[] v = e.getValue();
            needed += v[0];
            secured += v[1];
            pledged += v[2];
            double gap = Math.max(0, v[0] - v[1]);
            rows.add(figures("year", e.getKey(), "neededUsd", v[0], "securedUsd", v[1], "pledgedUsd", v[2], "gapUsd", gap));
            if (gap > v[0] * tol / 100 + 1e-6) {
                shortYears.add(e.getKey());
            }
        }
        double gap = Math.max(0, needed - secured);
        var f = figures("neededUsd", needed, "securedUsd", secured, "pledgedUsd", pledged, "gapUsd", gap,
                "tolerancePercent", tol, "years", rows);
        if (!anyBudget) {
            return new Check(id, Status.WARN, title, "Cannot be checked: the work plan states no budget needed. "
                    + usd(secured) + " is secured or disbursed, " + usd(pledged) + " pledged.", f);
        }
        String sums = usd(needed) + " needed, " + usd(secured) + " secured or disbursed, " + usd(pledged)
                + " pledged: a gap of " + usd(gap);
        if (shortYears.isEmpty() && gap <= needed * tol / 100 + 1e-6) {
            return new Check(id, Status.PASS, title, sums + ", within " + cite + " in every year and in all.", f);
        }
        String shortText = shortYears.isEmpty() ? "" : " (short in " + shortYears.stream().map(String::valueOf)
                .reduce((a, b) -> a + ", " + b).orElse("") + ")";
        if (secured + pledged >= needed * (1 - tol / 100) - 1e-6) {
            return new Check(id, Status.WARN, title, sums + shortText + ", beyond " + cite
                    + "; the pledges would close it once secured.", f);
        }
        return new Check(id, Status.FAIL, title, sums + shortText + ", beyond " + cite + " even with the pledges.", f);
    }

    static Check previousMilestones(Inputs in) {
        String id = ExtensionAnalysis.IDS.get(10);
        String title = "For a renewal, the previous plan's years: planned against released (Article 4(8))";
        Previous p = in.previous();
        if (p == null) {
            return new Check(id, Status.NOT_APPLICABLE, title, "A first request: no earlier extension was granted.",
                    figures());
        }
        double tol = in.tolerances().milestonePercent();
        String cite = AnalysisTolerances.cite(AnalysisTolerances.MILESTONE, tol);
        var f = figures("previousRequestId", p.id(), "previousMeeting", p.meeting(), "previousGrantedUntil", p.grantedUntil(),
                "tolerancePercent", tol);
        String previous = "the extension granted" + (p.meeting() == null ? "" : " at " + p.meeting()) + " until "
                + day(p.grantedUntil()) + " (request " + p.id() + ")";
        if (p.plan().isEmpty()) {
            return new Check(id, Status.WARN, title, "Cannot be checked: " + previous + " has no work plan recorded; "
                    + "Article 4(8) asks for what was undertaken during it.", f);
        }
        Map<Integer, Double> released = new LinkedHashMap<>();
        in.balance().forEach(b -> released.put(b.year(), b.releasedSqm() / 1e6));
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Integer> missed = new ArrayList<>();
        double plannedDue = 0;
        double releasedDue = 0;
        for (WorkPlanYear y : p.plan()) {
            if (y.year() >= in.asOf().getYear()) {
                continue;
            }
            double planned = y.releaseKm2().doubleValue();
            double done = released.getOrDefault(y.year(), 0.0);
            plannedDue += planned;
            releasedDue += done;
            boolean met = done >= planned * (1 - tol / 100) - 1e-9;
            if (!met) {
                missed.add(y.year());
            }
            rows.add(figures("year", y.year(), "plannedReleaseKm2", round(planned), "releasedKm2", round(done), "met", met));
        }
        f.put("years", rows);
        if (rows.isEmpty()) {
            return new Check(id, Status.NOT_APPLICABLE, title, "None of the years of the plan of " + previous
                    + " had ended on " + day(in.asOf()) + ".", f);
        }
        f.put("plannedReleaseKm2", round(plannedDue));
        f.put("releasedKm2", round(releasedDue));
        String sums = "Over the " + rows.size() + " ended years of the plan of " + previous + ", " + km2Words(plannedDue)
                + " was planned and " + km2Words(releasedDue) + " released (mapped)";
        if (missed.isEmpty()) {
            return new Check(id, Status.PASS, title, sums + "; every year met its target within " + cite + ".", f);
        }
        String years = missed.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
        if (releasedDue >= plannedDue * (1 - tol / 100) - 1e-9) {
            return new Check(id, Status.WARN, title, sums + ": the total is met within " + cite + ", but not the target of "
                    + years + ".", f);
        }
        return new Check(id, Status.FAIL, title, sums + ": short of the total beyond " + cite + "; targets missed in "
                + years + ".", f);
    }

    private static Check noPlan(String id, String title) {
        return new Check(id, Status.NOT_APPLICABLE, title, "The request has no work plan (see work-plan-covers-remaining, "
                + "which fails for it).", figures());
    }

}
