package org.clearancemap.lap;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.report.Document;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;

/**
 * The progress report of a year: per indicator of the current registry, the affected States
 * Parties meeting it, not meeting it and unknown, with the count and percentage meeting it, and the
 * previous year's beside. A State Party is affected in year Y when the Convention entered into
 * force for it on or before 31 December Y and it had not completed before 1 January Y. A value
 * meets its indicator when it is {@code true} (yes-no), above 0 (count, area) or 100 (percentage).
 */
public final class LapProgress {
    private final LapRepository lap;
    private final StatePartyRepository stateParties;
    private final Measures measures;
    private final Clock clock;

    public LapProgress(LapRepository lap, StatePartyRepository stateParties, Measures measures, Clock clock) {
        this.lap = lap;
        this.stateParties = stateParties;
        this.measures = measures;
        this.clock = clock;
    }

    /** One indicator's tally for a year. */
    record Tally(Indicator indicator, List<String> met, List<String> notMet, List<String> unknown, int affected) {
        int metCount() {
            return met.size();
        }

        /** 0–100; null when no State Party is affected. */
        Double metPercentage() {
            return share(met);
        }

        Double share(List<String> some) {
            return affected == 0 ? null : 100.0 * some.size() / affected;
        }

        /** metCount, metPercentage, notMetCount, notMetPercentage, unknownCount, unknownPercentage. */
        void putCounts(Map<String, Object> m) {
            m.put("metCount", met.size());
            m.put("metPercentage", share(met));
            m.put("notMetCount", notMet.size());
            m.put("notMetPercentage", share(notMet));
            m.put("unknownCount", unknown.size());
            m.put("unknownPercentage", share(unknown));
        }
    }

    /** A year's tallies, with whether any value in them is synthetic. */
    record Year(int year, List<String> affected, List<Tally> tallies, boolean synthetic) {
    }

    static List<StateParty> affected(List<StateParty> all, int year) {
        LocalDate end = LocalDate.of(year, 12, 31);
        LocalDate start = LocalDate.of(year, 1, 1);
        return all.stream()
                .filter(s -> !s.eifDate().isAfter(end))
                .filter(s -> s.completedOn() == null || !s.completedOn().isBefore(start))
                .sorted(java.util.Comparator.comparing(StateParty::iso3))
                .toList();
    }

    static boolean meets(String kind, JsonNode value) {
        return switch (kind) {
            case "yes-no" -> value.asBoolean();
            case "percentage" -> value.doubleValue() >= 100;
            default -> value.doubleValue() > 0;
        };
    }

    Year year(Registry registry, int year) {
        List<StateParty> affected = affected(stateParties.findAll(), year);
        Map<String, RecordedValue> latest = new HashMap<>();
        for (RecordedValue v : lap.latestOfYear(year)) {
            latest.put(v.iso3() + "/" + v.indicatorId(), v);
        }
        boolean synthetic = registry.synthetic();
        List<Tally> tallies = new ArrayList<>();
        for (Indicator indicator : registry.indicators()) {
            List<String> met = new ArrayList<>();
            List<String> notMet = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (StateParty s : affected) {
                RecordedValue recorded = latest.get(s.iso3() + "/" + indicator.id());
                Measures.Resolved r = measures.resolve(indicator, s, year, recorded);
                synthetic |= r.recorded() != null && r.recorded().synthetic();
                if (r.value() == null) {
                    unknown.add(s.iso3());
                } else if (meets(indicator.kind(), r.value())) {
                    met.add(s.iso3());
                } else {
                    notMet.add(s.iso3());
                }
            }
            tallies.add(new Tally(indicator, met, notMet, unknown, affected.size()));
        }
        return new Year(year, affected.stream().map(StateParty::iso3).toList(), tallies, synthetic);
    }

    /** The report of {@code year} against the previous year. */
    public Document document(Registry registry, int year) {
        Year now = year(registry, year);
        Year before = year(registry, year - 1);
        boolean synthetic = now.synthetic() || before.synthetic();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("year", year);
        json.put("registryVersion", registry.version());
        json.put("registrySource", registry.source());
        json.put("affectedStateParties", now.affected());
        json.put("affectedCount", now.affected().size());
        List<Map<String, Object>> indicators = new ArrayList<>();
        List<Document.Row> rows = new ArrayList<>();
        List<Document.Row> who = new ArrayList<>();
        for (int i = 0; i < now.tallies().size(); i++) {
            Tally t = now.tallies().get(i);
            Tally p = before.tallies().get(i);
            Map<String, Object> m = LapRoutes.indicatorJson(t.indicator());
            m.put("met", t.met());
            m.put("notMet", t.notMet());
            m.put("unknown", t.unknown());
            t.putCounts(m);
            Map<String, Object> previous = new LinkedHashMap<>();
            previous.put("year", year - 1);
            previous.put("affectedCount", before.affected().size());
            p.putCounts(previous);
            m.put("previousYear", previous);
            indicators.add(m);
            rows.add(Document.Row.item(java.util.Arrays.asList(t.indicator().action(), t.indicator().text(),
                    t.metCount(), t.notMet().size(), t.unknown().size(), fraction(t.metPercentage()),
                    fraction(p.metPercentage()))));
            who.add(Document.Row.item(java.util.Arrays.asList(t.indicator().action(), t.indicator().text(),
                    String.join(", ", t.met()), String.join(", ", t.notMet()), String.join(", ", t.unknown()))));
        }
        json.put("indicators", indicators);
        json.put("previousYear", Map.of("year", year - 1, "affectedStateParties", before.affected()));
        json.put("synthetic", synthetic);
        if (synthetic) {
            json.put("notice", Document.SYNTHETIC_NOTICE);
        }
        Instant producedAt = clock.instant();
        LocalDate figuresOn = LocalDate.of(year, 12, 31);
        LocalDate today = LocalDate.now(clock);
        Document.Provenance provenance = new Document.Provenance(figuresOn.isAfter(today) ? today : figuresOn, producedAt,
                "Indicators of registry version " + registry.version() + " (" + registry.source() + "); values "
                        + "recorded by coordinators, or computed from the mapped and reported figures where an "
                        + "indicator is bound to a measure.", List.of(registry.source()));
        json.put("provenance", Map.of("figuresOn", provenance.figuresOn(), "producedAt", producedAt));
        var columns = List.of(
                new Document.Column("Action", Document.Kind.YEAR),
                new Document.Column("Indicator", Document.Kind.TEXT),
                new Document.Column("Meeting it", Document.Kind.COUNT),
                new Document.Column("Not meeting it", Document.Kind.COUNT),
                new Document.Column("Unknown", Document.Kind.COUNT),
                new Document.Column("Share, " + year, Document.Kind.PERCENT),
                new Document.Column("Share, " + (year - 1), Document.Kind.PERCENT));
        var table = new Document.Table("indicators", "Indicators of the Lausanne Action Plan, " + year
                + ": share of the affected States Parties meeting each", columns, rows, "The registry holds no indicator.");
        var whoColumns = List.of(
                new Document.Column("Action", Document.Kind.YEAR),
                new Document.Column("Indicator", Document.Kind.TEXT),
                new Document.Column("States Parties meeting it", Document.Kind.TEXT),
                new Document.Column("States Parties not meeting it", Document.Kind.TEXT),
                new Document.Column("States Parties with no value", Document.Kind.TEXT));
        var whoTable = new Document.Table("states-parties", "Which affected States Parties meet each indicator, " + year,
                whoColumns, who, "The registry holds no indicator.");
        var section = new Document.Section("Progress of the affected States Parties in " + year,
                "Affected States Parties: those for which the Convention entered into force on or before 31 December "
                        + year + " and which had not completed their obligations under Article 4 before 1 January "
                        + year + ".",
                List.of(Document.Figure.of("Affected States Parties, " + year, Document.Kind.COUNT, now.affected().size()),
                        Document.Figure.of("Affected States Parties, " + (year - 1), Document.Kind.COUNT,
                                before.affected().size())),
                List.of(table, whoTable));
        return new Document("lap-progress-" + year, "Lausanne Action Plan progress, " + year,
                "Per indicator, the affected States Parties meeting it in " + year + ", against " + (year - 1) + ".",
                provenance, synthetic, List.of(section), List.of(), json);
    }

    private static Double fraction(Double percentage) {
        return percentage == null ? null : percentage / 100.0;
    }
}
