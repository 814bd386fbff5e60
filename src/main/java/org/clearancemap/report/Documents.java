package org.clearancemap.report;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;

/**
 * Sends a {@link Document} in the format a request asks for with {@code ?f=}: {@code json} (the
 * default), {@code html}, {@code pdf}, {@code docx}, {@code xlsx} or {@code csv} (a zip of one file
 * per table; one file with {@code &table=}).
 */
public final class Documents {
    static final List<String> FORMATS = List.of("json", "html", "pdf", "docx", "xlsx", "csv");

    private Documents() {
    }

    /** The format asked for; a 400 naming {@code f} for any other. */
    public static String format(Context ctx) {
        String f = ctx.queryParam("f");
        if (f == null || f.isBlank()) {
            return "json";
        }
        f = f.trim().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw ApiException.BadRequest.parameter("f", "f must be one of " + String.join(", ", FORMATS) + " (got '"
                    + Params.abbreviate(f) + "').");
        }
        return f;
    }

    public static void send(Context ctx, String format, Document d) {
        switch (format) {
            case "html" -> ctx.contentType("text/html; charset=utf-8")
                    .result(HtmlDocument.render(d, HtmlDocument.stylesheetFor(ctx.path())));
            case "csv" -> csv(ctx, d);
            case "pdf" -> ctx.contentType("application/pdf")
                    .header("Content-Disposition", "inline; filename=\"" + d.name() + ".pdf\"").result(PdfDocument.render(d));
            case "docx" -> attachment(ctx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    d.name() + ".docx").result(WordDocument.render(d));
            case "xlsx" -> attachment(ctx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    d.name() + ".xlsx").result(ExcelDocument.render(d));
            default -> ctx.json(d.json());
        }
    }

    private static void csv(Context ctx, Document d) {
        String table = ctx.queryParam("table");
        if (table == null || table.isBlank()) {
            attachment(ctx, "application/zip", d.name() + "-csv.zip").result(CsvDocument.zip(d));
            return;
        }
        List<String> ids = CsvDocument.tableIds(d);
        if (!ids.contains(table.trim())) {
            throw ApiException.BadRequest.parameter("table", "table must be one of " + String.join(", ", ids) + " (got '"
                    + Params.abbreviate(table) + "'), or left out for a zip of them all.");
        }
        attachment(ctx, "text/csv; charset=utf-8", d.name() + "-" + table.trim() + ".csv")
                .result(CsvDocument.file(d, table.trim()));
    }

    private static Context attachment(Context ctx, String type, String fileName) {
        return ctx.contentType(type).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }
}
