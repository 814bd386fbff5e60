package org.clearancemap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.clearancemap.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MigrationsTest {
    private static TestDatabase db;

    @BeforeAll
    static void create() {
        db = TestDatabase.create(MigrationsTest.class);
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static Set<String> strings(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            var result = new HashSet<String>();
            while (rs.next()) {
                result.add(rs.getString(1));
            }
            return result;
        }
    }

    @Test
    void everyTableOfTheDataModelExists() throws Exception {
        Set<String> tables = strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        for (String t : new String[] {"state_party", "extension_request", "reported_figure", "milestone", "hazard",
                "land_release", "upload", "api_token", "audit_event"}) {
            assertTrue(tables.contains(t), "missing table " + t + " in " + tables);
        }
    }

    @Test
    void everyGeometryColumnIsAMultiPolygonIn4326WithAGistIndex() throws Exception {
        Set<String> columns = strings("SELECT f_table_name || '.' || f_geometry_column || ':' || type || ':' || srid "
                + "FROM geometry_columns WHERE f_table_schema = 'public'");
        assertEquals(Set.of("hazard.geom4326:MULTIPOLYGON:4326", "land_release.geom4326:MULTIPOLYGON:4326"), columns);
        Set<String> gist = strings("SELECT tablename FROM pg_indexes WHERE indexdef ILIKE '%USING gist (geom4326)%'");
        assertEquals(Set.of("hazard", "land_release"), gist);
    }

    @Test
    void referenceDataIsLoadedOnceWithSources() throws Exception {
        assertEquals(Set.of("10"), strings("SELECT count(*) FROM state_party"));
        assertEquals(Set.of("0"), strings("SELECT count(*) FROM state_party WHERE source IS NULL"));
        assertEquals(Set.of("17"), strings("SELECT count(*) FROM extension_request"));
        assertEquals(Set.of("18"), strings("SELECT count(*) FROM reported_figure"));
        db.database().migrate();
        assertEquals(Set.of("10"), strings("SELECT count(*) FROM state_party"));
    }

    @Test
    void aHazardCannotHaveTwoCurrentVersions() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            String insert = "INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, geom4326, area_sqm) "
                    + "VALUES ('LAO', 'H-1', %d, 'SHA', '2020-01-01', "
                    + "ST_Multi(ST_GeomFromText('POLYGON((102 18,102.01 18,102.01 18.01,102 18))', 4326)), 1)";
            st.execute(insert.formatted(1));
            var e = assertThrows(SQLException.class,
                    () -> st.execute(insert.formatted(2)));
            assertEquals("23505", e.getSQLState());
        }
    }
}
