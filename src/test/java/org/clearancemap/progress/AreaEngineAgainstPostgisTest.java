package org.clearancemap.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.clearancemap.land.MappedLand;
import org.clearancemap.land.MappedLandRepository;
import org.clearancemap.testing.SqlFixture;
import org.clearancemap.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every figure of the engine, on fixtures that each hold one edge case, against PostGIS computing
 * the same definition on the same database: agreement to 1e-6 relative, sliver tolerance 0.
 */
class AreaEngineAgainstPostgisTest {
    private static final int UTM_48N = 32648;
    private static TestDatabase db;
    private static MappedLandRepository land;

    @BeforeAll
    static void load() throws Exception {
        db = TestDatabase.create(AreaEngineAgainstPostgisTest.class);
        land = new MappedLandRepository(db.database().dataSource());
        SqlFixture.run(db, "/progress/edge-cases.sql");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static AreaFigures engine(String iso3, LocalDate date, double toleranceM) {
        return new AreaEngine(toleranceM).figuresOn(Cluster.of(land.load(iso3)), date);
    }

    /** Compares every figure at tolerance 0 and returns the engine's figures. */
    private static AreaFigures agreesWithPostgis(String iso3, String date) throws SQLException {
        LocalDate d = LocalDate.parse(date);
        AreaFigures ours = engine(iso3, d, 0);
        PostgisFigures.Figures theirs;
        try (Connection c = db.connect()) {
            theirs = PostgisFigures.on(c, iso3, d, UTM_48N, 0.5);
        }
        close("footprint", theirs.footprint(), ours.footprintSqm());
        close("CHA footprint", theirs.footprintCha(), ours.footprintChaSqm());
        close("remaining", theirs.remaining(), ours.remainingSqm());
        close("CHA remaining", theirs.remainingCha(), ours.remainingChaSqm());
        close("SHA remaining", theirs.remaining() - theirs.remainingCha(), ours.remainingShaSqm());
        close("released", theirs.released(), ours.releasedSqm());
        close("cleared", theirs.cleared(), ours.clearedSqm());
        close("reduced", theirs.reduced(), ours.reducedSqm());
        close("cancelled", theirs.cancelled(), ours.cancelledSqm());
        close("released outside hazards", theirs.outside(), ours.releasedOutsideHazardsSqm());
        assertEquals(0.0, ours.ignoredSliverSqm(), "tolerance 0 ignores nothing");
        return ours;
    }

    private static void close(String what, double expected, double actual) {
        double allowed = 1e-6 * Math.max(Math.abs(expected), 1.0);
        assertTrue(Math.abs(expected - actual) <= allowed,
                what + ": PostGIS " + expected + " m², engine " + actual + " m²");
    }

    @Test
    void whereShaAndChaOverlapTheLandCountsOnceAsCha() throws Exception {
        AreaFigures f = agreesWithPostgis("ZOV", "2021-01-01");
        assertTrue(f.footprintChaSqm() > f.footprintSqm() / 2, "CHA is one square of the two, plus nothing of SHA");
    }

    @Test
    void beforeAnyReleaseEverythingRemains() throws Exception {
        AreaFigures f = agreesWithPostgis("ZOV", "2019-01-01");
        assertEquals(f.footprintSqm(), f.remainingSqm(), 1e-9);
        assertEquals(0.0, f.progress(), 1e-12);
    }

    @Test
    void aHoleInAHazardIsNotHazardAndReleasingOverItIsOutside() throws Exception {
        AreaFigures f = agreesWithPostgis("ZHO", "2021-01-01");
        assertTrue(f.releasedOutsideHazardsSqm() > 20_000, "the strip crosses the 2x2 hole and pokes out");
    }

    @Test
    void aReleaseSpanningTwoHazardsReleasesFromBoth() throws Exception {
        AreaFigures f = agreesWithPostgis("ZSP", "2021-01-01");
        assertTrue(f.remainingChaSqm() < f.footprintChaSqm() && f.remainingShaSqm() < f.footprintSqm() - f.footprintChaSqm());
    }

    @Test
    void releasesOutsideAnyHazardAreReportedButNotProgress() throws Exception {
        AreaFigures f = agreesWithPostgis("ZOU", "2021-01-01");
        assertTrue(f.releasedOutsideHazardsSqm() > 10_000);
        assertEquals(f.releasedSqm() / f.footprintSqm(), f.progress(), 1e-6);
    }

    @Test
    void aSupersededReleaseVersionCountsForNothing() throws Exception {
        AreaFigures f = agreesWithPostgis("ZOU", "2019-12-31");
        assertTrue(f.remainingSqm() > 0.98 * f.footprintSqm(), "only the small corrected version counts");
    }

    @Test
    void aSupersededHazardVersionCountsUntilItsSuccessorIsRecorded() throws Exception {
        AreaFigures before = agreesWithPostgis("ZSU", "2019-12-31");
        AreaFigures after = agreesWithPostgis("ZSU", "2021-01-01");
        assertTrue(before.releasedOutsideHazardsSqm() > 0 && after.releasedOutsideHazardsSqm() < 1e-6,
                "the release pokes out of version 1 and lies within version 2");
        assertTrue(after.footprintSqm() > before.footprintSqm());
    }

    @Test
    void aRetiredHazardLeavesTheFootprintOnItsRetirementDate() throws Exception {
        AreaFigures before = agreesWithPostgis("ZRE", "2020-02-29");
        AreaFigures on = agreesWithPostgis("ZRE", "2020-03-01");
        assertTrue(on.footprintSqm() < before.footprintSqm());
        assertTrue(on.releasedOutsideHazardsSqm() > 0, "its earlier release now lies outside every hazard");
    }

    @Test
    void overlappingReleasesCountOnceForTheEarliestAndSameDayTiesGoToClearance() throws Exception {
        AreaFigures f = agreesWithPostgis("ZMD", "2021-01-01");
        assertTrue(f.clearedSqm() > 0 && f.reducedSqm() > 0 && f.cancelledSqm() > 0);
        agreesWithPostgis("ZMD", "2019-06-30");
        agreesWithPostgis("ZMD", "2018-12-31");
    }

    @Test
    void gpsJitterSliversAreRemainingLandAtToleranceZero() throws Exception {
        AreaFigures f = agreesWithPostgis("ZJI", "2021-01-01");
        assertTrue(f.remainingSqm() > 0);
    }

    @Test
    void nothingMappedGivesZeroFiguresAndNoProgress() throws Exception {
        AreaFigures f = agreesWithPostgis("ZEM", "2021-01-01");
        assertEquals(0.0, f.footprintSqm());
        assertNull(f.progress());
    }

    @Test
    void theSliverToleranceIgnoresExactlyThePiecesAnInwardBufferErases() throws Exception {
        LocalDate d = LocalDate.parse("2021-01-01");
        AreaFigures f = engine("ZJI", d, 0.5);
        PostgisFigures.Figures theirs;
        try (Connection c = db.connect()) {
            theirs = PostgisFigures.on(c, "ZJI", d, UTM_48N, 0.5);
        }
        assertTrue(theirs.slivers() > 0, "the fixture has slivers");
        close("ignored slivers", theirs.slivers(), f.ignoredSliverSqm());
        close("remaining without slivers", theirs.remaining() - theirs.slivers(), f.remainingSqm());
    }

    @Test
    void aReleasedHazardWithJitteredEdgesReachesZeroRemainingWithTheTolerance() throws Exception {
        MappedLand zji = land.load("ZJI");
        MappedLand jitteredOnly = new MappedLand("ZJI", zji.hazards().subList(0, 1), zji.releases().subList(0, 1));
        AreaFigures f = new AreaEngine(0.5).figuresOn(Cluster.of(jitteredOnly), LocalDate.parse("2021-01-01"));
        assertEquals(0.0, f.remainingSqm(), 1e-6);
        assertEquals(1.0, f.progress(), 1e-12);
        assertTrue(f.ignoredSliverSqm() > 1, "what was ignored is reported");
    }

    @Test
    void aRealStripTwoMetresWideIsNeverDroppedAsASliver() throws Exception {
        MappedLand zji = land.load("ZJI");
        MappedLand stripOnly = new MappedLand("ZJI", zji.hazards().subList(1, 2), zji.releases().subList(1, 2));
        List<Cluster> clusters = Cluster.of(stripOnly);
        LocalDate d = LocalDate.parse("2021-01-01");
        AreaFigures strict = new AreaEngine(0).figuresOn(clusters, d);
        AreaFigures tolerant = new AreaEngine(0.5).figuresOn(clusters, d);
        assertTrue(strict.remainingSqm() > 400, "the strip is about 2.1 m x 222 m");
        assertEquals(strict.remainingSqm(), tolerant.remainingSqm(), 1e-9);
        assertEquals(0.0, tolerant.ignoredSliverSqm());
    }
}
