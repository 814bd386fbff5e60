package org.clearancemap.report;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.clearancemap.geo.GeodesicArea;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.clearancemap.land.LandRepository;
import org.clearancemap.progress.AreaEngine;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.progress.YearlyBalance;
import org.clearancemap.stateparty.Extension;
import org.clearancemap.stateparty.Standing;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * {@code GET /api/state-parties/{iso3}/reports/article7?year=Y} and
 * {@code GET /api/state-parties/{iso3}/reports/extension-request?asOf=}, each as JSON (default),
 * CSV ({@code ?f=csv}) or printable HTML ({@code ?f=html}).
 */
public final class ReportRoutes {
    private static final String MAPPED_NOTE = "Areas are geodesic (WGS 84), computed from the mapped polygons; "
            + "figures reported by the State or monitors are listed beside them, never merged.";

    private final StatePartyRepository stateParties;
    private final LandRepository rows;
    private final ProgressCache progress;
    private final int rateYears;
    private final Clock clock;

    public ReportRoutes(StatePartyRepository stateParties, DataSource dataSource, ProgressCache progress, int rateYears,
                        Clock clock) {
        this.stateParties = stateParties;
        this.rows = new LandRepository(dataSource);
        this.progress = progress;
        this.rateYears = rateYears;
        this.clock = clock;
    }

    public void article7(Context ctx) {
        String format = format(ctx);
        StateParty s = stateParty(ctx);
        LocalDate today = LocalDate.now(clock);
        String rawYear = ctx.queryParam("year");
        int year;
        try {
            year = rawYear == null || rawYear.isBlank() ? today.getYear() - 1 : Integer.parseInt(rawYear.trim());
        } catch (NumberFormatException e) {
            throw ApiException.BadRequest.parameter("year", "year must be a calendar year such as 2024 (got '"
                    + Params.abbreviate(rawYear) + "').");
        }
        if (year < 1990 || year > today.getYear()) {
            throw ApiException.BadRequest.parameter("year", "year must be from 1990 to " + today.getYear() + ".");
        }
        send(ctx, format, article7(s, year, today), s.iso3() + "-article7-" + year);
    }

    public void extensionRequest(Context ctx) {
        String format = format(ctx);
        StateParty s = stateParty(ctx);
        LocalDate asOf = Params.date(ctx, "asOf", LocalDate.now(clock));
        if (asOf.isBefore(s.eifDate())) {
            throw ApiException.BadRequest.parameter("asOf", "asOf must be on or after entry into force (" + s.eifDate() + ").");
        }
        send(ctx, format, extensionRequest(s, asOf), s.iso3() + "-extension-request-" + asOf);
    }

    /** The Article 7 clearance section for {@code year} (to today, for the current year). */
    Report article7(StateParty s, int year, LocalDate today) {
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = year == today.getYear() ? today : LocalDate.of(year, 12, 31);
        AreaEngine.Balance balance = progress.balanceBetween(s.iso3(), List.of(from.minusDays(1), to));
        AreaFigures end = balance.figures().get(1);
        YearlyBalance row = balance.rows().get(0);

        Geometry remaining = progress.remainingOn(s.iso3(), to);
        STRtree pieces = new STRtree();
        for (int i = 0; i < remaining.getNumGeometries(); i++) {
            pieces.insert(remaining.getGeometryN(i).getEnvelopeInternal(), remaining.getGeometryN(i));
        }
        var contaminated = new ArrayList<Map<String, Object>>();
        var contaminatedRows = new ArrayList<List<Object>>();
        for (LandRepository.ListedHazard h : rows.listedHazards(s.iso3(), to)) {
            double remainingSqm = 0;
            for (Object o : pieces.query(h.geom4326().getEnvelopeInternal())) {
                Geometry part = OverlayNGRobust.overlay(h.geom4326(), (Geometry) o, OverlayNG.INTERSECTION);
                // a piece that only touches the hazard along an edge or at a point meets it in a line
                // or a point: no area, and not a polygon to measure
                for (Object polygon : PolygonExtracter.getPolygons(part)) {
                    remainingSqm += GeodesicArea.ofSqm((Geometry) polygon);
                }
            }
            var m = new LinkedHashMap<String, Object>();
            m.put("externalId", h.externalId());
            m.put("version", h.version());
            m.put("classification", h.classification().key());
            m.put("recordedOn", h.recordedOn());
            m.put("contamination", h.contamination());
            m.put("areaSqm", Standing.sqm(h.areaSqm()));
            m.put("remainingSqm", Standing.sqm(remainingSqm));
            m.put("location", List.of(round(h.lon()), round(h.lat())));
            contaminated.add(m);
            contaminatedRows.add(List.of(h.externalId(), h.classification().key(), h.recordedOn(),
                    Standing.sqm(h.areaSqm()), Standing.sqm(remainingSqm), round(h.lon()), round(h.lat())));
        }
        var released = new ArrayList<Map<String, Object>>();
        var releasedRows = new ArrayList<List<Object>>();
        long items = 0;
        for (LandRepository.ListedRelease r : rows.listedReleases(s.iso3(), from, to)) {
            var m = new LinkedHashMap<String, Object>();
            m.put("externalId", r.externalId());
            m.put("method", r.method().key());
            m.put("completedOn", r.completedOn());
            m.put("operator", r.operator());
            m.put("itemsDestroyed", r.itemsDestroyed());
            m.put("hazardExternalId", r.hazardExternalId());
            m.put("areaSqm", Standing.sqm(r.areaSqm()));
            m.put("location", List.of(round(r.lon()), round(r.lat())));
            released.add(m);
            items += r.itemsDestroyed() == null ? 0 : r.itemsDestroyed();
            releasedRows.add(java.util.Arrays.asList(r.externalId(), r.method().key(), r.completedOn(), r.operator(),
                    r.itemsDestroyed(), Standing.sqm(r.areaSqm()), round(r.lon()), round(r.lat())));
        }

        var totals = new LinkedHashMap<String, Object>();
        totals.put("contaminatedSqm", Standing.sqm(end.footprintSqm()));
        totals.put("remainingSqm", Standing.sqm(end.remainingSqm()));
        totals.put("remainingByClass", Map.of("SHA", Standing.sqm(end.remainingShaSqm()), "CHA", Standing.sqm(end.remainingChaSqm())));
        totals.put("releasedInYearSqm", Standing.sqm(row.releasedSqm()));
        totals.put("releasedInYearByMethod", Map.of("cancelled", Standing.sqm(row.cancelledSqm()),
                "reduced", Standing.sqm(row.reducedSqm()), "cleared", Standing.sqm(row.clearedSqm())));
        totals.put("itemsDestroyed", items);

        var json = new LinkedHashMap<String, Object>();
        json.put("report", "article7");
        json.put("iso3", s.iso3());
        json.put("name", s.name());
        json.put("year", year);
        json.put("periodStart", from);
        json.put("periodEnd", to);
        json.put("totals", totals);
        json.put("contaminatedAreas", contaminated);
        json.put("areasReleased", released);
        json.put("reportedFigures", stateParties.reportedFigures(s.iso3()).stream().filter(f -> f.year() == year).toList());

        var summary = new LinkedHashMap<String, Object>();
        summary.put("State Party", s.name() + " (" + s.iso3() + ")");
        summary.put("Period", from + " to " + to);
        summary.put("7(1)(h) contaminated area at period end, m²", Standing.sqm(end.footprintSqm()));
        summary.put("7(1)(h) remaining area at period end, m²", Standing.sqm(end.remainingSqm()));
        summary.put("7(1)(i) area released in the period, m²", Standing.sqm(row.releasedSqm()));
        summary.put("  of which cleared, m²", Standing.sqm(row.clearedSqm()));
        summary.put("  of which reduced, m²", Standing.sqm(row.reducedSqm()));
        summary.put("  of which cancelled, m²", Standing.sqm(row.cancelledSqm()));
        summary.put("7(1)(i) submunitions destroyed", items);
        List<Report.Table> tables = List.of(
                new Report.Table("7(1)(h) contaminated areas", List.of("externalId", "classification", "recordedOn",
                        "areaSqm", "remainingSqm", "lon", "lat"), contaminatedRows),
                new Report.Table("7(1)(i) areas released", List.of("externalId", "method", "completedOn", "operator",
                        "itemsDestroyed", "areaSqm", "lon", "lat"), releasedRows));
        return new Report("Article 7 report, clearance section: " + s.name() + ", " + year,
                "Convention on Cluster Munitions, Article 7(1)(h) and (i); period " + from + " to " + to + ".",
                json, summary, tables, List.of(MAPPED_NOTE));
    }

    /** The Article 4(6)(d)(e)(f) figures on {@code asOf}, with the yearly balance and the projection. */
    Report extensionRequest(StateParty s, LocalDate asOf) {
        List<LocalDate> dates = new ArrayList<>();
        dates.add(s.eifDate());
        for (int y = s.eifDate().getYear(); y < asOf.getYear(); y++) {
            LocalDate end = LocalDate.of(y, 12, 31);
            if (end.isAfter(s.eifDate())) {
                dates.add(end);
            }
        }
        if (asOf.isAfter(dates.get(dates.size() - 1))) {
            dates.add(asOf);
        }
        if (dates.size() == 1) {
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
        var balanceRows = new ArrayList<Map<String, Object>>();
        var balanceTable = new ArrayList<List<Object>>();
        for (YearlyBalance row : balance.rows()) {
            discovered += row.newlyRecordedSqm();
            released += row.releasedSqm();
            cleared += row.clearedSqm();
            reduced += row.reducedSqm();
            cancelled += row.cancelledSqm();
            balanceRows.add(Standing.balanceRowJson(row));
            balanceTable.add(List.of(row.year(), Standing.sqm(row.remainingStartSqm()), Standing.sqm(row.newlyRecordedSqm()),
                    Standing.sqm(row.retiredUnreleasedSqm()), Standing.sqm(row.releasedSqm()), Standing.sqm(row.clearedSqm()),
                    Standing.sqm(row.reducedSqm()), Standing.sqm(row.cancelledSqm()), Standing.sqm(row.remainingEndSqm())));
        }
        Standing standing = Standing.of(progress, rateYears, s, stateParties.reportedFigures(s.iso3()),
                stateParties.extensions(s.iso3()), asOf);
        Extension pending = stateParties.extensions(s.iso3()).stream().filter(e -> "submitted".equals(e.status()))
                .reduce((a, b) -> b).orElse(null);

        var figures = new LinkedHashMap<String, Object>();
        figures.put("contaminatedAtEifSqm", Standing.sqm(atEif.footprintSqm()));
        figures.put("discoveredSinceEifSqm", Standing.sqm(discovered));
        figures.put("totalContaminatedSqm", Standing.sqm(atEif.footprintSqm() + discovered));
        figures.put("releasedSinceEifSqm", Standing.sqm(released));
        figures.put("releasedSinceEifByMethod", Map.of("cancelled", Standing.sqm(cancelled), "reduced", Standing.sqm(reduced),
                "cleared", Standing.sqm(cleared)));
        figures.put("remainingSqm", Standing.sqm(now.remainingSqm()));
        figures.put("remainingByClass", Map.of("SHA", Standing.sqm(now.remainingShaSqm()), "CHA", Standing.sqm(now.remainingChaSqm())));

        var projection = new LinkedHashMap<String, Object>();
        Map<String, Object> st = standing.toJson();
        for (String k : List.of("currentDeadline", "yearsLeft", "annualRateSqm", "requiredRateSqm", "projectedCompletion", "status", "basis")) {
            projection.put(k, st.get(k));
        }
        projection.put("rateYears", rateYears);
        projection.put("requestedUntil", pending == null ? null : pending.requestedUntil());

        var json = new LinkedHashMap<String, Object>();
        json.put("report", "extension-request");
        json.put("iso3", s.iso3());
        json.put("name", s.name());
        json.put("eifDate", s.eifDate());
        json.put("asOf", asOf);
        json.put("article4_6_d", Map.of("contaminatedAtEifSqm", figures.get("contaminatedAtEifSqm"),
                "discoveredSinceEifSqm", figures.get("discoveredSinceEifSqm"), "totalSqm", figures.get("totalContaminatedSqm")));
        json.put("article4_6_e", Map.of("releasedSinceEifSqm", figures.get("releasedSinceEifSqm"),
                "byMethod", figures.get("releasedSinceEifByMethod")));
        json.put("article4_6_f", Map.of("remainingSqm", figures.get("remainingSqm"), "remainingByClass", figures.get("remainingByClass")));
        json.put("projection", projection);
        json.put("yearlyBalance", balanceRows);
        json.put("milestones", stateParties.milestones(s.iso3()));
        json.put("reportedFigures", stateParties.reportedFigures(s.iso3()));

        var summary = new LinkedHashMap<String, Object>();
        summary.put("State Party", s.name() + " (" + s.iso3() + ")");
        summary.put("Entry into force", s.eifDate());
        summary.put("As of", asOf);
        summary.put("4(6)(d) area contaminated at entry into force, m²", figures.get("contaminatedAtEifSqm"));
        summary.put("4(6)(d) areas discovered since, m²", figures.get("discoveredSinceEifSqm"));
        summary.put("4(6)(e) area released since entry into force, m²", figures.get("releasedSinceEifSqm"));
        summary.put("  of which cleared, m²", Standing.sqm(cleared));
        summary.put("4(6)(f) area remaining, m²", figures.get("remainingSqm"));
        for (var e : projection.entrySet()) {
            summary.put(e.getKey(), e.getValue());
        }
        List<Report.Table> tables = List.of(new Report.Table("Yearly balance (m²)", List.of("year", "remainingStart",
                "newlyRecorded", "retiredUnreleased", "released", "cleared", "reduced", "cancelled", "remainingEnd"), balanceTable));
        return new Report("Article 4(6) extension request figures: " + s.name(),
                "Convention on Cluster Munitions, Article 4(6)(d), (e) and (f), from entry into force (" + s.eifDate()
                        + ") to " + asOf + ".", json, summary, tables, List.of(MAPPED_NOTE,
                        "The first balance row runs from entry into force to the end of that year; the last to the as-of date."));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private StateParty stateParty(Context ctx) {
        String iso3 = Params.iso3(ctx.pathParam("iso3"), "iso3");
        return stateParties.existing(iso3);
    }

    private static String format(Context ctx) {
        String f = ctx.queryParam("f");
        if (f == null || f.isBlank()) {
            return "json";
        }
        f = f.trim().toLowerCase(Locale.ROOT);
        if (!List.of("json", "csv", "html").contains(f)) {
            throw ApiException.BadRequest.parameter("f", "f must be json, csv or html (got '" + Params.abbreviate(f) + "').");
        }
        return f;
    }

    private static void send(Context ctx, String format, Report report, String fileName) {
        switch (format) {
            case "csv" -> ctx.contentType("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + fileName + ".csv\"")
                    .result(ReportRendering.csv(report));
            case "html" -> ctx.contentType("text/html; charset=utf-8").result(ReportRendering.html(report));
            default -> ctx.json(report.json());
        }
    }
}
