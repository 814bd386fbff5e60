package org.clearancemap.progress;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;

/**
 * The polygons of a polygonal geometry split by an envelope: those whose envelopes meet it
 * ({@link #near}) and the others ({@link #kept}). An overlay with a geometry inside that envelope
 * needs only the near polygons: the others are disjoint from it and from the overlay's result, so
 * they are kept as they are ({@link #keptWith}).
 */
final class NearParts {
    private static final GeometryFactory LON_LAT = new GeometryFactory();

    private final Geometry whole;
    private final List<Polygon> near = new ArrayList<>();
    private final List<Polygon> kept = new ArrayList<>();

    private NearParts(Geometry whole) {
        this.whole = whole;
    }

    /** The polygons of {@code a} split by {@code envelope}. */
    static NearParts of(Geometry a, Envelope envelope) {
        NearParts parts = new NearParts(a);
        boolean any = !a.isEmpty() && a.getEnvelopeInternal().intersects(envelope);
        for (int i = 0; i < a.getNumGeometries(); i++) {
            Polygon part = (Polygon) a.getGeometryN(i);
            (any && part.getEnvelopeInternal().intersects(envelope) ? parts.near : parts.kept).add(part);
        }
        return parts;
    }

    boolean noneNear() {
        return near.isEmpty();
    }

    /** The near polygons as one geometry (the whole geometry itself when all are near). */
    Geometry near() {
        return kept.isEmpty() ? whole : LON_LAT.createMultiPolygon(near.toArray(Polygon[]::new));
    }

    /**
     * The kept polygons with those of {@code result} (an overlay of the near ones), as one
     * polygonal geometry: the lines or points an overlay may leave where an edge collapsed carry
     * no area and are dropped.
     */
    Geometry keptWith(Geometry result) {
        if (kept.isEmpty() && result instanceof Polygonal) {
            return result;
        }
        List<Polygon> all = new ArrayList<>(kept);
        for (int i = 0; i < result.getNumGeometries(); i++) {
            if (result.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
                all.add(p);
            }
        }
        return LON_LAT.createMultiPolygon(all.toArray(Polygon[]::new));
    }
}
