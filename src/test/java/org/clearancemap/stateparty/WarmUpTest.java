package org.clearancemap.stateparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.clearancemap.progress.AreaEngine;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.land.MappedLandRepository;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.testing.SqlFixture;
import org.clearancemap.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The warm-up at start leaves every State Party's standing and balance for the day in the cache. */
class WarmUpTest {
    private static TestDatabase db;

    @BeforeAll
    static void load() throws Exception {
        db = TestDatabase.create(WarmUpTest.class);
        SqlFixture.run(db, "/progress/edge-cases.sql");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void warmUpComputesEveryStatePartysFiguresAndBalanceIntoTheCache() throws Exception {
        LocalDate day = LocalDate.parse("2021-06-30");
        Clock clock = Clock.fixed(day.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        var repository = new StatePartyRepository(db.database().dataSource());
        var cache = new ProgressCache(new MappedLandRepository(db.database().dataSource()), new AreaEngine(0.5));
        var routes = new StatePartyRoutes(repository, cache, 3, clock);

        assertEquals(repository.findAll().size(), routes.warmUp(day), "every State Party");

        // a release written behind the cache's back (no invalidation): a computation after it would see it
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO land_release (iso3, external_id, version, method, completed_on, geom4326, area_sqm)
                    SELECT 'ZSP', 'behind-the-cache', 1, 'cleared', '2021-01-01', g, ST_Area(g::geography)
                      FROM (SELECT ST_Multi(ST_GeomFromText('POLYGON((105.02 15,105.021 15,105.021 15.001,105.02 15.001,105.02 15))', 4326)) AS g) x
                    """);
        }
        StateParty zsp = routes.find("ZSP");
        var fresh = new StatePartyRoutes(repository,
                new ProgressCache(new MappedLandRepository(db.database().dataSource()), new AreaEngine(0.5)), 3, clock);
        double freshRemaining = last(fresh.balance(zsp, day)).remainingSqm();
        double warmedRemaining = last(routes.balance(zsp, day)).remainingSqm();
        assertTrue(freshRemaining < warmedRemaining - 10_000,
                "the detail page's balance was computed by the warm-up, before the release: " + warmedRemaining + " vs " + freshRemaining);
    }

    private static AreaFigures last(AreaEngine.Balance balance) {
        return balance.figures().get(balance.figures().size() - 1);
    }
}
