package org.clearancemap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.clearancemap.report.Document.Figure;
import org.clearancemap.report.Document.Row;
import org.clearancemap.report.Document.RowKind;
import org.clearancemap.report.Document.Section;
import org.clearancemap.report.Document.Table;
import org.junit.jupiter.api.Test;

class PdfDocumentTest {
    private static final int ROWS = 120;

    /** The text of each page in the order it was drawn, read back with PDFBox, runs of white space as one space. */
    static List<String> pages(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            List<String> pages = new ArrayList<>();
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                pages.add(stripper.getText(doc).replaceAll("\\s+", " "));
            }
            return pages;
        }
    }

    private static String line(List<String> cells) {
        return cells.stream().filter(c -> !c.isEmpty()).collect(Collectors.joining(" "));
    }

    private static Table contaminated(Document d) {
        return d.sections().get(0).tables().get(0);
    }

    @Test
    void everyFigureAndEveryRowReadsAsFormatsWritesIt() throws IOException {
        Document d = SampleDocuments.sample(false, ROWS);
        String text = String.join(" ", pages(PdfDocument.render(d)));
        assertTrue(text.contains(d.title()), "title");
        assertTrue(text.contains(d.subtitle()), "subtitle");
        assertTrue(text.contains("Figures refer to 31 December 2024"), "figures' date");
        assertTrue(text.contains("Produced 7 December 2026, 09:30 UTC"), "production time");
        assertTrue(text.contains(d.provenance().basis()), "basis");
        assertTrue(text.contains("Article 7 report 2024; Landmine and Cluster Munition Monitor 2025"), "sources");
        for (Section s : d.sections()) {
            assertTrue(text.contains(s.heading()), s.heading());
            if (s.treatyText() != null) {
                assertTrue(text.contains("“" + s.treatyText() + "”"), "treaty text");
            }
            for (Figure f : s.figures()) {
                String expected = f.label() + " " + Formats.figure(f.kind(), f.value());
                assertTrue(text.contains(expected), expected);
            }
            for (Table t : s.tables()) {
                assertTrue(text.contains(t.title()), t.title());
                if (t.rows().isEmpty()) {
                    assertTrue(text.contains(t.empty()), t.empty());
                }
                for (Row r : t.rows()) {
                    String expected = line(PrintedParts.cells(t, r));
                    assertTrue(text.contains(expected), expected);
                }
            }
        }
        assertTrue(text.contains("Notes Areas are geodesic (WGS 84)."), "notes");
        assertTrue(text.contains("1.236 km²") || text.contains("Size (km²)"), "km² reads as km²");
    }

    @Test
    void namesOutsideLatin1PrintAsTheyAre() throws IOException {
        Document s = SampleDocuments.sample(false, 4);
        Document d = new Document(s.name(), "Quảng Trị, Xékong, Nabatîyé: 1.5 km²", s.subtitle(), s.provenance(),
                false, s.sections(), s.notes(), s.json());
        String text = String.join(" ", pages(PdfDocument.render(d)));
        assertTrue(text.contains("Quảng Trị, Xékong, Nabatîyé: 1.5 km²"), text.substring(0, 200));
    }

    @Test
    void theSyntheticNoticeIsInTheHeaderOfEveryPageAndAboveEveryTable() throws IOException {
        Document d = SampleDocuments.sample(true, ROWS);
        List<String> pages = pages(PdfDocument.render(d));
        assertTrue(pages.size() >= 3, "the sample runs over several pages: " + pages.size());
        int notices = 0;
        for (int i = 0; i < pages.size(); i++) {
            String page = pages.get(i);
            assertTrue(page.contains(Document.SYNTHETIC_NOTICE), "page " + (i + 1) + " has the notice");
            notices += page.split(java.util.regex.Pattern.quote(Document.SYNTHETIC_NOTICE), -1).length - 1;
        }
        int tables = (int) d.sections().stream().mapToLong(s -> s.tables().size()).sum();
        assertEquals(pages.size() + tables, notices, "one notice per page header and one above each table");
    }

    @Test
    void aDocumentOfRealFiguresHasNoNotice() throws IOException {
        for (String page : pages(PdfDocument.render(SampleDocuments.sample(false, ROWS)))) {
            assertFalse(page.contains("SYNTHETIC"), page.substring(0, 120));
        }
    }

    @Test
    void theHeaderRowRepeatsOnEveryPageTheTableRunsOnto() throws IOException {
        Document d = SampleDocuments.sample(true, ROWS);
        Table t = contaminated(d);
        String header = t.columns().stream().map(Document.Column::header).collect(Collectors.joining(" "));
        List<String> pages = pages(PdfDocument.render(d));
        int withRows = 0;
        for (int i = 0; i < pages.size(); i++) {
            boolean rows = false;
            for (Row r : t.rows()) {
                if (r.kind() == RowKind.ITEM && pages.get(i).contains(line(PrintedParts.cells(t, r)))) {
                    rows = true;
                }
            }
            if (rows) {
                withRows++;
                assertTrue(pages.get(i).contains(header), "page " + (i + 1) + " repeats the header row");
            }
        }
        assertTrue(withRows >= 3, "the table runs over several pages: " + withRows);
    }

    @Test
    void everyFooterHasTheTitleAndPageNOfM() throws IOException {
        Document d = SampleDocuments.sample(true, ROWS);
        List<String> pages = pages(PdfDocument.render(d));
        for (int i = 0; i < pages.size(); i++) {
            String page = pages.get(i).strip();
            assertTrue(page.endsWith(d.title() + " Page " + (i + 1) + " of " + pages.size()),
                    "footer of page " + (i + 1) + ": " + page.substring(Math.max(0, page.length() - 120)));
        }
    }
}
