package org.clearancemap.progress;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.clearancemap.geo.GeoJsonGeometry;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.clearancemap.stateparty.ReportedFigure;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;

/** {@code GET /api/state-parties/{iso3}/remaining} (GeoJSON) and {@code GET /api/deadlines}. */
public final class ProgressRoutes {
    private final StatePartyRepository stateParties;
    private final ProgressCache progress;
    private final int rateYears;
    private final Clock clock;

    public ProgressRoutes(StatePartyRepository stateParties, ProgressCache progress, int rateYears, Clock clock) {
        this.stateParties = stateParties;
        this.progress = progress;
        this.rateYears = rateYears;
        this.clock = clock;
    }

    /** The remaining land on {@code asOf} as one GeoJSON Feature with a MultiPolygon geometry. */
    public void remaining(Context ctx) {
        String iso3 = Params.iso3(ctx.pathParam("iso3"), "iso3");
        LocalDate asOf = Params.date(ctx, "asOf", LocalDate.now(clock));
        StateParty s = stateParties.find(iso3)
                .orElseThrow(() -> new ApiException.NotFound("No State Party with code " + iso3 + "."));
        AreaFigures figures = progress.figuresOn(iso3, asOf);
        String geometry = remainingGeoJson(progress, iso3, asOf, asOf.equals(LocalDate.now(clock)));
        var properties = new LinkedHashMap<String, Object>();
        properties.put("iso3", s.iso3());
        properties.put("name", s.name());
        properties.put("asOf", asOf);
        properties.put("remainingSqm", Standing.sqm(figures.remainingSqm()));
        properties.put("remainingByClass", Map.of("SHA", Standing.sqm(figures.remainingShaSqm()),
                "CHA", Standing.sqm(figures.remainingChaSqm())));
        properties.put("ignoredSliverSqm", Standing.sqm(figures.ignoredSliverSqm()));
        properties.put("sliverToleranceM", progress.engine().sliverToleranceM());
        try {
            String props = ctx.jsonMapper().toJsonString(properties, Map.class);
            ctx.contentType("application/geo+json")
                    .result("{\"type\":\"Feature\",\"geometry\":" + geometry + ",\"properties\":" + props + "}");
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot write the remaining area of " + iso3, e);
        }
    }

    /**
     * The remaining land of {@code iso3} on {@code asOf} as GeoJSON geometry text (a MultiPolygon,
     * 7 decimals); the OGC {@code remaining} collection serves the same text. With {@code keep}
     * (today, the date asked for most) it is written once and kept with the figures; the text of
     * other dates is written on each request, so that many dates do not fill the memory.
     */
    public static String remainingGeoJson(ProgressCache progress, String iso3, LocalDate asOf, boolean keep) {
        if (!keep) {
            return GeoJsonGeometry.write(progress.remainingOn(iso3, asOf));
        }
        return progress.derived(iso3, "remaining-geojson", asOf,
                () -> GeoJsonGeometry.write(progress.remainingOn(iso3, asOf)));
    }

    /** Every State Party side by side against its deadline. */
    public void deadlines(Context ctx) {
        LocalDate asOf = Params.date(ctx, "asOf", LocalDate.now(clock));
        var rows = new ArrayList<Map<String, Object>>();
        var all = stateParties.findAll();
        progress.readAhead(all.stream().map(StateParty::iso3).toList());
        for (StateParty s : all) {
            var reported = stateParties.reportedFigures(s.iso3());
            Standing standing = Standing.of(progress, rateYears, s, reported, asOf);
            var row = new LinkedHashMap<String, Object>();
            row.put("iso3", s.iso3());
            row.put("name", s.name());
            row.put("eifDate", s.eifDate());
            row.put("originalDeadline", s.originalDeadline());
            row.put("currentDeadline", s.currentDeadline());
            row.put("extensionsGranted", stateParties.extensions(s.iso3()).stream()
                    .filter(e -> "granted".equals(e.status())).count());
            row.put("completedOn", s.completedOn());
            row.put("yearsLeft", standing.toJson().get("yearsLeft"));
            row.put("status", standing.deadline().status().key());
            row.put("basis", standing.deadline().basis());
            row.put("footprintSqm", Standing.sqm(standing.figures().footprintSqm()));
            row.put("remainingSqm", Standing.sqm(standing.figures().remainingSqm()));
            row.put("progress", standing.toJson().get("progress"));
            row.put("annualRateSqm", Standing.sqm(standing.deadline().annualRateSqm()));
            row.put("requiredRateSqm", Standing.sqm(standing.deadline().requiredRateSqm()));
            row.put("projectedCompletion", standing.deadline().projectedCompletion());
            ReportedFigure latest = reported.stream().filter(f -> f.remainingKm2() != null)
                    .reduce((a, b) -> b.year() >= a.year() ? b : a).orElse(null);
            row.put("latestReported", latest == null ? null : Map.of("year", latest.year(),
                    "remainingKm2", latest.remainingKm2(), "source", latest.source()));
            row.put("asOf", asOf);
            rows.add(row);
        }
        ctx.json(rows);
    }
}
