package org.clearancemap.lap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.stateparty.Deadline;
import org.clearancemap.stateparty.Extension;
import org.clearancemap.stateparty.ExtensionRequestRepository;
import org.clearancemap.stateparty.ExtensionRevision;
import org.clearancemap.stateparty.Milestone;
import org.clearancemap.stateparty.ReportedFigure;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;
import org.clearancemap.stateparty.Standing;

/**
 * The value of an indicator for a State Party and year: computed from the data where the
 * indicator is bound to a {@link Measure} (unless a recorded override, which needs a source,
 * replaces it), else the latest recorded value; none is unknown. A measure is taken at the end of
 * the year (31 December), or today for this year.
 */
public final class Measures {
    private static final double SQM_PER_KM2 = 1_000_000.0;

    private final StatePartyRepository stateParties;
    private final ExtensionRequestRepository requests;
    private final ProgressCache progress;
    private final int rateYears;
    private final double reportedTolerancePercent;
    private final Clock clock;

    public Measures(StatePartyRepository stateParties, ExtensionRequestRepository requests, ProgressCache progress,
                    int rateYears, double reportedTolerancePercent, Clock clock) {
        this.stateParties = stateParties;
        this.requests = requests;
        this.progress = progress;
        this.rateYears = rateYears;
        this.reportedTolerancePercent = reportedTolerancePercent;
        this.clock = clock;
    }

    /** A measure's result: {@code value} null when the data cannot tell; {@code used} what it was computed from. */
    public record Computed(Boolean value, Map<String, Object> used) {
    }

    /**
     * The value shown: {@code value} null for unknown; {@code computed} when it is the measure's;
     * {@code recorded} the latest recorded value it is (or, for a bound indicator, that overrides it).
     */
    public record Resolved(JsonNode value, boolean computed, Computed measure, RecordedValue recorded) {
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", value);
            m.put("computed", computed);
            m.put("override", measure != null && recorded != null);
            if (measure != null) {
                m.put("computedValue", measure.value());
                m.put("used", measure.used());
            }
            if (recorded != null) {
                m.put("source", recorded.source());
                m.put("note", recorded.note());
                m.put("recordedBy", recorded.recordedBy());
                m.put("recordedAt", recorded.recordedAt());
                m.put("synthetic", recorded.synthetic());
            }
            return m;
        }
    }

    /** The value of {@code indicator} for {@code s} in {@code year}; {@code latest} the latest recorded one, or null. */
    public Resolved resolve(Indicator indicator, StateParty s, int year, RecordedValue latest) {
        if (indicator.measure() == null) {
            return new Resolved(latest == null ? null : latest.value(), false, null, latest);
        }
        Computed c = compute(Measure.named(indicator.measure()).orElseThrow(), s, year);
        if (latest != null && latest.override()) {
            return new Resolved(latest.value(), false, c, latest);
        }
        return new Resolved(c.value() == null ? null : BooleanNode.valueOf(c.value()), true, c, null);
    }

    /** The measure for {@code s} at the end of {@code year}. */
    public Computed compute(Measure measure, StateParty s, int year) {
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        LocalDate today = LocalDate.now(clock);
        LocalDate asOf = yearEnd.isAfter(today) ? today : yearEnd;
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("asOf", asOf);
        return switch (measure) {
            case MAPPED_BASELINE -> {
                double footprint = progress.figuresOn(s.iso3(), asOf).footprintSqm();
                used.put("mappedHazardousKm2", footprint / SQM_PER_KM2);
                yield new Computed(footprint > 0, used);
            }
            case RELEASE_REPORTED_BY_METHOD -> {
                Optional<ReportedFigure> f = stateParties.reportedFigures(s.iso3()).stream()
                        .filter(r -> r.year() == year)
                        .filter(r -> r.cancelledKm2() != null || r.reducedKm2() != null || r.clearedKm2() != null)
                        .max(Comparator.comparingLong(ReportedFigure::id));
                f.ifPresent(r -> {
                    used.put("reportedFigureId", r.id());
                    used.put("cancelledKm2", r.cancelledKm2());
                    used.put("reducedKm2", r.reducedKm2());
                    used.put("clearedKm2", r.clearedKm2());
                    used.put("source", r.source());
                });
                yield new Computed(f.isPresent(), used);
            }
            case MILESTONES_SET -> {
                Optional<Milestone> m = stateParties.milestones(s.iso3()).stream().filter(x -> x.year() == year + 1).findFirst();
                used.put("milestoneYear", year + 1);
                m.ifPresent(x -> used.put("targetReleaseKm2", x.targetReleaseSqm() / SQM_PER_KM2));
                yield new Computed(m.isPresent(), used);
            }
            case COSTED_WORK_PLAN -> costedWorkPlan(s, asOf, used);
            case ON_TRACK_AT_YEAR_END -> {
                Deadline.Status status = standing(s, asOf).deadline().status();
                used.put("status", status.key());
                yield new Computed(status == Deadline.Status.ON_TRACK || status == Deadline.Status.COMPLETED, used);
            }
            case REPORTED_WITHIN_TOLERANCE_OF_MAPPED -> reportedWithinTolerance(s, year, asOf, used);
        };
    }

    private Computed costedWorkPlan(StateParty s, LocalDate asOf, Map<String, Object> used) {
        Optional<Extension> latest = stateParties.extensions(s.iso3()).stream()
                .filter(e -> e.submittedOn() == null || !e.submittedOn().isAfter(asOf))
                .max(Comparator.comparing((Extension e) -> e.submittedOn() == null ? LocalDate.MIN : e.submittedOn())
                        .thenComparingLong(Extension::id));
        if (latest.isEmpty()) {
            used.put("extensionRequestId", null);
            return new Computed(false, used);
        }
        used.put("extensionRequestId", latest.get().id());
        Optional<ExtensionRevision> revision = requests.revisions(latest.get().id()).stream()
                .max(Comparator.comparingInt(ExtensionRevision::number));
        long costed = revision.map(r -> r.planYearTotals().stream()
                .filter(t -> t.budgetNeededUsd() != null && t.budgetNeededUsd().signum() > 0).count()).orElse(0L);
        revision.ifPresent(r -> used.put("revision", r.number()));
        used.put("costedPlanYears", costed);
        return new Computed(costed > 0, used);
    }

    private Computed reportedWithinTolerance(StateParty s, int year, LocalDate asOf, Map<String, Object> used) {
        List<ReportedFigure> reported = stateParties.reportedFigures(s.iso3());
        Optional<ReportedFigure> latest = reported.stream()
                .filter(r -> r.remainingKm2() != null && r.year() <= year)
                .max(Comparator.comparingInt(ReportedFigure::year).thenComparingLong(ReportedFigure::id));
        AreaFigures mapped = progress.figuresOn(s.iso3(), asOf);
        used.put("tolerancePercent", reportedTolerancePercent);
        used.put("mappedRemainingKm2", mapped.remainingSqm() / SQM_PER_KM2);
        if (latest.isEmpty() || mapped.footprintSqm() <= 0) {
            used.put("reportedRemainingKm2", latest.map(ReportedFigure::remainingKm2).orElse(null));
            return new Computed(null, used);
        }
        BigDecimal reportedKm2 = latest.get().remainingKm2();
        used.put("reportedRemainingKm2", reportedKm2);
        used.put("reportedYear", latest.get().year());
        double mappedKm2 = mapped.remainingSqm() / SQM_PER_KM2;
        double difference = Math.abs(reportedKm2.doubleValue() - mappedKm2);
        return new Computed(difference <= mappedKm2 * reportedTolerancePercent / 100.0 + 1e-9, used);
    }

    private Standing standing(StateParty s, LocalDate asOf) {
        return Standing.of(progress, rateYears, s, stateParties.reportedFigures(s.iso3()),
                stateParties.extensions(s.iso3()), asOf);
    }
}
