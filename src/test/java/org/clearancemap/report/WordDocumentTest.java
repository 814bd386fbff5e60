package org.clearancemap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.clearancemap.report.Document.Column;
import org.clearancemap.report.Document.Figure;
import org.clearancemap.report.Document.Row;
import org.clearancemap.report.Document.Section;
import org.clearancemap.report.Document.Table;
import org.junit.jupiter.api.Test;

class WordDocumentTest {
    private static XWPFDocument open(Document d) throws IOException {
        return new XWPFDocument(new ByteArrayInputStream(WordDocument.render(d)));
    }

    private static List<String> styled(XWPFDocument doc, String style) {
        return doc.getParagraphs().stream().filter(p -> style.equals(p.getStyle())).map(XWPFParagraph::getText).toList();
    }

    private static List<String> texts(XWPFTableRow row) {
        return row.getTableCells().stream().map(XWPFTableCell::getText).toList();
    }

    private static XWPFTable withHeader(XWPFDocument doc, Table t) {
        List<String> headers = t.columns().stream().map(Column::header).toList();
        return doc.getTables().stream().filter(x -> texts(x.getRow(0)).equals(headers)).findFirst().orElseThrow();
    }

    @Test
    void sectionsAreHeading1AndTablesHeading2UnderTheTitle() throws IOException {
        Document d = SampleDocuments.sample(false, 10);
        try (XWPFDocument doc = open(d)) {
            assertEquals(List.of(d.title()), styled(doc, "Title"));
            assertEquals(List.of(d.subtitle()), styled(doc, "Subtitle"));
            List<String> sections = new ArrayList<>(d.sections().stream().map(Section::heading).toList());
            sections.add("Notes");
            assertEquals(sections, styled(doc, "Heading1"));
            assertEquals(d.sections().stream().flatMap(s -> s.tables().stream()).map(Table::title).toList(),
                    styled(doc, "Heading2"));
            assertEquals("heading 1", doc.getStyles().getStyle("Heading1").getName());
            assertTrue(styled(doc, "Quote").contains("“" + d.sections().get(0).treatyText() + "”"));
            assertTrue(styled(doc, "Quote").contains(d.sections().get(1).tables().get(0).empty()), "empty table");
            assertTrue(styled(doc, "Normal").contains("Areas are geodesic (WGS 84)."), "notes");
        }
    }

    @Test
    void keyFiguresAndProvenanceAreTwoColumnTablesAsFormatsWritesThem() throws IOException {
        Document d = SampleDocuments.sample(false, 10);
        try (XWPFDocument doc = open(d)) {
            List<List<String>> rows = doc.getTables().stream().flatMap(t -> t.getRows().stream()).map(WordDocumentTest::texts)
                    .toList();
            for (Figure f : d.sections().get(0).figures()) {
                assertTrue(rows.contains(List.of(f.label(), Formats.figure(f.kind(), f.value()))), f.label());
            }
            assertTrue(rows.contains(List.of("Figures refer to", "31 December 2024")));
            assertTrue(rows.contains(List.of("Produced", "7 December 2026, 09:30 UTC")));
            assertTrue(rows.contains(List.of("Basis", d.provenance().basis())));
        }
    }

    @Test
    void everyRowIsAWordTableRowWithARepeatedHeaderAndRightAlignedNumbers() throws IOException {
        Document d = SampleDocuments.sample(true, 40);
        Table t = d.sections().get(0).tables().get(0);
        try (XWPFDocument doc = open(d)) {
            XWPFTable table = withHeader(doc, t);
            assertTrue(table.getRow(0).isRepeatHeader(), "the header row repeats on every page");
            assertEquals(t.rows().size() + 1, table.getNumberOfRows());
            for (int i = 0; i < t.rows().size(); i++) {
                Row r = t.rows().get(i);
                XWPFTableRow row = table.getRow(i + 1);
                assertEquals(PrintedParts.cells(t, r), texts(row), "row " + i);
                assertFalse(row.isRepeatHeader());
                boolean bold = r.kind() != Document.RowKind.ITEM;
                assertEquals(bold, row.getCell(0).getParagraphs().get(0).getRuns().get(0).isBold(), "row " + i + " bold");
            }
            XWPFTableRow item = table.getRow(2);
            assertEquals(ParagraphAlignment.RIGHT, item.getCell(3).getParagraphs().get(0).getAlignment(), "km²");
            assertEquals(ParagraphAlignment.LEFT, item.getCell(0).getParagraphs().get(0).getAlignment(), "name");
            assertEquals("8", table.getRow(1).getCell(0).getCTTc().getTcPr().getGridSpan().getVal().toString(),
                    "a group row spans the table");
            var grid = table.getCTTbl().getTblGrid();
            assertEquals(8, grid.sizeOfGridColArray());
            long name = ((java.math.BigInteger) grid.getGridColArray(0).getW()).longValue();
            long date = ((java.math.BigInteger) grid.getGridColArray(2).getW()).longValue();
            long km2 = ((java.math.BigInteger) grid.getGridColArray(3).getW()).longValue();
            assertTrue(name > date && date > km2, "text wider than dates, dates wider than numbers");
        }
    }

    @Test
    void theSyntheticNoticeIsInThePageHeaderAndAboveEveryTable() throws IOException {
        Document d = SampleDocuments.sample(true, 10);
        try (XWPFDocument doc = open(d)) {
            List<XWPFHeader> headers = doc.getHeaderList();
            assertEquals(1, headers.size(), "one header for every page");
            assertEquals(Document.SYNTHETIC_NOTICE, headers.get(0).getText().strip());
            assertTrue(doc.getDocument().getBody().getSectPr().getHeaderReferenceArray(0).getType().toString().equals("default"));
            int tables = (int) d.sections().stream().mapToLong(s -> s.tables().size()).sum();
            assertEquals(tables, styled(doc, "Notice").stream().filter(Document.SYNTHETIC_NOTICE::equals).count());
        }
    }

    @Test
    void aDocumentOfRealFiguresHasNoNotice() throws IOException {
        try (XWPFDocument doc = open(SampleDocuments.sample(false, 10))) {
            assertTrue(doc.getHeaderList().stream().noneMatch(h -> h.getText().contains("SYNTHETIC")));
            assertTrue(doc.getParagraphs().stream().noneMatch(p -> p.getText().contains("SYNTHETIC")));
        }
    }

    @Test
    void theFooterHasTheTitleAndPageNOfMAndAWideTableTurnsThePage() throws IOException {
        Document d = SampleDocuments.sample(true, 10);
        try (XWPFDocument doc = open(d)) {
            String footer = doc.getFooterList().get(0).getParagraphs().get(0).getCTP().xmlText();
            assertTrue(footer.contains(d.title()), footer);
            assertTrue(footer.contains("w:instr=\" PAGE \"") && footer.contains("w:instr=\" NUMPAGES \""), footer);
            var size = doc.getDocument().getBody().getSectPr().getPgSz();
            assertEquals("landscape", size.getOrient().toString(), "eight columns do not fit A4 portrait");
            assertEquals("16838", size.getW().toString());
        }
    }
}
