package org.clearancemap.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.clearancemap.audit.Actor;
import org.clearancemap.land.MappedLandRepository;
import org.clearancemap.progress.AreaEngine;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.progress.YearlyBalance;
import org.clearancemap.stateparty.ExtensionRequestRepository;
import org.clearancemap.stateparty.ExtensionRevision;
import org.clearancemap.stateparty.RequestSection;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's synthetic extension requests, so that the workbench has something to show on a fresh
 * start: one for Iraq ({@value #SOUND}) that the analysis finds sound, one for the Lao People's
 * Democratic Republic ({@value #FLAWED}) that fails several checks (late, inconsistent figures,
 * underfunded, sections missing). Neither State Party has a real request pending in the reference
 * data, so no real request is shadowed.
 *
 * <p>Rules: every request is {@code synthetic}, its meeting and sources say "synthetic demo", and
 * nothing in it is a real-world fact. Its figures come from the demo's mapped land on the
 * submission date (rounded to 0.001 km²), so they are plausible against the map; plan and funding
 * follow from them. A State Party that already has a synthetic request, that is not in the
 * database or has nothing mapped is skipped, so loading twice changes nothing.
 */
final class DemoRequests {
    static final String SOUND = "IRQ";
    static final String FLAWED = "LAO";
    static final String MEETING = "Synthetic demo meeting";
    static final String SOURCE = "synthetic demo: invented by the demo loader, not a request of the State Party";
    private static final String SECTION_TEXT = "Synthetic demo text, invented for the demo: %s.";
    /**
     * The sliver tolerance the figures are computed with: the default of {@code SLIVER_TOLERANCE_M};
     * the stated figures are rounded to 0.001 km², far coarser than what slivers change.
     */
    static final double SLIVER_TOLERANCE_M = 0.5;
    /** Invented cost of releasing a km² in the demo's plans, USD. */
    private static final BigDecimal USD_PER_KM2 = BigDecimal.valueOf(1_000_000);

    private static final Logger LOG = LoggerFactory.getLogger(DemoRequests.class);

    private final ExtensionRequestRepository requests;
    private final StatePartyRepository stateParties;
    private final ProgressCache progress;

    DemoRequests(DataSource dataSource, double sliverToleranceM) {
        this.requests = new ExtensionRequestRepository(dataSource);
        this.stateParties = new StatePartyRepository(dataSource);
        this.progress = new ProgressCache(new MappedLandRepository(dataSource), new AreaEngine(sliverToleranceM, 1));
    }

    /** Records what is not there yet; returns how many requests it recorded. */
    int load() {
        int made = 0;
        for (String iso3 : List.of(SOUND, FLAWED)) {
            Optional<StateParty> s = stateParties.find(iso3);
            if (s.isEmpty() || requests.syntheticRequest(iso3).isPresent()) {
                continue;
            }
            Optional<ExtensionRequestRepository.NewRevision> revision = iso3.equals(SOUND) ? sound(s.get()) : flawed(s.get());
            if (revision.isEmpty()) {
                LOG.info("demo {}: no synthetic extension request, nothing is mapped", iso3);
                continue;
            }
            ObjectNode detail = JsonNodeFactory.instance.objectNode().put("synthetic", true).put("source", SOURCE);
            long id = requests.create(Actor.system(DemoLoader.ACTOR), iso3, revision.get(), detail, true);
            LOG.info("demo {}: synthetic extension request {}", iso3, id);
            made++;
        }
        return made;
    }

    /**
     * Submitted ten months before its meeting, until the end of the year two years after the
     * deadline; the mapped figures as stated; the remaining area in equal years at most the best
     * year's pace; the budget secured and disbursed; every section given.
     */
    private Optional<ExtensionRequestRepository.NewRevision> sound(StateParty s) {
        LocalDate submitted = LocalDate.of(s.currentDeadline().getYear() - 2, 11, 16);
        Mapped m = mapped(s, submitted);
        if (m == null) {
            return Optional.empty();
        }
        LocalDate until = LocalDate.of(s.currentDeadline().getYear() + 2, 12, 31);
        int first = submitted.getYear() + 1;
        int years = Math.max(until.getYear() - first + 1, 1);
        BigDecimal perYear = m.remainingKm2().divide(BigDecimal.valueOf(years), 3, RoundingMode.UP);
        List<ExtensionRevision.WorkPlanYear> plan = new ArrayList<>();
        List<ExtensionRevision.Funding> funding = new ArrayList<>();
        for (int y = first; y <= until.getYear(); y++) {
            BigDecimal budget = perYear.multiply(USD_PER_KM2).setScale(0, RoundingMode.HALF_UP);
            plan.add(new ExtensionRevision.WorkPlanYear(y, perYear.multiply(BigDecimal.valueOf(0.3)).setScale(3, RoundingMode.HALF_UP),
                    perYear.multiply(BigDecimal.valueOf(0.3)).setScale(3, RoundingMode.HALF_UP),
                    perYear.subtract(perYear.multiply(BigDecimal.valueOf(0.6)).setScale(3, RoundingMode.HALF_UP)), 6, budget));
            funding.add(new ExtensionRevision.Funding(y, "National budget (synthetic demo)",
                    budget.multiply(BigDecimal.valueOf(0.4)).setScale(0, RoundingMode.HALF_UP), "secured"));
            funding.add(new ExtensionRevision.Funding(y, "Synthetic demo donor",
                    budget.subtract(budget.multiply(BigDecimal.valueOf(0.4)).setScale(0, RoundingMode.HALF_UP)), "disbursed"));
        }
        return Optional.of(new ExtensionRequestRepository.NewRevision(MEETING, submitted.plusMonths(10), submitted, until, false,
                sections(List.of()), m.stated(m.remainingKm2()), plan, funding, SOURCE));
    }

    /**
     * Submitted six months before its meeting, for the full five years; a remaining area stated 20 %
     * below the mapped one, so the figures disagree among themselves and with the map; a plan
     * faster than the best year ever; a third of the budget secured, a fifth pledged; three sections missing.
     */
    private Optional<ExtensionRequestRepository.NewRevision> flawed(StateParty s) {
        LocalDate submitted = LocalDate.of(s.currentDeadline().getYear() - 4, 11, 2);
        Mapped m = mapped(s, submitted);
        if (m == null) {
            return Optional.empty();
        }
        LocalDate until = s.currentDeadline().plusYears(5);
        BigDecimal stated = m.remainingKm2().multiply(BigDecimal.valueOf(0.8)).setScale(3, RoundingMode.HALF_UP);
        BigDecimal firstYear = m.bestYearKm2().multiply(BigDecimal.valueOf(1.3)).setScale(3, RoundingMode.HALF_UP).min(stated);
        List<ExtensionRevision.WorkPlanYear> plan = new ArrayList<>();
        List<ExtensionRevision.Funding> funding = new ArrayList<>();
        BigDecimal[] years = {firstYear, stated.subtract(firstYear).max(BigDecimal.ZERO)};
        for (int i = 0; i < years.length; i++) {
            int y = submitted.getYear() + 1 + i;
            BigDecimal budget = years[i].multiply(USD_PER_KM2).setScale(0, RoundingMode.HALF_UP);
            plan.add(new ExtensionRevision.WorkPlanYear(y, BigDecimal.ZERO, BigDecimal.ZERO, years[i], 4, budget));
            funding.add(new ExtensionRevision.Funding(y, "National budget (synthetic demo)",
                    budget.divide(BigDecimal.valueOf(3), 0, RoundingMode.HALF_UP), "secured"));
            funding.add(new ExtensionRevision.Funding(y, "Synthetic demo donor",
                    budget.divide(BigDecimal.valueOf(5), 0, RoundingMode.HALF_UP), "pledged"));
        }
        return Optional.of(new ExtensionRequestRepository.NewRevision(MEETING, submitted.plusMonths(6), submitted, until, false,
                sections(List.of(RequestSection.IMPEDIMENTS, RequestSection.GENDER_AND_DIVERSITY,
                        RequestSection.ENVIRONMENTAL_MANAGEMENT)), m.stated(stated), plan, funding, SOURCE));
    }

    /** The demo's mapped figures on {@code date} (km², 3 decimals) and its best yearly release; null when nothing is mapped. */
    private Mapped mapped(StateParty s, LocalDate date) {
        AreaFigures atEif = progress.figuresOn(s.iso3(), s.eifDate());
        AreaEngine.Balance balance = progress.balance(s.iso3(), s.eifDate().getYear(), date);
        AreaFigures on = balance.figures().get(balance.figures().size() - 1);
        if (on.footprintSqm() <= 0) {
            return null;
        }
        double best = balance.rows().stream().mapToDouble(YearlyBalance::releasedSqm).max().orElse(0);
        return new Mapped(km2(atEif.footprintSqm()), km2(Math.max(0, on.footprintSqm() - atEif.footprintSqm())),
                km2(on.releasedSqm()), km2(on.remainingSqm()), km2(best));
    }

    private record Mapped(BigDecimal atEifKm2, BigDecimal discoveredKm2, BigDecimal releasedKm2, BigDecimal remainingKm2,
                          BigDecimal bestYearKm2) {
        ExtensionRevision.StatedFigures stated(BigDecimal remaining) {
            return new ExtensionRevision.StatedFigures(atEifKm2, discoveredKm2, releasedKm2, remaining);
        }
    }

    private static BigDecimal km2(double sqm) {
        return BigDecimal.valueOf(sqm / 1e6).setScale(3, RoundingMode.HALF_UP);
    }

    private static Map<RequestSection, String> sections(List<RequestSection> left) {
        Map<RequestSection, String> out = new EnumMap<>(RequestSection.class);
        for (RequestSection s : RequestSection.values()) {
            if (!left.contains(s)) {
                out.put(s, String.format(SECTION_TEXT, s.title().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        return out;
    }
}
