package org.clearancemap.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.geo.GeodesicArea;
import org.clearancemap.land.MappedHazard;
import org.clearancemap.land.MappedRelease;
import org.clearancemap.land.ReleaseMethod;
import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.noding.IntersectionAdder;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.util.AssertionFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of one {@link Cluster} on a series of dates, and what changed between consecutive
 * dates, in one pass over its releases per set of valid hazards.
 *
 * <p>For each distinct set of hazard versions valid on some of the dates (an "epoch", most
 * clusters have one), H is unioned once; then the releases are applied in claim order
 * (earliest first; same day: cleared, reduced, cancelled), each taking from what remains:
 * the area it takes is the land it releases first. Released land per method, remaining land and,
 * through an incremental union of releases, the land released outside hazards follow for every
 * date from the same pass.
 */
final class ClusterTimeline {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterTimeline.class);
    private static final GeometryFactory LON_LAT = new GeometryFactory();
    private static final PrecisionModel FLOATING = new PrecisionModel();

    private Cluster cluster;
    private final List<LocalDate> dates;
    private final double toleranceM;
    private final boolean keepGeometry;

    /** Figures per date. */
    final AreaFigures[] figures;
    /** Remaining land (slivers left out) per date, when asked for. */
    final Geometry[] remaining;
    /** Between date k−1 and k (index k; 0 unused): |(He − Hs) − Rs|, |(Hs − He) − Rs|, released by method. */
    final double[] newlyRecorded;
    final double[] retiredUnreleased;
    final double[][] releasedBetween;
    /** |H − R| per date, slivers included. */
    final double[] unfilteredRemaining;

    ClusterTimeline(Cluster cluster, List<LocalDate> dates, double toleranceM, boolean keepGeometry) {
        this.cluster = cluster;
        this.dates = dates;
        this.toleranceM = toleranceM;
        this.keepGeometry = keepGeometry;
        int n = dates.size();
        figures = new AreaFigures[n];
        remaining = new Geometry[n];
        newlyRecorded = new double[n];
        retiredUnreleased = new double[n];
        releasedBetween = new double[n][3];
        unfilteredRemaining = new double[n];
        run();
        cluster = null; // kept in memos: hold the figures, not the geometry
    }

    private void run() {
        int n = dates.size();
        List<MappedRelease> releases = cluster.releases();
        Geometry[] releaseUnion = unionOfReleases(releases);

        BitSet[] valid = new BitSet[n];
        Map<BitSet, List<Integer>> epochs = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            valid[k] = new BitSet();
            for (int i = 0; i < cluster.hazards().size(); i++) {
                if (cluster.hazards().get(i).validOn(dates.get(k))) {
                    valid[k].set(i);
                }
            }
            epochs.computeIfAbsent(valid[k], b -> new ArrayList<>()).add(k);
        }
        Map<BitSet, Geometry> hazardUnions = new LinkedHashMap<>();
        double[][][] claimedByEpoch = new double[n][][];
        for (var epoch : epochs.entrySet()) {
            double[][] claimed = epochPass(epoch.getKey(), epoch.getValue(), releaseUnion, hazardUnions);
            for (int k : epoch.getValue()) {
                claimedByEpoch[k] = claimed;
            }
        }
        for (int k = 1; k < n; k++) {
            if (!valid[k].equals(valid[k - 1])) {
                Geometry hs = hazardUnions.get(valid[k - 1]);
                Geometry he = hazardUnions.get(valid[k]);
                Geometry rs = releaseUnion[k - 1];
                newlyRecorded[k] = areaSqm(minus(minus(he, hs), rs));
                retiredUnreleased[k] = areaSqm(minus(minus(hs, he), rs));
            }
            // Land released in the step, by method: what the releases of the step first claimed of He.
            // Its total is taken from the balance itself, so that the balance closes exactly; it
            // differs from the sum of the claimed pieces only by the geodesic effect of splitting
            // edges (far below 1e-6 relative).
            double[][] claimed = claimedByEpoch[k];
            double[] pieces = new double[3];
            double piecesSum = 0;
            for (int m = 0; m < 3; m++) {
                pieces[m] = claimed[k][m] - claimed[k - 1][m];
                piecesSum += pieces[m];
            }
            double total = unfilteredRemaining[k - 1] + newlyRecorded[k] - retiredUnreleased[k] - unfilteredRemaining[k];
            if (piecesSum > 0) {
                for (int m = 0; m < 3; m++) {
                    releasedBetween[k][m] = total * pieces[m] / piecesSum;
                }
            } else if (newlyRecorded[k] >= retiredUnreleased[k] && newlyRecorded[k] > 0) {
                // nothing released: the geodesic split-edge residue closes on the larger change of H
                newlyRecorded[k] -= total;
            } else if (retiredUnreleased[k] > 0) {
                retiredUnreleased[k] += total;
            }
        }
    }

    /** Runs the releases over one epoch's hazards; returns the land claimed by method at every date up to its last. */
    private double[][] epochPass(BitSet validSet, List<Integer> members, Geometry[] releaseUnion,
                                 Map<BitSet, Geometry> hazardUnions) {
        int n = dates.size();
        List<Geometry> all = new ArrayList<>();
        List<Geometry> confirmed = new ArrayList<>();
        for (int i = validSet.nextSetBit(0); i >= 0; i = validSet.nextSetBit(i + 1)) {
            MappedHazard h = cluster.hazards().get(i);
            all.add(h.geom4326());
            if (h.confirmed()) {
                confirmed.add(h.geom4326());
            }
        }
        Geometry hazards = union(all);
        hazardUnions.put(validSet, hazards);
        boolean mixed = !confirmed.isEmpty() && confirmed.size() < all.size();
        Geometry confirmedUnion = mixed ? union(confirmed) : null;
        double footprint = areaSqm(hazards);
        double footprintCha = confirmed.isEmpty() ? 0 : mixed ? areaSqm(confirmedUnion) : footprint;
        int chaCase = all.isEmpty() || confirmed.isEmpty() ? 0 : mixed ? 2 : 1;

        double[][] claimed = new double[n][];
        double[] byMethod = new double[3];
        Geometry rest = hazards;
        Geometry restCha = confirmedUnion;
        int last = members.get(members.size() - 1);
        int next = 0;
        List<MappedRelease> releases = cluster.releases();
        int lastFigures = -1;
        boolean touched = false;
        boolean single = releases.size() == 1;
        double singleOutside = Double.NaN;
        for (int k = 0; k <= last; k++) {
            LocalDate date = dates.get(k);
            boolean changed = false;
            while (next < releases.size() && !releases.get(next).completedOn().isAfter(date)) {
                MappedRelease r = releases.get(next++);
                changed = true;
                // a lone release meets the epoch's whole H: the same overlay gives the land it releases outside H
                Claim claim = Claim.of(rest, r.geom4326(), single);
                if (claim.near) {
                    byMethod[r.method().ordinal()] += claim.claimedSqm;
                    rest = claim.rest;
                    touched = true;
                }
                if (single) {
                    singleOutside = claim.outsideSqm;
                }
                if (restCha != null) {
                    restCha = minus(restCha, r.geom4326());
                }
            }
            claimed[k] = byMethod.clone();
            if (members.contains(k)) {
                if (lastFigures >= 0 && !changed && !keepGeometry) {
                    // nothing happened in this cluster since the last date of the epoch
                    figures[k] = figures[lastFigures];
                    unfilteredRemaining[k] = unfilteredRemaining[lastFigures];
                } else {
                    double outside = releaseUnion[k].isEmpty() ? 0
                            : single ? singleOutside : areaSqm(minus(releaseUnion[k], hazards));
                    figures[k] = figuresOn(k, footprint, footprintCha, rest, restCha, chaCase, byMethod, outside, touched);
                }
                lastFigures = k;
            } else if (changed) {
                lastFigures = -1;
            }
        }
        return claimed;
    }

    /** @param chaCase 0: no CHA, 1: all CHA, 2: mixed (restCha holds the CHA part) */
    private AreaFigures figuresOn(int k, double footprint, double footprintCha, Geometry rest, Geometry restCha,
                                  int chaCase, double[] byMethod, double outsideSqm, boolean touched) {
        double restSqm = areaSqm(rest);
        // slivers are pieces a release left behind: land no release touched is never a sliver
        Slivers slivers = Slivers.of(rest, touched ? toleranceM : 0);
        double ignored = 0;
        for (Polygon p : slivers.slivers()) {
            ignored += GeodesicArea.ofSqm(p);
        }
        unfilteredRemaining[k] = restSqm;
        double remainingSqm = restSqm - ignored;
        double remainingCha = switch (chaCase) {
            case 1 -> remainingSqm;
            case 2 -> areaSqm(restCha) - (slivers.slivers().isEmpty() ? 0
                    : areaSqm(overlay(restCha, slivers.sliverGeometry(LON_LAT), OverlayNG.INTERSECTION)));
            default -> 0;
        };
        if (keepGeometry) {
            remaining[k] = LON_LAT.createMultiPolygon(slivers.kept().toArray(Polygon[]::new));
        }
        return new AreaFigures(footprint, footprintCha, remainingSqm, remainingCha,
                byMethod[ReleaseMethod.CLEARED.ordinal()], byMethod[ReleaseMethod.REDUCED.ordinal()],
                byMethod[ReleaseMethod.CANCELLED.ordinal()], outsideSqm, ignored);
    }

    /** R(d) for every date. */
    private Geometry[] unionOfReleases(List<MappedRelease> releases) {
        Geometry[] geometry = new Geometry[dates.size()];
        Geometry union = LON_LAT.createMultiPolygon();
        int next = 0;
        for (int k = 0; k < dates.size(); k++) {
            while (next < releases.size() && !releases.get(next).completedOn().isAfter(dates.get(k))) {
                Geometry r = releases.get(next++).geom4326();
                union = plus(union, r);
            }
            geometry[k] = union;
        }
        return geometry;
    }

    static Geometry union(List<Geometry> geometries) {
        if (geometries.isEmpty()) {
            return LON_LAT.createMultiPolygon();
        }
        if (geometries.size() == 1) {
            return geometries.get(0);
        }
        if (geometries.size() <= 4) {
            Geometry u = geometries.get(0);
            for (int i = 1; i < geometries.size(); i++) {
                u = plus(u, geometries.get(i));
            }
            return u;
        }
        return OverlayNGRobust.union(geometries);
    }

    /**
     * An overlay in floating precision (noded by {@link SweepNoder}) without the noding validation pass (it costs more than the
     * overlay itself on small polygons); where floating-point noding fails (JTS then throws a
     * TopologyException or an AssertionFailedException), the same overlay by {@link OverlayNGRobust}
     * (validated noding, then snapping).
     */
    static Geometry overlay(Geometry a, Geometry b, int opCode) {
        try {
            SweepNoder noder = new SweepNoder(new IntersectionAdder(new RobustLineIntersector()));
            return OverlayNG.overlay(a, b, opCode, FLOATING, noder);
        } catch (TopologyException | AssertionFailedException e) {
            // a noding failure: JTS reports it as either
            try {
                return OverlayNGRobust.overlay(a, b, opCode);
            } catch (TopologyException | AssertionFailedException again) {
                // an input made invalid by an earlier floating-point overlay: repair both, then retry
                LOG.warn("overlay failed twice ({}); retrying on repaired inputs", again.getMessage());
                return OverlayNGRobust.overlay(GeometryFixer.fix(a), GeometryFixer.fix(b), opCode);
            }
        }
    }

    /**
     * {@code a ∪ b} for a polygonal {@code b}: only the polygons of {@code a} whose envelopes meet
     * {@code b}'s go through the overlay; the others, disjoint from {@code b}, are kept as they are.
     */
    static Geometry plus(Geometry a, Geometry b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return overlayNear(a, b, OverlayNG.UNION);
    }

    /**
     * {@code a − b}. When {@code a} is a MultiPolygon, only its polygons whose envelopes meet
     * {@code b}'s go through the overlay; the others are kept as they are (they are disjoint from
     * the overlay's result, which lies within the polygons it was given).
     */
    static Geometry minus(Geometry a, Geometry b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a;
        }
        return overlayNear(a, b, OverlayNG.DIFFERENCE);
    }

    /**
     * {@code a op b} (union or difference, {@code b} polygonal) where only the polygons of {@code a}
     * whose envelopes meet {@code b}'s go through the overlay; the others are disjoint from {@code b}
     * and from the overlay's result, so they are kept as they are.
     */
    private static Geometry overlayNear(Geometry a, Geometry b, int op) {
        NearParts parts = NearParts.of(a, b.getEnvelopeInternal());
        if (parts.noneNear()) {
            return op == OverlayNG.DIFFERENCE ? a : parts.keptWith(b);
        }
        return parts.keptWith(overlay(parts.near(), b, op));
    }

    /** Geodesic area of the polygonal parts of any geometry. */
    static double areaSqm(Geometry g) {
        if (g.isEmpty()) {
            return 0;
        }
        if (g instanceof Polygon || g instanceof MultiPolygon) {
            return GeodesicArea.ofSqm(g);
        }
        double sum = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Polygon p) {
                sum += GeodesicArea.ofSqm(p);
            } else if (part != g) {
                sum += areaSqm(part);
            }
        }
        return sum;
    }
}
