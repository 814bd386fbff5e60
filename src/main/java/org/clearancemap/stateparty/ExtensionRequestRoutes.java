package org.clearancemap.stateparty;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clearancemap.auth.Access;
import org.clearancemap.auth.Principal;
import org.clearancemap.auth.Role;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.clearancemap.progress.ProgressCache;

/**
 * Extension requests under {@code /api/state-parties/{iso3}/extension-requests}: a request with its
 * first revision, later revisions, the questions and answers, the decision, and
 * {@code GET .../{id}}: the latest revision with every revision, the questions and the decision.
 * Writes are a coordinator's or an admin's, audited; each invalidates the State Party's figures.
 */
public final class ExtensionRequestRoutes {
    /** Most years a work plan, and most entries its funding, may hold. */
    static final int MAX_PLAN_YEARS = 30;
    static final int MAX_FUNDING = 500;

    private final ExtensionRequestRepository requests;
    private final StatePartyRepository stateParties;
    private final ProgressCache progress;
    private final ObjectMapper json;
    private final Clock clock;

    public ExtensionRequestRoutes(ExtensionRequestRepository requests, StatePartyRepository stateParties,
                                  ProgressCache progress, ObjectMapper json, Clock clock) {
        this.requests = requests;
        this.stateParties = stateParties;
        this.progress = progress;
        this.json = json;
        this.clock = clock;
    }

    /** {@code POST .../extension-requests}: a request and its first revision (see {@link #revision}). */
    public void create(Context ctx) {
        StateParty s = existing(ctx);
        Principal actor = coordinator(ctx);
        Body body = Body.of(ctx, json);
        long id = requests.create(actor, s.iso3(), revision(body, s), body.node());
        progress.invalidate(s.iso3());
        ctx.status(201).header("Location", "/api/state-parties/" + s.iso3() + "/extension-requests/" + id)
                .json(detail(s.iso3(), id));
    }

    /** {@code POST .../extension-requests/{id}/revisions}: a new revision of a request awaiting its decision. */
    public void revise(Context ctx) {
        StateParty s = existing(ctx);
        Principal actor = coordinator(ctx);
        long id = id(ctx, "id");
        Body body = Body.of(ctx, json);
        switch (requests.revise(actor, s.iso3(), id, revision(body, s), body.node())) {
            case NOT_FOUND -> throw notFound(s, id);
            case ALREADY_DECIDED -> throw new ApiException.Conflict("Extension request " + id + " of " + s.iso3()
                    + " is already decided: a decided request is not revised; submit a new request.");
            default -> {
            }
        }
        progress.invalidate(s.iso3());
        ctx.status(201).json(detail(s.iso3(), id));
    }

    /** {@code GET .../extension-requests/{id}}. */
    public void get(Context ctx) {
        StateParty s = existing(ctx);
        ctx.json(detail(s.iso3(), id(ctx, "id")));
    }

    /** {@code POST .../extension-requests/{id}/decision}: {@code status}, {@code grantedUntil}, {@code decidedOn}, {@code meeting}, {@code benchmarks}. */
    public void decide(Context ctx) {
        StateParty s = existing(ctx);
        Principal actor = coordinator(ctx);
        long id = id(ctx, "id");
        Body body = Body.of(ctx, json);
        String status = body.oneOf("status", true, Set.of("granted", "refused", "withdrawn"));
        LocalDate grantedUntil = body.date("grantedUntil", "granted".equals(status));
        if (!"granted".equals(status) && grantedUntil != null) {
            throw ApiException.BadRequest.parameter("grantedUntil", "grantedUntil is only for a granted request.");
        }
        if (grantedUntil != null && !grantedUntil.isAfter(s.originalDeadline())) {
            throw ApiException.BadRequest.parameter("grantedUntil", "grantedUntil must be after the original deadline "
                    + s.originalDeadline() + ".");
        }
        LocalDate decidedOn = body.date("decidedOn", false);
        switch (requests.decide(actor, s.iso3(), id, status, grantedUntil, decidedOn == null ? LocalDate.now(clock) : decidedOn,
                body.text("meeting", false, 200), body.text("benchmarks", false, RequestSection.MAX_LENGTH), body.node())) {
            case NOT_FOUND -> throw notFound(s, id);
            case ALREADY_DECIDED -> throw new ApiException.Conflict("Extension request " + id + " of " + s.iso3()
                    + " is already decided.");
            default -> {
            }
        }
        progress.invalidate(s.iso3());
        ctx.json(detail(s.iso3(), id));
    }

    /** {@code POST .../extension-requests/{id}/questions}: {@code question}, optional {@code askedOn} (today), {@code askedBy}. */
    public void ask(Context ctx) {
        StateParty s = existing(ctx);
        Principal actor = coordinator(ctx);
        long id = id(ctx, "id");
        Body body = Body.of(ctx, json);
        String question = body.text("question", true, RequestSection.MAX_LENGTH);
        LocalDate askedOn = body.date("askedOn", false);
        requests.ask(actor, s.iso3(), id, askedOn == null ? LocalDate.now(clock) : askedOn, body.text("askedBy", false, 200),
                question, body.node()).orElseThrow(() -> notFound(s, id));
        ctx.status(201).json(detail(s.iso3(), id));
    }

    /** {@code POST .../extension-requests/{id}/questions/{qid}/answer}: {@code answer}, optional {@code answeredOn} (today). */
    public void answer(Context ctx) {
        StateParty s = existing(ctx);
        Principal actor = coordinator(ctx);
        long id = id(ctx, "id");
        long questionId = id(ctx, "qid");
        Body body = Body.of(ctx, json);
        String answer = body.text("answer", true, RequestSection.MAX_LENGTH);
        LocalDate answeredOn = body.date("answeredOn", false);
        switch (requests.answer(actor, s.iso3(), id, questionId, answer, answeredOn == null ? LocalDate.now(clock) : answeredOn,
                body.node())) {
            case NOT_FOUND -> throw new ApiException.NotFound("No question " + questionId + " on extension request " + id
                    + " of " + s.iso3() + ".");
            case ALREADY_ANSWERED -> throw new ApiException.Conflict("Question " + questionId + " is already answered: "
                    + "an answer is kept as given; ask a new question to follow it up.");
            default -> {
            }
        }
        ctx.json(detail(s.iso3(), id));
    }

    /**
     * A revision from the body: {@code requestedUntil} (required), {@code meeting}, {@code meetingDate},
     * {@code submittedOn}, {@code interim}, {@code source}, the sections ({@link RequestSection}) as
     * text, {@code statedFigures} (km²), {@code workPlan} and {@code funding}. The older body of four
     * fields is a revision with only those.
     */
    private ExtensionRequestRepository.NewRevision revision(Body body, StateParty s) {
        LocalDate requestedUntil = body.date("requestedUntil", true);
        LocalDate submittedOn = body.date("submittedOn", false);
        if (!requestedUntil.isAfter(s.currentDeadline())) {
            throw ApiException.BadRequest.parameter("requestedUntil",
                    "requestedUntil must be after the current deadline " + s.currentDeadline() + ".");
        }
        if (requestedUntil.isAfter(s.currentDeadline().plusYears(5))) {
            throw ApiException.BadRequest.parameter("requestedUntil",
                    "An extension is of at most 5 years (Art. 4(5)): requestedUntil must be on or before "
                            + s.currentDeadline().plusYears(5) + ".");
        }
        Map<RequestSection, String> sections = new EnumMap<>(RequestSection.class);
        for (RequestSection section : RequestSection.values()) {
            String text = body.text(section.key(), false, RequestSection.MAX_LENGTH);
            if (text != null) {
                sections.put(section, text);
            }
        }
        Body stated = body.object("statedFigures");
        var figures = new ExtensionRevision.StatedFigures(stated.nonNegative("contaminatedAtEifKm2", false),
                stated.nonNegative("discoveredSinceEifKm2", false), stated.nonNegative("releasedSinceEifKm2", false),
                stated.nonNegative("remainingKm2", false));
        // the plan's years run from the year of submission (or of the current deadline, if earlier) to the requested date's
        int firstYear = Math.min(submittedOn == null ? LocalDate.now(clock).getYear() : submittedOn.getYear(),
                s.currentDeadline().getYear());
        int lastYear = requestedUntil.getYear();
        List<ExtensionRevision.WorkPlanYear> plan = new ArrayList<>();
        Set<Integer> years = new HashSet<>();
        for (Body y : body.objects("workPlan", MAX_PLAN_YEARS)) {
            int year = planYear(y, firstYear, lastYear);
            if (!years.add(year)) {
                throw y.bad("year", "repeats " + year + ": a work plan has one entry per year");
            }
            plan.add(new ExtensionRevision.WorkPlanYear(year, zero(y.nonNegative("cancelKm2", false)),
                    zero(y.nonNegative("reduceKm2", false)), zero(y.nonNegative("clearKm2", false)),
                    y.integer("teams", false, 0, 100_000), y.nonNegative("budgetNeededUsd", false)));
        }
        plan.sort(java.util.Comparator.comparingInt(ExtensionRevision.WorkPlanYear::year));
        List<ExtensionRevision.Funding> funding = new ArrayList<>();
        for (Body f : body.objects("funding", MAX_FUNDING)) {
            funding.add(new ExtensionRevision.Funding(planYear(f, firstYear, lastYear), f.text("source", true, 200),
                    f.nonNegative("amountUsd", true), f.oneOf("status", true, Set.copyOf(ExtensionRevision.Funding.STATUSES))));
        }
        Boolean interim = body.bool("interim");
        return new ExtensionRequestRepository.NewRevision(body.text("meeting", false, 200), body.date("meetingDate", false),
                submittedOn, requestedUntil, interim != null && interim, sections, figures, plan, funding,
                body.text("source", false, 500));
    }

    private static int planYear(Body entry, int firstYear, int lastYear) {
        int year = entry.integer("year", true, 1990, 2100);
        if (year < firstYear || year > lastYear) {
            throw entry.bad("year", "must lie in the request's period, " + firstYear + " to " + lastYear + " (got " + year + ")");
        }
        return year;
    }

    private static BigDecimal zero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    /** The latest revision's fields, with {@code revisions}, {@code questions}, {@code decision} and the summary. */
    Map<String, Object> detail(String iso3, long id) {
        Extension summary = stateParties.extensions(iso3).stream().filter(e -> e.id() == id).findFirst()
                .orElseThrow(() -> notFound(stateParties.existing(iso3), id));
        List<ExtensionRevision> revisions = requests.revisions(id);
        var m = new LinkedHashMap<String, Object>();
        m.put("id", id);
        m.put("iso3", iso3);
        m.put("status", summary.status());
        m.putAll(revisions.get(revisions.size() - 1).toJson());
        m.put("id", id);
        m.put("revisions", revisions.stream().map(ExtensionRevision::toJson).toList());
        m.put("questions", requests.questions(id));
        m.put("decision", requests.decision(id));
        m.put("extension", summary);
        m.put("currentDeadline", stateParties.existing(iso3).currentDeadline());
        m.put("synthetic", requests.synthetic(iso3, id).orElse(false));
        return m;
    }

    private StateParty existing(Context ctx) {
        return stateParties.existing(Params.iso3(ctx.pathParam("iso3"), "iso3"));
    }

    private static ApiException.NotFound notFound(StateParty s, long id) {
        return new ApiException.NotFound("No extension request " + id + " of " + s.iso3() + ".");
    }

    private static Principal coordinator(Context ctx) {
        return Access.requireRole(ctx, Role.COORDINATOR);
    }

    private static long id(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw ApiException.BadRequest.parameter(name, name + " must be a number (got '"
                    + Params.abbreviate(ctx.pathParam(name)) + "').");
        }
    }
}
