package org.clearancemap.stateparty;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.clearancemap.auth.Access;
import org.clearancemap.auth.Principal;
import org.clearancemap.auth.Role;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.clearancemap.progress.ProgressCache;

/**
 * A coordinator's writes: {@code POST /api/state-parties} (a new accession) and, under
 * {@code /api/state-parties/{iso3}/}, reported figures, milestones and the declaration of
 * completion (extension requests: {@link ExtensionRequestRoutes}). Every write is a coordinator's or an admin's
 * ({@link #coordinator}), is audited, and invalidates the State Party's cached figures before answering.
 */
public final class TreatyRecordRoutes {
    private final TreatyRecordRepository records;
    private final StatePartyRepository stateParties;
    private final ProgressCache progress;
    private final ObjectMapper json;
    private final Clock clock;

    public TreatyRecordRoutes(TreatyRecordRepository records, StatePartyRepository stateParties, ProgressCache progress,
                              ObjectMapper json, Clock clock) {
        this.records = records;
        this.stateParties = stateParties;
        this.progress = progress;
        this.json = json;
        this.clock = clock;
    }

    /** {@code POST /api/state-parties}: {@code iso3}, {@code name}, {@code eifDate}, optional {@code originalDeadline}, {@code source}. */
    public void addStateParty(Context ctx) {
        Body body = Body.of(ctx, json);
        String iso3 = body.text("iso3", true, 3);
        if (!iso3.matches("[A-Za-z]{3}")) {
            throw ApiException.BadRequest.parameter("iso3", "iso3 must be an ISO 3166-1 alpha-3 code such as LAO.");
        }
        iso3 = iso3.toUpperCase(Locale.ROOT);
        Principal actor = coordinator(ctx);
        String name = body.text("name", true, 200);
        LocalDate eif = body.date("eifDate", true);
        LocalDate original = body.date("originalDeadline", false);
        if (original == null) {
            original = eif.plusYears(10); // Art. 4(1)(a)
        } else if (!original.isAfter(eif)) {
            throw ApiException.BadRequest.parameter("originalDeadline", "originalDeadline must be after eifDate.");
        }
        String source = body.text("source", false, 500);
        if (!records.addStateParty(actor, iso3, name, eif, original, source, body.node())) {
            throw new ApiException.Conflict("A State Party with code " + iso3 + " already exists.");
        }
        progress.invalidate(iso3);
        ctx.status(201).header("Location", "/api/state-parties/" + iso3).json(stateParties.find(iso3).orElseThrow());
    }

    /** {@code POST .../reported-figures}: {@code year}, {@code source}, and at least one figure in km². */
    public void addReportedFigure(Context ctx) {
        StateParty s = existing(ctx);
        Principal actor = coordinator(ctx);
        Body body = Body.of(ctx, json);
        int year = body.integer("year", true, 1990, 2100);
        BigDecimal remaining = body.nonNegative("remainingKm2", false);
        BigDecimal cancelled = body.nonNegative("cancelledKm2", false);
        BigDecimal reduced = body.nonNegative("reducedKm2", false);
        BigDecimal cleared = body.nonNegative("clearedKm2", false);
        BigDecimal released = body.nonNegative("releasedKm2", false);
        Integer destroyed = body.integer("submunitionsDestroyed", false, 0, Integer.MAX_VALUE);
        if (remaining == null && cancelled == null && reduced == null && cleared == null && released == null
                && destroyed == null) {
            // the first of the figures is named, so that a form can show the problem at a field
            throw ApiException.BadRequest.parameter("remainingKm2", "A reported figure needs at least one of "
                    + "remainingKm2, cancelledKm2, reducedKm2, clearedKm2, releasedKm2, submunitionsDestroyed.");
        }
        String source = body.text("source", true, 500);
        long id = records.addReportedFigure(actor, s.iso3(), year, remaining, cancelled, reduced, cleared, released,
                destroyed, body.text("confidence", false, 40), source, body.node());
        progress.invalidate(s.iso3());
        ctx.status(201).json(stateParties.reportedFigures(s.iso3()).stream().filter(f -> f.id() == id)
                .findFirst().orElseThrow());
    }

    /** {@code PUT .../milestones/{year}}: {@code targetReleaseSqm}, optional {@code extensionRequestId}, {@code source}. */
    public void setMilestone(Context ctx) {
        StateParty s = existing(ctx);
        Principal actor = coordinator(ctx);
        int year;
        try {
            year = Integer.parseInt(ctx.pathParam("year"));
        } catch (NumberFormatException e) {
            throw ApiException.BadRequest.parameter("year", "year must be a whole number such as 2026.");
        }
        if (year < 1990 || year > 2100) {
            throw ApiException.BadRequest.parameter("year", "year must be from 1990 to 2100.");
        }
        Milestone planned = stateParties.milestones(s.iso3()).stream()
                .filter(m -> m.year() == year && m.id() == null).findFirst().orElse(null);
        if (planned != null) {
            throw new ApiException.Conflict("The target for " + year + " is set by the work plan of granted extension "
                    + "request " + planned.extensionRequestId() + ": revise the plan, not the milestone.");
        }
        Body body = Body.of(ctx, json);
        BigDecimal target = body.nonNegative("targetReleaseSqm", true);
        Integer request = body.integer("extensionRequestId", false, 1, Integer.MAX_VALUE);
        if (request != null && stateParties.extensions(s.iso3()).stream().noneMatch(e -> e.id() == request)) {
            throw ApiException.BadRequest.parameter("extensionRequestId",
                    "No extension request " + request + " of " + s.iso3() + ".");
        }
        records.setMilestone(actor, s.iso3(), year, target.doubleValue(), request == null ? null : request.longValue(),
                body.text("source", false, 500), body.node());
        progress.invalidate(s.iso3());
        ctx.json(stateParties.milestones(s.iso3()).stream().filter(m -> m.year() == year).findFirst().orElseThrow());
    }

    /** {@code POST .../completion}: {@code completedOn}, the date of the declaration of completion. */
    public void declareCompletion(Context ctx) {
        StateParty s = existing(ctx);
        Principal actor = coordinator(ctx);
        Body body = Body.of(ctx, json);
        LocalDate completedOn = body.date("completedOn", true);
        if (completedOn.isBefore(s.eifDate())) {
            throw ApiException.BadRequest.parameter("completedOn", "completedOn must be on or after entry into force "
                    + s.eifDate() + ".");
        }
        if (completedOn.isAfter(LocalDate.now(clock))) {
            throw ApiException.BadRequest.parameter("completedOn", "completedOn must not be in the future.");
        }
        records.declareCompletion(actor, s.iso3(), completedOn, body.node());
        progress.invalidate(s.iso3());
        ctx.json(stateParties.find(s.iso3()).orElseThrow());
    }

    private StateParty existing(Context ctx) {
        String iso3 = Params.iso3(ctx.pathParam("iso3"), "iso3");
        return stateParties.existing(iso3);
    }

    /** The writer: a coordinator or an admin, by bearer token (401/403 problem otherwise). */
    private static Principal coordinator(Context ctx) {
        return Access.requireRole(ctx, Role.COORDINATOR);
    }
}
