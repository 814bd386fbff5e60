package org.clearancemap.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One report as every format renders it: JSON gives {@link #json()}; HTML, PDF, Word and Excel lay
 * out the sections; CSV writes each table to a file of its own.
 *
 * <p>Rules every renderer keeps:
 * <ul>
 *   <li>When {@link #synthetic()} holds, {@link #SYNTHETIC_NOTICE} is on every page (header of PDF
 *       and Word pages, top of every sheet and of the HTML page) and above every table.</li>
 *   <li>Each document says the date its figures refer to, when it was produced and their basis
 *       ({@link Provenance}).</li>
 *   <li>Labels and headers are the treaty's words ({@link TreatyWords}), never field names;
 *       values read as {@link Formats} writes them (Excel keeps numbers as numbers, in the same units).</li>
 * </ul>
 *
 * @param name     the file name without extension, e.g. {@code LAO-article7-2024}
 * @param subtitle what the document covers, one sentence
 * @param json     the JSON document, as the API has always served it, plus provenance and the notice
 */
public record Document(String name, String title, String subtitle, Provenance provenance, boolean synthetic,
                       List<Section> sections, List<String> notes, Map<String, Object> json) {

    /**
     * Shown on every page and above every table when any figure comes from the demo generator
     * (its polygons, requests, indicator registry or values). It holds no comma, so that it stands
     * unquoted at the head of every CSV row.
     */
    public static final String SYNTHETIC_NOTICE = "SYNTHETIC DEMO DATA: figures in this document come from the demo's "
            + "invented polygons and records. Do not copy them into a treaty report.";

    /**
     * Where the figures come from.
     *
     * @param figuresOn  the date the figures refer to (the period's end, or the as-of date)
     * @param producedAt when the server computed them
     * @param basis      one sentence: mapped (from which polygons) and/or reported (by whom)
     * @param sources    the sources of the reported figures the document lists, as stated with them
     */
    public record Provenance(LocalDate figuresOn, Instant producedAt, String basis, List<String> sources) {
    }

    /**
     * A part of the document under one heading.
     *
     * @param treatyText the provision the section answers, quoted (null when none)
     * @param figures    key figures, label and value, shown before the tables
     */
    public record Section(String heading, String treatyText, List<Figure> figures, List<Table> tables) {
    }

    /**
     * A key figure.
     *
     * @param part true for a part of the figure before it ("of which …"), shown indented
     */
    public record Figure(String label, Kind kind, Object value, boolean part) {
        public static Figure of(String label, Kind kind, Object value) {
            return new Figure(label, kind, value, false);
        }

        public static Figure partOf(String label, Kind kind, Object value) {
            return new Figure(label, kind, value, true);
        }
    }

    /**
     * A table. Rows of kind {@link RowKind#GROUP} head the items of one administrative area and
     * {@link RowKind#SUBTOTAL} close them; CSV keeps only {@link RowKind#ITEM} and
     * {@link RowKind#TOTAL} rows, since its readers sum columns themselves.
     *
     * @param id    the CSV file name without extension, e.g. {@code contaminated-areas}
     * @param empty what the table says when it has no rows
     */
    public record Table(String id, String title, List<Column> columns, List<Row> rows, String empty) {
    }

    /** A column: its header in the treaty's words and what its cells hold. */
    public record Column(String header, Kind kind) {
    }

    /**
     * A row. For {@link RowKind#GROUP} only the first cell is used (the area's name) and spans the
     * row; other kinds have one cell per column, null where empty. The first cell of a
     * {@link RowKind#SUBTOTAL} or {@link RowKind#TOTAL} row is its label, text whatever the
     * column's kind.
     */
    public record Row(RowKind kind, List<Object> cells) {
        public static Row item(List<Object> cells) {
            return new Row(RowKind.ITEM, cells);
        }
    }

    public enum RowKind { ITEM, GROUP, SUBTOTAL, TOTAL }

    /**
     * What a cell or a figure holds, and so how it reads.
     * <ul>
     *   <li>{@code KM2} and {@code SQM} both hold square metres (a {@link Number}); {@code KM2}
     *       shows them in km² to 3 decimals, {@code SQM} in whole m².</li>
     *   <li>{@code DATE} holds a {@link LocalDate}, {@code INSTANT} an {@link Instant}.</li>
     *   <li>{@code DEGREES} holds a longitude or latitude (5 decimals).</li>
     *   <li>{@code COUNT} and {@code YEAR} hold whole numbers; {@code PERCENT} a fraction 0–1.</li>
     * </ul>
     */
    public enum Kind { TEXT, KM2, SQM, DATE, INSTANT, DEGREES, COUNT, YEAR, PERCENT }
}
