package org.clearancemap.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.clearancemap.report.Document.Column;
import org.clearancemap.report.Document.Figure;
import org.clearancemap.report.Document.Kind;
import org.clearancemap.report.Document.Row;
import org.clearancemap.report.Document.RowKind;
import org.clearancemap.report.Document.Section;
import org.clearancemap.report.Document.Table;

/** Documents that use every part of the model, for the renderers' tests. */
final class SampleDocuments {
    private SampleDocuments() {
    }

    /**
     * Two sections: key figures of every kind, a table grouped by province with subtotals and a
     * total that runs over several pages ({@code rows} items), and an empty table.
     */
    static Document sample(boolean synthetic, int rows) {
        List<Column> columns = List.of(new Column("Hazardous area", Kind.TEXT), new Column("District", Kind.TEXT),
                new Column("Recorded on", Kind.DATE), new Column("Size (km²)", Kind.KM2), new Column("Size (m²)", Kind.SQM),
                new Column("Longitude", Kind.DEGREES), new Column("Latitude", Kind.DEGREES), new Column("Items", Kind.COUNT));
        List<Row> table = new ArrayList<>();
        double total = 0;
        long items = 0;
        for (String province : List.of("Xékong", "Nabatîyé")) {
            table.add(new Row(RowKind.GROUP, List.of(province)));
            double subtotal = 0;
            for (int i = 0; i < rows / 2; i++) {
                double sqm = 1_234_567.891 + i * 1000.5;
                subtotal += sqm;
                items += i;
                table.add(Row.item(Arrays.asList(province.substring(0, 3).toUpperCase() + "-" + i, i % 3 == 0 ? null : "Lamam",
                        LocalDate.of(2020, 1 + i % 12, 1 + i % 28), sqm, sqm, 106.123456789 + i * 0.001, 14.987654321, (long) i)));
            }
            total += subtotal;
            table.add(new Row(RowKind.SUBTOTAL, Arrays.asList("Subtotal, " + province, null, null, subtotal, subtotal, null, null, null)));
        }
        table.add(new Row(RowKind.TOTAL, Arrays.asList("Total", null, null, total, total, null, null, items)));
        List<Figure> figures = List.of(
                Figure.of("State Party", Kind.TEXT, "Lao People's Democratic Republic (LAO)"),
                Figure.of("Entry into force", Kind.DATE, LocalDate.of(2010, 8, 1)),
                Figure.of("Area remaining", Kind.KM2, 24_252_945.01),
                Figure.partOf("of which confirmed hazardous area", Kind.KM2, 1_000_000.5),
                Figure.of("Submunitions destroyed", Kind.COUNT, 12_345L),
                Figure.of("Progress", Kind.PERCENT, 0.4567),
                Figure.of("Projected completion", Kind.DATE, null));
        var json = new LinkedHashMap<String, Object>();
        json.put("report", "sample");
        return new Document("LAO-sample-2024", "Sample report: Lao People's Democratic Republic, 2024",
                "Convention on Cluster Munitions, Article 7(1)(h); period 1 January 2024 to 31 December 2024.",
                new Document.Provenance(LocalDate.of(2024, 12, 31), Instant.parse("2026-12-07T09:30:00Z"),
                        "Mapped: from 1,638 hazardous-area polygons and 2,001 release polygons.",
                        List.of("Article 7 report 2024", "Landmine and Cluster Munition Monitor 2025")),
                synthetic,
                List.of(new Section("Article 7(1)(h): contaminated areas",
                                "The size and location of all cluster munition contaminated areas under its jurisdiction or control",
                                figures, List.of(new Table("contaminated-areas", "Contaminated areas at the end of the year",
                                        columns, table, "No contaminated area."))),
                        new Section("Article 7(1)(i): areas released", null, List.of(),
                                List.of(new Table("areas-released", "Areas released in the year", columns, List.of(),
                                        "No area was released in the year.")))),
                List.of("Areas are geodesic (WGS 84)."), json);
    }
}
