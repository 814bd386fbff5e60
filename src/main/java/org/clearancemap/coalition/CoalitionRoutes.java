package org.clearancemap.coalition;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.clearancemap.auth.Access;
import org.clearancemap.auth.Principal;
import org.clearancemap.auth.Role;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.stateparty.Body;
import org.clearancemap.stateparty.Deadline;
import org.clearancemap.stateparty.Extension;
import org.clearancemap.stateparty.ExtensionRequestRepository;
import org.clearancemap.stateparty.ExtensionRevision;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;
import org.clearancemap.stateparty.Standing;

/**
 * Country Coalitions under {@code /api/state-parties/{iso3}/coalition} and the coordinators'
 * outreach view {@code /api/coalitions/outreach}. Writes are a coordinator's or an admin's, audited,
 * and only for an affected State Party: one that has declared completion answers 409.
 */
public final class CoalitionRoutes {
    /** Most partners a coalition may list. */
    static final int MAX_PARTNERS = 200;
    static final int MAX_NOTES = 20_000;
    /** The outreach view's window: deadlines up to this many months after the as-of date. */
    static final int OUTREACH_MONTHS = 24;

    private final CoalitionRepository coalitions;
    private final StatePartyRepository stateParties;
    private final ExtensionRequestRepository requests;
    private final ProgressCache progress;
    private final int rateYears;
    private final ObjectMapper json;
    private final Clock clock;

    public CoalitionRoutes(CoalitionRepository coalitions, StatePartyRepository stateParties,
                           ExtensionRequestRepository requests, ProgressCache progress, int rateYears, ObjectMapper json,
                           Clock clock) {
        this.coalitions = coalitions;
        this.stateParties = stateParties;
        this.requests = requests;
        this.progress = progress;
        this.rateYears = rateYears;
        this.json = json;
        this.clock = clock;
    }

    /** {@code GET .../coalition}: partners, notes, meetings and the funding picture. */
    public void get(Context ctx) {
        ctx.json(detail(existing(ctx)));
    }

    /** {@code PUT .../coalition}: {@code partners [{name, kind, role}]} and {@code notes}, replacing what was recorded. */
    public void put(Context ctx) {
        StateParty s = existing(ctx);
        Principal actor = Access.requireRole(ctx, Role.COORDINATOR);
        Body body = Body.of(ctx, json);
        List<Partner> partners = new ArrayList<>();
        for (Body p : body.objects("partners", MAX_PARTNERS)) {
            partners.add(new Partner(p.text("name", true, 200), p.oneOf("kind", true, Set.copyOf(Partner.KINDS)),
                    p.text("role", false, 500)));
        }
        String notes = body.text("notes", false, MAX_NOTES);
        affected(s);
        coalitions.set(actor, s.iso3(), partners, notes, body.node());
        ctx.json(detail(s));
    }

    /** {@code POST .../coalition/meetings}: {@code date} (on or after entry into force), {@code title}, {@code notes}; answers the coalition. */
    public void addMeeting(Context ctx) {
        StateParty s = existing(ctx);
        Principal actor = Access.requireRole(ctx, Role.COORDINATOR);
        Body body = Body.of(ctx, json);
        LocalDate date = body.date("date", true);
        if (date.isBefore(s.eifDate())) {
            throw body.bad("date", "must be on or after entry into force, " + s.eifDate() + " (got " + date + ")");
        }
        String title = body.text("title", true, 200);
        String notes = body.text("notes", false, MAX_NOTES);
        affected(s);
        coalitions.addMeeting(actor, s.iso3(), date, title, notes, body.node());
        ctx.status(201).json(detail(s));
    }

    /**
     * {@code GET /api/coalitions/outreach?asOf=}: the States Parties not completed on {@code asOf}
     * (neither declared completed by then nor of deadline status {@code completed}) whose current
     * deadline falls on or before {@code asOf} + 24 months (passed deadlines included), by
     * deadline, then ISO3. The funding gap is the latest request's, as the coalition shows it.
     */
    public void outreach(Context ctx) {
        LocalDate asOf = Params.date(ctx, "asOf", LocalDate.now(clock));
        LocalDate until = asOf.plusMonths(OUTREACH_MONTHS);
        Set<String> existing = coalitions.existing();
        List<StateParty> candidates = stateParties.findAll().stream()
                .filter(s -> s.completedOn() == null || s.completedOn().isAfter(asOf))
                .filter(s -> s.currentDeadline() != null && !s.currentDeadline().isAfter(until))
                .sorted(Comparator.comparing(StateParty::currentDeadline).thenComparing(StateParty::iso3))
                .toList();
        progress.readAhead(candidates.stream().map(StateParty::iso3).toList());
        var rows = new ArrayList<Map<String, Object>>();
        for (StateParty s : candidates) {
            List<Extension> extensions = stateParties.extensions(s.iso3());
            Standing standing = Standing.of(progress, rateYears, s, stateParties.reportedFigures(s.iso3()), extensions, asOf);
            if (standing.deadline().status() == Deadline.Status.COMPLETED) {
                continue;
            }
            Optional<Extension> pending = extensions.stream().filter(e -> e.pendingOn(asOf))
                    .max(Comparator.comparingLong(Extension::id));
            Optional<FundingPicture> funding = funding(extensions);
            var m = new LinkedHashMap<String, Object>();
            m.put("iso3", s.iso3());
            m.put("name", s.name());
            m.put("currentDeadline", s.currentDeadline());
            m.put("status", standing.deadline().status().key());
            m.put("extensionRequestPending", pending.isPresent());
            m.put("requestedUntil", pending.map(Extension::requestedUntil).orElse(null));
            m.put("pendingExtensionRequestId", pending.map(Extension::id).orElse(null));
            m.put("fundingGapUsd", funding.map(FundingPicture::gapUsd).orElse(null));
            m.put("fundingFrom", funding.map(f -> Map.of("extensionRequestId", f.extensionRequestId(),
                    "revisionId", f.revisionId(), "revisionNumber", f.revisionNumber())).orElse(null));
            m.put("coalitionExists", existing.contains(s.iso3()));
            rows.add(m);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("asOf", asOf);
        body.put("until", until);
        body.put("stateParties", rows);
        ctx.json(body);
    }

    private Map<String, Object> detail(StateParty s) {
        CoalitionRepository.Recorded recorded = coalitions.find(s.iso3());
        var m = new LinkedHashMap<String, Object>();
        m.put("iso3", s.iso3());
        m.put("name", s.name());
        m.put("affected", isAffected(s));
        m.put("completedOn", s.completedOn());
        m.put("partners", recorded.partners());
        m.put("notes", recorded.notes());
        m.put("meetings", recorded.meetings());
        m.put("coalitionExists", recorded.exists());
        m.put("funding", funding(stateParties.extensions(s.iso3())).map(FundingPicture::toJson).orElse(null));
        return m;
    }

    /**
     * The picture of the latest extension request (by submission date, then id) and its latest
     * revision; empty when there is no request or it has no revision.
     */
    private Optional<FundingPicture> funding(List<Extension> extensions) {
        Optional<Extension> latest = extensions.stream().max(Comparator
                .comparing(Extension::submittedOn, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(Extension::id));
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        List<ExtensionRevision> revisions = requests.revisions(latest.get().id());
        if (revisions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(FundingPicture.of(latest.get().id(), latest.get().synthetic(),
                revisions.get(revisions.size() - 1)));
    }

    private boolean isAffected(StateParty s) {
        return s.completedOn() == null || s.completedOn().isAfter(LocalDate.now(clock));
    }

    private void affected(StateParty s) {
        if (!isAffected(s)) {
            throw new ApiException.Conflict(s.iso3() + " declared completion on " + s.completedOn()
                    + ": a Country Coalition is kept only for an affected State Party; what was recorded stays readable.");
        }
    }

    private StateParty existing(Context ctx) {
        return stateParties.existing(Params.iso3(ctx.pathParam("iso3"), "iso3"));
    }
}
