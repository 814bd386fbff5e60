package org.clearancemap.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.clearancemap.land.MappedLandRepository;
import org.clearancemap.testing.SqlFixture;
import org.clearancemap.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AggregatesTest {
    private static TestDatabase db;

    @BeforeAll
    static void load() throws Exception {
        db = TestDatabase.create(AggregatesTest.class);
        SqlFixture.run(db, "/progress/edge-cases.sql");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static double remaining(List<Aggregates.Cell> cells) {
        return cells.stream().mapToDouble(c -> c.figures().remainingSqm()).sum();
    }

    @Test
    void theCellsAreKeptWithTheFiguresUntilTheStatePartyIsWrittenAndAddUpToThem() throws Exception {
        ProgressCache cache = new ProgressCache(new MappedLandRepository(db.database().dataSource()), new AreaEngine(0.5));
        Aggregates aggregates = new Aggregates(cache);
        LocalDate d = LocalDate.parse("2021-06-30");
        List<Aggregates.Cell> before = aggregates.of("ZSP", d, 6);
        assertTrue(!before.isEmpty());
        assertEquals(cache.figuresOn("ZSP", d).remainingSqm(), remaining(before), 1e-6);
        assertEquals(cache.figuresOn("ZSP", d).releasedSqm(),
                before.stream().mapToDouble(c -> c.figures().releasedSqm()).sum(), 1e-6);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO land_release (iso3, external_id, version, method, completed_on, geom4326, area_sqm)
                    SELECT 'ZSP', 'late', 1, 'cleared', '2021-01-01', g, ST_Area(g::geography)
                      FROM (SELECT ST_Multi(ST_GeomFromText('POLYGON((105.02 15,105.021 15,105.021 15.001,105.02 15.001,105.02 15))', 4326)) AS g) x
                    """);
        }
        assertSame(before, aggregates.of("ZSP", d, 6), "kept, not computed again for the next request");
        cache.invalidate("ZSP");
        List<Aggregates.Cell> after = aggregates.of("ZSP", d, 6);
        assertNotSame(before, after);
        assertTrue(remaining(after) < remaining(before) - 10_000, "the new release counts after the write");
        assertEquals(cache.figuresOn("ZSP", d).remainingSqm(), remaining(after), 1e-6);
    }
}
