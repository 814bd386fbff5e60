package org.clearancemap.progress;

import java.util.Collection;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.noding.NodedSegmentString;
import org.locationtech.jts.noding.Noder;
import org.locationtech.jts.noding.SegmentIntersector;
import org.locationtech.jts.noding.SegmentString;

/**
 * A noder for the small inputs of the area engine's overlays (a few hundred segments): every
 * pair of segments whose envelopes meet (bounds included) is given to the segment intersector,
 * each pair once, found by a sweep over the segments sorted by their least x. It gives the
 * intersector the same pairs as JTS's {@code MCIndexNoder} would (or more), without building a
 * spatial index of monotone chains per overlay, with one exception that changes no node: two
 * consecutive segments of a string that turn at their common vertex (not collinear) meet only
 * there, which the intersector would ignore as trivial, so they are not given to it.
 */
final class SweepNoder implements Noder {
    private final SegmentIntersector intersector;
    private Collection<SegmentString> strings;

    SweepNoder(SegmentIntersector intersector) {
        this.intersector = intersector;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void computeNodes(Collection segmentStrings) {
        strings = segmentStrings;
        int total = 0;
        for (SegmentString s : strings) {
            total += Math.max(0, s.size() - 1);
        }
        SegmentString[] owners = new SegmentString[strings.size()];
        int[] ownerOf = new int[total];
        int[] indexOf = new int[total];
        double[] minX = new double[total];
        double[] maxX = new double[total];
        double[] minY = new double[total];
        double[] maxY = new double[total];
        int n = 0;
        int o = 0;
        for (SegmentString s : strings) {
            owners[o] = s;
            Coordinate[] cs = s.getCoordinates();
            for (int i = 0; i < cs.length - 1; i++) {
                Coordinate p = cs[i];
                Coordinate q = cs[i + 1];
                ownerOf[n] = o;
                indexOf[n] = i;
                minX[n] = Math.min(p.x, q.x);
                maxX[n] = Math.max(p.x, q.x);
                minY[n] = Math.min(p.y, q.y);
                maxY[n] = Math.max(p.y, q.y);
                n++;
            }
            o++;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        sortByKey(order, minX, 0, n - 1);
        for (int ii = 0; ii < n; ii++) {
            int a = order[ii];
            double aMaxX = maxX[a];
            double aMinY = minY[a];
            double aMaxY = maxY[a];
            for (int jj = ii + 1; jj < n; jj++) {
                int b = order[jj];
                if (minX[b] > aMaxX) {
                    break;
                }
                if (minY[b] <= aMaxY && aMinY <= maxY[b] && !turnAtCommonVertex(owners, ownerOf, indexOf, a, b)) {
                    intersector.processIntersections(owners[ownerOf[a]], indexOf[a], owners[ownerOf[b]], indexOf[b]);
                }
            }
        }
    }

    /** Sorts {@code order[lo..hi]} by {@code key} (a quicksort, insertion sort on short ranges), without boxing. */
    static void sortByKey(int[] order, double[] key, int lo, int hi) {
        while (hi - lo > 16) {
            double pivot = key[order[(lo + hi) >>> 1]];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (key[order[i]] < pivot) {
                    i++;
                }
                while (key[order[j]] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = order[i];
                    order[i++] = order[j];
                    order[j--] = t;
                }
            }
            // recurse into the shorter side, loop on the longer
            if (j - lo < hi - i) {
                sortByKey(order, key, lo, j);
                lo = i;
            } else {
                sortByKey(order, key, i, hi);
                hi = j;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            int v = order[i];
            double k = key[v];
            int j = i - 1;
            while (j >= lo && key[order[j]] > k) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = v;
        }
    }

    /** Whether segments a and b are consecutive in one string and not collinear: they then meet only at their common vertex. */
    private static boolean turnAtCommonVertex(SegmentString[] owners, int[] ownerOf, int[] indexOf, int a, int b) {
        if (ownerOf[a] != ownerOf[b]) {
            return false;
        }
        int i = Math.min(indexOf[a], indexOf[b]);
        int j = Math.max(indexOf[a], indexOf[b]);
        Coordinate[] cs = owners[ownerOf[a]].getCoordinates();
        // (the first and last segments of a ring also meet only at its closing vertex, but JTS's
        // intersector records that vertex as a node: they are given to it, so the nodes stay its)
        return j == i + 1 && Orientation.index(cs[i], cs[i + 1], cs[j + 1]) != Orientation.COLLINEAR;
    }

    /** The segment strings of the last {@link #computeNodes} call, with the nodes found on them. */
    Collection<SegmentString> inputStrings() {
        return strings;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Collection getNodedSubstrings() {
        return NodedSegmentString.getNodedSubstrings((Collection) strings);
    }
}
