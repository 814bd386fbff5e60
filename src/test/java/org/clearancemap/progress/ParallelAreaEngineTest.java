package org.clearancemap.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.clearancemap.land.MappedLandRepository;
import org.clearancemap.testing.DemoData;
import org.clearancemap.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

/**
 * Computing the clusters on several threads gives bit-for-bit the figures of one thread: every
 * double of the figures, the balance and the remaining land is equal, not merely close.
 */
class ParallelAreaEngineTest {
    private static final List<String> STATES = DemoData.STATES;
    private static final LocalDate DATE = LocalDate.of(2025, 12, 31);
    private static TestDatabase db;
    private static MappedLandRepository land;

    @BeforeAll
    static void load() {
        db = DemoData.load(ParallelAreaEngineTest.class);
        land = new MappedLandRepository(db.database().dataSource());
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void figuresOnOneDateAreIdenticalOnOneAndOnSeveralThreads() {
        AreaEngine one = new AreaEngine(0.5, 1);
        for (int threads : new int[] {2, 5}) {
            AreaEngine many = new AreaEngine(0.5, threads);
            for (String iso3 : STATES) {
                List<Cluster> clusters = Cluster.of(land.load(iso3));
                assertTrue(clusters.size() > 1, iso3 + " has several clusters to share out");
                AreaFigures sequential = one.figuresOn(clusters, DATE);
                AreaFigures parallel = many.figuresOn(clusters, DATE);
                assertTrue(sequential.footprintSqm() > 0, iso3);
                assertEquals(sequential, parallel, iso3 + " on " + threads + " threads");
                // the same through a memo, as the cache computes it
                Map<Object, Object> memo = new ConcurrentHashMap<>();
                assertEquals(sequential, many.figuresOn(clusters, DATE, memo), iso3 + " with a memo");
                assertEquals(sequential, many.figuresOn(clusters, DATE, memo), iso3 + " from the memo");
            }
        }
    }

    @Test
    void theYearlyBalanceIsIdenticalOnOneAndOnSeveralThreads() {
        AreaEngine one = new AreaEngine(0.5, 1);
        AreaEngine many = new AreaEngine(0.5, 3);
        for (String iso3 : STATES) {
            List<Cluster> clusters = Cluster.of(land.load(iso3));
            AreaEngine.Balance sequential = one.balance(clusters, 2011, DATE);
            AreaEngine.Balance parallel = many.balance(clusters, 2011, DATE);
            assertEquals(15, sequential.rows().size());
            assertEquals(sequential, parallel, iso3);
        }
    }

    @Test
    void theRemainingLandIsIdenticalAndInTheSameOrderOnSeveralThreads() {
        AreaEngine one = new AreaEngine(0.5, 1);
        AreaEngine many = new AreaEngine(0.5, 4);
        for (String iso3 : List.of("LAO", "IRQ")) {
            List<Cluster> clusters = Cluster.of(land.load(iso3));
            Geometry sequential = one.remainingOn(clusters, DATE);
            Geometry parallel = many.remainingOn(clusters, DATE);
            assertTrue(sequential.getNumGeometries() > 1, iso3);
            assertTrue(sequential.equalsExact(parallel), iso3);
        }
    }

    @Test
    void theCacheOnSeveralThreadsGivesTheFiguresOfOneThread() {
        ProgressCache sequential = new ProgressCache(land, new AreaEngine(0.5, 1));
        ProgressCache parallel = new ProgressCache(land, new AreaEngine(0.5, 2));
        for (String iso3 : STATES) {
            assertEquals(sequential.figuresOn(iso3, DATE), parallel.figuresOn(iso3, DATE), iso3);
            assertEquals(sequential.balance(iso3, 2011, DATE), parallel.balance(iso3, 2011, DATE), iso3);
        }
    }

    @Test
    void twoClustersAreComputedAtOnceAndTheResultsComeInClusterOrder() {
        List<Cluster> clusters = Cluster.of(land.load("LAO"));
        CyclicBarrier both = new CyclicBarrier(2);
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        List<Cluster> seen = new AreaEngine(0.5, 2).perCluster(clusters, c -> {
            threadNames.add(Thread.currentThread().getName());
            if (c == clusters.get(0) || c == clusters.get(1)) {
                try {
                    // only passes if another thread holds the other of the first two clusters
                    both.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the first two clusters were not computed at once", e);
                }
            }
            return c;
        });
        assertEquals(2, threadNames.size(), threadNames.toString());
        for (int i = 0; i < clusters.size(); i++) {
            assertSame(clusters.get(i), seen.get(i), "cluster " + i);
        }
    }

    @Test
    void aFailureInOneClusterReachesTheCaller() {
        List<Cluster> clusters = Cluster.of(land.load("LAO"));
        Cluster bad = clusters.get(clusters.size() / 2);
        var e = assertThrows(IllegalStateException.class, () -> new AreaEngine(0.5, 2).perCluster(clusters, c -> {
            if (c == bad) {
                throw new IllegalStateException("broken cluster");
            }
            return c;
        }));
        assertEquals("broken cluster", e.getMessage());
    }

    @Test
    void anEngineNeedsAtLeastOneThread() {
        assertThrows(IllegalArgumentException.class, () -> new AreaEngine(0.5, 0));
    }
}
