package org.clearancemap.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.clearancemap.land.ReleaseMethod;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * The area figures of a State Party for a date, and its yearly balance, computed cluster by
 * cluster with JTS overlays and geodesic areas; see the package documentation for the definitions.
 *
 * <p>Clusters are computed in parallel on a bounded pool ({@code threads}: the calling thread and
 * {@code threads − 1} helpers shared by every call on this engine), each cluster's result kept in
 * its slot; the results are then summed in the clusters' order, so the figures are bit-for-bit
 * those of a sequential computation whatever the number of threads. At most {@code threads}
 * clusters are being worked on at once.
 */
public final class AreaEngine {
    private static final GeometryFactory LON_LAT = new GeometryFactory();
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final double sliverToleranceM;
    private final int threads;
    /** The helper threads (null with one thread); idle ones end after a while. */
    private final ThreadPoolExecutor helpers;

    /** An engine with one thread per available processor. */
    public AreaEngine(double sliverToleranceM) {
        this(sliverToleranceM, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param sliverToleranceM width below which remaining pieces are ignored as slivers; 0 keeps everything
     * @param threads          threads that compute clusters at once (the caller included); 1 is sequential
     */
    public AreaEngine(double sliverToleranceM, int threads) {
        if (!(sliverToleranceM >= 0)) {
            throw new IllegalArgumentException("the sliver tolerance must be 0 or more metres");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("the area engine needs at least one thread");
        }
        this.sliverToleranceM = sliverToleranceM;
        this.threads = threads;
        if (threads == 1) {
            this.helpers = null;
        } else {
            int pool = POOLS.incrementAndGet();
            AtomicInteger count = new AtomicInteger();
            this.helpers = new ThreadPoolExecutor(threads - 1, threads - 1, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "area-engine-" + pool + "-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            this.helpers.allowCoreThreadTimeOut(true);
        }
    }

    /**
     * {@code work} applied to each cluster, in the clusters' order: computed by the calling thread
     * and up to {@code threads − 1} helpers, each taking the next cluster not yet taken (the
     * clusters come largest first, which balances the load). Package-private for the tests.
     */
    <T> List<T> perCluster(List<Cluster> clusters, Function<Cluster, T> work) {
        int n = clusters.size();
        List<T> sequential = new ArrayList<>(n);
        if (helpers == null || n < 2) {
            for (Cluster c : clusters) {
                sequential.add(work.apply(c));
            }
            return sequential;
        }
        Object[] results = new Object[n];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable take = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        results[i] = work.apply(clusters.get(i));
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        // a helper that starts after the caller has taken every cluster finds nothing to do, so a
        // call never waits for a queued helper (nested or concurrent calls cannot deadlock)
        for (int h = 0; h < Math.min(threads - 1, n - 1); h++) {
            try {
                helpers.execute(take);
            } catch (RejectedExecutionException e) {
                break;
            }
        }
        take.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
        for (Object r : results) {
            @SuppressWarnings("unchecked")
            T value = (T) r;
            sequential.add(value);
        }
        return sequential;
    }

    public double sliverToleranceM() {
        return sliverToleranceM;
    }

    /** The figures on one date. */
    public AreaFigures figuresOn(List<Cluster> clusters, LocalDate date) {
        return figuresOn(clusters, date, null);
    }

    /**
     * The figures on one date, reusing from {@code memo} the work of clusters already computed
     * (keyed by cluster signature and dates) and adding what it computes.
     */
    public AreaFigures figuresOn(List<Cluster> clusters, LocalDate date, Map<Object, Object> memo) {
        AreaFigures sum = AreaFigures.ZERO;
        for (AreaFigures f : figuresPerCluster(clusters, date, memo)) {
            sum = sum.plus(f);
        }
        return sum;
    }

    /** The figures of each cluster on one date, in the clusters' order; they add up to {@link #figuresOn}. */
    public List<AreaFigures> figuresPerCluster(List<Cluster> clusters, LocalDate date, Map<Object, Object> memo) {
        List<LocalDate> dates = List.of(date);
        return perCluster(clusters, c -> timeline(c, dates, memo).figures[0]);
    }

    private ClusterTimeline timeline(Cluster c, List<LocalDate> dates, Map<Object, Object> memo) {
        if (memo == null) {
            return new ClusterTimeline(c, dates, sliverToleranceM, false);
        }
        var key = new TimelineKey(c.signature(), dates);
        Object known = memo.get(key);
        if (known != null) {
            return (ClusterTimeline) known;
        }
        ClusterTimeline computed = new ClusterTimeline(c, dates, sliverToleranceM, false);
        memo.put(key, computed);
        return computed;
    }

    private record TimelineKey(Cluster.Signature signature, List<LocalDate> dates) {
    }

    /** The remaining land on one date (slivers left out), in lon/lat, as a MultiPolygon. */
    public Geometry remainingOn(List<Cluster> clusters, LocalDate date) {
        List<Polygon> parts = new ArrayList<>();
        for (Geometry g : perCluster(clusters, c -> new ClusterTimeline(c, List.of(date), sliverToleranceM, true).remaining[0])) {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                parts.add((Polygon) g.getGeometryN(i));
            }
        }
        Geometry result = LON_LAT.createMultiPolygon(parts.toArray(Polygon[]::new));
        result.setSRID(4326);
        return result;
    }

    /**
     * The yearly balance from {@code firstYear} to the year of {@code asOf}: year Y runs from
     * 31 Dec of Y−1 to 31 Dec of Y, the last year to {@code asOf}. Also gives the figures on each
     * of those dates.
     */
    public Balance balance(List<Cluster> clusters, int firstYear, LocalDate asOf) {
        return balance(clusters, balanceDates(firstYear, asOf), null);
    }

    /** 31 Dec of {@code firstYear − 1}, 31 Dec of each following year before the year of {@code asOf}, and {@code asOf}. */
    public static List<LocalDate> balanceDates(int firstYear, LocalDate asOf) {
        List<LocalDate> dates = new ArrayList<>();
        for (int y = firstYear - 1; y < asOf.getYear(); y++) {
            dates.add(LocalDate.of(y, 12, 31));
        }
        dates.add(asOf);
        return dates;
    }

    /**
     * The balance between consecutive dates (ascending, at least two): row k runs from
     * {@code dates[k-1]} to {@code dates[k]} and is labelled with the year of {@code dates[k]}.
     */
    public Balance balance(List<Cluster> clusters, List<LocalDate> dates) {
        return balance(clusters, dates, null);
    }

    /** As {@link #balance(List, List)}, reusing and filling {@code memo} as {@link #figuresOn(List, LocalDate, Map)} does. */
    public Balance balance(List<Cluster> clusters, List<LocalDate> dates, Map<Object, Object> memo) {
        int n = dates.size();
        List<LocalDate> key = List.copyOf(dates);
        List<ClusterTimeline> timelines = perCluster(clusters, c -> timeline(c, key, memo));
        AreaFigures[] figures = new AreaFigures[n];
        double[] newly = new double[n];
        double[] retired = new double[n];
        double[][] released = new double[n][3];
        for (int k = 0; k < n; k++) {
            figures[k] = AreaFigures.ZERO;
        }
        for (ClusterTimeline t : timelines) {
            for (int k = 0; k < n; k++) {
                figures[k] = figures[k].plus(t.figures[k]);
                newly[k] += t.newlyRecorded[k];
                retired[k] += t.retiredUnreleased[k];
                for (int m = 0; m < 3; m++) {
                    released[k][m] += t.releasedBetween[k][m];
                }
            }
        }
        List<YearlyBalance> rows = new ArrayList<>();
        for (int k = 1; k < n; k++) {
            AreaFigures s = figures[k - 1];
            AreaFigures e = figures[k];
            double sliverChange = e.ignoredSliverSqm() - s.ignoredSliverSqm();
            double byMethods = released[k][0] + released[k][1] + released[k][2];
            rows.add(new YearlyBalance(dates.get(k).getYear(), s.remainingSqm(), newly[k], retired[k],
                    byMethods + sliverChange,
                    released[k][ReleaseMethod.CLEARED.ordinal()], released[k][ReleaseMethod.REDUCED.ordinal()],
                    released[k][ReleaseMethod.CANCELLED.ordinal()], sliverChange, e.remainingSqm()));
        }
        return new Balance(List.copyOf(dates), List.of(figures), List.copyOf(rows));
    }

    /** The balance rows, and the figures on each date they run between (31 Dec before the first year, ..., asOf). */
    public record Balance(List<LocalDate> dates, List<AreaFigures> figures, List<YearlyBalance> rows) {
    }
}
