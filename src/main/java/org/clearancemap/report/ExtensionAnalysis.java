package org.clearancemap.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.progress.YearlyBalance;
import org.clearancemap.stateparty.ExtensionRevision;
import org.clearancemap.stateparty.ExtensionRevision.WorkPlanYear;
import org.clearancemap.stateparty.ReportedFigure;
import org.clearancemap.stateparty.RequestSection;

/**
 * The checks the Analysis Group makes of an extension request, in this order, each a pure function
 * of {@link Inputs}: the latest revision, the request's first submission date, the deadline it
 * would extend, the mapped figures on the submission date and the yearly balance up to it, the
 * latest reported figure and, for a renewal, the previous granted request's plan.
 *
 * <p>Rules shared by the checks: a comparison passes within its tolerance and fails beyond it; it
 * warns when a figure it needs is not stated; it is not applicable when there is nothing to
 * compare with (nothing mapped, nothing reported, a first request). Without a work plan,
 * {@code work-plan-covers-remaining} fails and the other plan checks are not applicable. Areas are
 * in km², money in USD, differences in % of the larger figure.
 */
final class ExtensionAnalysis {
    /** The outcome of a check. */
    enum Status {
        PASS("pass", "Passed"), WARN("warn", "Warning: to be looked at"), FAIL("fail", "Failed"),
        NOT_APPLICABLE("not-applicable", "Not applicable");

        final String key;
        final String words;

        Status(String key, String words) {
            this.key = key;
            this.words = words;
        }
    }

    /** One check: its id, outcome, title (with the treaty's reference), detail in plain words, the figures used. */
    record Check(String id, Status status, String title, String detail, Map<String, Object> figures) {
        Map<String, Object> toJson() {
            var m = new LinkedHashMap<String, Object>();
            m.put("id", id);
            m.put("status", status.key);
            m.put("title", title);
            m.put("detail", detail);
            m.put("figures", figures);
            return m;
        }
    }

    /**
     * What the checks read.
     *
     * @param submittedOn      when the request was first submitted (null when not stated)
     * @param deadlineExtended the deadline the request would extend: the previous granted request's, else the original
     * @param mapped           the mapped figures on {@code asOf} (footprint 0 when nothing is mapped)
     * @param balance          the yearly balance of the mapped land up to {@code asOf}
     * @param latestReported   the latest reported figure with a remaining area, by year, up to {@code asOf}; or null
     * @param previous         for a renewal, the previous granted request; null for a first request
     */
    record Inputs(ExtensionRevision latest, LocalDate submittedOn, LocalDate deadlineExtended, LocalDate asOf,
                  AreaFigures mapped, List<YearlyBalance> balance, ReportedFigure latestReported, Previous previous,
                  AnalysisTolerances tolerances) {
    }

    /** The previous granted request of a renewal and its latest revision's plan. */
    record Previous(long id, String meeting, LocalDate grantedUntil, List<WorkPlanYear> plan) {
    }

    static final List<String> IDS = List.of("submitted-nine-months-before-meeting", "duration-at-most-five-years",
            "stated-figures-consistent", "stated-vs-mapped", "stated-vs-reported", "work-plan-covers-remaining",
            "work-plan-ends-by-requested-date", "work-plan-pace-plausible", "funding-gap", "sections-complete",
            "previous-milestones");

    private ExtensionAnalysis() {
    }

    static List<Check> checks(Inputs in) {
        return List.of(nineMonths(in), duration(in), statedConsistent(in), statedVsMapped(in), statedVsReported(in),
                coversRemaining(in), endsByRequestedDate(in), pacePlausible(in), fundingGap(in), sectionsComplete(in),
                previousMilestones(in));
    }

    static Check nineMonths(Inputs in) {
        String id = IDS.get(0);
        String title = "Submitted at least nine months before the meeting that considers it (Article 4(6))";
        LocalDate meetingDate = in.latest().meetingDate();
        var f = figures("submittedOn", in.submittedOn(), "meetingDate", meetingDate);
        if (meetingDate == null || in.submittedOn() == null) {
            String missing = meetingDate == null && in.submittedOn() == null ? "the date of the meeting nor of submission"
                    : meetingDate == null ? "the date of the meeting (meetingDate)" : "the date of submission (submittedOn)";
            return new Check(id, Status.WARN, title, "Cannot be checked: the request gives " + (missing.contains(" nor ")
                    ? "neither " : "no ") + missing + ". A warning rather than not applicable: Article 4(6) sets the "
                    + "time limit for every request, so the date should be asked for.", f);
        }
        LocalDate latestAllowed = meetingDate.minusMonths(9);
        f.put("latestSubmissionDate", latestAllowed);
        long days = ChronoUnit.DAYS.between(in.submittedOn(), latestAllowed);
        if (days >= 0) {
            f.put("daysToSpare", days);
            return new Check(id, Status.PASS, title, "Submitted on " + in.submittedOn() + ", " + days + " days before "
                    + latestAllowed + ", nine months before the meeting of " + meetingDate + ".", f);
        }
        f.put("daysLate", -days);
        return new Check(id, Status.FAIL, title, "Submitted on " + in.submittedOn() + ", " + -days + " days after "
                + latestAllowed + ", the last day nine months before the meeting of " + meetingDate + ".", f);
    }

    static Check duration(Inputs in) {
        String id = IDS.get(1);
        String title = "Extension of at most five years from the current deadline (Article 4(5), renewals 4(8))";
        LocalDate until = in.latest().requestedUntil();
        LocalDate limit = in.deadlineExtended().plusYears(5);
        double years = Math.round(ChronoUnit.DAYS.between(in.deadlineExtended(), until) / 365.25 * 100) / 100.0;
        var f = figures("currentDeadline", in.deadlineExtended(), "requestedUntil", until, "latestAllowedUntil", limit,
                "durationYears", years);
        if (!until.isAfter(limit)) {
            return new Check(id, Status.PASS, title, "Requests " + years + " years, from the deadline of "
                    + in.deadlineExtended() + " to " + until + ": within five years (" + limit + ").", f);
        }
        return new Check(id, Status.FAIL, title, "Requests " + years + " years, from the deadline of "
                + in.deadlineExtended() + " to " + until + ": beyond five years, which end on " + limit + ".", f);
    }

    static Check statedConsistent(Inputs in) {
        String id = IDS.get(2);
        String title = "Stated figures consistent: (d) less (e) equals (f) (Article 4(6)(d), (e), (f))";
        var s = in.latest().statedFigures();
        double tol = in.tolerances().statedPercent();
        String cite = AnalysisTolerances.cite(AnalysisTolerances.STATED, tol);
        Double d = total(s);
        Double e = km2(s.releasedSinceEifKm2());
        Double r = km2(s.remainingKm2());
        var f = figures("statedTotalKm2", d, "statedReleasedKm2", e, "statedRemainingKm2", r, "tolerancePercent", tol);
        List<String> missing = missing(d, "(d) the area at entry into force", e, "(e) the area released",
                r, "(f) the area remaining");
        if (!missing.isEmpty()) {
            return new Check(id, Status.WARN, title, "Cannot be checked: the request does not state "
                    + String.join(", ", missing) + " (" + cite + ").", f);
        }
        double diff = d - e - r;
        double allowed = d * tol / 100;
        f.put("differenceKm2", round(diff));
        String sums = "(d) " + km2Words(d) + " less (e) " + km2Words(e) + " is " + km2Words(d - e) + "; (f) states "
                + km2Words(r) + ", a difference of " + km2Words(Math.abs(diff));
        if (Math.abs(diff) <= allowed + 1e-9) {
            return new Check(id, Status.PASS, title, sums + ", within " + cite + " of (d).", f);
        }
        return new Check(id, Status.FAIL, title, sums + ", beyond " + cite + " of (d) (" + km2Words(allowed) + ").", f);
    }

    static Check statedVsMapped(Inputs in) {
        String id = IDS.get(3);
        String title = "Stated figures against the mapped figures on the submission date (Article 4(6)(d), (e), (f))";
        AreaFigures m = in.mapped();
        double tol = in.tolerances().mappedPercent();
        String cite = AnalysisTolerances.cite(AnalysisTolerances.MAPPED, tol);
        if (m.footprintSqm() <= 0) {
            return new Check(id, Status.NOT_APPLICABLE, title, "Nothing is mapped on " + in.asOf()
                    + ": there is no mapped figure to compare with.", figures("asOf", in.asOf()));
        }
        var s = in.latest().statedFigures();
        List<Object[]> pairs = List.of(new Object[] {"Total", "(d) the total area", total(s), m.footprintSqm() / 1e6},
                new Object[] {"Released", "(e) the area released", km2(s.releasedSinceEifKm2()), m.releasedSqm() / 1e6},
                new Object[] {"Remaining", "(f) the area remaining", km2(s.remainingKm2()), m.remainingSqm() / 1e6});
        return compare(id, title, pairs, "mapped", "mapped on " + in.asOf(), cite, tol, figures("asOf", in.asOf()));
    }

    static Check statedVsReported(Inputs in) {
        String id = IDS.get(4);
        String title = "Stated remaining area against the latest reported one (Article 4(6)(f), Article 7(1)(h))";
        ReportedFigure rep = in.latestReported();
        double tol = in.tolerances().reportedPercent();
        String cite = AnalysisTolerances.cite(AnalysisTolerances.REPORTED, tol);
        if (rep == null) {
            return new Check(id, Status.NOT_APPLICABLE, title, "No remaining area is reported up to " + in.asOf().getYear()
                    + ": there is no reported figure to compare with.", figures());
        }
        var f = figures("reportedYear", rep.year(), "reportedSource", rep.source());
        List<Object[]> pairs = List.<Object[]>of(new Object[] {"Remaining", "(f) the area remaining",
                km2(in.latest().statedFigures().remainingKm2()), rep.remainingKm2().doubleValue()});
        return compare(id, title, pairs, "reported", "reported for " + rep.year(), cite, tol, f);
    }

    /** Each pair {name, words, stated km², other km²}: pass within {@code tol} %, fail beyond, warn when one is not stated. */
    private static Check compare(String id, String title, List<Object[]> pairs, String otherName, String against,
                                 String cite, double tol, Map<String, Object> f) {
        List<String> missing = new ArrayList<>();
        List<String> beyond = new ArrayList<>();
        List<String> within = new ArrayList<>();
        for (Object[] p : pairs) {
            Double stated = (Double) p[2];
            double other = (Double) p[3];
            f.put("stated" + p[0] + "Km2", stated);
            f.put(otherName + p[0] + "Km2", round(other));
            if (stated == null) {
                missing.add((String) p[1]);
                continue;
            }
            double pct = percentDifference(stated, other);
            f.put("difference" + p[0] + "Percent", Math.round(pct * 10) / 10.0);
            String line = p[1] + " stated " + km2Words(stated) + ", " + against + " " + km2Words(other) + " ("
                    + String.format(Locale.ENGLISH, "%.1f", pct) + " % apart)";
            (pct <= tol + 1e-9 ? within : beyond).add(line);
        }
        f.put("tolerancePercent", tol);
        if (!beyond.isEmpty()) {
            return new Check(id, Status.FAIL, title, "Beyond " + cite + ": " + String.join("; ", beyond) + "."
                    + (within.isEmpty() ? "" : " Within it: " + String.join("; ", within) + "."), f);
        }
        if (!missing.isEmpty()) {
            return new Check(id, Status.WARN, title, "Not stated: " + String.join(", ", missing) + "."
                    + (within.isEmpty() ? "" : " Within " + cite + ": " + String.join("; ", within) + "."), f);
        }
        return new Check(id, Status.PASS, title, "Within " + cite + ": " + String.join("; ", within) + ".", f);
    }

    static Check coversRemaining(Inputs in) {
        String id = IDS.get(5);
        String title = "The work plan covers the remaining area (Article 4(6)(b), (c), (f))";
        List<WorkPlanYear> plan = in.latest().workPlan();
        double tol = in.tolerances().coveragePercent();
        String cite = AnalysisTolerances.cite(AnalysisTolerances.COVERAGE, tol);
        Double stated = km2(in.latest().statedFigures().remainingKm2());
        Double remaining = stated != null ? stated : in.mapped().footprintSqm() > 0 ? in.mapped().remainingSqm() / 1e6 : null;
        String basis = stated != null ? "stated (f)" : "mapped on " + in.asOf();
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
        String id = IDS.get(6);
        String title = "The work plan ends by the requested date (Article 4(6)(a))";
        List<WorkPlanYear> plan = in.latest().workPlan();
        LocalDate until = in.latest().requestedUntil();
        if (plan.isEmpty()) {
            return noPlan(id, title);
        }
        int last = plan.stream().filter(y -> y.releaseKm2().signum() > 0).mapToInt(WorkPlanYear::year).max()
                .orElse(plan.get(plan.size() - 1).year());
        var f = figures("lastPlanYear", last, "requestedUntil", until);
        if (last > until.getYear()) {
            return new Check(id, Status.FAIL, title, "The plan releases land in " + last + ", after the requested date "
                    + until + ".", f);
        }
        LocalDate yearEnd = LocalDate.of(until.getYear(), 12, 31);
        if (last == until.getYear() && until.isBefore(yearEnd)) {
            long days = ChronoUnit.DAYS.between(until, yearEnd);
            f.put("daysBeyondRequestedDate", days);
            return new Check(id, Status.WARN, title, "The plan's last year, " + last + ", runs " + days
                    + " days past the requested date " + until + ": the plan should show what is released by then.", f);
        }
        return new Check(id, Status.PASS, title, "The plan's last year with release is " + last
                + ", by the requested date " + until + ".", f);
    }

    static Check pacePlausible(Inputs in) {
        String id = IDS.get(7);
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
            return new Check(id, Status.WARN, title, "Cannot be compared: no land release is mapped up to " + in.asOf()
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
        String id = IDS.get(8);
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

    static Check sectionsComplete(Inputs in) {
        String id = IDS.get(9);
        String title = "Every section of the request is given (Article 4(6)(b), (c), (g), (h), (i); IMAS 07.13)";
        List<String> missingTreaty = new ArrayList<>();
        List<String> missingImas = new ArrayList<>();
        for (RequestSection s : RequestSection.values()) {
            String text = in.latest().sections().get(s);
            if (text == null || text.isBlank()) {
                (s.reference().startsWith("IMAS") ? missingImas : missingTreaty).add(s.title() + " (" + s.reference() + ")");
            }
        }
        var f = figures("sections", RequestSection.values().length, "missingArticle4Sections", missingTreaty,
                "missingImasSections", missingImas);
        if (!missingTreaty.isEmpty()) {
            return new Check(id, Status.FAIL, title, "Missing sections Article 4(6) requires: "
                    + String.join("; ", missingTreaty) + "." + (missingImas.isEmpty() ? ""
                    : " Also missing: " + String.join("; ", missingImas) + "."), f);
        }
        if (!missingImas.isEmpty()) {
            return new Check(id, Status.WARN, title, "Every section Article 4(6) requires is given; missing what a work "
                    + "plan is expected to address: " + String.join("; ", missingImas) + ".", f);
        }
        return new Check(id, Status.PASS, title, "All " + RequestSection.values().length + " sections are given.", f);
    }

    static Check previousMilestones(Inputs in) {
        String id = IDS.get(10);
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
                + p.grantedUntil() + " (request " + p.id() + ")";
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
                    + " had ended on " + in.asOf() + ".", f);
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

    /** (d): the area at entry into force and discovered since (a discovered area not stated counts as none). */
    private static Double total(ExtensionRevision.StatedFigures s) {
        if (s.contaminatedAtEifKm2() == null) {
            return null;
        }
        return s.contaminatedAtEifKm2().doubleValue() + (s.discoveredSinceEifKm2() == null ? 0
                : s.discoveredSinceEifKm2().doubleValue());
    }

    private static List<String> missing(Object... valueAndName) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < valueAndName.length; i += 2) {
            if (valueAndName[i] == null) {
                out.add((String) valueAndName[i + 1]);
            }
        }
        return out;
    }

    static double percentDifference(double a, double b) {
        double larger = Math.max(Math.abs(a), Math.abs(b));
        return larger == 0 ? 0 : Math.abs(a - b) / larger * 100;
    }

    private static Double km2(BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }

    /** km² to the m² (6 decimals). */
    static double round(double km2) {
        double r = Math.round(km2 * 1e6) / 1e6;
        return r == 0 ? 0.0 : r;
    }

    static String km2Words(double km2) {
        return String.format(Locale.ENGLISH, "%,.3f km²", km2);
    }

    static String usd(double usd) {
        return String.format(Locale.ENGLISH, "USD %,.0f", usd);
    }

    static LinkedHashMap<String, Object> figures(Object... keysAndValues) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
