package org.clearancemap.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
                WorkPlanChecks.coversRemaining(in), WorkPlanChecks.endsByRequestedDate(in), WorkPlanChecks.pacePlausible(in),
                WorkPlanChecks.fundingGap(in), sectionsComplete(in), WorkPlanChecks.previousMilestones(in));
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
            return new Check(id, Status.PASS, title, "Submitted on " + day(in.submittedOn()) + ", " + days + " days before "
                    + day(latestAllowed) + ", nine months before the meeting of " + day(meetingDate) + ".", f);
        }
        f.put("daysLate", -days);
        return new Check(id, Status.FAIL, title, "Submitted on " + day(in.submittedOn()) + ", " + -days + " days after "
                + day(latestAllowed) + ", the last day nine months before the meeting of " + day(meetingDate) + ".", f);
    }

    static Check duration(Inputs in) {
        String id = IDS.get(1);
        String title = "Extension of at most five years from the current deadline (Article 4(5), renewals 4(8))";
        LocalDate until = in.latest().requestedUntil();
        LocalDate limit = in.deadlineExtended().plusYears(5);
        if (until == null) {
            return new Check(id, Status.WARN, title, "Cannot be checked: the request states no date it asks the extension "
                    + "until (requestedUntil). Article 4(6)(a) asks for the proposed duration; at most five years from the "
                    + "deadline of " + day(in.deadlineExtended()) + " ends on " + day(limit) + ".",
                    figures("currentDeadline", in.deadlineExtended(), "latestAllowedUntil", limit));
        }
        double years = Math.round(ChronoUnit.DAYS.between(in.deadlineExtended(), until) / 365.25 * 100) / 100.0;
        var f = figures("currentDeadline", in.deadlineExtended(), "requestedUntil", until, "latestAllowedUntil", limit,
                "durationYears", years);
        if (!until.isAfter(limit)) {
            return new Check(id, Status.PASS, title, "Requests " + years + " years, from the deadline of "
                    + day(in.deadlineExtended()) + " to " + day(until) + ": within five years (" + day(limit) + ").", f);
        }
        return new Check(id, Status.FAIL, title, "Requests " + years + " years, from the deadline of "
                + day(in.deadlineExtended()) + " to " + day(until) + ": beyond five years, which end on " + day(limit) + ".", f);
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
            return new Check(id, Status.NOT_APPLICABLE, title, "Nothing is mapped on " + day(in.asOf())
                    + ": there is no mapped figure to compare with.", figures("asOf", in.asOf()));
        }
        var s = in.latest().statedFigures();
        List<Object[]> pairs = List.of(new Object[] {"Total", "(d) the total area", total(s), m.footprintSqm() / 1e6},
                new Object[] {"Released", "(e) the area released", km2(s.releasedSinceEifKm2()), m.releasedSqm() / 1e6},
                new Object[] {"Remaining", "(f) the area remaining", km2(s.remainingKm2()), m.remainingSqm() / 1e6});
        return compare(id, title, pairs, "mapped", "mapped on " + day(in.asOf()), cite, tol, figures("asOf", in.asOf()));
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

    static Double km2(BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }

    /** km² to the m² (6 decimals). */
    static double round(double km2) {
        double r = Math.round(km2 * 1e6) / 1e6;
        return r == 0 ? 0.0 : r;
    }

    /** A date in full, e.g. "7 December 2026". */
    static String day(LocalDate date) {
        return Formats.document(Document.Kind.DATE, date);
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
