package org.clearancemap.ogc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;
import org.clearancemap.geo.GeoJsonGeometry;
import org.clearancemap.land.Extent;
import org.clearancemap.land.FeaturePage;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.stateparty.Standing;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * The {@code remaining} collection: one feature per State Party with land remaining on a date, its
 * geometry the remaining land of the area engine ({@link ProgressCache#remainingOn}: H(D) − R(D)
 * in DESIGN.md, slivers left out), the same geometry and figures as
 * {@code GET /api/state-parties/{iso3}/remaining}. Cached with the figures and forgotten with them
 * when anything of the State Party is written.
 *
 * <p>Filters run on the computed features: {@code state_party} and {@code bbox} (the geometry
 * intersects the box, two boxes across the antimeridian) in Java, a CQL2 filter (whose only
 * queryable is {@code state_party}) in PostGIS over the State Parties' codes.
 */
public final class RemainingAreas {
    /** A CQL2 condition on {@code iso3} applied to a list of codes. Formatted with the condition. */
    private static final String CODES_MATCHING = "SELECT iso3 FROM unnest(?::text[]) AS t(iso3) WHERE %s";
    private static final GeometryFactory LON_LAT = new GeometryFactory(new PrecisionModel(), 4326);
    private static final double WEB_MERCATOR_RADIUS = 6378137.0;
    private static final double WEB_MERCATOR_MAX_LAT = 85.0511287798066;

    /** A State Party's remaining land, or the part of it inside a tile. */
    public record Land(String iso3, Geometry geometry) {
    }

    private final ProgressCache progress;
    private final StatePartyRepository stateParties;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;

    public RemainingAreas(ProgressCache progress, StatePartyRepository stateParties, DataSource dataSource, ObjectMapper json,
            Clock clock) {
        this.progress = progress;
        this.stateParties = stateParties;
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
    }

    /** A page of the State Parties with land remaining on {@code asOf}, ordered by ISO3 code, in the query's CRS. */
    public FeaturePage page(ItemsQuery query, LocalDate asOf) {
        List<StateParty> candidates = new ArrayList<>(stateParties.findAll());
        candidates.sort(Comparator.comparing(StateParty::iso3));
        String only = query.filters().get(PropertyFilter.STATE_PARTY);
        if (only != null) {
            candidates.removeIf(s -> !s.iso3().equals(only));
        }
        if (query.filter() != null) {
            Set<String> kept = matching(candidates.stream().map(StateParty::iso3).toList(), query.filter());
            candidates.removeIf(s -> !kept.contains(s.iso3()));
        }
        List<StateParty> matched = new ArrayList<>();
        for (StateParty s : candidates) {
            Geometry land = progress.remainingOn(s.iso3(), asOf);
            if (!land.isEmpty() && intersects(land, query.bbox())) {
                matched.add(s);
            }
        }
        var features = new ArrayList<byte[]>();
        long end = Math.min(matched.size(), query.offset() + query.limit());
        for (long i = query.offset(); i < end; i++) {
            features.add(feature(matched.get((int) i), asOf, query.crs()));
        }
        return new FeaturePage(features, matched.size());
    }

    /** The remaining land of one State Party on {@code asOf}, written in {@code crs}, if it has any. */
    public Optional<String> one(String iso3, LocalDate asOf, OutputCrs crs) {
        return stateParties.find(iso3)
                .filter(s -> !progress.remainingOn(s.iso3(), asOf).isEmpty())
                .map(s -> new String(feature(s, asOf, crs), StandardCharsets.UTF_8));
    }

    /** The bbox of today's remaining land (narrower across the antimeridian when that is narrower); null bbox when none. */
    public Extent extent() {
        LocalDate today = LocalDate.now(clock);
        Envelope plain = new Envelope();
        Envelope shifted = new Envelope();
        for (StateParty s : stateParties.findAll()) {
            Geometry land = progress.remainingOn(s.iso3(), today);
            for (int i = 0; i < land.getNumGeometries(); i++) {
                Envelope e = land.getGeometryN(i).getEnvelopeInternal();
                plain.expandToInclude(e);
                double shift = e.getMaxX() < 0 ? 360 : 0;
                shifted.expandToInclude(e.getMinX() + shift, e.getMinY());
                shifted.expandToInclude(e.getMaxX() + shift, e.getMaxY());
            }
        }
        if (plain.isNull()) {
            return new Extent(null, null, null);
        }
        double[] box = {plain.getMinX(), plain.getMinY(), plain.getMaxX(), plain.getMaxY()};
        return new Extent(Extent.narrower(box, shifted.getMinX(), shifted.getMaxX()), null, null);
    }

    /**
     * Every State Party's remaining land on {@code day} inside {@code box} (minLon, minLat, maxLon,
     * maxLat), clipped to it; the State Parties without land there are left out.
     */
    public List<Land> inside(double[] box, LocalDate day) {
        Envelope window = new Envelope(box[0], box[2], box[1], box[3]);
        Geometry rectangle = LON_LAT.toGeometry(window);
        var lands = new ArrayList<Land>();
        for (StateParty s : stateParties.findAll()) {
            Geometry land = progress.remainingOn(s.iso3(), day);
            if (land.isEmpty() || !land.getEnvelopeInternal().intersects(window)) {
                continue;
            }
            var pieces = new ArrayList<Polygon>();
            for (int i = 0; i < land.getNumGeometries(); i++) {
                Polygon p = (Polygon) land.getGeometryN(i);
                Envelope e = p.getEnvelopeInternal();
                if (!e.intersects(window)) {
                    continue;
                }
                Geometry clipped = window.contains(e) ? p : p.intersection(rectangle);
                for (int k = 0; k < clipped.getNumGeometries(); k++) {
                    if (clipped.getGeometryN(k) instanceof Polygon piece && !piece.isEmpty()) {
                        pieces.add(piece);
                    }
                }
            }
            if (!pieces.isEmpty()) {
                lands.add(new Land(s.iso3(), LON_LAT.createMultiPolygon(pieces.toArray(Polygon[]::new))));
            }
        }
        return lands;
    }

    /**
     * The feature's bytes: for today, written once per State Party and CRS and kept with the
     * figures; for other dates, written on each request (only the engine's geometry is kept).
     */
    private byte[] feature(StateParty s, LocalDate asOf, OutputCrs crs) {
        boolean today = asOf.equals(LocalDate.now(clock));
        if (!today) {
            return write(s, asOf, crs, false);
        }
        return progress.derived(s.iso3(), "ogc-feature " + crs.name(), asOf, () -> write(s, asOf, crs, true));
    }

    private byte[] write(StateParty s, LocalDate asOf, OutputCrs crs, boolean keep) {
        AreaFigures figures = progress.figuresOn(s.iso3(), asOf);
        var properties = new LinkedHashMap<String, Object>();
        properties.put("state_party", s.iso3());
        properties.put("name", s.name());
        properties.put("as_of", asOf.toString());
        properties.put("remaining_sqm", Standing.sqm(figures.remainingSqm()));
        properties.put("remaining_sha_sqm", Standing.sqm(figures.remainingShaSqm()));
        properties.put("remaining_cha_sqm", Standing.sqm(figures.remainingChaSqm()));
        properties.put("ignored_sliver_sqm", Standing.sqm(figures.ignoredSliverSqm()));
        try {
            return ("{\"type\":\"Feature\",\"id\":\"" + s.iso3() + "\",\"geometry\":" + geometry(s.iso3(), asOf, crs, keep)
                    + ",\"properties\":" + json.writeValueAsString(properties) + "}").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String geometry(String iso3, LocalDate asOf, OutputCrs crs, boolean keep) {
        return switch (crs) {
            case CRS84 -> progress.remainingGeoJson(iso3, asOf, keep);
            case EPSG_4326 -> GeoJsonGeometry.write(transformed(progress.remainingOn(iso3, asOf), false));
            case EPSG_3857 -> GeoJsonGeometry.write(transformed(progress.remainingOn(iso3, asOf), true), 2);
        };
    }

    /** A copy in latitude, longitude order, or in Web Mercator metres. */
    static Geometry transformed(Geometry lonLat, boolean webMercator) {
        Geometry copy = lonLat.copy();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                double lon = seq.getX(i);
                double lat = seq.getY(i);
                if (webMercator) {
                    double clamped = Math.max(-WEB_MERCATOR_MAX_LAT, Math.min(WEB_MERCATOR_MAX_LAT, lat));
                    seq.setOrdinate(i, Coordinate.X, Math.toRadians(lon) * WEB_MERCATOR_RADIUS);
                    seq.setOrdinate(i, Coordinate.Y,
                            Math.log(Math.tan(Math.PI / 4 + Math.toRadians(clamped) / 2)) * WEB_MERCATOR_RADIUS);
                } else {
                    seq.setOrdinate(i, Coordinate.X, lat);
                    seq.setOrdinate(i, Coordinate.Y, lon);
                }
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return copy;
    }

    /** Whether the land intersects the bbox (no bbox: true); a bbox with minLon &gt; maxLon is two boxes. */
    static boolean intersects(Geometry land, double[] box) {
        if (box == null) {
            return true;
        }
        if (box[0] <= box[2]) {
            return land.intersects(LON_LAT.toGeometry(new Envelope(box[0], box[2], box[1], box[3])));
        }
        return land.intersects(LON_LAT.toGeometry(new Envelope(box[0], 180, box[1], box[3])))
                || land.intersects(LON_LAT.toGeometry(new Envelope(-180, box[2], box[1], box[3])));
    }

    /** The codes among {@code codes} that satisfy the CQL2 filter, evaluated by PostGIS. */
    private Set<String> matching(List<String> codes, Cql2Filter filter) {
        Where where = new Where().cql(filter);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(CODES_MATCHING.formatted(where.sql()))) {
            Array array = c.createArrayOf("text", codes.toArray());
            ps.setArray(1, array);
            where.bind(ps, 2);
            var kept = new HashSet<String>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    kept.add(rs.getString(1));
                }
            }
            return kept;
        } catch (SQLException e) {
            throw new DataAccessException("filtering the remaining land", e);
        }
    }
}
