package org.clearancemap.report;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
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
        String format = Documents.format(ctx);
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
        Documents.send(ctx, format, article7.build(s, year));
    }

    public void extensionRequest(Context ctx) {
        String format = Documents.format(ctx);
        StateParty s = stateParty(ctx);
        LocalDate asOf = Params.date(ctx, "asOf", LocalDate.now(clock));
        if (asOf.isBefore(s.eifDate())) {
            throw ApiException.BadRequest.parameter("asOf", "asOf must be on or after entry into force (" + s.eifDate() + ").");
        }
        Documents.send(ctx, format, extensionRequest.build(s, asOf));
    }

    private StateParty stateParty(Context ctx) {
        String iso3 = Params.iso3(ctx.pathParam("iso3"), "iso3");
        return stateParties.existing(iso3);
    }
}
