package org.clearancemap.stateparty;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.geo.Territories;
import org.clearancemap.http.Params;
import org.clearancemap.progress.AreaEngine;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.progress.YearlyBalance;

/**
 * {@code GET /api/state-parties}, {@code GET /api/state-parties/{iso3}} (records, figures and
 * standing), {@code GET /api/state-parties/{iso3}/remaining} (GeoJSON) and {@code GET /api/deadlines}.
 */
public final class StatePartyRoutes {
    private final StatePartyRepository repository;
    private final ProgressCache progress;
    private final int rateYears;
    private final Clock clock;

    public StatePartyRoutes(StatePartyRepository repository, ProgressCache progress, int rateYears, Clock clock) {
        this.repository = repository;
        this.progress = progress;
        this.rateYears = rateYears;
        this.clock = clock;
    }

    public void list(Context ctx) {
        LocalDate asOf = Params.date(ctx, "asOf", LocalDate.now(clock));
        var mapped = repository.mapped();
        var result = new ArrayList<Map<String, Object>>();
        List<StateParty> all = repository.findAll();
        progress.readAhead(all.stream().map(StateParty::iso3).toList());
        for (StateParty s : all) {
            var body = Standing.of(progress, rateYears, s, repository.reportedFigures(s.iso3()),
                    repository.extensions(s.iso3()), asOf).toJson();
            putRecords(body, s, mapped.getOrDefault(s.iso3(), StatePartyRepository.Mapped.NONE));
            result.add(body);
        }
        ctx.json(result);
    }

    public void one(Context ctx) {
        String iso3 = Params.iso3(ctx.pathParam("iso3"), "iso3");
        LocalDate asOf = Params.date(ctx, "asOf", LocalDate.now(clock));
        ctx.json(detail(iso3, asOf));
    }

    /** One State Party with its records, figures, standing and yearly balance on {@code asOf}. */
    public Map<String, Object> detail(String iso3, LocalDate asOf) {
        StateParty s = find(iso3);
        List<ReportedFigure> reported = repository.reportedFigures(iso3);
        List<Extension> extensions = repository.extensions(iso3);
        var body = Standing.of(progress, rateYears, s, reported, extensions, asOf).toJson();
        putRecords(body, s, repository.mapped().getOrDefault(iso3, StatePartyRepository.Mapped.NONE));
        body.put("extensions", extensions);
        List<YearlyBalance> rows = balance(s, asOf).rows();
        body.put("reportedFigures", reported.stream().map(f -> reportedJson(f, rows)).toList());
        var milestones = new ArrayList<Map<String, Object>>();
        for (Milestone m : repository.milestones(iso3)) {
            var row = new LinkedHashMap<String, Object>();
            row.put("id", m.id());
            row.put("year", m.year());
            row.put("targetReleaseSqm", m.targetReleaseSqm());
            Double released = rows.stream().filter(r -> r.year() == m.year()).findFirst()
                    .map(YearlyBalance::releasedSqm).map(Standing::sqm).orElse(null);
            row.put("releasedSqm", released);
            row.put("met", released == null || m.year() >= asOf.getYear() ? null : released >= m.targetReleaseSqm());
            row.put("source", m.source());
            row.put("extensionRequestId", m.extensionRequestId());
            milestones.add(row);
        }
        body.put("milestones", milestones);
        var balanceRows = new ArrayList<Map<String, Object>>();
        for (YearlyBalance row : rows) {
            var json = Standing.balanceRowJson(row);
            json.put("reported", reported.stream().filter(f -> f.year() == row.year())
                    .map(f -> reportedJson(f, rows)).toList());
            balanceRows.add(json);
        }
        body.put("yearlyBalance", balanceRows);
        body.put("sliverToleranceM", progress.engine().sliverToleranceM());
        return body;
    }

    /**
     * A reported figure with {@code releasedTotalKm2} (see {@link Standing#releasedKm2}) and
     * {@code reportedToMappedRatio}: its remaining area over the mapped
     * remaining area at the end of the same year (4 significant digits); none when that year has
     * nothing mapped remaining or the figure gives no remaining area.
     */
    private static Map<String, Object> reportedJson(ReportedFigure f, List<YearlyBalance> rows) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", f.id());
        m.put("year", f.year());
        m.put("remainingKm2", f.remainingKm2());
        m.put("cancelledKm2", f.cancelledKm2());
        m.put("reducedKm2", f.reducedKm2());
        m.put("clearedKm2", f.clearedKm2());
        m.put("releasedKm2", f.releasedKm2());
        m.put("releasedTotalKm2", Standing.releasedKm2(f));
        m.put("submunitionsDestroyed", f.submunitionsDestroyed());
        m.put("confidence", f.confidence());
        m.put("source", f.source());
        Double mapped = rows.stream().filter(r -> r.year() == f.year()).findFirst()
                .map(YearlyBalance::remainingEndSqm).orElse(null);
        Double ratio = null;
        if (f.remainingKm2() != null && mapped != null && mapped > 0) {
            ratio = new BigDecimal(f.remainingKm2().doubleValue() * 1e6 / mapped)
                    .round(new MathContext(4)).doubleValue();
        }
        m.put("reportedToMappedRatio", ratio);
        return m;
    }

    /**
     * Computes, for every State Party, what {@link #list} and {@link #one} answer on {@code asOf}
     * (its standing and its yearly balance), so that the cache holds them; returns how many
     * State Parties it computed. The server runs it once in the background when it starts.
     */
    public int warmUp(LocalDate asOf) {
        int count = 0;
        List<StateParty> all = repository.findAll();
        progress.readAhead(all.stream().map(StateParty::iso3).toList());
        for (StateParty s : all) {
            Standing.of(progress, rateYears, s, repository.reportedFigures(s.iso3()), List.of(), asOf);
            balance(s, asOf);
            count++;
        }
        return count;
    }

    /** As {@link #warmUp(LocalDate)} for one State Party (nothing for an unknown code). */
    public void warmUp(String iso3, LocalDate asOf) {
        repository.find(iso3).ifPresent(s -> {
            Standing.of(progress, rateYears, s, repository.reportedFigures(iso3), List.of(), asOf);
            balance(s, asOf);
        });
    }

    /** The yearly balance from entry into force (or the first record, when earlier) to {@code asOf}. */
    public AreaEngine.Balance balance(StateParty s, LocalDate asOf) {
        Integer firstMapped = progress.firstMappedYear(s.iso3());
        int first = Math.min(s.eifDate().getYear(), firstMapped == null ? Integer.MAX_VALUE : firstMapped);
        return progress.balance(s.iso3(), Math.min(first, asOf.getYear()), asOf);
    }

    public StateParty find(String iso3) {
        return repository.existing(iso3);
    }

    /** The remaining land on {@code asOf} as one GeoJSON Feature with a MultiPolygon geometry. */
    public void remaining(Context ctx) {
        String iso3 = Params.iso3(ctx.pathParam("iso3"), "iso3");
        LocalDate asOf = Params.date(ctx, "asOf", LocalDate.now(clock));
        StateParty s = find(iso3);
        AreaFigures figures = progress.figuresOn(iso3, asOf);
        String geometry = progress.remainingGeoJson(iso3, asOf, asOf.equals(LocalDate.now(clock)));
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

    /** Every State Party side by side against its deadline. */
    public void deadlines(Context ctx) {
        LocalDate asOf = Params.date(ctx, "asOf", LocalDate.now(clock));
        var rows = new ArrayList<Map<String, Object>>();
        var all = repository.findAll();
        progress.readAhead(all.stream().map(StateParty::iso3).toList());
        for (StateParty s : all) {
            var reported = repository.reportedFigures(s.iso3());
            List<Extension> extensions = repository.extensions(s.iso3());
            Standing standing = Standing.of(progress, rateYears, s, reported, extensions, asOf);
            var row = new LinkedHashMap<String, Object>();
            row.put("iso3", s.iso3());
            row.put("name", s.name());
            row.put("eifDate", s.eifDate());
            row.put("originalDeadline", s.originalDeadline());
            row.put("currentDeadline", s.currentDeadline());
            row.put("extensionsGranted", extensions.stream()
                    .filter(e -> "granted".equals(e.status())).count());
            row.put("completedOn", s.completedOn());
            row.put("yearsLeft", standing.toJson().get("yearsLeft"));
            row.put("status", standing.deadline().status().key());
            Standing.putDeadlinePassed(row, standing.deadline());
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

    private static void putRecords(Map<String, Object> m, StateParty s, StatePartyRepository.Mapped mapped) {
        m.put("hazardCount", mapped.hazardCount());
        m.put("releaseCount", mapped.releaseCount());
        m.put("synthetic", mapped.synthetic());
        m.put("confidence", s.confidence());
        m.put("source", s.source());
        m.put("outline", Territories.outline(s.iso3()));
    }
}
