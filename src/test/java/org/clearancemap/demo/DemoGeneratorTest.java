package org.clearancemap.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.clearancemap.geo.GeodesicArea;
import org.clearancemap.geo.Territories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.valid.IsValidOp;

class DemoGeneratorTest {

    private static final LocalDate LAO_EIF = LocalDate.of(2010, 8, 1);
    private static MultiPolygon laos;
    private static DemoDataset laoDataset;

    @BeforeAll
    static void generateLaos() {
        laos = Territories.naturalEarth().territory("LAO").orElseThrow();
        laoDataset = new DemoGenerator("LAO", LAO_EIF, laos).generate();
    }

    private static List<String> wkts(DemoDataset dataset) {
        return Stream.concat(dataset.hazards().stream().map(h -> h + h.geom4326().toText()),
                dataset.releases().stream().map(r -> r + r.geom4326().toText())).toList();
    }

    private static Stream<MultiPolygon> polygons(DemoDataset dataset) {
        return Stream.concat(dataset.hazards().stream().map(DemoHazard::geom4326),
                dataset.releases().stream().map(DemoRelease::geom4326));
    }

    @Test
    void theSameSeedGivesTheSameDatasetToTheLastDigit() {
        DemoDataset again = new DemoGenerator("LAO", LAO_EIF, laos).generate();
        assertEquals(wkts(laoDataset), wkts(again));
    }

    @Test
    void anotherSeedGivesAnotherDataset() {
        DemoDataset other = new DemoGenerator("LAO", LAO_EIF, laos, 42L).generate();
        assertNotEquals(wkts(laoDataset), wkts(other));
    }

    @Test
    void everyPolygonIsValidAndInsideTheTerritory() {
        PreparedGeometry territory = PreparedGeometryFactory.prepare(laos);
        polygons(laoDataset).forEach(geom -> {
            assertTrue(new IsValidOp(geom).isValid(), geom::toText);
            assertTrue(territory.covers(geom), geom::toText);
            assertEquals(4326, geom.getSRID());
        });
    }

    @Test
    void storedAreasAreGeodesicAreas() {
        laoDataset.hazards().forEach(h -> assertEquals(GeodesicArea.ofSqm(h.geom4326()), h.areaSqm()));
        laoDataset.releases().forEach(r -> assertEquals(GeodesicArea.ofSqm(r.geom4326()), r.areaSqm()));
    }

    @Test
    void footprintsAreStrikeSized() {
        for (DemoHazard hazard : laoDataset.hazards()) {
            assertTrue(hazard.areaSqm() >= 100 && hazard.areaSqm() < 3_000_000, () -> hazard.externalId() + " " + hazard.areaSqm());
        }
    }

    @Test
    void aLargeProgrammeHasOneHundredAndFiftyToTwoHundredAndFiftyHazards() {
        assertTrue(laoDataset.hazardCount() >= 150 && laoDataset.hazardCount() <= 250, "" + laoDataset.hazardCount());
        assertTrue(laoDataset.releases().size() >= 80, "" + laoDataset.releases().size());
    }

    @Test
    void everyNonRetiredHazardHasExactlyOneCurrentVersion() {
        Map<String, List<DemoHazard>> versions = laoDataset.hazards().stream()
                .collect(Collectors.groupingBy(DemoHazard::externalId));
        versions.forEach((id, list) -> {
            long current = list.stream().filter(DemoHazard::isCurrent).count();
            boolean retired = list.stream().anyMatch(h -> h.retiredOn() != null);
            assertEquals(retired ? 0 : 1, current, id);
        });
    }

    @Test
    void aSupersededVersionEndsWhenTheNextIsRecorded() {
        Map<String, DemoHazard> second = laoDataset.hazards().stream().filter(h -> h.version() == 2)
                .collect(Collectors.toMap(DemoHazard::externalId, Function.identity()));
        assertTrue(!second.isEmpty(), "some hazards are re-surveyed");
        laoDataset.hazards().stream().filter(h -> h.version() == 1 && second.containsKey(h.externalId())).forEach(first -> {
            assertEquals(second.get(first.externalId()).recordedOn(), first.validUntil());
            assertNull(first.retiredOn());
        });
    }

    @Test
    void datesRunFromEntryIntoForceToTheEndOf2025() {
        laoDataset.hazards().forEach(h -> {
            assertTrue(!h.recordedOn().isBefore(LAO_EIF) && !h.recordedOn().isAfter(DemoGenerator.END));
            assertTrue(h.validUntil() == null || !h.validUntil().isBefore(h.recordedOn()));
        });
        Map<String, LocalDate> recorded = laoDataset.hazards().stream().filter(DemoHazard::isCurrent)
                .collect(Collectors.toMap(DemoHazard::externalId, DemoHazard::recordedOn));
        laoDataset.releases().forEach(r -> {
            assertTrue(!r.completedOn().isAfter(DemoGenerator.END), r::externalId);
            LocalDate hazardRecorded = recorded.get(r.hazardExternalId());
            assertTrue(hazardRecorded == null || r.completedOn().isAfter(hazardRecorded), r::externalId);
        });
    }

    @Test
    void releaseMethodsAreMostlyClearance() {
        Map<String, Long> byMethod = laoDataset.releases().stream()
                .collect(Collectors.groupingBy(DemoRelease::method, Collectors.counting()));
        assertTrue(byMethod.get("cleared") > byMethod.get("reduced"), byMethod::toString);
        assertTrue(byMethod.get("cancelled") > 0, byMethod::toString);
        laoDataset.releases().forEach(r -> assertEquals(r.method().equals("cleared"), r.itemsDestroyed() != null));
    }

    @Test
    void someReleasesLieOutsideEveryHazardAndSomeOverlapEachOther() {
        Geometry hazards = laos.getFactory().buildGeometry(
                laoDataset.hazards().stream().map(h -> (Geometry) h.geom4326()).toList()).union();
        assertTrue(laoDataset.releases().stream().anyMatch(r -> !r.geom4326().intersects(hazards)));
        assertTrue(laoDataset.releases().stream().anyMatch(r -> r.hazardExternalId() == null));
        List<DemoRelease> releases = laoDataset.releases();
        boolean overlap = false;
        for (int i = 0; i < releases.size() && !overlap; i++) {
            for (int j = i + 1; j < releases.size() && !overlap; j++) {
                overlap = releases.get(i).geom4326().overlaps(releases.get(j).geom4326())
                        && !releases.get(i).method().equals(releases.get(j).method());
            }
        }
        assertTrue(overlap);
    }

    @Test
    void externalIdsNameTheStateAndTheKind() {
        assertEquals("DEMO-LAO-H-00001", laoDataset.hazards().get(0).externalId());
        laoDataset.releases().forEach(r -> assertTrue(r.externalId().matches("DEMO-LAO-R-\\d{5}"), r::externalId));
    }

    @Test
    void everyStatePartyGetsADatasetInsideItsTerritory() {
        Map<String, LocalDate> eif = Map.of("AFG", LocalDate.of(2012, 3, 1), "TCD", LocalDate.of(2013, 9, 1),
                "CHL", LocalDate.of(2011, 6, 1), "DEU", LocalDate.of(2010, 8, 1), "IRQ", LocalDate.of(2013, 11, 1),
                "LBN", LocalDate.of(2011, 5, 1), "MRT", LocalDate.of(2012, 8, 1), "SOM", LocalDate.of(2016, 3, 1),
                "SSD", LocalDate.of(2024, 2, 1));
        eif.forEach((iso3, date) -> {
            MultiPolygon territory = Territories.naturalEarth().territory(iso3).orElseThrow();
            DemoDataset dataset = new DemoGenerator(iso3, date, territory).generate();
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(territory);
            assertTrue(dataset.hazardCount() >= 30, iso3 + " " + dataset.hazardCount());
            polygons(dataset).forEach(geom -> assertTrue(new IsValidOp(geom).isValid() && prepared.covers(geom), iso3));
        });
    }
}
