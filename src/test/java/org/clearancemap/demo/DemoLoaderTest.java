package org.clearancemap.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.geo.Territories;
import org.clearancemap.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKBWriter;

class DemoLoaderTest {

    private static final List<String> TABLES = List.of("upload", "hazard", "land_release", "audit_event");

    private static TestDatabase db;
    private static DemoLoader.Result first;
    private static Map<String, String> afterFirst;
    private static DemoLoader.Result second;

    @BeforeAll
    static void loadTwice() throws Exception {
        db = TestDatabase.create(DemoLoaderTest.class);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // the reference-data migration normally seeds these; the demo needs only iso3 and eif_date
            st.execute("""
                    INSERT INTO state_party (iso3, name, eif_date, original_deadline) VALUES
                      ('AFG', 'Afghanistan', '2012-03-01', '2022-03-01'), ('TCD', 'Chad', '2013-09-01', '2023-09-01'),
                      ('CHL', 'Chile', '2011-06-01', '2021-06-01'), ('DEU', 'Germany', '2010-08-01', '2020-08-01'),
                      ('IRQ', 'Iraq', '2013-11-01', '2023-11-01'),
                      ('LAO', 'Lao People''s Democratic Republic', '2010-08-01', '2020-08-01'),
                      ('LBN', 'Lebanon', '2011-05-01', '2021-05-01'), ('MRT', 'Mauritania', '2012-08-01', '2022-08-01'),
                      ('SOM', 'Somalia', '2016-03-01', '2026-03-01'), ('SSD', 'South Sudan', '2024-02-01', '2034-02-01')
                    ON CONFLICT (iso3) DO NOTHING""");
        }
        first = new DemoLoader(db.database().dataSource()).load();
        afterFirst = tableStates();
        second = new DemoLoader(db.database().dataSource()).load();
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    private static Map<String, String> tableStates() throws Exception {
        Map<String, String> states = new LinkedHashMap<>();
        for (String table : TABLES) {
            states.put(table, query("SELECT count(*) || '/' || coalesce(max(id), 0) FROM " + table));
        }
        states.put("reported_figure", query("SELECT count(*) FROM reported_figure"));
        states.put("lap_registry", query("SELECT count(*) || '/' || coalesce(max(version), 0) FROM lap_registry"));
        states.put("lap_value", query("SELECT count(*) || '/' || coalesce(max(id), 0) FROM lap_value"));
        return states;
    }

    private static String query(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(String sql) throws Exception {
        return Long.parseLong(query(sql));
    }

    @Test
    void theFirstLoadWritesEveryStatePartyWithATerritory() throws Exception {
        assertEquals(10, first.states());
        assertFalse(first.alreadyLoaded());
        assertEquals(first.hazardVersions(), count("SELECT count(*) FROM hazard"));
        assertEquals(first.hazards(), count("SELECT count(DISTINCT (iso3, external_id)) FROM hazard"));
        assertEquals(first.releases(), count("SELECT count(*) FROM land_release"));
        assertTrue(first.hazards() >= 1_200 && first.releases() >= 900, first::toString);
        assertEquals(20, count("SELECT count(*) FROM upload WHERE synthetic AND format = 'generated'"));
        assertEquals(20, count("SELECT count(*) FROM audit_event WHERE action = 'demo.load' AND entity = 'upload'"));
    }

    @Test
    void aSecondLoadChangesNothingAndSaysSo() throws Exception {
        assertEquals(new DemoLoader.Result(0, 0, 0, 0, true), second);
        assertEquals(afterFirst, tableStates());
    }

    @Test
    void theExampleIndicatorRegistryAndItsValuesSayTheyAreNotOfficialAndSynthetic() throws Exception {
        assertEquals(1, count("SELECT count(*) FROM lap_registry WHERE synthetic AND source ILIKE '%not the official%'"));
        assertEquals(0, count("SELECT count(*) FROM lap_indicator WHERE text NOT ILIKE '%not the official%'"));
        assertTrue(count("SELECT count(*) FROM lap_indicator") >= 6);
        // the two years before this one, for each of the 10 States Parties, each indicator not computed
        long perYear = count("SELECT count(*) FROM lap_indicator WHERE measure IS NULL");
        assertEquals(10 * 2 * perYear, count("SELECT count(*) FROM lap_value"));
        assertEquals(0, count("SELECT count(*) FROM lap_value WHERE NOT synthetic OR source NOT ILIKE '%synthetic demo%'"));
    }

    @Test
    void everyRowIsMarkedSynthetic() throws Exception {
        assertEquals(0, count("SELECT count(*) FROM hazard WHERE NOT synthetic OR NOT (attributes @> '{\"synthetic\": true}')"));
        assertEquals(0, count("SELECT count(*) FROM land_release WHERE NOT synthetic OR NOT (attributes @> '{\"synthetic\": true}')"));
        assertEquals(0, count("SELECT count(*) FROM reported_figure WHERE source ILIKE '%demo%'"));
        assertEquals("demo-synthetic-LAO-hazards", query(
                "SELECT file_name FROM upload WHERE iso3 = 'LAO' AND kind = 'hazards' AND uploaded_by = 'demo generator (synthetic data)'"));
    }

    @Test
    void storedAreasAgreeWithPostgisGeodesicAreas() throws Exception {
        // the design asks for 1e-6 relative; both run Karney's algorithm on WGS 84 and differ only by
        // rounding (about 1e-4 m² on a polygon of any size, so 1e-8 relative on the smallest releases)
        for (String table : List.of("hazard", "land_release")) {
            String relative = query("SELECT max(abs(area_sqm - ST_Area(geom4326::geography)) / ST_Area(geom4326::geography)) FROM "
                    + table);
            String absolute = query("SELECT max(abs(area_sqm - ST_Area(geom4326::geography))) FROM " + table);
            assertTrue(Double.parseDouble(relative) < 1e-6, table + " relative " + relative);
            assertTrue(Double.parseDouble(absolute) < 1e-2, table + " absolute m² " + absolute);
        }
    }

    @Test
    void everyGeometryIsAValidMultiPolygon() throws Exception {
        assertEquals(0, count("SELECT count(*) FROM hazard WHERE NOT ST_IsValid(geom4326) OR GeometryType(geom4326) <> 'MULTIPOLYGON'"));
        assertEquals(0, count("SELECT count(*) FROM land_release WHERE NOT ST_IsValid(geom4326) OR GeometryType(geom4326) <> 'MULTIPOLYGON'"));
    }

    @Test
    void everyHazardLiesWithinItsStatesTerritory() throws Exception {
        WKBWriter wkb = new WKBWriter(2);
        try (Connection c = db.connect();
             PreparedStatement outside = c.prepareStatement(
                     "SELECT count(*) FROM hazard WHERE iso3 = ? AND NOT ST_CoveredBy(geom4326, ST_GeomFromWKB(?, 4326))")) {
            for (String iso3 : List.of("AFG", "TCD", "CHL", "DEU", "IRQ", "LAO", "LBN", "MRT", "SOM", "SSD")) {
                outside.setString(1, iso3);
                outside.setBytes(2, wkb.write(Territories.naturalEarth().territory(iso3).orElseThrow()));
                try (ResultSet rs = outside.executeQuery()) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), iso3);
                }
            }
        }
    }

    @Test
    void supersededHazardsKeepBothVersionsAndOneIsOpen() throws Exception {
        assertTrue(count("SELECT count(*) FROM hazard WHERE version = 2") > 0);
        assertEquals(0, count("""
                SELECT count(*) FROM hazard v2
                WHERE v2.version = 2 AND NOT EXISTS (
                  SELECT 1 FROM hazard v1 WHERE v1.iso3 = v2.iso3 AND v1.external_id = v2.external_id
                    AND v1.version = 1 AND v1.valid_until = v2.recorded_on)"""));
        assertEquals(0, count("""
                SELECT count(*) FROM (SELECT iso3, external_id FROM hazard GROUP BY iso3, external_id
                  HAVING count(*) FILTER (WHERE valid_until IS NULL) <> 1 AND bool_and(retired_on IS NULL)) wrong"""));
    }

    @Test
    void releasesFollowTheirHazardsAndEndBy2026() throws Exception {
        assertEquals(0, count("SELECT count(*) FROM land_release WHERE completed_on > '2025-12-31'"));
        assertEquals(0, count("""
                SELECT count(*) FROM land_release r JOIN hazard h
                  ON h.iso3 = r.iso3 AND h.external_id = r.hazard_external_id AND h.valid_until IS NULL
                WHERE r.completed_on <= h.recorded_on"""));
        assertEquals(0, count("SELECT count(*) FROM land_release WHERE (method = 'cleared') <> (items_destroyed IS NOT NULL)"));
    }
}
