package org.clearancemap.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link Report} as CSV (RFC 4180, one block per table) or as a printable HTML page. */
final class ReportRendering {
    /**
     * The style sheet of the HTML reports, {@code web/report.css} served at {@code /report.css}:
     * a file, since the Content-Security-Policy ({@code style-src 'self'}) blocks inline style.
     * Relative to the reports' address ({@code /api/state-parties/{iso3}/reports/{name}}), so it
     * holds behind a path prefix too; the map page resolves it against that address when it
     * opens a report fetched with the user's token.
     */
    static final String STYLESHEET = "../../../../report.css";

    private ReportRendering() {
    }

    static String csv(Report report) {
        StringBuilder out = new StringBuilder();
        line(out, List.of("section", "item", "value"));
        for (Map.Entry<String, Object> e : report.summary().entrySet()) {
            line(out, List.of("summary", e.getKey(), text(e.getValue())));
        }
        for (Report.Table t : report.tables()) {
            out.append("\r\n");
            List<Object> header = new ArrayList<>();
            header.add("section");
            header.addAll(t.columns());
            line(out, header);
            for (List<Object> row : t.rows()) {
                List<Object> cells = new ArrayList<>();
                cells.add(t.title());
                cells.addAll(row);
                line(out, cells);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String s = text(cells.get(i));
            if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
                s = '"' + s.replace("\"", "\"\"") + '"';
            }
            out.append(s);
        }
        out.append("\r\n");
    }

    static String html(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(report.title())).append("</title>\n<link rel=\"stylesheet\" href=\"")
                .append(STYLESHEET).append("\"></head><body>\n<h1>").append(escape(report.title())).append("</h1>\n<p>")
                .append(escape(report.subtitle())).append("</p>\n<table>");
        for (Map.Entry<String, Object> e : report.summary().entrySet()) {
            out.append("<tr><th>").append(escape(e.getKey())).append("</th>").append(cell(e.getValue())).append("</tr>");
        }
        out.append("</table>\n");
        for (Report.Table t : report.tables()) {
            out.append("<h2>").append(escape(t.title())).append("</h2>\n<table><thead><tr>");
            for (String c : t.columns()) {
                out.append("<th>").append(escape(c)).append("</th>");
            }
            out.append("</tr></thead><tbody>\n");
            for (List<Object> row : t.rows()) {
                out.append("<tr>");
                for (Object v : row) {
                    out.append(cell(v));
                }
                out.append("</tr>\n");
            }
            if (t.rows().isEmpty()) {
                out.append("<tr><td colspan=\"").append(t.columns().size()).append("\">none</td></tr>\n");
            }
            out.append("</tbody></table>\n");
        }
        for (String note : report.notes()) {
            out.append("<p><small>").append(escape(note)).append("</small></p>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    private static String cell(Object v) {
        return v instanceof Number ? "<td class=\"n\">" + escape(text(v)) + "</td>" : "<td>" + escape(text(v)) + "</td>";
    }

    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.2f", d);
        }
        return v.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
