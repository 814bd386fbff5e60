package org.clearancemap.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.report.Document.Column;
import org.clearancemap.report.Document.Figure;
import org.clearancemap.report.Document.Kind;
import org.clearancemap.report.Document.Row;
import org.clearancemap.report.Document.Section;
import org.clearancemap.report.Document.Table;
import org.clearancemap.report.ExtensionAnalysis.Check;
import org.clearancemap.stateparty.ExtensionRevision;
import org.clearancemap.stateparty.StateParty;

/**
 * The draft decision that ends an analysis (Art. 4(7)): the extension until the requested date,
 * or until five years after the deadline it extends when the request asks for more; as benchmarks,
 * the plan's yearly targets. Its text uses only the request's own dates and figures.
 */
record DraftDecision(LocalDate grantedUntil, LocalDate requestedUntil, List<Map<String, Object>> benchmarks, String text) {

    static DraftDecision of(StateParty s, ExtensionRevision latest, LocalDate submittedOn, LocalDate deadlineExtended,
                            List<Check> checks) {
        LocalDate limit = deadlineExtended.plusYears(5);
        LocalDate requested = latest.requestedUntil();
        LocalDate until = requested == null ? null : requested.isAfter(limit) ? limit : requested;
        List<Map<String, Object>> benchmarks = new ArrayList<>();
        StringBuilder targets = new StringBuilder();
        for (ExtensionRevision.WorkPlanYear y : latest.workPlan()) {
            var b = new LinkedHashMap<String, Object>();
            b.put("year", y.year());
            b.put("releaseKm2", y.releaseKm2().doubleValue());
            b.put("cancelKm2", y.cancelKm2().doubleValue());
            b.put("reduceKm2", y.reduceKm2().doubleValue());
            b.put("clearKm2", y.clearKm2().doubleValue());
            b.put("budgetNeededUsd", y.budgetNeededUsd() == null ? null : y.budgetNeededUsd().doubleValue());
            benchmarks.add(b);
            targets.append(targets.length() == 0 ? "" : "; ").append(y.year()).append(": ")
                    .append(ExtensionAnalysis.km2Words(y.releaseKm2().doubleValue()));
        }
        StringBuilder text = new StringBuilder("Draft for the Analysis Group, not a decision. The Meeting of States Parties, ")
                .append("having assessed the request of ").append(s.name());
        if (submittedOn != null) {
            text.append(" submitted on ").append(Formats.document(Kind.DATE, submittedOn));
        }
        text.append(" to extend its deadline of ").append(Formats.document(Kind.DATE, deadlineExtended))
                .append(" under Article 4(5), grants the extension until ");
        if (until == null) {
            text.append("a date the request does not state (at most ").append(Formats.document(Kind.DATE, limit))
                    .append(", five years after the deadline)");
        } else {
            text.append(Formats.document(Kind.DATE, until));
        }
        if (until != null && !until.equals(requested)) {
            text.append(", a shorter period than the ").append(Formats.document(Kind.DATE, latest.requestedUntil()))
                    .append(" requested (Article 4(7))");
        }
        text.append(".");
        if (benchmarks.isEmpty()) {
            text.append(" The request has no work plan, so no benchmark is proposed.");
        } else {
            text.append(" It proposes as benchmarks the yearly targets of the work plan (land to release): ")
                    .append(targets).append(", and asks ").append(s.name())
                    .append(" to report on them in its annual Article 7 reports.");
        }
        List<String> failed = checks.stream().filter(c -> c.status() == ExtensionAnalysis.Status.FAIL).map(Check::id).toList();
        List<String> warned = checks.stream().filter(c -> c.status() == ExtensionAnalysis.Status.WARN).map(Check::id).toList();
        if (!failed.isEmpty() || !warned.isEmpty()) {
            text.append(" Before it is proposed, the analysis asks to look at: ");
            if (!failed.isEmpty()) {
                text.append("failed ").append(String.join(", ", failed));
            }
            if (!warned.isEmpty()) {
                text.append(failed.isEmpty() ? "" : "; ").append("warnings ").append(String.join(", ", warned));
            }
            text.append(".");
        }
        return new DraftDecision(until, requested, benchmarks, text.toString());
    }

    Map<String, Object> toJson() {
        var m = new LinkedHashMap<String, Object>();
        m.put("grantedUntil", grantedUntil);
        m.put("requestedUntil", requestedUntil);
        m.put("benchmarks", benchmarks);
        m.put("text", text);
        return m;
    }

    Section section() {
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> b : benchmarks) {
            List<Object> cells = new ArrayList<>();
            for (var e : b.entrySet()) {
                cells.add(ExtensionRequestAnalysis.value(e.getKey(), e.getValue()));
            }
            rows.add(Row.item(cells));
        }
        List<Column> columns = List.of(new Column("Year", Kind.YEAR), new Column("Land to release (km²)", Kind.KM2),
                new Column("of which to cancel (km²)", Kind.KM2), new Column("of which to reduce (km²)", Kind.KM2),
                new Column("of which to clear (km²)", Kind.KM2), new Column("Budget needed (USD)", Kind.COUNT));
        return new Section("Draft decision (Article 4(7))", null, List.of(
                Figure.of("Extension until", Kind.DATE, grantedUntil),
                Figure.of("Draft text", Kind.TEXT, text)), List.of(new Table("benchmarks",
                "Benchmarks: the work plan's yearly targets", columns, rows, "No work plan: no benchmark.")));
    }
}
