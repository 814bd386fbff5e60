package org.clearancemap.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.clearancemap.audit.Actor;
import org.clearancemap.http.Json;
import org.clearancemap.lap.Indicator;
import org.clearancemap.lap.LapRepository;
import org.clearancemap.lap.Registry;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's indicator registry and values, so that the progress report has something to show on
 * a fresh start.
 *
 * <p>Rules: the registry is an example, not the Lausanne Action Plan's wording: its source and
 * every indicator's text say so, and it is marked {@code synthetic}. It is loaded only into a
 * database with no registry at all (a coordinator's registry is never displaced). Its values are
 * recorded for the States Parties with synthetic mapped land, for the two years before this one
 * (not before entry into force), each {@code synthetic} with a source that says so, and only while
 * the demo registry is the latest and holds no value yet; so loading twice changes nothing.
 */
final class DemoLap {
    static final String SOURCE = "Example registry for the demo: not the official Lausanne Action Plan wording";
    static final String VALUE_SOURCE = "synthetic demo: invented by the demo loader, not reported by the State Party";
    private static final String TEXT = "Example indicator, not the official Lausanne Action Plan wording: %s.";
    static final List<Indicator> INDICATORS = List.of(
            new Indicator("example-baseline", 18, TEXT.formatted("a baseline of the contaminated areas is mapped"),
                    "yes-no", "mapped-baseline"),
            new Indicator("example-milestones", 20, TEXT.formatted("annual milestones are set for the year ahead"),
                    "yes-no", "milestones-set"),
            new Indicator("example-costed-plan", 21, TEXT.formatted("the work plan of the latest request is costed"),
                    "yes-no", "costed-work-plan"),
            new Indicator("example-release-reported", 22, TEXT.formatted("land release is reported by method"),
                    "yes-no", "release-reported-by-method"),
            new Indicator("example-on-track", 23, TEXT.formatted("the State Party is on track at year end"),
                    "yes-no", "on-track-at-year-end"),
            new Indicator("example-risk-education", 28, TEXT.formatted("risk education reaches the affected communities"),
                    "yes-no", null),
            new Indicator("example-operators", 25, TEXT.formatted("number of accredited clearance operators"),
                    "count", null),
            new Indicator("example-gender-diverse-teams", 24, TEXT.formatted("share of survey and clearance teams that are "
                    + "gender-diverse, in %"), "percentage", null));

    private static final Logger LOG = LoggerFactory.getLogger(DemoLap.class);

    private final LapRepository lap;
    private final StatePartyRepository stateParties;

    DemoLap(DataSource dataSource) {
        this.lap = new LapRepository(dataSource, Json.mapper());
        this.stateParties = new StatePartyRepository(dataSource);
    }

    /** Loads what is not there yet; returns how many values it recorded. */
    int load() {
        Actor actor = Actor.system(DemoLoader.ACTOR);
        if (lap.registry(null).isEmpty()) {
            int version = lap.load(actor, SOURCE, true, INDICATORS);
            LOG.info("demo: example indicator registry, version {}", version);
        }
        Registry registry = lap.registry(null).orElseThrow();
        int thisYear = LocalDate.now().getYear();
        if (!registry.synthetic() || lap.hasValues(registry.version())) {
            return 0;
        }
        Map<String, StatePartyRepository.Mapped> mapped = stateParties.mapped();
        int made = 0;
        for (StateParty s : stateParties.findAll()) {
            if (!mapped.getOrDefault(s.iso3(), StatePartyRepository.Mapped.NONE).synthetic()) {
                continue;
            }
            for (int year = thisYear - 2; year < thisYear; year++) {
                if (year < s.eifDate().getYear()) {
                    continue;
                }
                for (Indicator i : registry.indicators()) {
                    if (i.measure() != null) {
                        continue; // computed from the demo's land
                    }
                    lap.record(actor, s.iso3(), i.id(), year, registry.version(), value(i, s.iso3(), year), false,
                            VALUE_SOURCE, "Synthetic demo value.", true);
                    made++;
                }
            }
        }
        LOG.info("demo: {} synthetic indicator values", made);
        return made;
    }

    /** An invented value, the same on every load: from the code, the year and the indicator. */
    private static JsonNode value(Indicator i, String iso3, int year) {
        int seed = Math.floorMod((iso3 + "/" + i.id() + "/" + year).hashCode(), 1000);
        return switch (i.kind()) {
            case "yes-no" -> JsonNodeFactory.instance.booleanNode(seed % 3 != 0);
            case "count" -> JsonNodeFactory.instance.numberNode(seed % 12);
            default -> JsonNodeFactory.instance.numberNode(seed % 5 == 0 ? 100 : seed % 100);
        };
    }
}
