package org.clearancemap.progress.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * A deterministic synthetic dataset for the progress benchmark: per State Party, {@code hazards}
 * hazard versions and {@code releases} releases in a square of 40 km per 1,000 hazards' worth of
 * density (40 km for M, 126 km for L), plus a 5 km strip beside it for releases outside hazards.
 *
 * <p>Hazards are irregular star-shaped polygons of 10–60 vertices and 40–250 m radius, about 10 %
 * overlapping a neighbour, about 5 % with a hole, about 60 % CHA, recorded 2010–2024; about 2 % are
 * re-surveyed (version 2, smaller) and 1 % retired. Releases (cleared 50 %, reduced 30 %,
 * cancelled 20 %), completed after their hazard was recorded and by 2025: about half follow a
 * whole hazard's edge with 1–3 m of GPS jitter, a quarter release part of one, a sixth span two
 * neighbouring hazards, the rest lie outside any hazard. Same size and seed, same data.
 */
public final class BenchmarkDataset {
    private static final GeometryFactory LON_LAT = new GeometryFactory();
    private static final LocalDate FIRST = LocalDate.of(2010, 1, 1);
    private static final int DAYS_RECORDED = 15 * 365;
    private static final LocalDate LAST_RELEASE = LocalDate.of(2025, 12, 31);
    private static final String[] METHODS = {"cleared", "reduced", "cancelled"};

    /** One hazard version to insert. */
    public record Hazard(String iso3, String externalId, int version, String classification, LocalDate recordedOn,
                         LocalDate validUntil, LocalDate retiredOn, MultiPolygon geom4326) {
    }

    /** One release to insert. */
    public record Release(String iso3, String externalId, String method, LocalDate completedOn, MultiPolygon geom4326) {
    }

    private final List<Hazard> hazards = new ArrayList<>();
    private final List<Release> releases = new ArrayList<>();

    public List<Hazard> hazards() {
        return hazards;
    }

    public List<Release> releases() {
        return releases;
    }

    /** The dataset for the given States Parties (centres spread 2° apart from 100°E 10°N). */
    public static BenchmarkDataset generate(List<String> iso3s, int hazardsPerState, int releasesPerState, long seed) {
        BenchmarkDataset d = new BenchmarkDataset();
        for (int s = 0; s < iso3s.size(); s++) {
            d.generateState(iso3s.get(s), 100.0 + 2.0 * (s % 5), 10.0 + 2.0 * (s / 5), hazardsPerState,
                    releasesPerState, new SplittableRandom(seed * 31 + s));
        }
        return d;
    }

    /** The dataset of one State Party, placed as the {@code index}-th of {@link #generate}. */
    public static BenchmarkDataset generateOne(String iso3, int index, int hazards, int releases, long seed) {
        BenchmarkDataset d = new BenchmarkDataset();
        d.generateState(iso3, 100.0 + 2.0 * (index % 5), 10.0 + 2.0 * (index / 5), hazards, releases,
                new SplittableRandom(seed));
        return d;
    }

    private record Site(double x, double y, double radius, LocalDate recordedOn, Polygon shape, int neighbour) {
    }

    private void generateState(String iso3, double lon0, double lat0, int nHazards, int nReleases, SplittableRandom rnd) {
        // the area grows with the count, so that every size has the same density as M in 40 km x 40 km
        double side = 40_000 * Math.sqrt(Math.max(nHazards, 1_000) / 1_000.0);
        double mx = 111_320.0 * Math.cos(Math.toRadians(lat0));
        double my = 110_574.0;
        Frame frame = new Frame(lon0, lat0, mx, my);
        List<Site> sites = new ArrayList<>();
        int versions = 0;
        int h = 0;
        while (versions < nHazards) {
            double radius = 40 + rnd.nextDouble() * 210;
            double x;
            double y;
            int neighbour = -1;
            if (!sites.isEmpty() && rnd.nextDouble() < 0.10) {
                neighbour = rnd.nextInt(sites.size());
                Site near = sites.get(neighbour);
                double a = rnd.nextDouble() * 2 * Math.PI;
                double dist = (near.radius() + radius) * 0.7;
                x = near.x() + dist * Math.cos(a);
                y = near.y() + dist * Math.sin(a);
            } else {
                x = rnd.nextDouble() * side;
                y = rnd.nextDouble() * side;
            }
            int vertices = 10 + rnd.nextInt(51);
            Polygon shape = star(frame, x, y, radius, vertices, rnd, rnd.nextDouble() < 0.05);
            LocalDate recorded = FIRST.plusDays(rnd.nextInt(DAYS_RECORDED));
            String cls = rnd.nextDouble() < 0.6 ? "CHA" : "SHA";
            String id = iso3 + "-H" + (h++);
            double fate = rnd.nextDouble();
            if (fate < 0.02 && versions + 2 <= nHazards) {
                LocalDate resurveyed = recorded.plusDays(30 + rnd.nextInt(700));
                Polygon smaller = star(frame, x, y, radius * 0.8, vertices, rnd, false);
                hazards.add(new Hazard(iso3, id, 1, "SHA", recorded, resurveyed, null, multi(shape)));
                hazards.add(new Hazard(iso3, id, 2, "CHA", resurveyed, null, null, multi(smaller)));
                versions += 2;
                sites.add(new Site(x, y, radius * 0.8, resurveyed, smaller, neighbour));
                continue;
            }
            if (fate < 0.03) {
                LocalDate retired = recorded.plusDays(30 + rnd.nextInt(700));
                hazards.add(new Hazard(iso3, id, 1, cls, recorded, retired, retired, multi(shape)));
            } else {
                hazards.add(new Hazard(iso3, id, 1, cls, recorded, null, null, multi(shape)));
            }
            versions++;
            sites.add(new Site(x, y, radius, recorded, shape, neighbour));
        }
        for (int r = 0; r < nReleases; r++) {
            String method = METHODS[pick(rnd)];
            double kind = rnd.nextDouble();
            Site site = sites.get(rnd.nextInt(sites.size()));
            LocalDate completed = after(site.recordedOn(), rnd);
            Polygon shape;
            if (kind < 0.5) {
                shape = jittered(frame, site.shape(), rnd);
            } else if (kind < 0.75) {
                double a = rnd.nextDouble() * 2 * Math.PI;
                shape = star(frame, site.x() + 0.4 * site.radius() * Math.cos(a), site.y() + 0.4 * site.radius() * Math.sin(a),
                        site.radius() * 0.5, 10 + rnd.nextInt(30), rnd, false);
            } else if (kind < 0.92) {
                // a release across a hazard and its overlapping neighbour
                List<Site> paired = sites.stream().filter(x -> x.neighbour() >= 0).toList();
                site = paired.isEmpty() ? site : paired.get(rnd.nextInt(paired.size()));
                Site other = site.neighbour() >= 0 ? sites.get(site.neighbour()) : site;
                double cx = (site.x() + other.x()) / 2;
                double cy = (site.y() + other.y()) / 2;
                double reach = Math.hypot(site.x() - other.x(), site.y() - other.y()) / 2 + 0.3 * site.radius();
                shape = star(frame, cx, cy, reach, 12 + rnd.nextInt(30), rnd, false);
                completed = after(other.recordedOn().isAfter(site.recordedOn()) ? other.recordedOn() : site.recordedOn(), rnd);
            } else {
                shape = star(frame, rnd.nextDouble() * side, side + 1_000 + rnd.nextDouble() * 4_000, 30 + rnd.nextDouble() * 150,
                        10 + rnd.nextInt(30), rnd, false);
                completed = FIRST.plusDays(rnd.nextInt(DAYS_RECORDED));
            }
            releases.add(new Release(iso3, iso3 + "-R" + r, method, completed, multi(shape)));
        }
    }

    private static int pick(SplittableRandom rnd) {
        double p = rnd.nextDouble();
        return p < 0.5 ? 0 : p < 0.8 ? 1 : 2;
    }

    private static LocalDate after(LocalDate recorded, SplittableRandom rnd) {
        long room = java.time.temporal.ChronoUnit.DAYS.between(recorded, LAST_RELEASE);
        return recorded.plusDays(room <= 1 ? 0 : 1 + rnd.nextLong(room));
    }

    private record Frame(double lon0, double lat0, double mx, double my) {
        Coordinate lonLat(double x, double y) {
            return new Coordinate(Math.round((lon0 + x / mx) * 1e8) / 1e8, Math.round((lat0 + y / my) * 1e8) / 1e8);
        }

        double x(Coordinate c) {
            return (c.x - lon0) * mx;
        }

        double y(Coordinate c) {
            return (c.y - lat0) * my;
        }
    }

    private static Polygon star(Frame f, double x, double y, double radius, int vertices, SplittableRandom rnd,
                                boolean hole) {
        LinearRing shell = ring(f, x, y, radius, vertices, rnd, 0.65);
        if (!hole) {
            return LON_LAT.createPolygon(shell);
        }
        LinearRing inner = ring(f, x, y, radius * 0.25, 8, rnd, 0.9);
        return LON_LAT.createPolygon(shell, new LinearRing[] {inner});
    }

    private static LinearRing ring(Frame f, double x, double y, double radius, int vertices, SplittableRandom rnd,
                                   double minFactor) {
        Coordinate[] cs = new Coordinate[vertices + 1];
        double offset = rnd.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < vertices; i++) {
            double a = offset + 2 * Math.PI * i / vertices;
            double r = radius * (minFactor + (1 - minFactor) * rnd.nextDouble());
            cs[i] = f.lonLat(x + r * Math.cos(a), y + r * Math.sin(a));
        }
        cs[vertices] = cs[0];
        return LON_LAT.createLinearRing(cs);
    }

    /** The outer edge of a hazard re-digitised: every vertex moved 1–3 m in a random direction. */
    private static Polygon jittered(Frame f, Polygon hazard, SplittableRandom rnd) {
        Coordinate[] cs = hazard.getExteriorRing().getCoordinates();
        Coordinate[] out = new Coordinate[cs.length];
        for (int i = 0; i < cs.length - 1; i++) {
            double a = rnd.nextDouble() * 2 * Math.PI;
            double d = 1 + 2 * rnd.nextDouble();
            out[i] = f.lonLat(f.x(cs[i]) + d * Math.cos(a), f.y(cs[i]) + d * Math.sin(a));
        }
        out[cs.length - 1] = out[0];
        Polygon p = LON_LAT.createPolygon(out);
        if (!p.isValid()) {
            return (Polygon) org.locationtech.jts.geom.util.GeometryFixer.fix(p).getGeometryN(0);
        }
        return p;
    }

    private static MultiPolygon multi(Polygon p) {
        MultiPolygon m = LON_LAT.createMultiPolygon(new Polygon[] {p});
        m.setSRID(4326);
        return m;
    }
}
