package org.clearancemap.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A {@link Document} as an Excel workbook (.xlsx): a sheet "Summary" with the title, provenance
 * and key figures, and one sheet per table. Numbers stay numbers in the units the document shows
 * (km² to 3 decimals, whole m², degrees to 5 decimals) and dates stay dates, each with the
 * {@link Formats} number format that reads like the document. When synthetic, row 1 and the print
 * header of every sheet carry the notice.
 */
final class ExcelDocument {
    /** The name of the first sheet. */
    static final String SUMMARY = "Summary";
    /** Excel's limit on a sheet name. */
    static final int SHEET_NAME_LENGTH = 31;
    private static final String EXCEL_INSTANT = Formats.EXCEL_DATE + ", hh:mm \"UTC\"";
    private static final int WIDEST_COLUMN = 60;
    /** The height of a line of 11-point text. */
    private static final float LINE_POINTS = 15;

    /** How a text cell looks. */
    private enum Look { TITLE, HEADING, QUOTE, NOTICE, LABEL, PART, HEADER, GROUP, PLAIN }

    private final XSSFWorkbook book;
    private final Map<String, CellStyle> styles = new HashMap<>();

    private ExcelDocument(XSSFWorkbook book) {
        this.book = book;
    }

    /** The document as the bytes of an .xlsx file. */
    static byte[] render(Document d) {
        try (XSSFWorkbook book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            book.getProperties().getCoreProperties().setTitle(d.title());
            var excel = new ExcelDocument(book);
            excel.summary(d);
            for (Document.Section s : d.sections()) {
                for (Document.Table t : s.tables()) {
                    excel.table(d, t);
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A legal sheet name from a table's title: characters Excel refuses replaced, at most 31
     * characters, and unique in the workbook (Excel compares names without case).
     */
    static String sheetName(XSSFWorkbook book, String title) {
        String cleaned = title.replaceAll("[\\[\\]*/\\\\?:']", " ").replaceAll("\\s+", " ").strip();
        String base = WorkbookUtil.createSafeSheetName(cleaned.isEmpty() ? "Table" : cleaned).strip();
        String name = base;
        for (int n = 2; book.getSheetIndex(name) >= 0; n++) {
            String suffix = " (" + n + ")";
            name = base.substring(0, Math.min(base.length(), SHEET_NAME_LENGTH - suffix.length())).strip() + suffix;
        }
        return name;
    }

    private void summary(Document d) {
        XSSFSheet sheet = book.createSheet(SUMMARY);
        int r = page(sheet, d, false);
        List<Integer> spread = new ArrayList<>();
        List<Row> pairs = new ArrayList<>();
        if (r > 0) {
            spread.add(0);
        }
        text(sheet, r++, d.title(), Look.TITLE);
        spread.add(r);
        text(sheet, r++, d.subtitle(), Look.PLAIN);
        r++;
        for (Map.Entry<String, String> line : PrintedParts.provenance(d.provenance())) {
            Row row = sheet.createRow(r++);
            pairs.add(row);
            label(row, line.getKey(), false);
            switch (line.getKey()) {
                case PrintedParts.FIGURES_ON -> value(row.createCell(1), Document.Kind.DATE, d.provenance().figuresOn(), false, "");
                case PrintedParts.PRODUCED -> value(row.createCell(1), Document.Kind.INSTANT, d.provenance().producedAt(), false, "");
                default -> {
                    Cell cell = row.createCell(1);
                    cell.setCellValue(line.getValue());
                    cell.setCellStyle(style(Look.PLAIN, false));
                }
            }
        }
        for (Document.Section s : d.sections()) {
            r++;
            text(sheet, r++, s.heading(), Look.HEADING);
            if (s.treatyText() != null) {
                spread.add(r);
                text(sheet, r++, "“" + s.treatyText() + "”", Look.QUOTE);
            }
            for (Document.Figure f : s.figures()) {
                Row row = sheet.createRow(r++);
                pairs.add(row);
                label(row, f.label(), f.part());
                if (f.value() == null) {
                    row.createCell(1).setCellValue(Formats.figure(f.kind(), null));
                } else if (f.kind() == Document.Kind.KM2) {
                    value(row.createCell(1), Document.Kind.KM2, f.value(), false, " km²");
                    value(row.createCell(2), Document.Kind.SQM, f.value(), false, " m²");
                } else {
                    value(row.createCell(1), f.kind(), f.value(), false, f.kind() == Document.Kind.SQM ? " m²" : "");
                }
            }
        }
        if (!d.notes().isEmpty()) {
            r++;
            text(sheet, r++, "Notes", Look.HEADING);
            for (String note : d.notes()) {
                spread.add(r);
                text(sheet, r++, note, Look.PLAIN);
            }
        }
        int[] widths = {50, 60, 20};
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
        for (int row : spread) {
            spread(sheet, row, widths);
        }
        for (Row row : pairs) {
            int lines = 1;
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING) {
                    lines = Math.max(lines, lines(cell.getStringCellValue(), widths[cell.getColumnIndex()]));
                }
            }
            row.setHeightInPoints(lines * LINE_POINTS);
        }
    }

    private void table(Document d, Document.Table t) {
        XSSFSheet sheet = book.createSheet(sheetName(book, t.title()));
        List<Document.Column> columns = t.columns();
        int r = page(sheet, d, columns.size() > PrintedParts.PORTRAIT_COLUMNS);
        text(sheet, r++, t.title(), Look.HEADING);
        int header = r++;
        Row head = sheet.createRow(header);
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = head.createCell(i);
            cell.setCellValue(columns.get(i).header());
            cell.setCellStyle(style(Look.HEADER, PrintedParts.rightAligned(columns.get(i).kind())));
            widths[i] = columns.get(i).header().length();
        }
        sheet.createFreezePane(0, header + 1);
        sheet.setRepeatingRows(new CellRangeAddress(header, header, -1, -1));
        if (t.rows().isEmpty()) {
            text(sheet, r, t.empty(), Look.QUOTE);
        }
        int empty = t.rows().isEmpty() ? r : -1;
        boolean grouped = false;
        int groupStart = -1;
        for (Document.Row row : t.rows()) {
            Row out = sheet.createRow(r);
            List<String> shown = PrintedParts.cells(t, row);
            if (row.kind() == Document.RowKind.GROUP) {
                grouped = true;
                groupStart = r + 1;
                for (int i = 0; i < columns.size(); i++) {
                    out.createCell(i).setCellStyle(style(Look.GROUP, false));
                }
                out.getCell(0).setCellValue(shown.get(0));
            } else {
                boolean bold = row.kind() != Document.RowKind.ITEM;
                for (int i = 0; i < columns.size(); i++) {
                    Object value = i < row.cells().size() ? row.cells().get(i) : null;
                    value(out.createCell(i), columns.get(i).kind(), value, bold, "");
                    widths[i] = Math.max(widths[i], shown.get(i).length());
                }
                if (row.kind() == Document.RowKind.SUBTOTAL && groupStart >= 0 && r > groupStart) {
                    sheet.groupRow(groupStart, r - 1);
                    groupStart = -1;
                }
            }
            r++;
        }
        long items = t.rows().stream().filter(x -> x.kind() == Document.RowKind.ITEM).count();
        if (!grouped && items > 0) {
            sheet.setAutoFilter(new CellRangeAddress(header, header + (int) items, 0, columns.size() - 1));
        }
        sheet.setRowSumsBelow(true);
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.min(WIDEST_COLUMN, widths[i] + 3);
            sheet.setColumnWidth(i, widths[i] * 256);
        }
        if (d.synthetic()) {
            spread(sheet, 0, widths);
        }
        if (empty >= 0) {
            spread(sheet, empty, widths);
        }
    }

    /**
     * Lets the text of a row's first cell run across the columns and wrap there, the row as high
     * as its lines (Excel does not grow a row for text wrapped in merged cells).
     *
     * @param widths the columns' widths in characters
     */
    private static void spread(XSSFSheet sheet, int r, int[] widths) {
        if (widths.length > 1) {
            sheet.addMergedRegion(new CellRangeAddress(r, r, 0, widths.length - 1));
        }
        int chars = 0;
        for (int w : widths) {
            chars += w;
        }
        Row row = sheet.getRow(r);
        row.setHeightInPoints(lines(row.getCell(0).getStringCellValue(), chars) * LINE_POINTS);
    }

    /** About how many lines the text takes wrapped in a width of this many characters. */
    private static int lines(String text, int chars) {
        return Math.max(1, (int) Math.ceil(text.length() * 1.1 / Math.max(1, chars)));
    }

    /**
     * Print set-up (A4, one page wide, the footer's "Page n of m") and, when synthetic, the notice
     * in row 1 and in the print header; returns the next free row.
     */
    private int page(XSSFSheet sheet, Document d, boolean landscape) {
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(landscape);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.setFitToPage(true);
        sheet.getFooter().setLeft(PrintedParts.footer(d));
        sheet.getFooter().setRight("Page &P of &N");
        if (!d.synthetic()) {
            return 0;
        }
        sheet.getHeader().setCenter(Document.SYNTHETIC_NOTICE);
        text(sheet, 0, Document.SYNTHETIC_NOTICE, Look.NOTICE);
        return 1;
    }

    private void text(XSSFSheet sheet, int r, String text, Look look) {
        Cell cell = sheet.createRow(r).createCell(0);
        cell.setCellValue(text);
        cell.setCellStyle(style(look, false));
    }

    private void label(Row row, String label, boolean part) {
        Cell cell = row.createCell(0);
        cell.setCellValue(label);
        cell.setCellStyle(style(part ? Look.PART : Look.LABEL, false));
    }

    /**
     * A cell holding the value as Excel keeps it: numbers in the document's units, dates as dates;
     * text (the label of a subtotal or total row) as text in a column of any kind.
     */
    private void value(Cell cell, Document.Kind kind, Object value, boolean bold, String unit) {
        if (value instanceof String label) {
            cell.setCellStyle(number(null, bold, false));
            cell.setCellValue(label);
            return;
        }
        String format = switch (kind) {
            case KM2 -> Formats.EXCEL_KM2;
            case SQM, COUNT -> Formats.EXCEL_SQM;
            case DEGREES -> Formats.EXCEL_DEGREES;
            case YEAR -> "0";
            case PERCENT -> Formats.EXCEL_PERCENT;
            case DATE -> Formats.EXCEL_DATE;
            case INSTANT -> EXCEL_INSTANT;
            case TEXT -> null;
        };
        cell.setCellStyle(number(format == null ? null : unit.isEmpty() ? format : format + "\"" + unit + "\"", bold,
                PrintedParts.rightAligned(kind)));
        if (value == null) {
            return;
        }
        switch (kind) {
            case KM2 -> cell.setCellValue(Formats.km2(value).doubleValue());
            case SQM -> cell.setCellValue(Formats.sqm(value).doubleValue());
            case DEGREES -> cell.setCellValue(Formats.degrees(value).doubleValue());
            case COUNT, YEAR -> cell.setCellValue(((Number) value).longValue());
            case PERCENT -> cell.setCellValue(BigDecimal.valueOf(((Number) value).doubleValue())
                    .setScale(3, RoundingMode.HALF_UP).doubleValue());
            case DATE -> cell.setCellValue((LocalDate) value);
            case INSTANT -> cell.setCellValue(LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
            case TEXT -> cell.setCellValue(value.toString());
        }
    }

    private CellStyle number(String format, boolean bold, boolean right) {
        return styles.computeIfAbsent("number|" + format + "|" + bold + "|" + right, key -> {
            CellStyle s = book.createCellStyle();
            if (format != null) {
                s.setDataFormat(book.createDataFormat().getFormat(format));
            }
            s.setAlignment(right ? HorizontalAlignment.RIGHT : HorizontalAlignment.LEFT);
            s.setVerticalAlignment(VerticalAlignment.TOP);
            if (bold) {
                s.setFont(font(true, false, 11, IndexedColors.AUTOMATIC));
                s.setBorderTop(BorderStyle.THIN);
            }
            return s;
        });
    }

    private CellStyle style(Look look, boolean right) {
        return styles.computeIfAbsent(look + "|" + right, key -> {
            XSSFCellStyle s = book.createCellStyle();
            s.setAlignment(right ? HorizontalAlignment.RIGHT : HorizontalAlignment.LEFT);
            switch (look) {
                case TITLE -> s.setFont(font(true, false, 16, IndexedColors.AUTOMATIC));
                case HEADING -> s.setFont(font(true, false, 13, IndexedColors.AUTOMATIC));
                case QUOTE -> s.setFont(font(false, true, 11, IndexedColors.AUTOMATIC));
                case NOTICE -> s.setFont(font(true, false, 11, IndexedColors.DARK_RED));
                case PLAIN -> {
                }
                case LABEL -> s.setFont(font(true, false, 11, IndexedColors.AUTOMATIC));
                case PART -> s.setIndention((short) 2);
                case HEADER, GROUP -> {
                    s.setFont(font(true, false, 11, IndexedColors.AUTOMATIC));
                    byte grey = (byte) (look == Look.HEADER ? 0xe4 : 0xf2);
                    s.setFillForegroundColor(new XSSFColor(new byte[] {grey, grey, grey}, null));
                    s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                    s.setBorderBottom(BorderStyle.THIN);
                }
            }
            if (look != Look.TITLE && look != Look.HEADING && look != Look.HEADER && look != Look.GROUP) {
                s.setWrapText(true);
                s.setVerticalAlignment(VerticalAlignment.TOP);
            }
            return s;
        });
    }

    private Font font(boolean bold, boolean italic, int points, IndexedColors color) {
        Font f = book.createFont();
        f.setBold(bold);
        f.setItalic(italic);
        f.setFontHeightInPoints((short) points);
        if (color != IndexedColors.AUTOMATIC) {
            f.setColor(color.getIndex());
        }
        return f;
    }
}
