package org.clearancemap.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * The area figures of a State Party for a date, and its yearly balance, computed cluster by
 * cluster (in parallel) with JTS overlays and geodesic areas; see the package documentation for
 * the definitions.
 */
public final class AreaEngine {
    private static final GeometryFactory LON_LAT = new GeometryFactory();

    private final double sliverToleranceM;

    /** @param sliverToleranceM width below which remaining pieces are ignored as slivers; 0 keeps everything */
    public AreaEngine(double sliverToleranceM) {
        if (!(sliverToleranceM >= 0)) {
            throw new IllegalArgumentException("the sliver tolerance must be 0 or more metres");
        }
        this.sliverToleranceM = sliverToleranceM;
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
        List<LocalDate> dates = List.of(date);
        return clusters.parallelStream()
                .map(c -> timeline(c, dates, memo).figures[0])
                .reduce(AreaFigures.ZERO, AreaFigures::plus);
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
        List<Polygon> parts = clusters.parallelStream()
                .map(c -> new ClusterTimeline(c, List.of(date), sliverToleranceM, true).remaining[0])
                .flatMap(g -> {
                    List<Polygon> ps = new ArrayList<>();
                    for (int i = 0; i < g.getNumGeometries(); i++) {
                        ps.add((Polygon) g.getGeometryN(i));
                    }
                    return ps.stream();
                })
                .toList();
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
        List<ClusterTimeline> timelines = clusters.parallelStream().map(c -> timeline(c, key, memo)).toList();
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
