package org.clearancemap.progress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.land.MappedHazard;
import org.clearancemap.land.MappedLand;
import org.clearancemap.land.MappedRelease;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.relateng.RelateNG;
import org.locationtech.jts.operation.relateng.RelatePredicate;

/**
 * A connected component of overlapping (or touching) hazard versions and releases of one State
 * Party. Two clusters never share land, so each is computed on its own and the figures add up.
 *
 * @param releases in {@link Release#CLAIM_ORDER}
 */
public record Cluster(List<MappedHazard> hazards, List<MappedRelease> releases, Signature signature) {

    /**
     * What a cluster is made of: its hazard versions (with their validity) and its releases. Two
     * clusters with the same signature have the same figures, so a write recomputes only the
     * clusters whose signature it changed.
     */
    public record Signature(long[] parts) {
        static Signature of(List<MappedHazard> hazards, List<MappedRelease> releases) {
            long[] parts = new long[hazards.size() * 2 + releases.size() + 1];
            int i = 0;
            for (MappedHazard h : hazards) {
                parts[i++] = h.id();
                parts[i++] = h.validUntil() == null ? Long.MIN_VALUE : h.validUntil().toEpochDay();
            }
            parts[i++] = -1;
            for (MappedRelease r : releases) {
                parts[i++] = r.id();
            }
            return new Signature(parts);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Signature other && java.util.Arrays.equals(parts, other.parts);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(parts);
        }

        @Override
        public String toString() {
            return "Signature" + java.util.Arrays.toString(parts);
        }
    }

    /** The clusters of everything mapped for one State Party. */
    public static List<Cluster> of(MappedLand land) {
        int nh = land.hazards().size();
        List<Geometry> geometries = new ArrayList<>(nh + land.releases().size());
        land.hazards().forEach(h -> geometries.add(h.geom4326()));
        land.releases().forEach(r -> geometries.add(r.geom4326()));
        int n = geometries.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        STRtree index = new STRtree();
        for (int i = 0; i < n; i++) {
            index.insert(geometries.get(i).getEnvelopeInternal(), i);
        }
        for (int i = 0; i < n; i++) {
            Geometry g = geometries.get(i);
            Envelope e = g.getEnvelopeInternal();
            for (Object o : index.query(e)) {
                int j = (Integer) o;
                if (j > i && find(parent, i) != find(parent, j) && intersects(g, geometries.get(j))) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        Map<Integer, List<MappedHazard>> hazards = new HashMap<>();
        Map<Integer, List<MappedRelease>> releases = new HashMap<>();
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (!hazards.containsKey(root)) {
                hazards.put(root, new ArrayList<>());
                releases.put(root, new ArrayList<>());
                roots.add(root);
            }
            if (i < nh) {
                hazards.get(root).add(land.hazards().get(i));
            } else {
                releases.get(root).add(land.releases().get(i - nh));
            }
        }
        List<Cluster> clusters = new ArrayList<>(roots.size());
        for (int root : roots) {
            List<MappedHazard> hs = hazards.get(root);
            hs.sort(Comparator.comparingLong(MappedHazard::id));
            List<MappedRelease> rs = releases.get(root);
            rs.sort(MappedRelease.CLAIM_ORDER);
            clusters.add(new Cluster(List.copyOf(hs), List.copyOf(rs), Signature.of(hs, rs)));
        }
        // largest first, so that parallel work ends evenly
        clusters.sort(Comparator.comparingInt((Cluster c) -> c.hazards().size() + c.releases().size()).reversed());
        return clusters;
    }

    /**
     * Whether two polygonal geometries share a point. Most pairs that do (a hazard and the release
     * digitised over it) have a vertex of one inside or on the other, which a point-in-polygon
     * test finds at once; the others go to {@link RelateNG}.
     */
    static boolean intersects(Geometry a, Geometry b) {
        if (!a.isEmpty() && !b.isEmpty()
                && (SimplePointInAreaLocator.locate(a.getCoordinate(), b) != Location.EXTERIOR
                || SimplePointInAreaLocator.locate(b.getCoordinate(), a) != Location.EXTERIOR)) {
            return true;
        }
        return RelateNG.relate(a, b, RelatePredicate.intersects());
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
