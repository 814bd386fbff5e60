package org.clearancemap.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.clearancemap.report.Document.Figure;
import org.clearancemap.report.Document.Kind;
import org.clearancemap.report.Document.Row;
import org.clearancemap.report.Document.RowKind;
import org.clearancemap.report.Document.Section;
import org.clearancemap.report.Document.Table;

/**
 * A {@link Document} as CSV (RFC 4180, UTF-8): one file per table, each with one header row.
 * <ul>
 *   <li>{@code key-figures}: the document's provenance and key figures, one per row (section,
 *       item, value, unit).</li>
 *   <li>One file per table, named by its id; item rows and the total, no group headings or
 *       subtotals (the administrative areas are columns).</li>
 *   <li>When the document is synthetic, every file's first column is "Notice" and every row holds
 *       the notice, so that it travels with any row copied.</li>
 * </ul>
 */
final class CsvDocument {
    static final String KEY_FIGURES = "key-figures";

    private CsvDocument() {
    }

    /** The ids of the document's files, key figures first. */
    static List<String> tableIds(Document d) {
        List<String> ids = new ArrayList<>(List.of(KEY_FIGURES));
        d.sections().forEach(s -> s.tables().forEach(t -> ids.add(t.id())));
        return ids;
    }

    /** The file {@code id} (one of {@link #tableIds}). */
    static String file(Document d, String id) {
        if (KEY_FIGURES.equals(id)) {
            return keyFigures(d);
        }
        for (Section s : d.sections()) {
            for (Table t : s.tables()) {
                if (t.id().equals(id)) {
                    return table(d, t);
                }
            }
        }
        throw new IllegalArgumentException("no table " + id);
    }

    /** Every file of the document in one zip, each as {@code <name>-<id>.csv}. */
    static byte[] zip(Document d) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (String id : tableIds(d)) {
                zip.putNextEntry(new ZipEntry(d.name() + "-" + id + ".csv"));
                zip.write(file(d, id).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String keyFigures(Document d) {
        StringBuilder out = new StringBuilder();
        line(out, d, List.of("Section", "Item", "Value", "Unit"));
        Document.Provenance p = d.provenance();
        line(out, d, List.of("Document", "Title", d.title(), ""));
        line(out, d, List.of("Document", "Covers", d.subtitle(), ""));
        line(out, d, List.of("Document", "Figures refer to", Formats.csv(Kind.DATE, p.figuresOn()), ""));
        line(out, d, List.of("Document", "Produced", Formats.csv(Kind.INSTANT, p.producedAt()), ""));
        line(out, d, List.of("Document", "Basis", p.basis(), ""));
        for (String source : p.sources()) {
            line(out, d, List.of("Document", "Source", source, ""));
        }
        for (Section s : d.sections()) {
            for (Figure f : s.figures()) {
                String unit = f.kind() == Kind.KM2 ? "km²" : f.kind() == Kind.SQM ? "m²" : f.kind() == Kind.PERCENT ? "%" : "";
                line(out, d, List.of(s.heading(), (f.part() ? "  " : "") + f.label(), Formats.csv(f.kind(), f.value()), unit));
            }
        }
        return out.toString();
    }

    private static String table(Document d, Table t) {
        StringBuilder out = new StringBuilder();
        line(out, d, t.columns().stream().map(Document.Column::header).toList());
        for (Row r : t.rows()) {
            if (r.kind() == RowKind.ITEM || r.kind() == RowKind.TOTAL) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < t.columns().size(); i++) {
                    cells.add(guarded(t.columns().get(i).kind(), Formats.csv(t.columns().get(i).kind(), r.cells().get(i))));
                }
                line(out, d, cells);
            }
        }
        return out.toString();
    }

    /** Text that a spreadsheet would read as a formula ({@code =}, {@code +}, {@code -}, {@code @}) starts with a quote. */
    private static String guarded(Kind kind, String s) {
        return kind == Kind.TEXT && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    private static void line(StringBuilder out, Document d, List<String> cells) {
        List<String> all = new ArrayList<>();
        if (d.synthetic()) {
            all.add(out.isEmpty() ? "Notice" : Document.SYNTHETIC_NOTICE);
        }
        all.addAll(cells);
        for (int i = 0; i < all.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String s = all.get(i);
            if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
                s = '"' + s.replace("\"", "\"\"") + '"';
            }
            out.append(s);
        }
        out.append("\r\n");
    }
}
