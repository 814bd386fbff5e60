package org.clearancemap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.clearancemap.report.Document.Column;
import org.clearancemap.report.Document.Kind;
import org.clearancemap.report.Document.Row;
import org.clearancemap.report.Document.RowKind;
import org.clearancemap.report.Document.Section;
import org.clearancemap.report.Document.Table;
import org.junit.jupiter.api.Test;

class ExcelDocumentTest {
    private static XSSFWorkbook open(Document d) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(ExcelDocument.render(d)));
    }

    /** The row holding the table's headers. */
    private static int headerRow(Sheet sheet, Table t) {
        for (org.apache.poi.ss.usermodel.Row row : sheet) {
            if (row.getCell(0) != null && row.getCell(0).getCellType() == CellType.STRING
                    && row.getCell(0).getStringCellValue().equals(t.columns().get(0).header())) {
                return row.getRowNum();
            }
        }
        throw new AssertionError("no header row in " + sheet.getSheetName());
    }

    private static org.apache.poi.ss.usermodel.Row rowLabelled(Sheet sheet, String label) {
        for (org.apache.poi.ss.usermodel.Row row : sheet) {
            Cell c = row.getCell(0);
            if (c != null && c.getCellType() == CellType.STRING && c.getStringCellValue().equals(label)) {
                return row;
            }
        }
        throw new AssertionError("no row " + label);
    }

    private static void assertDate(LocalDate expected, Cell cell) {
        assertEquals(CellType.NUMERIC, cell.getCellType());
        assertTrue(DateUtil.isCellDateFormatted(cell), "formatted as a date");
        assertEquals(Formats.EXCEL_DATE, cell.getCellStyle().getDataFormatString());
        assertEquals(expected.atStartOfDay(), cell.getLocalDateTimeCellValue());
    }

    @Test
    void aSummarySheetAndOneSheetPerTableWithLegalUniqueNames() throws IOException {
        try (XSSFWorkbook book = open(SampleDocuments.sample(false, 10))) {
            assertEquals(3, book.getNumberOfSheets());
            assertEquals("Summary", book.getSheetName(0));
            assertEquals("Contaminated areas at the end o", book.getSheetName(1));
            assertEquals("Areas released in the year", book.getSheetName(2));
        }
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            book.createSheet("Summary");
            List<String> names = new ArrayList<>();
            for (String title : List.of("summary", "Areas: released [2024]/? *by* province\\district", "Areas: released [2024]/? *by* province\\district",
                    "'Quoted'", " ")) {
                String name = ExcelDocument.sheetName(book, title);
                book.createSheet(name);
                names.add(name);
            }
            assertEquals(List.of("summary (2)", "Areas released 2024 by province", "Areas released 2024 by prov (2)", "Quoted", "Table"), names);
        }
    }

    @Test
    void tableCellsAreNumbersInTheDocumentsUnitsAndDatesAreDates() throws IOException {
        Document d = SampleDocuments.sample(true, 20);
        Table t = d.sections().get(0).tables().get(0);
        try (XSSFWorkbook book = open(d)) {
            XSSFSheet sheet = book.getSheetAt(1);
            int header = headerRow(sheet, t);
            for (int i = 0; i < t.columns().size(); i++) {
                Cell cell = sheet.getRow(header).getCell(i);
                assertEquals(t.columns().get(i).header(), cell.getStringCellValue());
                assertTrue(book.getFontAt(cell.getCellStyle().getFontIndex()).getBold(), "header bold");
            }
            assertEquals(header + 1, sheet.getPaneInformation().getHorizontalSplitPosition(), "header row frozen");
            assertTrue(sheet.getPaneInformation().isFreezePane());
            for (int r = 0; r < t.rows().size(); r++) {
                Row row = t.rows().get(r);
                var out = sheet.getRow(header + 1 + r);
                if (row.kind() == RowKind.GROUP) {
                    assertEquals(row.cells().get(0), out.getCell(0).getStringCellValue());
                    continue;
                }
                for (int c = 0; c < t.columns().size(); c++) {
                    Object value = row.cells().get(c);
                    Cell cell = out.getCell(c);
                    if (value == null) {
                        assertEquals(CellType.BLANK, cell.getCellType(), "row " + r + " column " + c);
                        continue;
                    }
                    Kind kind = t.columns().get(c).kind();
                    switch (kind) {
                        case TEXT -> assertEquals(value, cell.getStringCellValue());
                        case DATE -> assertDate((LocalDate) value, cell);
                        case KM2 -> {
                            assertEquals(Formats.km2(value).doubleValue(), cell.getNumericCellValue());
                            assertEquals(Formats.EXCEL_KM2, cell.getCellStyle().getDataFormatString());
                        }
                        case SQM -> {
                            assertEquals(Formats.sqm(value).doubleValue(), cell.getNumericCellValue());
                            assertEquals(Formats.EXCEL_SQM, cell.getCellStyle().getDataFormatString());
                        }
                        case DEGREES -> {
                            assertEquals(Formats.degrees(value).doubleValue(), cell.getNumericCellValue());
                            assertEquals(Formats.EXCEL_DEGREES, cell.getCellStyle().getDataFormatString());
                        }
                        case COUNT -> assertEquals(((Number) value).doubleValue(), cell.getNumericCellValue());
                        default -> throw new AssertionError(kind);
                    }
                }
                boolean bold = row.kind() != RowKind.ITEM;
                assertEquals(bold, book.getFontAt(out.getCell(3).getCellStyle().getFontIndex()).getBold(), "row " + r);
            }
            for (int c = 0; c < t.columns().size(); c++) {
                assertTrue(sheet.getColumnWidth(c) >= (t.columns().get(c).header().length() + 3) * 256, "width " + c);
            }
        }
    }

    @Test
    void keyFiguresAndProvenanceAreNumbersAndDatesOnTheSummary() throws IOException {
        Document d = SampleDocuments.sample(false, 10);
        try (XSSFWorkbook book = open(d)) {
            Sheet summary = book.getSheet("Summary");
            assertEquals(d.title(), summary.getRow(0).getCell(0).getStringCellValue());
            assertEquals(d.subtitle(), summary.getRow(1).getCell(0).getStringCellValue());
            assertDate(LocalDate.of(2024, 12, 31), rowLabelled(summary, "Figures refer to").getCell(1));
            assertEquals(LocalDateTime.of(2026, 12, 7, 9, 30), rowLabelled(summary, "Produced").getCell(1).getLocalDateTimeCellValue());
            assertEquals(d.provenance().basis(), rowLabelled(summary, "Basis").getCell(1).getStringCellValue());
            var remaining = rowLabelled(summary, "Area remaining");
            assertEquals(24.253, remaining.getCell(1).getNumericCellValue());
            assertEquals(Formats.EXCEL_KM2 + "\" km²\"", remaining.getCell(1).getCellStyle().getDataFormatString());
            assertEquals(24_252_945.0, remaining.getCell(2).getNumericCellValue());
            assertEquals(1.0, rowLabelled(summary, "of which confirmed hazardous area").getCell(1).getNumericCellValue());
            assertDate(LocalDate.of(2010, 8, 1), rowLabelled(summary, "Entry into force").getCell(1));
            assertEquals(12_345.0, rowLabelled(summary, "Submunitions destroyed").getCell(1).getNumericCellValue());
            var progress = rowLabelled(summary, "Progress").getCell(1);
            assertEquals(0.457, progress.getNumericCellValue());
            assertEquals(Formats.EXCEL_PERCENT, progress.getCellStyle().getDataFormatString());
            assertEquals("not known", rowLabelled(summary, "Projected completion").getCell(1).getStringCellValue());
            for (Section s : d.sections()) {
                rowLabelled(summary, s.heading());
            }
            rowLabelled(summary, "Areas are geodesic (WGS 84).");
            Sheet empty = book.getSheetAt(2);
            Table released = d.sections().get(1).tables().get(0);
            assertEquals(released.empty(), empty.getRow(headerRow(empty, released) + 1).getCell(0).getStringCellValue());
        }
    }

    @Test
    void everySheetHasTheNoticeInRowOneAndInItsPrintHeaderWhenSynthetic() throws IOException {
        try (XSSFWorkbook book = open(SampleDocuments.sample(true, 10))) {
            for (Sheet sheet : book) {
                assertEquals(Document.SYNTHETIC_NOTICE, sheet.getRow(0).getCell(0).getStringCellValue(), sheet.getSheetName());
                assertEquals(Document.SYNTHETIC_NOTICE, sheet.getHeader().getCenter(), sheet.getSheetName());
            }
        }
        try (XSSFWorkbook book = open(SampleDocuments.sample(false, 10))) {
            for (Sheet sheet : book) {
                for (var row : sheet) {
                    for (Cell cell : row) {
                        assertFalse(cell.toString().contains("SYNTHETIC"), sheet.getSheetName());
                    }
                }
                assertEquals("", sheet.getHeader().getCenter());
            }
        }
    }

    @Test
    void itemsOfAnAreaFoldUnderItsSubtotalAndAnUngroupedTableHasAnAutofilter() throws IOException {
        Document d = SampleDocuments.sample(false, 10);
        try (XSSFWorkbook book = open(d)) {
            XSSFSheet sheet = book.getSheetAt(1);
            int header = headerRow(sheet, d.sections().get(0).tables().get(0));
            assertEquals(1, sheet.getRow(header + 2).getOutlineLevel(), "an item row");
            assertEquals(0, sheet.getRow(header + 1).getOutlineLevel(), "the group row");
            assertEquals(0, sheet.getRow(header + 7).getOutlineLevel(), "the subtotal row");
            assertFalse(sheet.getCTWorksheet().isSetAutoFilter());
        }
        Table t = d.sections().get(0).tables().get(0);
        List<Row> items = t.rows().stream().filter(r -> r.kind() == RowKind.ITEM).toList();
        Document flat = new Document(d.name(), d.title(), d.subtitle(), d.provenance(), false,
                List.of(new Section("Items", null, List.of(), List.of(new Table("items", "Items", t.columns(), items, "None.")))),
                List.of(), d.json());
        try (XSSFWorkbook book = open(flat)) {
            XSSFSheet sheet = book.getSheetAt(1);
            int header = headerRow(sheet, t);
            String range = sheet.getCTWorksheet().getAutoFilter().getRef();
            assertEquals("A" + (header + 1) + ":H" + (header + 1 + items.size()), range);
            assertEquals(List.of("Hazardous area"), List.of(t.columns().stream().map(Column::header).findFirst().orElseThrow()));
        }
    }

    @Test
    void aTotalRowsLabelIsTextInAColumnOfNumbers() throws IOException {
        Document s = SampleDocuments.sample(false, 2);
        List<Column> columns = List.of(new Column("Year", Kind.YEAR), new Column("Released (km²)", Kind.KM2));
        List<Row> rows = List.of(Row.item(List.of(2023L, 1_500_000.0)), Row.item(List.of(2024L, 2_250_000.0)),
                new Row(RowKind.TOTAL, List.of("Total", 3_750_000.0)));
        Document d = new Document(s.name(), s.title(), s.subtitle(), s.provenance(), false,
                List.of(new Section("Released", null, List.of(), List.of(new Table("released", "Released", columns, rows, "None.")))),
                List.of(), s.json());
        try (XSSFWorkbook book = open(d)) {
            Sheet sheet = book.getSheetAt(1);
            int header = headerRow(sheet, d.sections().get(0).tables().get(0));
            assertEquals(2023.0, sheet.getRow(header + 1).getCell(0).getNumericCellValue());
            assertEquals("Total", sheet.getRow(header + 3).getCell(0).getStringCellValue());
            assertEquals(3.75, sheet.getRow(header + 3).getCell(1).getNumericCellValue());
        }
    }
}
