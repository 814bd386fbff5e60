package org.clearancemap.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.progress.AreaEngine;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.progress.YearlyBalance;
import org.clearancemap.report.Document.Column;
import org.clearancemap.report.Document.Figure;
import org.clearancemap.report.Document.Kind;
import org.clearancemap.report.Document.Row;
import org.clearancemap.report.Document.RowKind;
import org.clearancemap.report.Document.Section;
import org.clearancemap.report.Document.Table;
import org.clearancemap.stateparty.Deadline;
import org.clearancemap.stateparty.Extension;
import org.clearancemap.stateparty.Milestone;
import org.clearancemap.stateparty.ReportedFigure;
import org.clearancemap.stateparty.Standing;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;

/**
 * The figures of Article 4(6)(d), (e) and (f) on a date, from entry into force: the area
 * contaminated at entry into force and discovered since, the area released since, the area
 * remaining; with the yearly balance, the projection at the current pace and the milestones.
 */
final class ExtensionRequestFigures {
    private final StatePartyRepository stateParties;
    private final ProgressCache progress;
    private final int rateYears;
    private final Clock clock;

    ExtensionRequestFigures(StatePartyRepository stateParties, ProgressCache progress, int rateYears, Clock clock) {
        this.stateParties = stateParties;
        this.progress = progress;
        this.rateYears = rateYears;
        this.clock = clock;
    }

    Document build(StateParty s, LocalDate asOf) {
        Instant producedAt = Instant.now(clock);
        List<LocalDate> dates = new ArrayList<>();
        dates.add(s.eifDate());
        for (int y = s.eifDate().getYear(); y < asOf.getYear(); y++) {
            LocalDate end = LocalDate.of(y, 12, 31);
            if (end.isAfter(s.eifDate())) {
                dates.add(end);
            }
        }
        if (asOf.isAfter(dates.get(dates.size() - 1)) || dates.size() == 1) {
            dates.add(asOf);
        }
        AreaEngine.Balance balance = progress.balanceBetween(s.iso3(), dates);
        AreaFigures atEif = balance.figures().get(0);
        AreaFigures now = balance.figures().get(balance.figures().size() - 1);
        double discovered = 0;
        double released = 0;
        double cleared = 0;
        double reduced = 0;
        double cancelled = 0;
        double retired = 0;
        var balanceJson = new ArrayList<Map<String, Object>>();
        var balanceRows = new ArrayList<Row>();
        Map<Integer, Double> releasedPerYear = new LinkedHashMap<>();
        for (YearlyBalance row : balance.rows()) {
            discovered += row.newlyRecordedSqm();
            released += row.releasedSqm();
            cleared += row.clearedSqm();
            reduced += row.reducedSqm();
            cancelled += row.cancelledSqm();
            retired += row.retiredUnreleasedSqm();
            releasedPerYear.put(row.year(), row.releasedSqm());
            balanceJson.add(Standing.balanceRowJson(row));
            balanceRows.add(Row.item(List.of((long) row.year(), row.remainingStartSqm(), row.newlyRecordedSqm(),
                    row.retiredUnreleasedSqm(), row.releasedSqm(), row.clearedSqm(), row.reducedSqm(), row.cancelledSqm(),
                    row.remainingEndSqm())));
        }
        if (!balance.rows().isEmpty()) {
            balanceRows.add(new Row(RowKind.TOTAL, Arrays.asList("Total", null, discovered, retired, released, cleared,
                    reduced, cancelled, null)));
        }
        List<Extension> extensions = stateParties.extensions(s.iso3());
        List<ReportedFigure> reported = stateParties.reportedFigures(s.iso3());
        List<Milestone> milestones = stateParties.milestones(s.iso3());
        Standing standing = Standing.of(progress, rateYears, s, reported, extensions, asOf);
        Deadline d = standing.deadline();
        Extension pending = extensions.stream().filter(e -> "submitted".equals(e.status()) && !e.synthetic()).reduce((a, b) -> b).orElse(null);
        StatePartyRepository.Mapped mapped = stateParties.mapped().getOrDefault(s.iso3(), StatePartyRepository.Mapped.NONE);
        boolean synthetic = mapped.synthetic();

        var projection = new LinkedHashMap<String, Object>();
        Map<String, Object> st = standing.toJson();
        for (String k : List.of("currentDeadline", "yearsLeft", "annualRateSqm", "requiredRateSqm", "projectedCompletion", "status", "basis")) {
            projection.put(k, st.get(k));
        }
        projection.put("rateYears", rateYears);
        projection.put("requestedUntil", pending == null ? null : pending.requestedUntil());

        Document.Provenance provenance = new Document.Provenance(asOf, producedAt, "reported".equals(d.basis())
                ? "Reported: nothing is mapped; the projection uses the latest remaining area and the release rate that the "
                        + "State Party or monitors reported. Articles 4(6)(d) to (f) need mapped polygons."
                : ReportParts.mappedBasis(mapped.hazardCount(), mapped.releaseCount()),
                ReportParts.sources(s, reported));
        var json = new LinkedHashMap<String, Object>();
        json.put("report", "extension-request");
        json.put("iso3", s.iso3());
        json.put("name", s.name());
        json.put("eifDate", s.eifDate());
        json.put("asOf", asOf);
        ReportParts.putProvenance(json, provenance, synthetic);
        json.put("article4_6_d", Map.of("contaminatedAtEifSqm", Standing.sqm(atEif.footprintSqm()),
                "discoveredSinceEifSqm", Standing.sqm(discovered), "totalSqm", Standing.sqm(atEif.footprintSqm() + discovered)));
        json.put("article4_6_e", Map.of("releasedSinceEifSqm", Standing.sqm(released), "byMethod", Map.of("cancelled",
                Standing.sqm(cancelled), "reduced", Standing.sqm(reduced), "cleared", Standing.sqm(cleared))));
        json.put("article4_6_f", Map.of("remainingSqm", Standing.sqm(now.remainingSqm()), "remainingByClass",
                Map.of("SHA", Standing.sqm(now.remainingShaSqm()), "CHA", Standing.sqm(now.remainingChaSqm()))));
        json.put("projection", projection);
        json.put("yearlyBalance", balanceJson);
        json.put("milestones", milestones);
        json.put("reportedFigures", reported);

        String eif = Formats.document(Kind.DATE, s.eifDate());
        String on = Formats.document(Kind.DATE, asOf);
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("Article 4(6)(d): area containing cluster munition remnants", TreatyWords.ART_4_6_D, List.of(
                Figure.of("Area containing cluster munition remnants at entry into force (" + eif + ")", Kind.KM2, atEif.footprintSqm()),
                Figure.of("Additional areas discovered after entry into force, to " + on, Kind.KM2, discovered),
                Figure.of("Total", Kind.KM2, atEif.footprintSqm() + discovered)), List.of()));
        sections.add(new Section("Article 4(6)(e): area released since entry into force", TreatyWords.ART_4_6_E, List.of(
                Figure.of("Area released from " + eif + " to " + on, Kind.KM2, released),
                Figure.partOf("of which cleared", Kind.KM2, cleared),
                Figure.partOf("of which reduced by technical survey", Kind.KM2, reduced),
                Figure.partOf("of which cancelled by non-technical survey", Kind.KM2, cancelled),
                Figure.of("Recorded areas found not contaminated and retired without release", Kind.KM2, retired)), List.of()));
        sections.add(new Section("Article 4(6)(f): area remaining", TreatyWords.ART_4_6_F, List.of(
                Figure.of("Area remaining on " + on, Kind.KM2, now.remainingSqm()),
                Figure.partOf("of which confirmed hazardous area", Kind.KM2, now.remainingChaSqm()),
                Figure.partOf("of which suspected hazardous area", Kind.KM2, now.remainingShaSqm())), List.of()));
        List<Figure> pace = new ArrayList<>();
        pace.add(Figure.of("Current deadline (Article 4(1)(a), or as extended under Article 4(5))", Kind.DATE, d.currentDeadline()));
        pace.add(Figure.of("Status on " + on, Kind.TEXT, TreatyWords.status(d.status())));
        pace.add(Figure.of("Figures based on", Kind.TEXT, TreatyWords.basis(d.basis())));
        pace.add(Figure.of("Years left to the deadline", Kind.TEXT, d.yearsLeft() == null ? null
                : String.format(java.util.Locale.ENGLISH, "%.2f", d.yearsLeft())));
        pace.add(Figure.of("Area released per year, mean of the last " + rateYears + " complete years", Kind.KM2, d.annualRateSqm()));
        pace.add(Figure.of("Area to release per year to finish by the deadline", Kind.KM2, d.requiredRateSqm()));
        pace.add(Figure.of("Projected completion at the current pace", Kind.DATE, d.projectedCompletion()));
        if (pending != null) {
            pace.add(Figure.of("Extension requested until (request awaiting decision)", Kind.DATE, pending.requestedUntil()));
        }
        sections.add(new Section("Pace and projection", null, pace, List.of()));
        List<Column> balanceColumns = List.of(new Column("Year", Kind.YEAR), new Column("Remaining at start (km²)", Kind.KM2),
                new Column("Newly recorded (km²)", Kind.KM2), new Column("Retired without release (km²)", Kind.KM2),
                new Column("Released (km²)", Kind.KM2), new Column("of which cleared (km²)", Kind.KM2),
                new Column("of which reduced (km²)", Kind.KM2), new Column("of which cancelled (km²)", Kind.KM2),
                new Column("Remaining at end (km²)", Kind.KM2));
        List<Row> milestoneRows = new ArrayList<>();
        for (Milestone m : milestones) {
            milestoneRows.add(Row.item(Arrays.asList((long) m.year(), m.targetReleaseSqm(), releasedPerYear.get(m.year()),
                    m.source())));
        }
        sections.add(new Section("Yearly balance and milestones", null, List.of(), List.of(
                new Table("yearly-balance", "Yearly balance of the mapped land, from entry into force", balanceColumns,
                        balanceRows, "Nothing is mapped."),
                new Table("milestones", "Milestones: area to release per year, against the area released",
                        List.of(new Column("Year", Kind.YEAR), new Column("Planned release (km²)", Kind.KM2),
                                new Column("Released (km²)", Kind.KM2), new Column("Source", Kind.TEXT)),
                        milestoneRows, "No milestone is recorded."))));
        sections.add(ReportParts.reportedSection("Figures reported by the State Party or monitors", reported));

        return new Document(s.iso3() + "-extension-request-" + asOf, "Article 4(6) extension request figures: " + s.name(),
                TreatyWords.CONVENTION + ", Article 4(6)(d), (e) and (f); " + TreatyWords.STATE_PARTY + " " + s.name() + " ("
                        + s.iso3() + "); from entry into force (" + eif + ") to " + on + ".", provenance, synthetic, sections,
                List.of(ReportParts.MAPPED_NOTE, "The Convention speaks of areas cleared; this report counts every method of "
                                + "land release (cancellation, reduction and clearance) and gives each apart.",
                        "The first row of the yearly balance runs from entry into force to the end of that year; the last to "
                                + on + "."), json);
    }
}
