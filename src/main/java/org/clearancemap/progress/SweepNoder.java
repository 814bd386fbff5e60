package org.clearancemap.progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
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
 * spatial index of monotone chains per overlay.
 */
final class SweepNoder implements Noder {
    private final SegmentIntersector intersector;
    private Collection<SegmentString> strings;

    SweepNoder(SegmentIntersector intersector) {
        this.intersector = intersector;
    }

    private record Segment(SegmentString owner, int index, double minX, double maxX, double minY, double maxY) {
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void computeNodes(Collection segmentStrings) {
        strings = segmentStrings;
        List<Segment> segments = new ArrayList<>();
        for (SegmentString s : strings) {
            Coordinate[] cs = s.getCoordinates();
            for (int i = 0; i < cs.length - 1; i++) {
                Coordinate p = cs[i];
                Coordinate q = cs[i + 1];
                segments.add(new Segment(s, i, Math.min(p.x, q.x), Math.max(p.x, q.x),
                        Math.min(p.y, q.y), Math.max(p.y, q.y)));
            }
        }
        Segment[] sorted = segments.toArray(Segment[]::new);
        Arrays.sort(sorted, Comparator.comparingDouble(Segment::minX));
        for (int i = 0; i < sorted.length; i++) {
            Segment a = sorted[i];
            for (int j = i + 1; j < sorted.length && sorted[j].minX() <= a.maxX(); j++) {
                Segment b = sorted[j];
                if (b.minY() <= a.maxY() && a.minY() <= b.maxY()) {
                    intersector.processIntersections(a.owner(), a.index(), b.owner(), b.index());
                }
            }
        }
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
