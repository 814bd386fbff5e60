package org.clearancemap.report;

import java.util.List;
import org.clearancemap.report.Document.Column;
import org.clearancemap.report.Document.Figure;
import org.clearancemap.report.Document.Kind;
import org.clearancemap.report.Document.Row;
import org.clearancemap.report.Document.Section;
import org.clearancemap.report.Document.Table;

/** A {@link Document} as a printable HTML page. */
final class HtmlDocument {
    /**
     * The style sheet of the HTML reports, {@code web/report.css} served at {@code /report.css}:
     * a file, since the Content-Security-Policy ({@code style-src 'self'}) blocks inline style.
     * Relative to the reports' address ({@code /api/state-parties/{iso3}/reports/{name}}), so it
     * holds behind a path prefix too; the map page resolves it against that address when it
     * opens a report fetched with the user's token.
     */
    static final String STYLESHEET = "../../../../report.css";

    private HtmlDocument() {
    }

    static String render(Document d) {
        return render(d, STYLESHEET);
    }

    /**
     * The style sheet relative to a document served at {@code path} (the path without any
     * prefix a proxy adds), e.g. {@code ../../../../../report.css} for
     * {@code /api/state-parties/LAO/extension-requests/20/analysis}.
     */
    static String stylesheetFor(String path) {
        long segments = java.util.Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).count();
        return "../".repeat((int) Math.max(0, segments - 1)) + "report.css";
    }

    static String render(Document d, String stylesheet) {
        StringBuilder out = new StringBuilder(8192);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(d.title()))
                .append("</title>\n<link rel=\"stylesheet\" href=\"").append(escape(stylesheet)).append("\"></head><body>\n");
        if (d.synthetic()) {
            // fixed in print, so that it heads every printed page
            out.append("<p class=\"synthetic page-notice\" role=\"note\">").append(escape(Document.SYNTHETIC_NOTICE)).append("</p>\n");
        }
        out.append("<header><h1>").append(escape(d.title())).append("</h1>\n<p>").append(escape(d.subtitle())).append("</p>\n");
        Document.Provenance p = d.provenance();
        out.append("<dl class=\"provenance\"><dt>Figures refer to</dt><dd>").append(escape(Formats.document(Kind.DATE, p.figuresOn())))
                .append("</dd><dt>Produced</dt><dd>").append(escape(Formats.document(Kind.INSTANT, p.producedAt())))
                .append("</dd><dt>Basis</dt><dd>").append(escape(p.basis())).append("</dd>");
        if (!p.sources().isEmpty()) {
            out.append("<dt>Sources</dt><dd><ul>");
            p.sources().forEach(s -> out.append("<li>").append(escape(s)).append("</li>"));
            out.append("</ul></dd>");
        }
        out.append("</dl></header>\n");
        for (Section s : d.sections()) {
            out.append("<section><h2>").append(escape(s.heading())).append("</h2>\n");
            if (s.treatyText() != null) {
                out.append("<blockquote>").append(escape(s.treatyText())).append("</blockquote>\n");
            }
            if (!s.figures().isEmpty()) {
                out.append("<table class=\"figures\"><tbody>\n");
                for (Figure f : s.figures()) {
                    out.append(f.part() ? "<tr class=\"part\">" : "<tr>").append("<th scope=\"row\">").append(escape(f.label()))
                            .append("</th><td").append(numeric(f.kind()) ? " class=\"n\">" : ">")
                            .append(escape(Formats.figure(f.kind(), f.value()))).append("</td></tr>\n");
                }
                out.append("</tbody></table>\n");
            }
            for (Table t : s.tables()) {
                table(out, d, t);
            }
            out.append("</section>\n");
        }
        out.append("<footer>");
        for (String note : d.notes()) {
            out.append("<p><small>").append(escape(note)).append("</small></p>\n");
        }
        return out.append("</footer></body></html>\n").toString();
    }

    private static void table(StringBuilder out, Document d, Table t) {
        out.append("<table><caption><h3>").append(escape(t.title())).append("</h3>");
        if (d.synthetic()) {
            out.append("<p class=\"synthetic\">").append(escape(Document.SYNTHETIC_NOTICE)).append("</p>");
        }
        out.append("</caption>\n<thead><tr>");
        for (Column c : t.columns()) {
            out.append("<th scope=\"col\"").append(numeric(c.kind()) ? " class=\"n\">" : ">").append(escape(c.header())).append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        if (t.rows().isEmpty()) {
            out.append("<tr><td colspan=\"").append(t.columns().size()).append("\">").append(escape(t.empty())).append("</td></tr>\n");
        }
        for (Row r : t.rows()) {
            switch (r.kind()) {
                case GROUP -> out.append("<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"").append(t.columns().size())
                        .append("\">").append(escape(String.valueOf(r.cells().get(0)))).append("</th></tr>\n");
                case ITEM, SUBTOTAL, TOTAL -> {
                    out.append(r.kind() == Document.RowKind.ITEM ? "<tr>" : "<tr class=\"" + r.kind().name().toLowerCase(java.util.Locale.ROOT) + "\">");
                    List<Object> cells = r.cells();
                    for (int i = 0; i < t.columns().size(); i++) {
                        Kind kind = t.columns().get(i).kind();
                        Object v = cells.get(i);
                        boolean label = i == 0 && r.kind() != Document.RowKind.ITEM;
                        out.append(label ? "<th scope=\"row\">" : numeric(kind) ? "<td class=\"n\">" : "<td>")
                                .append(escape(label ? String.valueOf(v) : Formats.document(kind, v)))
                                .append(label ? "</th>" : "</td>");
                    }
                    out.append("</tr>\n");
                }
            }
        }
        out.append("</tbody></table>\n");
    }

    static boolean numeric(Kind kind) {
        return switch (kind) {
            case KM2, SQM, DEGREES, COUNT, YEAR, PERCENT -> true;
            default -> false;
        };
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
