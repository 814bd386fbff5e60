package org.clearancemap.report;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.progress.YearlyBalance;
import org.clearancemap.report.Document.Column;
import org.clearancemap.report.Document.Figure;
import org.clearancemap.report.Document.Kind;
import org.clearancemap.report.Document.Row;
import org.clearancemap.report.Document.Section;
import org.clearancemap.report.Document.Table;
import org.clearancemap.report.ExtensionAnalysis.Check;
import org.clearancemap.stateparty.Extension;
import org.clearancemap.stateparty.ExtensionRequestRepository;
import org.clearancemap.stateparty.ExtensionRevision;
import org.clearancemap.stateparty.ReportedFigure;
import org.clearancemap.stateparty.Standing;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;

/**
 * {@code GET /api/state-parties/{iso3}/extension-requests/{id}/analysis}: the checks of
 * {@link ExtensionAnalysis} on the latest revision and a draft decision whose benchmarks are the
 * plan's yearly targets, as JSON ({@code ?f=json}, the default) or any format of {@link Documents}.
 *
 * <p>The mapped figures are those of {@code GET /api/state-parties/{iso3}?asOf=} on the analysis
 * date: the latest revision's submission date (else the first's, else today). The best yearly
 * release and the previous plan's years come from the yearly balance up to that date.
 */
public final class ExtensionRequestAnalysis {
    private final StatePartyRepository stateParties;
    private final ExtensionRequestRepository requests;
    private final ProgressCache progress;
    private final int rateYears;
    private final AnalysisTolerances tolerances;
    private final Clock clock;

    public ExtensionRequestAnalysis(StatePartyRepository stateParties, ExtensionRequestRepository requests,
                                    ProgressCache progress, int rateYears, AnalysisTolerances tolerances, Clock clock) {
        this.stateParties = stateParties;
        this.requests = requests;
        this.progress = progress;
        this.rateYears = rateYears;
        this.tolerances = tolerances;
        this.clock = clock;
    }

    public void analysis(Context ctx) {
        String format = Documents.format(ctx);
        StateParty s = stateParties.existing(Params.iso3(ctx.pathParam("iso3"), "iso3"));
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.BadRequest.parameter("id", "id must be a number (got '"
                    + Params.abbreviate(ctx.pathParam("id")) + "').");
        }
        Documents.send(ctx, format, build(s, id));
    }

    Document build(StateParty s, long id) {
        boolean synthetic = requests.synthetic(s.iso3(), id)
                .orElseThrow(() -> new ApiException.NotFound("No extension request " + id + " of " + s.iso3() + "."));
        Instant producedAt = Instant.now(clock);
        List<ExtensionRevision> revisions = requests.revisions(id);
        ExtensionRevision first = revisions.get(0);
        ExtensionRevision latest = revisions.get(revisions.size() - 1);
        LocalDate submittedOn = first.submittedOn() != null ? first.submittedOn() : latest.submittedOn();
        LocalDate asOf = latest.submittedOn() != null ? latest.submittedOn()
                : submittedOn != null ? submittedOn : LocalDate.now(clock);
        List<Extension> extensions = stateParties.extensions(s.iso3());
        List<ReportedFigure> reported = stateParties.reportedFigures(s.iso3());
        AreaFigures mapped = Standing.of(progress, rateYears, s, reported, extensions, asOf).figures();
        Integer firstMapped = progress.firstMappedYear(s.iso3());
        int firstYear = Math.min(Math.min(s.eifDate().getYear(), firstMapped == null ? Integer.MAX_VALUE : firstMapped),
                asOf.getYear());
        List<YearlyBalance> balance = progress.balance(s.iso3(), firstYear, asOf).rows();
        ReportedFigure latestReported = reported.stream().filter(f -> f.remainingKm2() != null)
                .filter(f -> f.year() <= asOf.getYear())
                .max(Comparator.comparingInt(ReportedFigure::year).thenComparingLong(ReportedFigure::id)).orElse(null);
        ExtensionAnalysis.Previous previous = previous(extensions, id);
        LocalDate deadlineExtended = previous != null && previous.grantedUntil() != null ? previous.grantedUntil()
                : s.originalDeadline();
        var in = new ExtensionAnalysis.Inputs(latest, submittedOn, deadlineExtended, asOf, mapped, balance,
                latestReported, previous, tolerances);
        List<Check> checks = ExtensionAnalysis.checks(in);
        DraftDecision draft = DraftDecision.of(s, latest, submittedOn, deadlineExtended, checks);
        StatePartyRepository.Mapped counts = stateParties.mapped().getOrDefault(s.iso3(), StatePartyRepository.Mapped.NONE);
        boolean syntheticLand = counts.synthetic();

        var json = new LinkedHashMap<String, Object>();
        json.put("iso3", s.iso3());
        json.put("requestId", id);
        json.put("revision", latest.number());
        json.put("asOf", asOf);
        json.put("mapped", Map.of("footprintSqm", Standing.sqm(mapped.footprintSqm()),
                "releasedSqm", Standing.sqm(mapped.releasedSqm()), "remainingSqm", Standing.sqm(mapped.remainingSqm())));
        json.put("checks", checks.stream().map(Check::toJson).toList());
        json.put("draftDecision", draft.toJson());
        json.put("synthetic", synthetic);
        json.put("syntheticMappedLand", syntheticLand);
        if (synthetic || syntheticLand) {
            json.put("notice", synthetic ? SYNTHETIC_REQUEST : Document.SYNTHETIC_NOTICE);
        }
        json.put("producedAt", producedAt.toString());

        String on = Formats.document(Kind.DATE, asOf);
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("The request", null, List.of(
                Figure.of(TreatyWords.STATE_PARTY, Kind.TEXT, s.name() + " (" + s.iso3() + ")"),
                Figure.of("Request", Kind.TEXT, id + ", revision " + latest.number() + " of " + revisions.size()),
                Figure.of("Meeting that considers it", Kind.TEXT, latest.meeting()),
                Figure.of("Date of the meeting", Kind.DATE, latest.meetingDate()),
                Figure.of("Submitted on", Kind.DATE, submittedOn),
                Figure.of("Deadline it would extend", Kind.DATE, deadlineExtended),
                Figure.of("Extension requested until", Kind.DATE, latest.requestedUntil()),
                Figure.of("Area mapped on " + on + " (footprint)", Kind.KM2, mapped.footprintSqm()),
                Figure.of("Area released, mapped on " + on, Kind.KM2, mapped.releasedSqm()),
                Figure.of("Area remaining, mapped on " + on, Kind.KM2, mapped.remainingSqm())), List.of()));
        List<Row> summary = new ArrayList<>();
        for (Check c : checks) {
            summary.add(Row.item(List.of(c.title(), c.status().words)));
        }
        sections.add(new Section("The checks", null, List.of(), List.of(new Table("checks", "The checks and their outcome",
                List.of(new Column("Check", Kind.TEXT), new Column("Outcome", Kind.TEXT)), summary, "No check."))));
        for (Check c : checks) {
            sections.add(section(c));
        }
        sections.add(draft.section());
        String basis = mapped.footprintSqm() > 0
                ? ReportParts.mappedBasis(counts.hazardCount(), counts.releaseCount()) + " Stated figures as the request states them."
                : "Stated figures as the request states them; nothing is mapped.";
        List<String> sources = new ArrayList<>(ReportParts.sources(s, reported));
        if (latest.source() != null && !latest.source().isBlank()) {
            sources.add(0, "The request: " + latest.source());
        }
        List<String> notes = new ArrayList<>();
        if (synthetic) {
            notes.add(SYNTHETIC_REQUEST);
        }
        notes.add(ReportParts.MAPPED_NOTE);
        notes.add("A draft for the Analysis Group: the checks flag what to look at; they decide nothing.");
        String subtitle = TreatyWords.CONVENTION + ", Article 4(5) to (8); request " + id + ", revision " + latest.number()
                + "; mapped figures on " + on + ".";
        return new Document(s.iso3() + "-extension-request-" + id + "-analysis", "Analysis of the extension request of "
                + s.name(), synthetic ? SYNTHETIC_REQUEST + " " + subtitle : subtitle,
                new Document.Provenance(asOf, producedAt, basis, sources),
                synthetic || syntheticLand, sections, notes, json);
    }

    /** Shown with a synthetic request. */
    static final String SYNTHETIC_REQUEST = "SYNTHETIC DEMO REQUEST: invented by the demo loader, not a request of "
            + "the State Party; its figures, plan and funding are not facts.";

    /** The latest granted request before request {@code id} in the order of submission; null when none. */
    private ExtensionAnalysis.Previous previous(List<Extension> extensions, long id) {
        Extension previous = null;
        for (Extension e : extensions) {
            if (e.id() == id) {
                break;
            }
            if ("granted".equals(e.status())) {
                previous = e;
            }
        }
        if (previous == null) {
            return null;
        }
        List<ExtensionRevision> revisions = requests.revisions(previous.id());
        return new ExtensionAnalysis.Previous(previous.id(), previous.meeting(), previous.grantedUntil(),
                revisions.isEmpty() ? List.of() : revisions.get(revisions.size() - 1).workPlan());
    }

    /** A check as a section: its outcome in words, its detail, its figures, each list of rows as a table. */
    private static Section section(Check c) {
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.of("Outcome", Kind.TEXT, c.status().words));
        figures.add(Figure.of("Finding", Kind.TEXT, c.detail()));
        List<Table> tables = new ArrayList<>();
        for (var e : c.figures().entrySet()) {
            if (e.getValue() instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
                tables.add(table(c.id() + "-" + e.getKey(), c.title(), list));
            } else if (e.getValue() instanceof List<?> list) {
                figures.add(Figure.of(label(e.getKey()), Kind.TEXT, list.isEmpty() ? "none"
                        : String.join("; ", list.stream().map(String::valueOf).toList())));
            } else {
                figures.add(Figure.of(label(e.getKey()), kind(e.getKey(), e.getValue()), value(e.getKey(), e.getValue())));
            }
        }
        String quoted = c.id().equals(ExtensionAnalysis.IDS.get(0)) ? TreatyWords.ART_4_6_SUBMISSION : null;
        return new Section(c.title(), quoted, figures, tables);
    }

    private static Table table(String id, String title, List<?> rows) {
        Map<?, ?> head = (Map<?, ?>) rows.get(0);
        List<Column> columns = new ArrayList<>();
        for (Object k : head.keySet()) {
            columns.add(new Column(label((String) k), kind((String) k, head.get(k))));
        }
        List<Row> out = new ArrayList<>();
        for (Object r : rows) {
            List<Object> cells = new ArrayList<>();
            for (var e : ((Map<?, ?>) r).entrySet()) {
                cells.add(value((String) e.getKey(), e.getValue()));
            }
            out.add(Row.item(cells));
        }
        return new Table(id, title + ": per year", columns, out, "No year.");
    }

    /** How a figure named {@code key} reads: km² and USD by their names, dates and years by their values. */
    static Kind kind(String key, Object value) {
        if (key.endsWith("Km2")) {
            return Kind.KM2;
        }
        if (key.endsWith("Id")) {
            return Kind.TEXT;
        }
        if (key.endsWith("Usd") || value instanceof Long || value instanceof Integer && !isYear(key)) {
            return Kind.COUNT;
        }
        if (isYear(key)) {
            return Kind.YEAR;
        }
        if (value instanceof LocalDate) {
            return Kind.DATE;
        }
        return Kind.TEXT;
    }

    private static boolean isYear(String key) {
        return key.equals("year") || key.endsWith("Year");
    }

    /** The value as the document holds it: km² as m² (see {@link Kind#KM2}), money in whole USD, yes or no. */
    static Object value(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (key.endsWith("Km2")) {
            return ((Number) value).doubleValue() * 1e6;
        }
        if (key.endsWith("Usd")) {
            return Math.round(((Number) value).doubleValue());
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (key.endsWith("Id")) {
            return String.valueOf(value);
        }
        if (value instanceof Double d) {
            return key.endsWith("Percent") ? String.format(Locale.ENGLISH, "%.1f", d)
                    : String.format(Locale.ENGLISH, "%.2f", d);
        }
        return value instanceof LocalDate || value instanceof Number ? value : String.valueOf(value);
    }

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("submittedOn", "Submitted on"), Map.entry("meetingDate", "Date of the meeting"),
            Map.entry("latestSubmissionDate", "Last day to submit (nine months before)"),
            Map.entry("currentDeadline", "Deadline it would extend"), Map.entry("requestedUntil", "Requested until"),
            Map.entry("latestAllowedUntil", "Latest date five years allow"), Map.entry("asOf", "Mapped figures on"),
            Map.entry("statedTotalKm2", "(d) stated: total area (km²)"),
            Map.entry("statedReleasedKm2", "(e) stated: area released (km²)"),
            Map.entry("statedRemainingKm2", "(f) stated: area remaining (km²)"),
            Map.entry("mappedTotalKm2", "Mapped: total area (km²)"), Map.entry("mappedReleasedKm2", "Mapped: area released (km²)"),
            Map.entry("mappedRemainingKm2", "Mapped: area remaining (km²)"),
            Map.entry("reportedRemainingKm2", "Reported: area remaining (km²)"), Map.entry("met", "Target met"));

    /** A figure's label: from {@link #LABELS}, else its name in words with the unit in brackets. */
    static String label(String key) {
        String known = LABELS.get(key);
        if (known != null) {
            return known;
        }
        String unit = "";
        String base = key;
        for (String[] u : new String[][] {{"Km2", " (km²)"}, {"Usd", " (USD)"}, {"Percent", " (%)"}}) {
            if (key.endsWith(u[0])) {
                base = key.substring(0, key.length() - u[0].length());
                unit = u[1];
            }
        }
        String words = base.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + unit;
    }
}
