package org.clearancemap.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The territories of States, from Natural Earth's 1:50m country boundaries (the npm package
 * {@code world-atlas} 2.0.2, TopoJSON, public domain), keyed by ISO 3166-1 alpha-3 code.
 *
 * <p>Rules:
 * <ul>
 *   <li>The boundaries come from the classpath resource {@value #RESOURCE}, object
 *       {@code countries}, whose features carry the ISO 3166-1 <em>numeric</em> code as {@code id}
 *       (e.g. {@code "418"}) and a short name; {@link #numericCode} maps alpha-3 to numeric for
 *       the States listed in {@link #iso3Codes()}: the ten States Parties of the reference data
 *       and some other States Parties that have had cluster-munition remnants.</li>
 *   <li>A territory is a MultiPolygon in lon/lat (EPSG:4326): all parts of the State, islands
 *       included.</li>
 *   <li>Somalia (706) is Natural Earth's "Somalia" together with its "Somaliland" (a feature with
 *       no code): the State Party is the internationally recognised State, which includes it.</li>
 *   <li>A State not in the table, or without a feature in the file, has no territory
 *       ({@link Optional#empty()}).</li>
 *   <li>Boundaries are coarse (about 1 km): good for placing and checking synthetic data, not for
 *       deciding what is in a State.</li>
 * </ul>
 *
 * <p>Instances are immutable. {@link #naturalEarth()} loads the bundled file once, on first use,
 * and shares it between threads.
 */
public final class Territories {

    /** Where the Natural Earth boundaries are on the classpath. */
    public static final String RESOURCE = "/territories/countries-50m.json";

    /** How one alpha-3 code is found in the file: its numeric code and features named otherwise. */
    private record Code(String numeric, List<String> alsoNamed) {
    }

    private static final Map<String, Code> CODES = codes();

    private static final Object LOCK = new Object();
    private static volatile Territories naturalEarth;

    private final Map<String, MultiPolygon> byIso3;

    private Territories(Map<String, MultiPolygon> byIso3) {
        this.byIso3 = Map.copyOf(byIso3);
    }

    /** The bundled Natural Earth territories, read on first call and shared afterwards. */
    public static Territories naturalEarth() {
        Territories loaded = naturalEarth;
        if (loaded == null) {
            synchronized (LOCK) {
                loaded = naturalEarth;
                if (loaded == null) {
                    loaded = fromResource(RESOURCE);
                    naturalEarth = loaded;
                }
            }
        }
        return loaded;
    }

    /** The territories in a TopoJSON classpath resource laid out like world-atlas's countries files. */
    public static Territories fromResource(String resource) {
        try (InputStream in = Territories.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("territory boundaries not on the classpath: " + resource);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read territory boundaries " + resource, e);
        }
    }

    /** The territories in a TopoJSON topology laid out like world-atlas's countries files. */
    public static Territories read(InputStream in) throws IOException {
        List<TopoJson.Feature> features = TopoJson.read(in, "countries");
        Map<String, MultiPolygon> byIso3 = new LinkedHashMap<>();
        for (Map.Entry<String, Code> entry : CODES.entrySet()) {
            List<Geometry> parts = new ArrayList<>();
            for (TopoJson.Feature feature : features) {
                if (entry.getValue().numeric().equals(feature.id())
                        || (feature.id() == null && entry.getValue().alsoNamed().contains(feature.name()))) {
                    parts.add(feature.geom4326());
                }
            }
            if (!parts.isEmpty()) {
                byIso3.put(entry.getKey(), combined(parts));
            }
        }
        return new Territories(byIso3);
    }

    private static MultiPolygon combined(List<Geometry> parts) {
        if (parts.size() == 1) {
            return (MultiPolygon) parts.get(0);
        }
        Geometry union = UnaryUnionOp.union(parts);
        MultiPolygon territory = TopoJson.asMultiPolygon(union);
        territory.setSRID(4326);
        return territory;
    }

    /** The territory of the State with ISO 3166-1 alpha-3 code {@code iso3} (any case). */
    public Optional<MultiPolygon> territory(String iso3) {
        return iso3 == null ? Optional.empty() : Optional.ofNullable(byIso3.get(iso3.toUpperCase(Locale.ROOT)));
    }

    /** The alpha-3 codes that have a territory here. */
    public Set<String> iso3Codes() {
        return byIso3.keySet();
    }

    /** The ISO 3166-1 numeric code (three digits, e.g. {@code "418"}) of an alpha-3 code this class knows. */
    public static Optional<String> numericCode(String iso3) {
        Code code = iso3 == null ? null : CODES.get(iso3.toUpperCase(Locale.ROOT));
        return code == null ? Optional.empty() : Optional.of(code.numeric());
    }

    private static Map<String, Code> codes() {
        Map<String, Code> codes = new LinkedHashMap<>();
        // the ten States Parties of src/main/resources/reference/state_parties.csv
        codes.put("AFG", new Code("004", List.of()));
        codes.put("TCD", new Code("148", List.of()));
        codes.put("CHL", new Code("152", List.of()));
        codes.put("DEU", new Code("276", List.of()));
        codes.put("IRQ", new Code("368", List.of()));
        codes.put("LAO", new Code("418", List.of()));
        codes.put("LBN", new Code("422", List.of()));
        codes.put("MRT", new Code("478", List.of()));
        codes.put("SOM", new Code("706", List.of("Somaliland")));
        codes.put("SSD", new Code("728", List.of()));
        // other States Parties that have reported cluster-munition remnants
        codes.put("ALB", new Code("008", List.of()));
        codes.put("BIH", new Code("070", List.of()));
        codes.put("COL", new Code("170", List.of()));
        codes.put("COG", new Code("178", List.of()));
        codes.put("HRV", new Code("191", List.of()));
        codes.put("GRD", new Code("308", List.of()));
        codes.put("MNE", new Code("499", List.of()));
        codes.put("MOZ", new Code("508", List.of()));
        codes.put("NOR", new Code("578", List.of()));
        codes.put("GNB", new Code("624", List.of()));
        codes.put("GBR", new Code("826", List.of()));
        codes.put("ZMB", new Code("894", List.of()));
        return Map.copyOf(codes);
    }
}
