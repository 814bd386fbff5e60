package org.clearancemap.stateparty;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;

/** {@code GET /api/state-parties} and {@code GET /api/state-parties/{iso3}}. */
public final class StatePartyRoutes {
    private final StatePartyRepository repository;
    private final Clock clock;

    public StatePartyRoutes(StatePartyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public void list(Context ctx) {
        LocalDate asOf = Params.date(ctx, "asOf", LocalDate.now(clock));
        var mapped = repository.mapped();
        var result = new ArrayList<Map<String, Object>>();
        for (StateParty s : repository.findAll()) {
            result.add(summary(s, mapped.getOrDefault(s.iso3(), StatePartyRepository.Mapped.NONE), asOf));
        }
        ctx.json(result);
    }

    public void one(Context ctx) {
        String iso3 = Params.iso3(ctx.pathParam("iso3"), "iso3");
        LocalDate asOf = Params.date(ctx, "asOf", LocalDate.now(clock));
        StateParty s = repository.find(iso3)
                .orElseThrow(() -> new ApiException.NotFound("No State Party with code " + iso3 + "."));
        var body = summary(s, repository.mapped().getOrDefault(iso3, StatePartyRepository.Mapped.NONE), asOf);
        body.put("extensions", repository.extensions(iso3));
        body.put("reportedFigures", repository.reportedFigures(iso3));
        body.put("milestones", repository.milestones(iso3));
        ctx.json(body);
    }

    private static Map<String, Object> summary(StateParty s, StatePartyRepository.Mapped mapped, LocalDate asOf) {
        var m = new LinkedHashMap<String, Object>();
        m.put("iso3", s.iso3());
        m.put("name", s.name());
        m.put("eifDate", s.eifDate());
        m.put("originalDeadline", s.originalDeadline());
        m.put("currentDeadline", s.currentDeadline());
        m.put("completedOn", s.completedOn());
        m.put("asOf", asOf);
        m.put("hazardCount", mapped.hazardCount());
        m.put("releaseCount", mapped.releaseCount());
        m.put("synthetic", mapped.synthetic());
        m.put("confidence", s.confidence());
        m.put("source", s.source());
        return m;
    }
}
