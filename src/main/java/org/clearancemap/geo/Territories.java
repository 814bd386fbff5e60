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
 *       every country of ISO 3166-1.</li>
 *   <li>A territory is a MultiPolygon in lon/lat (EPSG:4326): all parts of the State, islands
 *       included.</li>
 *   <li>Somalia (706) is Natural Earth's "Somalia" together with its "Somaliland" (a feature with
 *       no code): the State Party is the internationally recognised State, which includes it.
 *       {@link #outline} names the same features for the map page.</li>
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

    /**
     * ISO 3166-1 alpha-3 followed by numeric, for every country (from Debian iso-codes 4.15): the
     * whole table, so that a State Party added later has its territory too.
     */
    private static final String ISO_3166 = """
            ABW533 AFG004 AGO024 AIA660 ALA248 ALB008 AND020 ARE784 ARG032 ARM051 ASM016 ATA010 ATF260
            ATG028 AUS036 AUT040 AZE031 BDI108 BEL056 BEN204 BES535 BFA854 BGD050 BGR100 BHR048 BHS044
            BIH070 BLM652 BLR112 BLZ084 BMU060 BOL068 BRA076 BRB052 BRN096 BTN064 BVT074 BWA072 CAF140
            CAN124 CCK166 CHE756 CHL152 CHN156 CIV384 CMR120 COD180 COG178 COK184 COL170 COM174 CPV132
            CRI188 CUB192 CUW531 CXR162 CYM136 CYP196 CZE203 DEU276 DJI262 DMA212 DNK208 DOM214 DZA012
            ECU218 EGY818 ERI232 ESH732 ESP724 EST233 ETH231 FIN246 FJI242 FLK238 FRA250 FRO234 FSM583
            GAB266 GBR826 GEO268 GGY831 GHA288 GIB292 GIN324 GLP312 GMB270 GNB624 GNQ226 GRC300 GRD308
            GRL304 GTM320 GUF254 GUM316 GUY328 HKG344 HMD334 HND340 HRV191 HTI332 HUN348 IDN360 IMN833
            IND356 IOT086 IRL372 IRN364 IRQ368 ISL352 ISR376 ITA380 JAM388 JEY832 JOR400 JPN392 KAZ398
            KEN404 KGZ417 KHM116 KIR296 KNA659 KOR410 KWT414 LAO418 LBN422 LBR430 LBY434 LCA662 LIE438
            LKA144 LSO426 LTU440 LUX442 LVA428 MAC446 MAF663 MAR504 MCO492 MDA498 MDG450 MDV462 MEX484
            MHL584 MKD807 MLI466 MLT470 MMR104 MNE499 MNG496 MNP580 MOZ508 MRT478 MSR500 MTQ474 MUS480
            MWI454 MYS458 MYT175 NAM516 NCL540 NER562 NFK574 NGA566 NIC558 NIU570 NLD528 NOR578 NPL524
            NRU520 NZL554 OMN512 PAK586 PAN591 PCN612 PER604 PHL608 PLW585 PNG598 POL616 PRI630 PRK408
            PRT620 PRY600 PSE275 PYF258 QAT634 REU638 ROU642 RUS643 RWA646 SAU682 SDN729 SEN686 SGP702
            SGS239 SHN654 SJM744 SLB090 SLE694 SLV222 SMR674 SOM706 SPM666 SRB688 SSD728 STP678 SUR740
            SVK703 SVN705 SWE752 SWZ748 SXM534 SYC690 SYR760 TCA796 TCD148 TGO768 THA764 TJK762 TKL772
            TKM795 TLS626 TON776 TTO780 TUN788 TUR792 TUV798 TWN158 TZA834 UGA800 UKR804 UMI581 URY858
            USA840 UZB860 VAT336 VCT670 VEN862 VGB092 VIR850 VNM704 VUT548 WLF876 WSM882 YEM887 ZAF710
            ZMB894 ZWE716
            """;

    /** Natural Earth features without a code that belong to a State's territory, by the State's alpha-3 code. */
    private static final Map<String, List<String>> ALSO_NAMED = Map.of("SOM", List.of("Somaliland"));

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

    /**
     * What a map page draws as the outline of a State from world-atlas's countries file: the
     * features with one of {@code ids} (ISO 3166-1 numeric) or, having none, one of {@code names}.
     * Both lists are empty for a code not in ISO 3166-1.
     */
    public record Outline(List<String> ids, List<String> names) {
        public Outline {
            ids = List.copyOf(ids);
            names = List.copyOf(names);
        }
    }

    /** The outline of the State with ISO 3166-1 alpha-3 code {@code iso3} (any case); never null. */
    public static Outline outline(String iso3) {
        Code code = iso3 == null ? null : CODES.get(iso3.toUpperCase(Locale.ROOT));
        return code == null ? new Outline(List.of(), List.of()) : new Outline(List.of(code.numeric()), code.alsoNamed());
    }

    private static Map<String, Code> codes() {
        Map<String, Code> codes = new LinkedHashMap<>();
        for (String entry : ISO_3166.trim().split("\\s+")) {
            String iso3 = entry.substring(0, 3);
            codes.put(iso3, new Code(entry.substring(3), ALSO_NAMED.getOrDefault(iso3, List.of())));
        }
        return Map.copyOf(codes);
    }
}
