package org.clearancemap.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import org.clearancemap.land.MappedLandRepository;
import org.clearancemap.testing.SqlFixture;
import org.clearancemap.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProgressCacheTest {
    private static TestDatabase db;

    @BeforeAll
    static void load() throws Exception {
        db = TestDatabase.create(ProgressCacheTest.class);
        SqlFixture.run(db, "/progress/edge-cases.sql");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void figuresAreKeptUntilTheStatePartyIsInvalidatedAndOnlyThatOne() throws Exception {
        ProgressCache cache = new ProgressCache(new MappedLandRepository(db.database().dataSource()), new AreaEngine(0.5));
        LocalDate d = LocalDate.parse("2021-06-30");
        AreaFigures before = cache.figuresOn("ZSP", d);
        AreaFigures other = cache.figuresOn("ZOV", d);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO land_release (iso3, external_id, version, method, completed_on, geom4326, area_sqm)
                    SELECT 'ZSP', 'late', 1, 'cleared', '2021-01-01', g, ST_Area(g::geography)
                      FROM (SELECT ST_Multi(ST_GeomFromText('POLYGON((105.02 15,105.021 15,105.021 15.001,105.02 15.001,105.02 15))', 4326)) AS g) x
                    """);
        }
        assertEquals(before, cache.figuresOn("ZSP", d), "cached until invalidated");
        cache.invalidate("ZSP");
        AreaFigures after = cache.figuresOn("ZSP", d);
        assertTrue(after.remainingSqm() < before.remainingSqm() - 10_000, "the new release counts after invalidation");
        AreaFigures fresh = new AreaEngine(0.5).figuresOn(
                Cluster.of(new MappedLandRepository(db.database().dataSource()).load("ZSP")), d);
        assertEquals(fresh.remainingSqm(), after.remainingSqm(), 1e-6, "reusing the untouched clusters gives what a computation from scratch gives");
        assertEquals(fresh.releasedSqm(), after.releasedSqm(), 1e-6);
        assertTrue(other == cache.figuresOn("ZOV", d), "another State Party keeps its cached figures");
    }

    @Test
    void listenersBeforeAnInvalidationRunWhileTheFiguresAreStillHeld() throws Exception {
        ProgressCache cache = new ProgressCache(new MappedLandRepository(db.database().dataSource()), new AreaEngine(0.5));
        LocalDate d = LocalDate.parse("2021-06-30");
        AreaFigures held = cache.figuresOn("ZOV", d);
        var seen = new java.util.ArrayList<String>();
        cache.beforeInvalidate(iso3 -> seen.add("before " + iso3 + " " + (cache.figuresOn(iso3, d) == held)));
        cache.onInvalidate(iso3 -> seen.add("after " + iso3 + " " + (cache.figuresOn(iso3, d) == held)));
        cache.invalidate("ZOV");
        assertEquals(java.util.List.of("before ZOV true", "after ZOV false"), seen);
    }
}
