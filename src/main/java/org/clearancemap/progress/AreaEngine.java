package org.clearancemap.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
        return clusters.parallelStream()
                .map(c -> new ClusterTimeline(c, List.of(date), sliverToleranceM, false).figures[0])
                .reduce(AreaFigures.ZERO, AreaFigures::plus);
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
        List<LocalDate> dates = new ArrayList<>();
        for (int y = firstYear - 1; y < asOf.getYear(); y++) {
            dates.add(LocalDate.of(y, 12, 31));
        }
        dates.add(asOf);
        return balance(clusters, dates);
    }

    /**
     * The balance between consecutive dates (ascending, at least two): row k runs from
     * {@code dates[k-1]} to {@code dates[k]} and is labelled with the year of {@code dates[k]}.
     */
    public Balance balance(List<Cluster> clusters, List<LocalDate> dates) {
        int n = dates.size();
        List<ClusterTimeline> timelines = clusters.parallelStream()
                .map(c -> new ClusterTimeline(c, dates, sliverToleranceM, false)).toList();
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
