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
        assertEquals(Set.of("18"), strings("SELECT count(*) FROM extension_request"));
        assertEquals(Set.of("18"), strings("SELECT count(*) FROM extension_revision"), "each request is its first revision");
        assertEquals(Set.of("18"), strings("SELECT count(*) FROM reported_figure"));
        db.database().migrate();
        assertEquals(Set.of("10"), strings("SELECT count(*) FROM state_party"));
    }

    @Test
    void chadsSecondInterimExtensionReachesADatabaseLoadedBeforeItWasInTheReferenceFile() throws Exception {
        String script;
        try (var in = MigrationsTest.class.getResourceAsStream("/db/migration/V52__reference_chad_second_interim_extension.sql")) {
            script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String chad12 = "SELECT count(*) FROM extension_request_summary WHERE iso3 = 'TCD' AND status = 'granted' "
                + "AND granted_until = '2026-10-01' AND meeting = '12MSP' AND interim AND source LIKE 'Mine Action Review%'";
        assertEquals(Set.of("1"), strings(chad12));
        assertEquals(Set.of("2026-10-01"), strings("SELECT current_deadline FROM (" + CURRENT_DEADLINES + ") d WHERE iso3 = 'TCD'"));
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // a database loaded from the earlier file: the request is not there
            st.execute("DELETE FROM extension_revision WHERE extension_request_id IN (SELECT id FROM extension_request "
                    + "WHERE iso3 = 'TCD' AND granted_until = '2026-10-01')");
            st.execute("DELETE FROM extension_request WHERE iso3 = 'TCD' AND granted_until = '2026-10-01'");
            assertEquals(Set.of("0"), strings(chad12));
            st.execute(script);
            assertEquals(Set.of("1"), strings(chad12), "the migration adds it");
            st.execute(script);
            assertEquals(Set.of("1"), strings(chad12), "and only once");
        }
    }

    /** The current deadline of each State Party as the server reads it. */
    private static final String CURRENT_DEADLINES = """
            SELECT s.iso3, coalesce((SELECT e.granted_until FROM extension_request_summary e
                                      WHERE e.iso3 = s.iso3 AND e.status = 'granted'
                                      ORDER BY coalesce(e.decided_on, e.submitted_on) DESC NULLS LAST, e.granted_until DESC
                                      LIMIT 1), s.original_deadline) AS current_deadline
              FROM state_party s
            """;

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
