package org.clearancemap.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the PDF, Word and Excel renderers lay out alike: the provenance block's lines, which cells
 * are right-aligned, and when a document is printed in landscape.
 */
final class PrintedParts {
    /** A table with more columns than this does not fit an A4 portrait page. */
    static final int PORTRAIT_COLUMNS = 7;
    /** The provenance block's labels. */
    static final String FIGURES_ON = "Figures refer to";
    static final String PRODUCED = "Produced";
    static final String BASIS = "Basis";
    static final String SOURCES = "Sources";

    private PrintedParts() {
    }

    /** The provenance block, label and text: what the figures refer to, when and how they were produced. */
    static List<Map.Entry<String, String>> provenance(Document.Provenance p) {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        lines.add(Map.entry(FIGURES_ON, Formats.document(Document.Kind.DATE, p.figuresOn())));
        lines.add(Map.entry(PRODUCED, Formats.document(Document.Kind.INSTANT, p.producedAt())));
        lines.add(Map.entry(BASIS, p.basis()));
        if (!p.sources().isEmpty()) {
            lines.add(Map.entry(SOURCES, String.join("; ", p.sources())));
        }
        return lines;
    }

    /** Numbers are right-aligned; text and dates read from the left. */
    static boolean rightAligned(Document.Kind kind) {
        return switch (kind) {
            case KM2, SQM, DEGREES, COUNT, YEAR, PERCENT -> true;
            case TEXT, DATE, INSTANT -> false;
        };
    }

    /** The columns' relative widths: text widest, then dates, then numbers. */
    static float[] widths(List<Document.Column> columns) {
        float[] widths = new float[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = switch (columns.get(i).kind()) {
                case TEXT -> 3;
                case DATE, INSTANT -> 2.6f;
                default -> 2;
            };
        }
        return widths;
    }

    /** True when any table of the document has more columns than an A4 portrait page holds. */
    static boolean landscape(Document d) {
        return d.sections().stream().flatMap(s -> s.tables().stream())
                .anyMatch(t -> t.columns().size() > PORTRAIT_COLUMNS);
    }

    /** The cells of a row as a document shows them; a GROUP row has its name only. */
    static List<String> cells(Document.Table table, Document.Row row) {
        List<String> out = new ArrayList<>();
        if (row.kind() == Document.RowKind.GROUP) {
            out.add(String.valueOf(row.cells().get(0)));
            return out;
        }
        for (int i = 0; i < table.columns().size(); i++) {
            Object value = i < row.cells().size() ? row.cells().get(i) : null;
            out.add(Formats.document(table.columns().get(i).kind(), value));
        }
        return out;
    }

    /** The footer's text before the page number. */
    static String footer(Document d) {
        return d.title();
    }
}
