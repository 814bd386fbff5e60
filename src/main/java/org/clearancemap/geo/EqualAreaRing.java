package org.clearancemap.geo;

import org.locationtech.jts.geom.Coordinate;

/**
 * The area, in m² on the WGS 84 ellipsoid, of a ring of survey size whose edges are geodesics,
 * without solving an inverse geodesic problem per edge.
 *
 * <p>Method: the cylindrical equal-area map {@code (λ, φ) → (x, y) = (λ, Y(φ))} with
 * {@code Y(φ) = ∫₀^φ M·N·cos φ dφ} (M, N the meridional and prime-vertical radii of curvature)
 * preserves area exactly, so the ring's area is the plane area of its image. The image of an edge
 * is not straight: the ring's area is the shoelace area of the straight chords plus, per edge, the
 * signed "lens" between the image of the geodesic and its chord.
 *
 * <p>The lens. Along a geodesic of arc length s with azimuth α, {@code dφ/ds = cos α / M},
 * {@code dλ/ds = sin α / ρ}, {@code dα/ds = sin α · sin φ / ρ} (Clairaut), {@code ρ = N cos φ},
 * {@code dρ/ds = −sin φ cos α}. Its image u(s) = (λ, Y) then has
 * {@code u' = (sin α / ρ, ρ cos α)} and {@code u'' = (2 sin α cos α sin φ / ρ², −sin φ)}, so
 * {@code u' × u'' = −sin α sin φ (1 + 2 cos² α) / ρ}. For any smooth curve, the area between the
 * arc of length L and its chord, expanded about the arc's midpoint, is
 * {@code (u' × u'') L³/12 + (u' × u'''' − u'' × u''') L⁵/480 + O(L⁷)} (the even orders cancel).
 * With {@code L sin α = ρ Δλ} and {@code L cos α = M Δφ} at the midpoint the leading term is
 * {@code −sin φ · Δλ · ((ρ Δλ)² + 3 (M Δφ)²) / 12}. Dropping the L⁵ term and taking the midpoint
 * of the chord for that of the arc both err by a fraction of order (L/R)² of the lens, itself of
 * order L³/R, and these errors largely cancel around a ring: on random rings with edges up to
 * 5 km the result stays within a tenth of 1e-9 relative + 1e-3 m² of GeographicLib (whose own
 * rounding on a 10 m ring is about 1e-4 m²). Rings with longer edges, near a pole or across the
 * antimeridian are left to GeographicLib ({@link #areaSqm} answers NaN).
 *
 * <p>Cost: one sine, cosine and logarithm per vertex, no iteration; about 20 times faster than
 * {@code PolygonArea} per vertex.
 */
final class EqualAreaRing {
    private static final double A = 6_378_137.0;
    private static final double F = 1 / 298.257223563;
    private static final double E2 = F * (2 - F);
    private static final double E = Math.sqrt(E2);
    private static final double HALF_A2_1ME2 = A * A * (1 - E2) / 2;
    private static final double A_1ME2 = A * (1 - E2);
    private static final double RAD = Math.PI / 180;

    /** Longest edge measured here, m; rings with a longer edge go to GeographicLib. */
    static final double MAX_EDGE_M = 5_000;
    /** Highest latitude measured here, degrees. */
    static final double MAX_ABS_LAT = 80;

    private EqualAreaRing() {
    }

    /**
     * The absolute geodesic area of a closed ring (last coordinate = first), in m², or NaN when
     * the ring is not of survey size (see the class comment) and needs the general algorithm.
     */
    static double areaSqm(Coordinate[] ring) {
        return Math.abs(signedAreaSqm(ring));
    }

    /**
     * As {@link #areaSqm}, signed: positive when the ring runs counter-clockwise (seen from above,
     * x east, y north). The area is a sum of one term per edge, each a function of the edge's two
     * ends only, so splitting a ring's edges adds exactly the signed area of the thin polygons
     * between each edge and its pieces.
     */
    static double signedAreaSqm(Coordinate[] ring) {
        int n = ring.length - 1;
        double lon0 = ring[0].x;
        double y0 = 0;
        double prevX = 0;
        double prevZ = 0;
        double prevLat = 0;
        double prevSin = 0;
        double prevCos = 0;
        double twiceChords = 0;
        double lenses = 0;
        for (int i = 0; i <= n; i++) {
            Coordinate c = ring[i];
            double lat = c.y;
            if (!(Math.abs(lat) <= MAX_ABS_LAT)) {
                return Double.NaN;
            }
            double phi = lat * RAD;
            double sin = Math.sin(phi);
            double cos = Math.cos(phi);
            double x = (c.x - lon0) * RAD;
            double y = authalicY(sin);
            if (i == 0) {
                y0 = y;
            } else {
                double z = y - y0;
                double dLambda = x - prevX;
                double dPhi = phi - prevLat;
                // sin and cos of the mid latitude from those of the ends: (sin a + sin b)/2 = sin m · cos((a−b)/2)
                double halfCos = 1 - dPhi * dPhi / 8 + dPhi * dPhi * dPhi * dPhi / 384;
                double sinM = (sin + prevSin) / (2 * halfCos);
                double cosM = (cos + prevCos) / (2 * halfCos);
                double w2 = 1 - E2 * sinM * sinM;
                double nRadius = A / Math.sqrt(w2);
                double east = nRadius * cosM * dLambda;
                double north = A_1ME2 / (w2 * Math.sqrt(w2)) * dPhi;
                double east2 = east * east;
                double north2 = north * north;
                if (!(east2 + north2 <= MAX_EDGE_M * MAX_EDGE_M)) {
                    return Double.NaN;
                }
                twiceChords += prevX * z - x * prevZ;
                lenses -= sinM * dLambda * (east2 + 3 * north2);
                prevZ = z;
            }
            prevX = x;
            prevLat = phi;
            prevSin = sin;
            prevCos = cos;
        }
        return twiceChords / 2 + lenses / 12;
    }

    /** Y(φ) of the class comment, m² per radian of longitude, from sin φ. */
    private static double authalicY(double sin) {
        double es = E * sin;
        // atanh(e·sin φ) / e
        double atanh = 0.5 * Math.log1p(2 * es / (1 - es)) / E;
        return HALF_A2_1ME2 * (sin / (1 - E2 * sin * sin) + atanh);
    }
}
