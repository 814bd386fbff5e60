package org.clearancemap.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.clearancemap.geo.GeodesicArea;
import org.clearancemap.geo.LocalFrame;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;

/**
 * Makes up the synthetic hazardous areas and land releases of one State Party: strike clusters
 * placed inside its territory, recorded, re-surveyed, retired and released over the years from
 * its entry into force to {@link #END}.
 *
 * <p>Rules:
 * <ul>
 *   <li>Deterministic: the same State, entry-into-force date, territory and seed give the same
 *       dataset, to the last digit; the default seed comes from the ISO3 code and
 *       {@link #GENERATOR}. Nothing depends on today's date.</li>
 *   <li>Every polygon is valid and covered by the territory; areas are geodesic (m²).</li>
 *   <li>Hazards come in strike clusters of 2–8 footprints ({@link StrikeFootprint}) along a line,
 *       some overlapping; about 60 % are CHA, 40 % SHA; footprints longer than 1 km are CHA.
 *       About a third are recorded on the entry-into-force date (the baseline survey), the rest
 *       spread up to {@link #END}.</li>
 *   <li>About 3 % of hazards are re-surveyed: version 1 is valid until version 2 is recorded;
 *       version 2 is smaller, inside version 1, often upgraded from SHA to CHA. About 2 % are
 *       retired unreleased ({@code valid_until = retired_on}).</li>
 *   <li>Releases (cleared ≈ 50 %, reduced ≈ 30 %, cancelled ≈ 20 %) are completed after the
 *       hazard they release was recorded and on or before {@link #END}: some cover a whole hazard
 *       with a 1–3 m GPS jitter of its edge, some part of one (sometimes followed by a second,
 *       overlapping release with another method), some span two neighbouring hazards, some
 *       cancel a survey polygon larger than the hazard, and a few lie outside any hazard.</li>
 *   <li>At the demo size ({@link DemoSize#DEMO}) Germany and Chile get small programmes (30–60
 *       hazards), the others 150–250; at a fixed size every State gets that many hazards (fewer
 *       only when its territory has no room left), with the same proportions of everything
 *       else.</li>
 * </ul>
 */
public final class DemoGenerator {

    /** Names this generator and its version in attributes, seeds and upload checksums. */
    public static final String GENERATOR = "clearance-map demo v1";

    /** The last date anything happens in the demo dataset, so that it never changes. */
    public static final LocalDate END = LocalDate.of(2025, 12, 31);

    private static final Set<String> SMALL_PROGRAMMES = Set.of("DEU", "CHL");
    private static final double MIN_AREA_SQM = 100.0;
    private static final List<String> OPERATORS = List.of("Demo Operator A", "Demo Operator B", "Demo Operator C");
    private static final List<String> CONTAMINATION = List.of(
            "unexploded submunitions",
            "submunitions and strike fragments",
            "submunitions on the surface and buried",
            "submunitions, type not recorded",
            "dud submunitions in farmland",
            "submunitions along a road verge");
    private static final List<String> SHA_EVIDENCE = List.of(
            "community report of a strike",
            "historical strike record",
            "accident report nearby",
            "submunition reported by a farmer");
    private static final List<String> CHA_EVIDENCE = List.of(
            "submunitions found on the surface",
            "technical survey found submunitions",
            "EOD spot task found submunitions",
            "submunition remnants and tail fins found");
    private static final List<String> RETIRED_REASONS = List.of(
            "cancelled by re-survey",
            "duplicate record",
            "recorded in error");

    private final String iso3;
    private final LocalDate eifDate;
    private final MultiPolygon territory;
    private final PreparedGeometry preparedTerritory;
    private final SplittableRandom random;
    private final DemoSize size;
    private final GeometryFactory local = new GeometryFactory(new PrecisionModel(), 0);

    private final List<DemoHazard> hazards = new ArrayList<>();
    private final List<DemoRelease> releases = new ArrayList<>();
    private int hazardSequence;
    private int releaseSequence;

    /** A hazard as the release pass sees it: its current version, drawn in its cluster's frame. */
    private record Placed(String externalId, StrikeFootprint footprint, Polygon currentShape,
                          List<Polygon> allShapes, LocalDate currentSince, boolean retired) {
    }

    private record Cluster(LocalFrame frame, double lineBearingDeg, List<Placed> members) {
    }

    /** A generator of the demo dataset of State {@code iso3}, with the default seed {@link #seedOf(String)}. */
    public DemoGenerator(String iso3, LocalDate eifDate, MultiPolygon territory) {
        this(iso3, eifDate, territory, seedOf(iso3), DemoSize.DEMO);
    }

    /** A generator of a dataset of {@code size} for State {@code iso3}, with the default seed. */
    public DemoGenerator(String iso3, LocalDate eifDate, MultiPolygon territory, DemoSize size) {
        this(iso3, eifDate, territory, seedOf(iso3), size);
    }

    public DemoGenerator(String iso3, LocalDate eifDate, MultiPolygon territory, long seed) {
        this(iso3, eifDate, territory, seed, DemoSize.DEMO);
    }

    public DemoGenerator(String iso3, LocalDate eifDate, MultiPolygon territory, long seed, DemoSize size) {
        this.iso3 = iso3;
        this.size = size;
        this.eifDate = eifDate;
        this.territory = territory;
        this.preparedTerritory = PreparedGeometryFactory.prepare(territory);
        this.random = new SplittableRandom(seed);
    }

    /** The default seed of a State: the first 8 bytes of SHA-256 of {@link #GENERATOR} and its ISO3. */
    public static long seedOf(String iso3) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((GENERATOR + "|" + iso3).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Generates the dataset; call once per generator. */
    public DemoDataset generate() {
        if (!hazards.isEmpty() || eifDate.isAfter(END)) {
            return new DemoDataset(iso3, hazards, releases);
        }
        // drawn at every size, so that a fixed size follows the demo's sequence of draws
        int programme = SMALL_PROGRAMMES.contains(iso3) ? random.nextInt(30, 61) : random.nextInt(150, 251);
        int target = size.isDemo() ? programme : size.hazardsPerState();
        int attempts = Math.max(5_000, 5 * target);
        List<Cluster> clusters = new ArrayList<>();
        for (int attempt = 0; attempt < attempts && hazardSequence < target; attempt++) {
            Coordinate centre = sampleCentre();
            if (centre == null) {
                break;
            }
            Cluster cluster = strikeCluster(new LocalFrame(centre.x, centre.y), target - hazardSequence);
            if (!cluster.members().isEmpty()) {
                clusters.add(cluster);
            }
        }
        for (Cluster cluster : clusters) {
            releaseCluster(cluster);
        }
        return new DemoDataset(iso3, hazards, releases);
    }

    // ---- hazards ---------------------------------------------------------------------------

    private Coordinate sampleCentre() {
        Envelope envelope = territory.getEnvelopeInternal();
        for (int tries = 0; tries < 10_000; tries++) {
            double lon = random.nextDouble(envelope.getMinX(), envelope.getMaxX());
            double lat = random.nextDouble(envelope.getMinY(), envelope.getMaxY());
            Coordinate centre = new Coordinate(lon, lat);
            if (preparedTerritory.contains(local.createPoint(centre))) {
                return centre;
            }
        }
        return null;
    }

    private Cluster strikeCluster(LocalFrame frame, int atMost) {
        double lineBearing = random.nextDouble(0.0, 180.0);
        int count = Math.min(random.nextInt(2, 9), atMost);
        LocalDate clusterDate = hazardRecordedOn();
        List<Placed> members = new ArrayList<>();
        double along = 0.0;
        double previousHalfLength = 0.0;
        for (int k = 0; k < count; k++) {
            double width = random.nextDouble(100.0, 400.0);
            boolean largeStrike = random.nextDouble() < 0.05;
            double length = largeStrike ? random.nextDouble(1_000.0, 2_000.0) : random.nextDouble(150.0, 1_000.0);
            length = Math.max(length, width * 1.1);
            if (k > 0) {
                along += (previousHalfLength + length / 2.0) * random.nextDouble(0.85, 1.8);
            }
            previousHalfLength = length / 2.0;
            double offset = random.nextDouble(-150.0, 150.0);
            double bearing = Math.toRadians(lineBearing);
            StrikeFootprint footprint = new StrikeFootprint(
                    along * Math.sin(bearing) + offset * Math.cos(bearing),
                    along * Math.cos(bearing) - offset * Math.sin(bearing),
                    width, length, lineBearing + random.nextDouble(-25.0, 25.0));
            Polygon shape = footprint.shape(local, random.nextInt(10, 61), random);
            MultiPolygon geom4326 = inTerritory(frame, shape);
            LocalDate recordedOn = earliest(clusterDate.plusDays(random.nextInt(0, 61)), END);
            String classification = largeStrike || random.nextDouble() < 0.6 ? "CHA" : "SHA";
            double fate = random.nextDouble();
            if (geom4326 == null) {
                continue;
            }
            members.add(hazard(footprint, shape, geom4326, recordedOn, classification, fate, frame));
        }
        return new Cluster(frame, lineBearing, members);
    }

    private Placed hazard(StrikeFootprint footprint, Polygon shape, MultiPolygon geom4326, LocalDate recordedOn,
                          String classification, double fate, LocalFrame frame) {
        String externalId = String.format(Locale.ROOT, "DEMO-%s-H-%05d", iso3, ++hazardSequence);
        String contamination = pick(CONTAMINATION);
        String evidence = pick(classification.equals("CHA") ? CHA_EVIDENCE : SHA_EVIDENCE);
        long daysLeft = ChronoUnit.DAYS.between(recordedOn, END);
        if (fate < 0.03 && daysLeft >= 120) {
            LocalDate resurveyedOn = recordedOn.plusDays(random.nextLong(60, daysLeft + 1));
            Polygon resurveyed = largestPolygon(shape.intersection(
                    footprint.scaled(random.nextDouble(0.6, 0.9)).shape(local, random.nextInt(10, 61), random)));
            String newClassification = classification.equals("SHA") && random.nextDouble() < 0.7 ? "CHA" : classification;
            MultiPolygon resurveyed4326 = resurveyed == null ? null : inTerritory(frame, resurveyed);
            if (resurveyed4326 != null) {
                hazards.add(new DemoHazard(externalId, 1, classification, recordedOn, resurveyedOn, null, null,
                        contamination, evidence, geom4326, GeodesicArea.ofSqm(geom4326)));
                hazards.add(new DemoHazard(externalId, 2, newClassification, resurveyedOn, null, null, null,
                        contamination, pick(CHA_EVIDENCE), resurveyed4326, GeodesicArea.ofSqm(resurveyed4326)));
                return new Placed(externalId, footprint, resurveyed, List.of(shape, resurveyed), resurveyedOn, false);
            }
        } else if (fate < 0.05 && daysLeft >= 60) {
            LocalDate retiredOn = recordedOn.plusDays(random.nextLong(30, daysLeft + 1));
            hazards.add(new DemoHazard(externalId, 1, classification, recordedOn, retiredOn, retiredOn,
                    pick(RETIRED_REASONS), contamination, evidence, geom4326, GeodesicArea.ofSqm(geom4326)));
            return new Placed(externalId, footprint, shape, List.of(shape), recordedOn, true);
        }
        hazards.add(new DemoHazard(externalId, 1, classification, recordedOn, null, null, null,
                contamination, evidence, geom4326, GeodesicArea.ofSqm(geom4326)));
        return new Placed(externalId, footprint, shape, List.of(shape), recordedOn, false);
    }

    private LocalDate hazardRecordedOn() {
        if (random.nextDouble() < 0.35) {
            return eifDate;
        }
        long days = ChronoUnit.DAYS.between(eifDate, END);
        return eifDate.plusDays(random.nextLong(0, days + 1));
    }

    // ---- releases --------------------------------------------------------------------------

    private void releaseCluster(Cluster cluster) {
        List<Placed> members = cluster.members();
        for (int i = 0; i < members.size(); i++) {
            Placed hazard = members.get(i);
            double kind = random.nextDouble();
            if (hazard.retired() || kind < 0.34) {
                continue;
            }
            if (kind < 0.56) {
                release(cluster.frame(), jittered(hazard.currentShape()), pickMethod(), hazard.currentSince(), hazard);
            } else if (kind < 0.88) {
                releaseInParts(cluster.frame(), hazard);
            } else if (kind < 0.95 && i + 1 < members.size() && !members.get(i + 1).retired()) {
                releaseAcross(cluster.frame(), hazard, members.get(i + 1));
            } else {
                Geometry surveyed = hazard.currentShape().buffer(random.nextDouble(15.0, 60.0), 4);
                release(cluster.frame(), surveyed, "cancelled", hazard.currentSince(), hazard);
            }
        }
        if (random.nextDouble() < 0.15) {
            releaseOutside(cluster);
        }
    }

    /** Part of a hazard, cut across its long axis; sometimes the rest follows with another method. */
    private void releaseInParts(LocalFrame frame, Placed hazard) {
        StrikeFootprint footprint = hazard.footprint();
        double span = footprint.lengthM() * 1.5;
        double cut = random.nextDouble(0.3, 0.8);
        String firstMethod = pickMethod();
        Geometry first = hazard.currentShape().intersection(strip(footprint, -span, -span + 2 * span * cut));
        DemoRelease firstRelease = release(frame, first, firstMethod, hazard.currentSince(), hazard);
        if (firstRelease != null && random.nextDouble() < 0.4) {
            double overlap = random.nextDouble(5.0, 20.0);
            String secondMethod = pickMethodOtherThan(firstMethod);
            Geometry rest = hazard.currentShape().intersection(strip(footprint, -span + 2 * span * cut - overlap, span));
            release(frame, rest, secondMethod, firstRelease.completedOn(), hazard);
        }
    }

    /** A release whose polygon spans two neighbouring hazards of a cluster. */
    private void releaseAcross(LocalFrame frame, Placed first, Placed second) {
        StrikeFootprint a = first.footprint();
        StrikeFootprint b = second.footprint();
        double east = b.eastM() - a.eastM();
        double north = b.northM() - a.northM();
        double distance = Math.hypot(east, north);
        StrikeFootprint across = new StrikeFootprint((a.eastM() + b.eastM()) / 2.0, (a.northM() + b.northM()) / 2.0,
                Math.min(a.widthM(), b.widthM()) * 0.8, distance + (a.lengthM() + b.lengthM()) / 4.0,
                Math.toDegrees(Math.atan2(east, north)));
        Polygon shape = across.shape(local, random.nextInt(16, 41), random);
        LocalDate after = first.currentSince().isAfter(second.currentSince()) ? first.currentSince() : second.currentSince();
        release(frame, shape, pickMethod(), after, first);
    }

    /** A release away from every hazard of its cluster (reported, never counted as progress). */
    private void releaseOutside(Cluster cluster) {
        double side = random.nextBoolean() ? 1.0 : -1.0;
        double offset = side * random.nextDouble(1_500.0, 3_000.0);
        double bearing = Math.toRadians(cluster.lineBearingDeg());
        double width = random.nextDouble(100.0, 300.0);
        StrikeFootprint footprint = new StrikeFootprint(offset * Math.cos(bearing), -offset * Math.sin(bearing),
                width, Math.max(width * 1.1, random.nextDouble(150.0, 600.0)), random.nextDouble(0.0, 180.0));
        Polygon shape = footprint.shape(local, random.nextInt(10, 41), random);
        for (Placed hazard : cluster.members()) {
            for (Polygon hazardShape : hazard.allShapes()) {
                if (hazardShape.intersects(shape)) {
                    return;
                }
            }
        }
        long days = ChronoUnit.DAYS.between(eifDate, END);
        LocalDate completedOn = eifDate.plusDays(random.nextLong(0, days + 1));
        add(cluster.frame(), shape, pickMethod(), completedOn, null);
    }

    private DemoRelease release(LocalFrame frame, Geometry shape, String method, LocalDate after, Placed hazard) {
        long daysLeft = ChronoUnit.DAYS.between(after, END);
        if (daysLeft < 1) {
            return null;
        }
        LocalDate completedOn = after.plusDays(random.nextLong(1, daysLeft + 1));
        return add(frame, shape, method, completedOn, hazard.externalId());
    }

    private DemoRelease add(LocalFrame frame, Geometry shape, String method, LocalDate completedOn,
                            String hazardExternalId) {
        String operator = pick(OPERATORS);
        Integer itemsDestroyed = method.equals("cleared") ? (int) Math.round(300.0 * Math.pow(random.nextDouble(), 2.0)) : null;
        MultiPolygon geom4326 = inTerritory(frame, shape);
        if (geom4326 == null) {
            return null;
        }
        String externalId = String.format(Locale.ROOT, "DEMO-%s-R-%05d", iso3, ++releaseSequence);
        DemoRelease release = new DemoRelease(externalId, method, completedOn, operator, itemsDestroyed,
                hazardExternalId, geom4326, GeodesicArea.ofSqm(geom4326));
        releases.add(release);
        return release;
    }

    // ---- shapes ----------------------------------------------------------------------------

    /** The hazard's edge as a survey team walks it again: each vertex 1–3 m off, any direction. */
    private Polygon jittered(Polygon shape) {
        Coordinate[] ring = shape.getExteriorRing().getCoordinates();
        Coordinate[] moved = new Coordinate[ring.length];
        for (int i = 0; i < ring.length - 1; i++) {
            double distance = random.nextDouble(1.0, 3.0);
            double direction = random.nextDouble(0.0, 2.0 * Math.PI);
            moved[i] = new Coordinate(ring[i].x + distance * Math.sin(direction), ring[i].y + distance * Math.cos(direction));
        }
        moved[ring.length - 1] = moved[0].copy();
        return local.createPolygon(moved);
    }

    /** The band of the footprint's plane between {@code fromM} and {@code toM} along its long axis. */
    private Polygon strip(StrikeFootprint footprint, double fromM, double toM) {
        double across = footprint.widthM() * 2.0;
        Polygon band = local.createPolygon(new Coordinate[] {
            new Coordinate(-across, fromM), new Coordinate(across, fromM), new Coordinate(across, toM),
            new Coordinate(-across, toM), new Coordinate(-across, fromM)});
        // y is the long axis: turn it clockwise by the bearing, then move it to the centre
        AffineTransformation placement = AffineTransformation
                .rotationInstance(-Math.toRadians(footprint.bearingDeg()))
                .translate(footprint.eastM(), footprint.northM());
        return (Polygon) placement.transform(band);
    }

    /**
     * {@code shape} (local metres) mapped to lon/lat as a valid MultiPolygon covered by the
     * territory and of at least {@value #MIN_AREA_SQM} m², or null when it cannot be.
     */
    private MultiPolygon inTerritory(LocalFrame frame, Geometry shape) {
        if (shape == null || shape.isEmpty()) {
            return null;
        }
        MultiPolygon geom4326 = polygons(frame.toLonLat(shape));
        if (!new IsValidOp(geom4326).isValid()) {
            geom4326 = polygons(GeometryFixer.fix(geom4326));
            if (!new IsValidOp(geom4326).isValid()) {
                return null;
            }
        }
        if (geom4326.isEmpty() || !preparedTerritory.covers(geom4326) || GeodesicArea.ofSqm(geom4326) < MIN_AREA_SQM) {
            return null;
        }
        return geom4326;
    }

    private static MultiPolygon polygons(Geometry geometry) {
        List<Polygon> polygons = new ArrayList<>();
        collectPolygons(geometry, polygons);
        MultiPolygon multiPolygon = geometry.getFactory().createMultiPolygon(polygons.toArray(new Polygon[0]));
        multiPolygon.setSRID(geometry.getSRID());
        return multiPolygon;
    }

    private static void collectPolygons(Geometry geometry, List<Polygon> polygons) {
        if (geometry instanceof Polygon polygon) {
            if (!polygon.isEmpty()) {
                polygons.add(polygon);
            }
            return;
        }
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Geometry part = geometry.getGeometryN(i);
            if (part != geometry) {
                collectPolygons(part, polygons);
            }
        }
    }

    private static Polygon largestPolygon(Geometry geometry) {
        Polygon largest = null;
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            if (geometry.getGeometryN(i) instanceof Polygon polygon
                    && (largest == null || polygon.getArea() > largest.getArea())) {
                largest = polygon;
            }
        }
        return largest;
    }

    // ---- choices ---------------------------------------------------------------------------

    private String pickMethod() {
        double u = random.nextDouble();
        return u < 0.5 ? "cleared" : u < 0.8 ? "reduced" : "cancelled";
    }

    private String pickMethodOtherThan(String method) {
        String other = pickMethod();
        return other.equals(method) ? (method.equals("cleared") ? "reduced" : "cleared") : other;
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
