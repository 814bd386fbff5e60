package org.clearancemap.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.xmlbeans.XmlException;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSimpleField;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.StylesDocument;

/**
 * A {@link Document} as a Word file (.docx): Title, Heading 1 for sections and Heading 2 for
 * tables, so that Word's navigation and table of contents see them; every table has its header row
 * marked to repeat on each page. When synthetic, the notice is in the page header (one header for
 * every page) and above every table. A4, in landscape when a table is wider than a portrait page holds.
 */
final class WordDocument {
    /** The styles the document uses, with the names Word gives its built-in ones. */
    private static final String STYLES = """
            <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
              <w:docDefaults>
                <w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans" w:cs="Liberation Sans"/>
                  <w:sz w:val="19"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>
                <w:pPrDefault><w:pPr><w:spacing w:after="60"/></w:pPr></w:pPrDefault>
              </w:docDefaults>
              <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
              <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>
                <w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="80"/></w:pPr><w:rPr><w:b/><w:sz w:val="34"/></w:rPr></w:style>
              <w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/>
                <w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="160"/></w:pPr><w:rPr><w:sz w:val="22"/></w:rPr></w:style>
              <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
                <w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="280" w:after="80"/><w:outlineLvl w:val="0"/></w:pPr>
                <w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
              <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
                <w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="1"/></w:pPr>
                <w:rPr><w:b/><w:sz w:val="21"/></w:rPr></w:style>
              <w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/>
                <w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="120"/></w:pPr><w:rPr><w:i/><w:sz w:val="20"/></w:rPr></w:style>
              <w:style w:type="paragraph" w:customStyle="1" w:styleId="Notice"><w:name w:val="Synthetic notice"/><w:basedOn w:val="Normal"/>
                <w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:color w:val="9C1C1C"/><w:sz w:val="17"/></w:rPr></w:style>
              <w:style w:type="paragraph" w:customStyle="1" w:styleId="Cell"><w:name w:val="Table cell"/><w:basedOn w:val="Normal"/>
                <w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="17"/></w:rPr></w:style>
              <w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>
                <w:pPr><w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs></w:pPr><w:rPr><w:sz w:val="15"/></w:rPr></w:style>
            </w:styles>
            """;
    private static final int A4_LONG = 16838;
    private static final int A4_SHORT = 11906;
    private static final int MARGIN = 1134;
    private static final String HEADER_FILL = "E4E4E4";
    private static final String GROUP_FILL = "F2F2F2";

    private WordDocument() {
    }

    /** The document as the bytes of a .docx file. */
    static byte[] render(Document d) {
        boolean landscape = PrintedParts.landscape(d);
        try (XWPFDocument doc = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
            doc.createStyles().setStyles(StylesDocument.Factory.parse(STYLES.formatted(textWidth(d))).getStyles());
            doc.getProperties().getCoreProperties().setTitle(d.title());
            pages(doc, d, landscape);
            body(doc, d);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XmlException e) {
            throw new IllegalStateException("the Word styles do not parse", e);
        }
    }

    private static void body(XWPFDocument doc, Document d) {
        paragraph(doc, "Title", d.title());
        paragraph(doc, "Subtitle", d.subtitle());
        XWPFTable provenance = doc.createTable();
        boolean first = true;
        for (Map.Entry<String, String> line : PrintedParts.provenance(d.provenance())) {
            pair(provenance, first, line.getKey(), line.getValue(), false);
            first = false;
        }
        for (Document.Section s : d.sections()) {
            paragraph(doc, "Heading1", s.heading());
            if (s.treatyText() != null) {
                paragraph(doc, "Quote", "“" + s.treatyText() + "”");
            }
            if (!s.figures().isEmpty()) {
                XWPFTable figures = doc.createTable();
                first = true;
                for (Document.Figure f : s.figures()) {
                    pair(figures, first, f.label(), Formats.figure(f.kind(), f.value()), f.part());
                    first = false;
                }
            }
            for (Document.Table t : s.tables()) {
                table(doc, d, t);
            }
        }
        if (!d.notes().isEmpty()) {
            paragraph(doc, "Heading1", "Notes");
            for (String note : d.notes()) {
                paragraph(doc, "Normal", note);
            }
        }
    }

    private static void table(XWPFDocument doc, Document d, Document.Table t) {
        paragraph(doc, "Heading2", t.title());
        if (d.synthetic()) {
            paragraph(doc, "Notice", Document.SYNTHETIC_NOTICE);
        }
        if (t.rows().isEmpty()) {
            paragraph(doc, "Quote", t.empty());
            return;
        }
        List<Document.Column> columns = t.columns();
        XWPFTable table = doc.createTable(1, columns.size());
        table.setWidth("100%");
        int[] twips = twips(columns, textWidth(d));
        CTTblGrid grid = table.getCTTbl().getTblGrid() == null ? table.getCTTbl().addNewTblGrid() : table.getCTTbl().getTblGrid();
        while (grid.sizeOfGridColArray() > 0) {
            grid.removeGridCol(0);
        }
        for (int w : twips) {
            grid.addNewGridCol().setW(BigInteger.valueOf(w));
        }
        XWPFTableRow header = table.getRow(0);
        header.setRepeatHeader(true);
        header.setCantSplitRow(true);
        for (int i = 0; i < columns.size(); i++) {
            XWPFTableCell cell = header.getCell(i);
            cell.setWidth(Integer.toString(twips[i]));
            cell.setColor(HEADER_FILL);
            text(cell, columns.get(i).header(), true, PrintedParts.rightAligned(columns.get(i).kind()));
        }
        for (Document.Row row : t.rows()) {
            List<String> cells = PrintedParts.cells(t, row);
            XWPFTableRow r = table.createRow();
            r.setCantSplitRow(true);
            if (row.kind() == Document.RowKind.GROUP) {
                for (int i = columns.size() - 1; i > 0; i--) {
                    r.removeCell(i);
                }
                XWPFTableCell cell = r.getCell(0);
                CTTcPr pr = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
                pr.addNewGridSpan().setVal(BigInteger.valueOf(columns.size()));
                cell.setColor(GROUP_FILL);
                text(cell, cells.get(0), true, false);
                continue;
            }
            boolean bold = row.kind() != Document.RowKind.ITEM;
            // the grid and the header row set the widths: a width on every cell would cost more than the rest of the table
            for (int i = 0; i < columns.size(); i++) {
                text(r.getCell(i), cells.get(i), bold, PrintedParts.rightAligned(columns.get(i).kind()));
            }
        }
        doc.createParagraph();
    }

    /** The width of the text on the page, in twentieths of a point. */
    private static int textWidth(Document d) {
        return (PrintedParts.landscape(d) ? A4_LONG : A4_SHORT) - 2 * MARGIN;
    }

    /** The columns' widths in twentieths of a point, filling the text width. */
    private static int[] twips(List<Document.Column> columns, int textWidth) {
        float[] weights = PrintedParts.widths(columns);
        float sum = 0;
        for (float w : weights) {
            sum += w;
        }
        int[] twips = new int[weights.length];
        for (int i = 0; i < weights.length; i++) {
            twips[i] = Math.round(textWidth * weights[i] / sum);
        }
        return twips;
    }

    /** A label and its value as one row of a borderless two-column table. */
    private static void pair(XWPFTable table, boolean first, String label, String value, boolean part) {
        if (first) {
            table.setWidth("100%");
            table.removeBorders();
        }
        XWPFTableRow row = first ? table.getRow(0) : table.createRow();
        if (first) {
            row.addNewTableCell();
        }
        text(row.getCell(0), label, !part, false);
        if (part) {
            row.getCell(0).getParagraphs().get(0).setIndentationLeft(284);
        }
        text(row.getCell(1), value, false, false);
    }

    /** The cell's text; only what differs from the "Cell" style is written, since every element costs. */
    private static void text(XWPFTableCell cell, String text, boolean bold, boolean right) {
        XWPFParagraph p = cell.getParagraphs().get(0);
        p.setStyle("Cell");
        if (right) {
            p.setAlignment(ParagraphAlignment.RIGHT);
        }
        if (text.isEmpty()) {
            return;
        }
        XWPFRun run = p.createRun();
        if (bold) {
            run.setBold(true);
        }
        run.setText(text);
    }

    private static XWPFParagraph paragraph(XWPFDocument doc, String style, String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setStyle(style);
        p.createRun().setText(text);
        return p;
    }

    /** A field that Word computes when it lays out the page; "1" until then. */
    private static void field(XWPFParagraph p, String instruction) {
        CTSimpleField field = p.getCTP().addNewFldSimple();
        field.setInstr(instruction);
        field.addNewR().addNewT().setStringValue("1");
    }

    /** A4 with the notice in the header of every page and the title, "Page n of m" in the footer. */
    private static void pages(XWPFDocument doc, Document d, boolean landscape) {
        if (d.synthetic()) {
            XWPFParagraph notice = doc.createHeader(HeaderFooterType.DEFAULT).createParagraph();
            notice.setStyle("Notice");
            notice.createRun().setText(Document.SYNTHETIC_NOTICE);
        }
        XWPFParagraph footer = doc.createFooter(HeaderFooterType.DEFAULT).createParagraph();
        footer.setStyle("Footer");
        XWPFRun title = footer.createRun();
        title.setText(PrintedParts.footer(d));
        title.addTab();
        footer.createRun().setText("Page ");
        field(footer, " PAGE ");
        footer.createRun().setText(" of ");
        field(footer, " NUMPAGES ");

        CTSectPr section = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
                : doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
        size.setW(BigInteger.valueOf(landscape ? A4_LONG : A4_SHORT));
        size.setH(BigInteger.valueOf(landscape ? A4_SHORT : A4_LONG));
        size.setOrient(landscape ? STPageOrientation.LANDSCAPE : STPageOrientation.PORTRAIT);
        CTPageMar margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
        BigInteger margin = BigInteger.valueOf(MARGIN);
        margins.setTop(margin);
        margins.setBottom(margin);
        margins.setLeft(margin);
        margins.setRight(margin);
        margins.setHeader(BigInteger.valueOf(567));
        margins.setFooter(BigInteger.valueOf(567));
    }
}
