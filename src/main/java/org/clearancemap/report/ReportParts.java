package org.clearancemap.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clearancemap.report.Document.Column;
import org.clearancemap.report.Document.Kind;
import org.clearancemap.report.Document.Row;
import org.clearancemap.report.Document.Section;
import org.clearancemap.report.Document.Table;
import org.clearancemap.stateparty.ReportedFigure;
import org.clearancemap.stateparty.StateParty;

/** What every report has: where its figures come from, and the figures reported beside the mapped ones. */
final class ReportParts {
    static final String MAPPED_NOTE = "Areas are geodesic (on the WGS 84 ellipsoid), computed from the mapped polygons; "
            + "figures reported by the State Party or monitors are listed beside them with their sources, never merged.";

    private ReportParts() {
    }

    /** The basis of figures computed from the mapped polygons. */
    static String mappedBasis(long hazards, long releases) {
        return "Mapped: computed by this server from the polygons uploaded by survey and clearance operators ("
                + Formats.document(Kind.COUNT, hazards) + " hazardous area" + (hazards == 1 ? "" : "s") + " and "
                + Formats.document(Kind.COUNT, releases) + " release" + (releases == 1 ? "" : "s")
                + " on the server when this document was produced).";
    }

    /** The sources of the State Party's record and of the reported figures listed, each once. */
    static List<String> sources(StateParty s, List<ReportedFigure> reported) {
        Set<String> sources = new LinkedHashSet<>();
        if (s.source() != null && !s.source().isBlank()) {
            sources.add("Entry into force and deadlines: " + s.source());
        }
        for (ReportedFigure f : reported) {
            if (f.source() != null && !f.source().isBlank()) {
                sources.add("Reported figures for " + f.year() + ": " + f.source());
            }
        }
        return new ArrayList<>(sources);
    }

    /** {@code synthetic}, {@code notice} (when synthetic), {@code figuresOn}, {@code producedAt}, {@code basis}, {@code sources}. */
    static void putProvenance(Map<String, Object> json, Document.Provenance p, boolean synthetic) {
        json.put("synthetic", synthetic);
        if (synthetic) {
            json.put("notice", Document.SYNTHETIC_NOTICE);
        }
        json.put("figuresOn", p.figuresOn());
        json.put("producedAt", p.producedAt().toString());
        json.put("basis", p.basis());
        json.put("sources", p.sources());
    }

    /** The figures a State Party or a monitor reported, in km² as reported, with confidence and source. */
    static Section reportedSection(String heading, List<ReportedFigure> reported) {
        List<Column> columns = List.of(new Column("Year", Kind.YEAR), new Column("Remaining (km²)", Kind.KM2),
                new Column("Cancelled (km²)", Kind.KM2), new Column("Reduced (km²)", Kind.KM2),
                new Column("Cleared (km²)", Kind.KM2), new Column("Released (km²)", Kind.KM2),
                new Column("Submunitions destroyed", Kind.COUNT), new Column("Confidence", Kind.TEXT),
                new Column("Source", Kind.TEXT));
        List<Row> rows = new ArrayList<>();
        for (ReportedFigure f : reported) {
            rows.add(Row.item(Arrays.asList((long) f.year(), sqm(f.remainingKm2()), sqm(f.cancelledKm2()),
                    sqm(f.reducedKm2()), sqm(f.clearedKm2()), sqm(f.releasedKm2()),
                    f.submunitionsDestroyed() == null ? null : (long) f.submunitionsDestroyed(), f.confidence(), f.source())));
        }
        return new Section(heading, null, List.of(), List.of(new Table("reported-figures",
                "Reported figures (km², as reported; blank where not reported)", columns, rows, "No figure was reported.")));
    }

    private static Double sqm(BigDecimal km2) {
        return km2 == null ? null : km2.movePointRight(6).doubleValue();
    }
}
