package org.clearancemap.lap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clearancemap.auth.Access;
import org.clearancemap.auth.Principal;
import org.clearancemap.auth.Role;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.clearancemap.report.Documents;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;

/**
 * {@code /api/lap/indicators} (the registry: PUT loads a new version, GET reads the latest or
 * {@code ?version=N}), {@code /api/lap/measures}, and the values of
 * {@code /api/state-parties/{iso3}/lap/{indicatorId}/{year}} (PUT appends one, GET gives the
 * latest with its history). Writes are a coordinator's, audited.
 */
public final class LapRoutes {
    static final int MAX_SOURCE = 500;
    static final int MAX_NOTE = 2000;
    /** The year the Convention entered into force; no State Party was affected before. */
    static final int FIRST_YEAR = 2010;

    private final LapRepository lap;
    private final StatePartyRepository stateParties;
    private final Measures measures;
    private final LapProgress progress;
    private final ObjectMapper json;
    private final Clock clock;

    public LapRoutes(LapRepository lap, StatePartyRepository stateParties, Measures measures, ObjectMapper json,
                     Clock clock) {
        this.lap = lap;
        this.stateParties = stateParties;
        this.measures = measures;
        this.progress = new LapProgress(lap, stateParties, measures, clock);
        this.json = json;
        this.clock = clock;
    }

    /** {@code PUT /api/lap/indicators}: JSON, or CSV (Content-Type text/csv) with {@code ?source=}. */
    public void putIndicators(Context ctx) {
        Principal actor = Access.requireRole(ctx, Role.COORDINATOR);
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        RegistryFile file = type.startsWith("text/csv")
                ? RegistryFile.ofCsv(ctx.body(), ctx.queryParam("source"))
                : RegistryFile.ofJson(ctx.body(), json);
        int version = lap.load(actor, file.source(), false, file.indicators());
        ctx.status(201).json(registryJson(lap.registry(version).orElseThrow()));
    }

    /** {@code GET /api/lap/indicators}, {@code ?version=N} for an earlier version. */
    public void getIndicators(Context ctx) {
        Integer version = ctx.queryParam("version") == null ? null : positive(ctx.queryParam("version"), "version");
        Registry r = lap.registry(version).orElseThrow(() -> new ApiException.NotFound(version == null
                ? "No indicator registry is loaded yet (PUT /api/lap/indicators loads one)."
                : "No indicator registry version " + version + "."));
        ctx.json(registryJson(r));
    }

    /** {@code GET /api/lap/measures}. */
    public void getMeasures(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Measure m : Measure.values()) {
            out.add(Map.of("id", m.id(), "kind", m.kind(), "description", m.description()));
        }
        ctx.json(Map.of("measures", out));
    }

    /** {@code PUT .../lap/{indicatorId}/{year}}: {@code value} (checked against the kind), {@code source}, {@code note}. */
    public void putValue(Context ctx) {
        Principal actor = Access.requireRole(ctx, Role.COORDINATOR);
        StateParty s = stateParties.existing(Params.iso3(ctx.pathParam("iso3"), "iso3"));
        Registry registry = current();
        Indicator indicator = indicator(registry, ctx.pathParam("indicatorId"));
        int year = year(ctx, s);
        JsonNode body = object(ctx);
        JsonNode value = IndicatorValue.checked(indicator.kind(), body.get("value"));
        String source = text(body, "source", true, MAX_SOURCE);
        String note = text(body, "note", false, MAX_NOTE);
        lap.record(actor, s.iso3(), indicator.id(), year, registry.version(), value, indicator.measure() != null,
                source, note, false);
        ctx.status(201).json(valueJson(s, indicator, year));
    }

    /** {@code GET .../lap/{indicatorId}/{year}}: the value (computed where bound to a measure) and its history. */
    public void getValue(Context ctx) {
        StateParty s = stateParties.existing(Params.iso3(ctx.pathParam("iso3"), "iso3"));
        Indicator indicator = indicator(current(), ctx.pathParam("indicatorId"));
        ctx.json(valueJson(s, indicator, year(ctx, s)));
    }

    /** {@code GET /api/lap/progress?year=Y}, as JSON or {@code ?f=} html, csv, pdf, docx, xlsx. */
    public void getProgress(Context ctx) {
        String format = Documents.format(ctx);
        String raw = ctx.queryParam("year");
        if (raw == null || !raw.matches("\\d{4}")) {
            throw ApiException.BadRequest.parameter("year", "year is required, a year such as 2024 (got '"
                    + Params.abbreviate(raw == null ? "" : raw) + "').");
        }
        int year = Integer.parseInt(raw);
        int thisYear = LocalDate.now(clock).getYear();
        if (year < FIRST_YEAR || year > thisYear) {
            throw ApiException.BadRequest.parameter("year", "year must be from " + FIRST_YEAR + " to this year ("
                    + thisYear + "); got " + year + ".");
        }
        Documents.send(ctx, format, progress.document(current(), year));
    }

    private Map<String, Object> valueJson(StateParty s, Indicator indicator, int year) {
        List<RecordedValue> history = lap.history(s.iso3(), indicator.id(), year);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iso3", s.iso3());
        m.put("indicator", indicatorJson(indicator));
        m.put("year", year);
        m.put("value", measures.resolve(indicator, s, year, history.isEmpty() ? null : history.get(0)).json());
        m.put("history", history.stream().map(LapRoutes::recordedJson).toList());
        return m;
    }

    static Map<String, Object> recordedJson(RecordedValue v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", v.value());
        m.put("override", v.override());
        m.put("source", v.source());
        m.put("note", v.note());
        m.put("recordedBy", v.recordedBy());
        m.put("recordedAt", v.recordedAt());
        m.put("registryVersion", v.version());
        m.put("synthetic", v.synthetic());
        return m;
    }

    private Registry current() {
        return lap.registry(null).orElseThrow(() -> new ApiException.NotFound(
                "No indicator registry is loaded yet (PUT /api/lap/indicators loads one)."));
    }

    private static Indicator indicator(Registry r, String id) {
        return r.indicators().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow(() ->
                new ApiException.NotFound("No indicator '" + Params.abbreviate(id) + "' in the registry (version "
                        + r.version() + ")."));
    }

    private int year(Context ctx, StateParty s) {
        String raw = ctx.pathParam("year");
        if (!raw.matches("\\d{4}")) {
            throw ApiException.BadRequest.parameter("year", "year must be a year such as 2024 (got '"
                    + Params.abbreviate(raw) + "').");
        }
        int year = Integer.parseInt(raw);
        if (year < s.eifDate().getYear()) {
            throw ApiException.BadRequest.parameter("year", "year " + year + " is before the Convention entered into force for "
                    + s.iso3() + " (" + s.eifDate() + ").");
        }
        int thisYear = LocalDate.now(clock).getYear();
        if (year > thisYear) {
            throw ApiException.BadRequest.parameter("year", "year " + year + " is after this year (" + thisYear + ").");
        }
        return year;
    }

    private JsonNode object(Context ctx) {
        try {
            JsonNode n = json.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new ApiException.BadRequest("The body must be a JSON object {value, source, note}.");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.BadRequest.notJson(e);
        }
    }

    private static String text(JsonNode body, String name, boolean required, int max) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                throw ApiException.BadRequest.parameter(name, name + " is required.");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.BadRequest.parameter(name, name + " must be text.");
        }
        if (v.asText().length() > max) {
            throw ApiException.BadRequest.parameter(name, name + " must be at most " + max + " characters.");
        }
        return v.asText().trim();
    }

    private static int positive(String raw, String name) {
        if (!raw.matches("\\d{1,9}")) {
            throw ApiException.BadRequest.parameter(name, name + " must be a whole number (got '" + Params.abbreviate(raw) + "').");
        }
        return Integer.parseInt(raw);
    }

    static Map<String, Object> indicatorJson(Indicator i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("action", i.action());
        m.put("text", i.text());
        m.put("kind", i.kind());
        m.put("measure", i.measure());
        return m;
    }

    private Map<String, Object> registryJson(Registry r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", r.version());
        m.put("source", r.source());
        m.put("loadedBy", r.loadedBy());
        m.put("loadedAt", r.loadedAt());
        m.put("synthetic", r.synthetic());
        m.put("versions", lap.versions());
        m.put("indicators", r.indicators().stream().map(LapRoutes::indicatorJson).toList());
        return m;
    }
}
