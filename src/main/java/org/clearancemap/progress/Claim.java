package org.clearancemap.progress;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.clearancemap.geo.GeodesicArea;
import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.noding.IntersectionAdder;
import org.locationtech.jts.noding.NodedSegmentString;
import org.locationtech.jts.noding.SegmentNode;
import org.locationtech.jts.noding.SegmentString;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.util.AssertionFailedException;

/**
 * What a release {@code b} takes from the remaining land {@code a}: the land left, {@code a − b},
 * and the geodesic area of {@code a ∩ b}, from one overlay (a difference) instead of two.
 *
 * <p>Why this is exact. The overlay splits the edges of both operands where they cross; the pieces
 * {@code a − b} and {@code a ∩ b} then tile {@code a} with its edges split: their common boundary
 * (pieces of {@code b}'s edges) is run once in each direction and cancels. Our geodesic ring area
 * is a sum of one term per edge, a function of the edge's two ends only ({@link GeodesicArea#signedRing}),
 * so the area of {@code a} with split edges is that of {@code a} plus, for each split edge
 * {@code u → v} with pieces through {@code p₁ … p_k}, the signed area of the thin polygon
 * {@code u p₁ … p_k v} (a split point lies on the lon/lat chord, not on the geodesic; the thin
 * polygon is that difference, often 1e-6 of the area, too much to ignore). Hence
 * {@code |a ∩ b| = |a| + Σ thin − |a − b|}, the same value, up to rounding, as the area of the
 * intersection overlay. In the same way, when asked, {@code |b − a| = |b| + Σ thin(b) − |a ∩ b|}.
 *
 * <p>The split points are read from the overlay's own noding (the {@link SweepNoder} keeps the
 * noded strings, recognised by their coordinate arrays). When the overlay had to fall back to
 * snapping, or a ring of an operand did not reach the noder unchanged (clipped by the overlay), the
 * areas are taken from intersection and difference overlays as before.
 */
final class Claim {
    private static final PrecisionModel FLOATING = new PrecisionModel();

    /** {@code a − b}. */
    final Geometry rest;
    /** {@code |a ∩ b|}, m². */
    final double claimedSqm;
    /** {@code |b − a|}, m², when asked for; NaN otherwise. */
    final double outsideSqm;
    /** Whether the polygons of {@code a} near {@code b} went through an overlay (false: none is near {@code b}). */
    final boolean near;
    /** Whether the areas came from the difference overlay alone (false: from other overlays too). */
    final boolean oneOverlay;

    private Claim(Geometry rest, double claimedSqm, double outsideSqm, boolean near, boolean oneOverlay) {
        this.rest = rest;
        this.claimedSqm = claimedSqm;
        this.outsideSqm = outsideSqm;
        this.near = near;
        this.oneOverlay = oneOverlay;
    }

    /**
     * {@code a − b}, {@code |a ∩ b|} and, when {@code withOutside}, {@code |b − a|}, for polygonal
     * {@code a} and {@code b} in lon/lat. Only the polygons of {@code a} whose envelopes meet
     * {@code b}'s go through the overlay; the others are kept as they are.
     */
    static Claim of(Geometry a, Geometry b, boolean withOutside) {
        if (b.isEmpty()) {
            return new Claim(a, 0, withOutside ? 0 : Double.NaN, false, true);
        }
        NearParts parts = NearParts.of(a, b.getEnvelopeInternal());
        if (parts.noneNear()) {
            return new Claim(a, 0, withOutside ? ClusterTimeline.areaSqm(b) : Double.NaN, false, true);
        }
        Geometry near = parts.near();

        Rings rings = new Rings();
        double nearSqm = rings.add(near);
        double bSqm = withOutside ? rings.add(b) : Double.NaN;
        Geometry difference = null;
        double claimed = Double.NaN;
        double outside = Double.NaN;
        try {
            SweepNoder noder = new SweepNoder(new IntersectionAdder(new RobustLineIntersector()));
            difference = OverlayNG.overlay(near, b, OverlayNG.DIFFERENCE, FLOATING, noder);
            double[] thin = rings.thinPolygons(noder.inputStrings());
            if (!Double.isNaN(thin[0])) {
                claimed = nearSqm + thin[0] - ClusterTimeline.areaSqm(difference);
                // b's rings reach the noder unclipped when they lie within the overlay's clipping
                // envelope (a's, enlarged by a tenth): almost always for a release over its hazard
                outside = bSqm + thin[1] - claimed;
            }
        } catch (TopologyException | AssertionFailedException e) {
            // a noding failure (see ClusterTimeline.overlay): the overlays below fall back to snapping
            difference = null;
        }
        boolean oneOverlay = difference != null && !Double.isNaN(claimed) && (!withOutside || !Double.isNaN(outside));
        if (difference == null) {
            difference = ClusterTimeline.overlay(near, b, OverlayNG.DIFFERENCE);
        }
        if (Double.isNaN(claimed)) {
            claimed = ClusterTimeline.areaSqm(ClusterTimeline.overlay(near, b, OverlayNG.INTERSECTION));
        }
        if (withOutside && Double.isNaN(outside)) {
            outside = ClusterTimeline.areaSqm(ClusterTimeline.overlay(b, near, OverlayNG.DIFFERENCE));
        }
        Geometry rest = parts.keptWith(difference);
        return new Claim(rest, Math.max(0, claimed), withOutside ? Math.max(0, outside) : Double.NaN, true, oneOverlay);
    }

    /** The rings of the operands, by coordinate array: operand, weight (±1) and how they are measured. */
    private static final class Rings {
        private record Ring(int operand, int weight, boolean byGeographicLib) {
        }

        private final Map<Coordinate[], Ring> rings = new IdentityHashMap<>();
        private int operands;
        private final int[] counts = new int[2];

        /** Adds the rings of the next operand; returns its area, m². */
        double add(Geometry g) {
            int operand = operands++;
            double sum = 0;
            for (int i = 0; i < g.getNumGeometries(); i++) {
                Polygon p = (Polygon) g.getGeometryN(i);
                if (p.isEmpty()) {
                    continue;
                }
                for (int r = -1; r < p.getNumInteriorRing(); r++) {
                    Coordinate[] cs = (r < 0 ? p.getExteriorRing() : p.getInteriorRingN(r)).getCoordinates();
                    GeodesicArea.SignedArea area = GeodesicArea.signedRing(cs);
                    double signed = area.sqm();
                    int orientation = signed < 0 ? -1 : 1;
                    // a hole counts negatively; a split edge changes the ring's |area| by orientation × thin polygon
                    int weight = r < 0 ? orientation : -orientation;
                    sum += weight * signed;
                    if (rings.put(cs, new Ring(operand, weight, area.byGeographicLib())) == null) {
                        counts[operand]++;
                    } else {
                        counts[operand] = Integer.MIN_VALUE / 2; // a ring given twice: not followed
                    }
                }
            }
            return sum;
        }

        /**
         * Per operand, the weighted signed areas of the thin polygons between split edges and
         * their pieces; NaN for an operand some ring of which was not among the noded strings
         * (left out or changed by the overlay's clipping).
         */
        double[] thinPolygons(java.util.Collection<SegmentString> strings) {
            double[] thin = new double[2];
            int[] seen = new int[2];
            if (strings == null) {
                // the overlay answered without noding
                return new double[] {Double.NaN, Double.NaN};
            }
            for (SegmentString s : strings) {
                Ring ring = rings.get(s.getCoordinates());
                if (ring == null) {
                    continue;
                }
                seen[ring.operand()]++;
                thin[ring.operand()] += ring.weight() * splitEdges((NodedSegmentString) s, ring.byGeographicLib());
            }
            for (int op = 0; op < 2; op++) {
                if (seen[op] != counts[op]) {
                    thin[op] = Double.NaN;
                }
            }
            return thin;
        }

        /** Σ over the split edges of a noded string of the signed area of edge start, nodes, edge end. */
        private static double splitEdges(NodedSegmentString s, boolean byGeographicLib) {
            Coordinate[] pts = s.getCoordinates();
            double sum = 0;
            List<Coordinate> polygon = new ArrayList<>();
            int current = -1;
            for (Iterator<?> it = s.getNodeList().iterator(); it.hasNext(); ) {
                SegmentNode node = (SegmentNode) it.next();
                int index = node.segmentIndex;
                if (index >= pts.length - 1) {
                    continue;
                }
                if (index != current) {
                    sum += close(polygon, pts, current, byGeographicLib);
                    polygon.clear();
                    polygon.add(pts[index]);
                    current = index;
                }
                polygon.add(node.coord);
            }
            return sum + close(polygon, pts, current, byGeographicLib);
        }

        private static double close(List<Coordinate> polygon, Coordinate[] pts, int index, boolean byGeographicLib) {
            if (index < 0 || polygon.size() < 2) {
                return 0;
            }
            polygon.add(pts[index + 1]);
            polygon.add(pts[index]);
            return GeodesicArea.signedRingSqm(polygon.toArray(Coordinate[]::new), byGeographicLib);
        }
    }
}
