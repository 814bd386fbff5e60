package org.clearancemap.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;

class TerritoriesTest {

    private static final List<String> TEN_STATES_PARTIES =
            List.of("AFG", "TCD", "CHL", "DEU", "IRQ", "LAO", "LBN", "MRT", "SOM", "SSD");

    private static MultiPolygon territory(String iso3) {
        return Territories.naturalEarth().territory(iso3).orElseThrow();
    }

    private static Point point(double lon, double lat) {
        return TopoJson.geometryFactory().createPoint(new Coordinate(lon, lat));
    }

    @Test
    void laosContainsVientianeAndNotBangkok() {
        assertTrue(territory("LAO").contains(point(102.6, 17.97)));
        assertFalse(territory("LAO").contains(point(100.5, 13.75)));
    }

    @Test
    void everyOneOfTheTenStatesPartiesHasAValidTerritory() {
        for (String iso3 : TEN_STATES_PARTIES) {
            MultiPolygon territory = territory(iso3);
            assertTrue(territory.isValid(), iso3);
            assertEquals(4326, territory.getSRID(), iso3);
            assertTrue(GeodesicArea.ofSqm(territory) > 5e9, iso3);
        }
    }

    @Test
    void capitalsLieInTheirStates() {
        assertTrue(territory("AFG").contains(point(69.17, 34.53)), "Kabul");
        assertTrue(territory("TCD").contains(point(15.04, 12.11)), "N'Djamena");
        assertTrue(territory("CHL").contains(point(-70.67, -33.45)), "Santiago");
        assertTrue(territory("DEU").contains(point(13.40, 52.52)), "Berlin");
        assertTrue(territory("IRQ").contains(point(44.37, 33.31)), "Baghdad");
        assertTrue(territory("LBN").contains(point(35.52, 33.89)), "Beirut");
        assertTrue(territory("MRT").contains(point(-15.98, 18.09)), "Nouakchott");
        assertTrue(territory("SOM").contains(point(45.34, 2.05)), "Mogadishu");
        assertTrue(territory("SSD").contains(point(31.58, 4.85)), "Juba");
    }

    @Test
    void somaliaIncludesSomaliland() {
        assertTrue(territory("SOM").contains(point(44.06, 9.56)), "Hargeisa");
        assertFalse(territory("SOM").contains(point(43.15, 11.59)), "Djibouti");
    }

    @Test
    void laosAreaIsCloseToItsOfficialArea() {
        // 236,800 km² officially (water included); the 1:50m outline gives about 228,000 km²
        assertEquals(236_800e6, GeodesicArea.ofSqm(territory("LAO")), 236_800e6 * 0.05);
    }

    @Test
    void numericCodesFollowIso3166() {
        assertEquals(Optional.of("418"), Territories.numericCode("LAO"));
        assertEquals(Optional.of("004"), Territories.numericCode("afg"));
        assertEquals(Optional.empty(), Territories.numericCode("XXX"));
    }

    @Test
    void theOutlineOfAStateNamesItsCountryAndSomaliaAlsoSomaliland() {
        assertEquals(new Territories.Outline(List.of("418"), List.of()), Territories.outline("lao"));
        assertEquals(new Territories.Outline(List.of("706"), List.of("Somaliland")), Territories.outline("SOM"));
        assertEquals(new Territories.Outline(List.of("566"), List.of()), Territories.outline("NGA"));
        assertEquals(new Territories.Outline(List.of(), List.of()), Territories.outline("XXX"));
    }

    @Test
    void anUnknownStateHasNoTerritory() {
        assertEquals(Optional.empty(), Territories.naturalEarth().territory("XXX"));
        assertEquals(Optional.empty(), Territories.naturalEarth().territory(null));
    }

    @Test
    void theBundledTerritoriesAreLoadedOnce() {
        assertSame(Territories.naturalEarth(), Territories.naturalEarth());
    }
}
