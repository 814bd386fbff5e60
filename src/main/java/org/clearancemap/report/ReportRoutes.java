package org.clearancemap.report;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.clearancemap.land.LandRepository;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;

/**
 * {@code GET /api/state-parties/{iso3}/reports/article7?year=Y} and
 * {@code GET /api/state-parties/{iso3}/reports/extension-request?asOf=}, each as JSON (default) or
 * as {@code ?f=} html, pdf, docx, xlsx or csv (a zip of one file per table; one file with
 * {@code &table=}).
 */
public final class ReportRoutes {
    static final List<String> FORMATS = List.of("json", "html", "pdf", "docx", "xlsx", "csv");

    private final StatePartyRepository stateParties;
    private final Article7Report article7;
    private final ExtensionRequestFigures extensionRequest;
    private final Clock clock;

    public ReportRoutes(StatePartyRepository stateParties, DataSource dataSource, ProgressCache progress, int rateYears,
                        Clock clock) {
        this.stateParties = stateParties;
        this.article7 = new Article7Report(stateParties, new LandRepository(dataSource), progress, clock);
        this.extensionRequest = new ExtensionRequestFigures(stateParties, progress, rateYears, clock);
        this.clock = clock;
    }

    public void article7(Context ctx) {
        String format = format(ctx);
        StateParty s = stateParty(ctx);
        LocalDate today = LocalDate.now(clock);
        String rawYear = ctx.queryParam("year");
        int year;
        try {
            year = rawYear == null || rawYear.isBlank() ? today.getYear() - 1 : Integer.parseInt(rawYear.trim());
        } catch (NumberFormatException e) {
            throw ApiException.BadRequest.parameter("year", "year must be a calendar year such as 2024 (got '"
                    + Params.abbreviate(rawYear) + "').");
        }
        if (year < 1990 || year > today.getYear()) {
            throw ApiException.BadRequest.parameter("year", "year must be from 1990 to " + today.getYear() + ".");
        }
        send(ctx, format, article7.build(s, year));
    }

    public void extensionRequest(Context ctx) {
        String format = format(ctx);
        StateParty s = stateParty(ctx);
        LocalDate asOf = Params.date(ctx, "asOf", LocalDate.now(clock));
        if (asOf.isBefore(s.eifDate())) {
            throw ApiException.BadRequest.parameter("asOf", "asOf must be on or after entry into force (" + s.eifDate() + ").");
        }
        send(ctx, format, extensionRequest.build(s, asOf));
    }

    private StateParty stateParty(Context ctx) {
        String iso3 = Params.iso3(ctx.pathParam("iso3"), "iso3");
        return stateParties.existing(iso3);
    }

    private static String format(Context ctx) {
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

    private static void send(Context ctx, String format, Document d) {
        switch (format) {
            case "html" -> ctx.contentType("text/html; charset=utf-8").result(HtmlDocument.render(d));
            case "csv" -> csv(ctx, d);
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
