package org.clearancemap.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.geo.GeodesicArea;
import org.clearancemap.land.LandRepository;
import org.clearancemap.progress.AreaEngine;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.progress.YearlyBalance;
import org.clearancemap.report.Document.Column;
import org.clearancemap.report.Document.Figure;
import org.clearancemap.report.Document.Kind;
import org.clearancemap.report.Document.Section;
import org.clearancemap.report.Document.Table;
import org.clearancemap.stateparty.ReportedFigure;
import org.clearancemap.stateparty.Standing;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * The Article 7 clearance section for a calendar year (to today, for the current year):
 * <ul>
 *   <li>7(1)(h): the hazardous areas still contaminated at the period's end, with their size, the
 *       part not yet released and their location;</li>
 *   <li>7(1)(i): the areas released in the period (size, location, method, remnants destroyed) and
 *       the hazardous areas the period's releases left with nothing to release.</li>
 * </ul>
 * A hazardous area fully released before the period is in neither list.
 */
final class Article7Report {
    /**
     * A hazardous area with less than this left (m²) counts as fully released: below what a
     * document shows (whole m²), what remains is the overlay's rounding, not land.
     */
    static final double STILL_CONTAMINATED_MIN_SQM = 0.5;

    private final StatePartyRepository stateParties;
    private final LandRepository land;
    private final ProgressCache progress;
    private final Clock clock;

    Article7Report(StatePartyRepository stateParties, LandRepository land, ProgressCache progress, Clock clock) {
        this.stateParties = stateParties;
        this.land = land;
        this.progress = progress;
        this.clock = clock;
    }

    Document build(StateParty s, int year) {
        Instant producedAt = Instant.now(clock);
        LocalDate today = LocalDate.now(clock);
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = year == today.getYear() ? today : LocalDate.of(year, 12, 31);
        AreaEngine.Balance balance = progress.balanceBetween(s.iso3(), List.of(from.minusDays(1), to));
        AreaFigures end = balance.figures().get(1);
        YearlyBalance row = balance.rows().get(0);

        STRtree remainingAtEnd = pieces(progress.remainingOn(s.iso3(), to));
        STRtree remainingAtStart = null;
        var contaminated = new ArrayList<Map<String, Object>>();
        var contaminatedItems = new ArrayList<List<Object>>();
        var fullyReleased = new ArrayList<Map<String, Object>>();
        var fullyReleasedItems = new ArrayList<List<Object>>();
        int releasedBefore = 0;
        List<LandRepository.ListedHazard> hazards = land.listedHazards(s.iso3(), to);
        for (LandRepository.ListedHazard h : hazards) {
            double remainingSqm = within(h.geom4326(), remainingAtEnd);
            var m = new LinkedHashMap<String, Object>();
            m.put("externalId", h.externalId());
            m.put("version", h.version());
            m.put("classification", h.classification().key());
            m.put("recordedOn", h.recordedOn());
            m.put("contamination", h.contamination());
            m.put("admin1", h.admin1());
            m.put("admin2", h.admin2());
            m.put("areaSqm", Standing.sqm(h.areaSqm()));
            m.put("remainingSqm", Standing.sqm(remainingSqm));
            m.put("location", List.of(Formats.degrees(h.lon()), Formats.degrees(h.lat())));
            if (remainingSqm >= STILL_CONTAMINATED_MIN_SQM) {
                contaminated.add(m);
                contaminatedItems.add(Arrays.asList(h.externalId(), h.admin1(), h.admin2(),
                        TreatyWords.classification(h.classification()), h.recordedOn(), h.contamination(), h.areaSqm(),
                        remainingSqm, remainingSqm, h.lon(), h.lat()));
                continue;
            }
            if (!h.recordedOn().isBefore(from)) {
                m.remove("remainingSqm");
            } else {
                if (remainingAtStart == null) {
                    remainingAtStart = pieces(progress.remainingOn(s.iso3(), from.minusDays(1)));
                }
                if (within(h.geom4326(), remainingAtStart) < STILL_CONTAMINATED_MIN_SQM) {
                    releasedBefore++;
                    continue;
                }
                m.remove("remainingSqm");
            }
            fullyReleased.add(m);
            fullyReleasedItems.add(Arrays.asList(h.externalId(), h.admin1(), h.admin2(),
                    TreatyWords.classification(h.classification()), h.recordedOn(), h.areaSqm(), h.lon(), h.lat()));
        }

        var released = new ArrayList<Map<String, Object>>();
        var releasedItems = new ArrayList<List<Object>>();
        long items = 0;
        for (LandRepository.ListedRelease r : land.listedReleases(s.iso3(), from, to)) {
            var m = new LinkedHashMap<String, Object>();
            m.put("externalId", r.externalId());
            m.put("method", r.method().key());
            m.put("completedOn", r.completedOn());
            m.put("operator", r.operator());
            m.put("itemsDestroyed", r.itemsDestroyed());
            m.put("hazardExternalId", r.hazardExternalId());
            m.put("admin1", r.admin1());
            m.put("admin2", r.admin2());
            m.put("areaSqm", Standing.sqm(r.areaSqm()));
            m.put("location", List.of(Formats.degrees(r.lon()), Formats.degrees(r.lat())));
            released.add(m);
            items += r.itemsDestroyed() == null ? 0 : r.itemsDestroyed();
            releasedItems.add(Arrays.asList(r.externalId(), r.admin1(), r.admin2(), TreatyWords.method(r.method()),
                    r.completedOn(), r.operator(), r.itemsDestroyed() == null ? null : (long) r.itemsDestroyed(),
                    r.areaSqm(), r.areaSqm(), r.lon(), r.lat()));
        }
        List<ReportedFigure> reported = stateParties.reportedFigures(s.iso3()).stream().filter(f -> f.year() == year).toList();
        StatePartyRepository.Mapped mapped = stateParties.mapped().getOrDefault(s.iso3(), StatePartyRepository.Mapped.NONE);
        boolean synthetic = mapped.synthetic();

        var totals = new LinkedHashMap<String, Object>();
        totals.put("contaminatedSqm", Standing.sqm(end.footprintSqm()));
        totals.put("remainingSqm", Standing.sqm(end.remainingSqm()));
        totals.put("remainingByClass", Map.of("SHA", Standing.sqm(end.remainingShaSqm()), "CHA", Standing.sqm(end.remainingChaSqm())));
        totals.put("releasedInYearSqm", Standing.sqm(row.releasedSqm()));
        totals.put("releasedInYearByMethod", Map.of("cancelled", Standing.sqm(row.cancelledSqm()),
                "reduced", Standing.sqm(row.reducedSqm()), "cleared", Standing.sqm(row.clearedSqm())));
        totals.put("itemsDestroyed", items);

        String period = Formats.document(Kind.DATE, from) + " to " + Formats.document(Kind.DATE, to);
        Document.Provenance provenance = new Document.Provenance(to, producedAt, ReportParts.mappedBasis(
                mapped.hazardCount(), mapped.releaseCount()), ReportParts.sources(s, reported));
        var json = new LinkedHashMap<String, Object>();
        json.put("report", "article7");
        json.put("iso3", s.iso3());
        json.put("name", s.name());
        json.put("year", year);
        json.put("periodStart", from);
        json.put("periodEnd", to);
        ReportParts.putProvenance(json, provenance, synthetic);
        json.put("totals", totals);
        json.put("contaminatedAreas", contaminated);
        json.put("areasFullyReleased", fullyReleased);
        json.put("areasReleased", released);
        json.put("reportedFigures", reported);

        List<Column> contaminatedColumns = List.of(new Column("Classification", Kind.TEXT),
                new Column("Recorded on", Kind.DATE), new Column("Type of cluster munition remnants", Kind.TEXT),
                new Column("Size (km²)", Kind.KM2), new Column("Still contaminated (km²)", Kind.KM2),
                new Column("Still contaminated (m²)", Kind.SQM));
        List<Column> fullyReleasedColumns = List.of(new Column("Classification", Kind.TEXT),
                new Column("Recorded on", Kind.DATE), new Column("Size (km²)", Kind.KM2));
        List<Column> releasedColumns = List.of(new Column("Method", Kind.TEXT), new Column("Completed on", Kind.DATE),
                new Column("Operator", Kind.TEXT), new Column(TreatyWords.REMNANTS_DESTROYED, Kind.COUNT),
                new Column("Size (km²)", Kind.KM2), new Column("Size (m²)", Kind.SQM));

        List<Figure> h = List.of(
                Figure.of("Area still contaminated on " + Formats.document(Kind.DATE, to), Kind.KM2, end.remainingSqm()),
                Figure.partOf("of which confirmed hazardous area", Kind.KM2, end.remainingChaSqm()),
                Figure.partOf("of which suspected hazardous area", Kind.KM2, end.remainingShaSqm()),
                Figure.of("Hazardous areas still contaminated", Kind.COUNT, (long) contaminated.size()),
                Figure.of("Hazardous areas recorded, including land since released", Kind.KM2, end.footprintSqm()));
        List<Figure> i = List.of(
                Figure.of("Area released from " + period, Kind.KM2, row.releasedSqm()),
                Figure.partOf("of which cleared", Kind.KM2, row.clearedSqm()),
                Figure.partOf("of which reduced by technical survey", Kind.KM2, row.reducedSqm()),
                Figure.partOf("of which cancelled by non-technical survey", Kind.KM2, row.cancelledSqm()),
                Figure.of("Areas released", Kind.COUNT, (long) released.size()),
                Figure.of(TreatyWords.REMNANTS_DESTROYED, Kind.COUNT, items),
                Figure.of("Hazardous areas fully released in the period", Kind.COUNT, (long) fullyReleased.size()));
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("Article 7(1)(h): cluster munition contaminated areas", TreatyWords.ART_7_1_H, h,
                List.of(AdminGroups.table("contaminated-areas", "Hazardous areas still contaminated on "
                        + Formats.document(Kind.DATE, to), "Hazardous area", contaminatedColumns, contaminatedItems,
                        "No hazardous area is still contaminated.", 3, 4, 5))));
        sections.add(new Section("Article 7(1)(i): clearance and destruction", TreatyWords.ART_7_1_I, i, List.of(
                AdminGroups.table("areas-released", "Areas released from " + period, "Area released", releasedColumns,
                        releasedItems, "No area was released in the period.", 3, 4, 5),
                AdminGroups.table("hazardous-areas-fully-released", "Hazardous areas fully released in the period",
                        "Hazardous area", fullyReleasedColumns, fullyReleasedItems,
                        "No hazardous area was fully released in the period.", 2))));
        sections.add(ReportParts.reportedSection("Figures reported for " + year + " by the State Party or monitors", reported));

        List<String> notes = new ArrayList<>(List.of(ReportParts.MAPPED_NOTE,
                "Locations are a point inside each area (longitude and latitude, WGS 84, 5 decimals: about 1 m)."));
        double listedRemaining = contaminatedItems.stream().mapToDouble(x -> (Double) x.get(7)).sum();
        if (listedRemaining > end.remainingSqm() + 1) {
            notes.add("Some hazardous areas overlap: the table's total counts their shared land once per area, the area "
                    + "still contaminated counts it once.");
        }
        if (releasedBefore > 0) {
            notes.add(releasedBefore + " hazardous area" + (releasedBefore == 1 ? " was" : "s were")
                    + " fully released before the period and " + (releasedBefore == 1 ? "is" : "are") + " not listed.");
        }
        return new Document(s.iso3() + "-article7-" + year, "Article 7 report, clearance: " + s.name() + ", " + year,
                TreatyWords.CONVENTION + ", Article 7(1)(h) and (i); " + TreatyWords.STATE_PARTY + " " + s.name() + " ("
                        + s.iso3() + "); period " + period + ".", provenance, synthetic, sections, notes, json);
    }

    private static STRtree pieces(Geometry remaining) {
        STRtree tree = new STRtree();
        for (int i = 0; i < remaining.getNumGeometries(); i++) {
            tree.insert(remaining.getGeometryN(i).getEnvelopeInternal(), remaining.getGeometryN(i));
        }
        return tree;
    }

    /** The geodesic area of {@code hazard} that lies in the pieces. */
    private static double within(Geometry hazard, STRtree pieces) {
        double sqm = 0;
        for (Object o : pieces.query(hazard.getEnvelopeInternal())) {
            Geometry part = OverlayNGRobust.overlay(hazard, (Geometry) o, OverlayNG.INTERSECTION);
            // a piece that only touches the hazard along an edge or at a point meets it in a line or
            // a point: no area, and not a polygon to measure
            for (Object polygon : PolygonExtracter.getPolygons(part)) {
                sqm += GeodesicArea.ofSqm((Geometry) polygon);
            }
        }
        return sqm;
    }
}
