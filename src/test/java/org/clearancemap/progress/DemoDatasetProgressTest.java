package org.clearancemap.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import org.clearancemap.land.MappedLandRepository;
import org.clearancemap.testing.DemoData;
import org.clearancemap.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine on the synthetic demo dataset (re-surveyed and retired hazards, jittered, partial,
 * overlapping and spanning releases over ten States Parties): PostGIS agrees, and the balance
 * closes in every year. A noding failure in a fast overlay must fall back, never fail the request.
 */
class DemoDatasetProgressTest {
    private static final List<String> STATES = DemoData.STATES;
    private static TestDatabase db;
    private static MappedLandRepository land;

    @BeforeAll
    static void load() {
        db = DemoData.load(DemoDatasetProgressTest.class);
        land = new MappedLandRepository(db.database().dataSource());
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void everyStatePartyOfTheDemoDatasetAgreesWithPostgisAtToleranceZero() throws Exception {
        LocalDate d = LocalDate.of(2025, 12, 31);
        try (Connection c = db.connect()) {
            for (String iso3 : STATES) {
                AreaFigures ours = new AreaEngine(0).figuresOn(Cluster.of(land.load(iso3)), d);
                PostgisFigures.Figures theirs = PostgisFigures.on(c, iso3, d, 32648, 0.5);
                assertEquals(theirs.footprint(), ours.footprintSqm(), 1e-6 * theirs.footprint(), iso3 + " footprint");
                assertEquals(theirs.remaining(), ours.remainingSqm(), 1e-6 * theirs.remaining(), iso3 + " remaining");
                assertEquals(theirs.released(), ours.releasedSqm(), 1e-6 * theirs.released(), iso3 + " released");
                assertEquals(theirs.cleared(), ours.clearedSqm(), 1e-6 * theirs.released(), iso3 + " cleared");
                assertEquals(theirs.outside(), ours.releasedOutsideHazardsSqm(), 1e-6 * Math.max(theirs.outside(), 1),
                        iso3 + " outside");
            }
        }
    }

    @Test
    void theBalanceOfEveryDemoStatePartyClosesInEveryYearWithTheSliverTolerance() {
        for (String iso3 : STATES) {
            AreaEngine.Balance b = new AreaEngine(0.5).balance(Cluster.of(land.load(iso3)), 2011, LocalDate.of(2025, 12, 31));
            assertEquals(15, b.rows().size());
            for (YearlyBalance row : b.rows()) {
                assertEquals(row.remainingEndSqm(), row.remainingStartSqm() + row.newlyRecordedSqm()
                        - row.retiredUnreleasedSqm() - row.releasedSqm(), 0.01, iso3 + " " + row.year());
            }
            assertTrue(b.figures().get(15).ignoredSliverSqm() > 0, iso3 + ": jittered releases leave slivers");
        }
    }
}
