package org.clearancemap.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.clearancemap.geo.Territories;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.MultiPolygon;

class DemoGeneratorSizeTest {

    private static final LocalDate LAO_EIF = LocalDate.of(2010, 8, 1);
    private static final MultiPolygon LAOS = Territories.naturalEarth().territory("LAO").orElseThrow();

    private static List<String> rows(DemoDataset dataset) {
        return Stream.concat(dataset.hazards().stream().map(h -> h + h.geom4326().toText()),
                dataset.releases().stream().map(r -> r + r.geom4326().toText())).toList();
    }

    @Test
    void theDemoSizeIsTheDemoDataset() {
        assertEquals(rows(new DemoGenerator("LAO", LAO_EIF, LAOS).generate()),
                rows(new DemoGenerator("LAO", LAO_EIF, LAOS, DemoSize.DEMO).generate()));
    }

    @Test
    void aFixedSizeGivesThatManyHazards() {
        DemoDataset dataset = new DemoGenerator("LAO", LAO_EIF, LAOS, DemoSize.hazards(600)).generate();
        assertEquals(600, dataset.hazardCount());
    }

    @Test
    void aFixedSizeIsDeterministic() {
        assertEquals(rows(new DemoGenerator("LAO", LAO_EIF, LAOS, DemoSize.hazards(300)).generate()),
                rows(new DemoGenerator("LAO", LAO_EIF, LAOS, DemoSize.hazards(300)).generate()));
    }

    @Test
    void aSizeOfNoHazardIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DemoSize.hazards(0));
    }

    @Test
    void aSizedLoadIsNotMistakenForTheDemo() {
        assertEquals(DemoLoader.contentSha256("LAO", "hazards"), DemoLoader.contentSha256("LAO", "hazards", DemoSize.DEMO));
        assertNotEquals(DemoLoader.contentSha256("LAO", "hazards"),
                DemoLoader.contentSha256("LAO", "hazards", DemoSize.hazards(1_000)));
    }
}
