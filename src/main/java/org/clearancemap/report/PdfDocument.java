package org.clearancemap.report;

import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A {@link Document} as PDF: A4, in landscape when a table is wider than a portrait page holds.
 * Every page carries the synthetic notice in its header (when the document is synthetic) and the
 * title with "Page n of m" in its footer; tables break across pages with their header row
 * repeated. Text is set in Liberation Sans, embedded, so any Unicode name prints (bold and italic
 * are drawn from the regular face).
 */
final class PdfDocument {
    private static final BaseFont FACE = face();
    private static final Color NOTICE = new Color(0x9c, 0x1c, 0x1c);
    private static final Color HEADER_FILL = new Color(0xe4, 0xe4, 0xe4);
    private static final Color GROUP_FILL = new Color(0xf2, 0xf2, 0xf2);
    private static final float MARGIN = 40;
    private static final float HEADER_HEIGHT = 36;

    private static final Font TITLE = new Font(FACE, 17, Font.BOLD);
    private static final Font SUBTITLE = new Font(FACE, 11);
    private static final Font HEADING = new Font(FACE, 13, Font.BOLD);
    private static final Font QUOTE = new Font(FACE, 10, Font.ITALIC);
    private static final Font TEXT = new Font(FACE, 9);
    private static final Font BOLD = new Font(FACE, 9, Font.BOLD);
    private static final Font TABLE_TITLE = new Font(FACE, 10.5f, Font.BOLD);
    private static final Font NOTICE_FONT = new Font(FACE, 8.5f, Font.BOLD, NOTICE);
    private static final Font SMALL = new Font(FACE, 7.5f);

    private PdfDocument() {
    }

    /** The document as the bytes of a PDF file. */
    static byte[] render(Document d) {
        Rectangle size = PrintedParts.landscape(d) ? PageSize.A4.rotate() : PageSize.A4;
        float top = MARGIN + (d.synthetic() ? HEADER_HEIGHT : 0);
        var pdf = new com.lowagie.text.Document(size, MARGIN, MARGIN, top, MARGIN + 10);
        var out = new ByteArrayOutputStream();
        try {
            PdfWriter writer = PdfWriter.getInstance(pdf, out);
            writer.setPageEvent(new Pages(d));
            pdf.addTitle(d.title());
            pdf.addSubject(d.subtitle());
            pdf.open();
            body(pdf, writer, d);
            pdf.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("the PDF of " + d.name() + " could not be laid out", e);
        }
        return out.toByteArray();
    }

    private static void body(com.lowagie.text.Document pdf, PdfWriter writer, Document d) {
        pdf.add(paragraph(d.title(), TITLE, 0, 4));
        pdf.add(paragraph(d.subtitle(), SUBTITLE, 0, 8));
        PdfPTable provenance = twoColumns();
        for (Map.Entry<String, String> line : PrintedParts.provenance(d.provenance())) {
            provenance.addCell(plain(line.getKey(), BOLD, 0));
            provenance.addCell(plain(line.getValue(), TEXT, 0));
        }
        pdf.add(provenance);
        for (Document.Section s : d.sections()) {
            keepRoom(pdf, writer, 140);
            pdf.add(paragraph(s.heading(), HEADING, 14, 4));
            if (s.treatyText() != null) {
                pdf.add(paragraph("“" + s.treatyText() + "”", QUOTE, 0, 6));
            }
            if (!s.figures().isEmpty()) {
                PdfPTable figures = twoColumns();
                for (Document.Figure f : s.figures()) {
                    float indent = f.part() ? 14 : 0;
                    figures.addCell(plain(f.label(), f.part() ? TEXT : BOLD, indent));
                    figures.addCell(plain(Formats.figure(f.kind(), f.value()), TEXT, 0));
                }
                pdf.add(figures);
            }
            for (Document.Table t : s.tables()) {
                table(pdf, writer, d, t);
            }
        }
        if (!d.notes().isEmpty()) {
            pdf.add(paragraph("Notes", HEADING, 14, 4));
            for (String note : d.notes()) {
                pdf.add(paragraph(note, TEXT, 0, 3));
            }
        }
    }

    private static void table(com.lowagie.text.Document pdf, PdfWriter writer, Document d, Document.Table t) {
        keepRoom(pdf, writer, 100);
        pdf.add(paragraph(t.title(), TABLE_TITLE, 10, 3));
        if (d.synthetic()) {
            pdf.add(paragraph(Document.SYNTHETIC_NOTICE, NOTICE_FONT, 0, 3));
        }
        if (t.rows().isEmpty()) {
            pdf.add(paragraph(t.empty(), QUOTE, 0, 4));
            return;
        }
        List<Document.Column> columns = t.columns();
        PdfPTable table = new PdfPTable(PrintedParts.widths(columns));
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        table.setSpacingBefore(2);
        table.setSpacingAfter(6);
        for (Document.Column c : columns) {
            PdfPCell cell = cell(c.header(), BOLD, c.kind());
            cell.setBackgroundColor(HEADER_FILL);
            table.addCell(cell);
        }
        for (Document.Row row : t.rows()) {
            List<String> cells = PrintedParts.cells(t, row);
            if (row.kind() == Document.RowKind.GROUP) {
                PdfPCell cell = cell(cells.get(0), BOLD, Document.Kind.TEXT);
                cell.setColspan(columns.size());
                cell.setBackgroundColor(GROUP_FILL);
                table.addCell(cell);
                continue;
            }
            Font font = row.kind() == Document.RowKind.ITEM ? TEXT : BOLD;
            for (int i = 0; i < columns.size(); i++) {
                PdfPCell cell = cell(cells.get(i), font, columns.get(i).kind());
                if (row.kind() == Document.RowKind.TOTAL) {
                    cell.setBorderWidthTop(1.5f);
                }
                table.addCell(cell);
            }
        }
        pdf.add(table);
    }

    /** Starts a new page unless this much room is left, so that no heading ends a page. */
    private static void keepRoom(com.lowagie.text.Document pdf, PdfWriter writer, float points) {
        if (writer.getVerticalPosition(true) - pdf.bottom() < points) {
            pdf.newPage();
        }
    }

    private static PdfPCell cell(String text, Font font, Document.Kind kind) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(PrintedParts.rightAligned(kind) ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
        cell.setPadding(3);
        cell.setBorderColor(Color.GRAY);
        cell.setBorderWidth(0.4f);
        return cell;
    }

    private static PdfPTable twoColumns() {
        PdfPTable table = new PdfPTable(new float[] {3, 5});
        table.setWidthPercentage(100);
        table.setSpacingAfter(4);
        return table;
    }

    private static PdfPCell plain(String text, Font font, float indent) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setPadding(2);
        cell.setPaddingLeft(2 + indent);
        return cell;
    }

    private static Paragraph paragraph(String text, Font font, float before, float after) {
        Paragraph p = new Paragraph(text, font);
        p.setSpacingBefore(before);
        p.setSpacingAfter(after);
        return p;
    }

    private static BaseFont face() {
        String name = "font-fallback/LiberationSans-Regular.ttf";
        try (InputStream in = com.lowagie.text.Document.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path (it ships in OpenPDF)");
            }
            return BaseFont.createFont("LiberationSans-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
                    in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Draws every page's header (the synthetic notice) and footer (title, page n of m). */
    private static final class Pages extends PdfPageEventHelper {
        private final Document d;
        private PdfTemplate total;

        Pages(Document d) {
            this.d = d;
        }

        @Override
        public void onOpenDocument(PdfWriter writer, com.lowagie.text.Document pdf) {
            total = writer.getDirectContent().createTemplate(40, 12);
        }

        @Override
        public void onEndPage(PdfWriter writer, com.lowagie.text.Document pdf) {
            PdfContentByte canvas = writer.getDirectContent();
            Rectangle page = writer.getPageSize();
            if (d.synthetic()) {
                ColumnText header = new ColumnText(canvas);
                header.setSimpleColumn(MARGIN, page.getTop() - MARGIN - HEADER_HEIGHT + 6, page.getRight() - MARGIN,
                        page.getTop() - MARGIN + 14);
                header.addText(new Phrase(Document.SYNTHETIC_NOTICE, NOTICE_FONT));
                header.go();
            }
            float y = page.getBottom() + MARGIN - 14;
            ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(PrintedParts.footer(d), SMALL), MARGIN, y, 0);
            String number = "Page " + writer.getPageNumber() + " of ";
            float right = page.getRight() - MARGIN - 24;
            ColumnText.showTextAligned(canvas, Element.ALIGN_RIGHT, new Phrase(number, SMALL), right, y, 0);
            canvas.addTemplate(total, right + FACE.getWidthPoint(" ", SMALL.getSize()), y);
        }

        @Override
        public void onCloseDocument(PdfWriter writer, com.lowagie.text.Document pdf) {
            ColumnText.showTextAligned(total, Element.ALIGN_LEFT,
                    new Phrase(Integer.toString(writer.getPageNumber() - 1), SMALL), 0, 0, 0);
        }
    }
}
