package org.clearancemap.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How values read in a document (HTML, PDF, Word) and in CSV. Documents: km² to 3 decimals and m²
 * whole, with thousands separators; dates in full ("7 December 2026"); times in UTC. CSV: the same
 * decimals without separators and ISO 8601 dates, so that a spreadsheet reads them as numbers and
 * dates. Rounding is half-up on the decimal value, so a document and its CSV always agree.
 */
public final class Formats {
    /** The Excel number formats that read like {@link #document}. */
    public static final String EXCEL_KM2 = "#,##0.000";
    public static final String EXCEL_SQM = "#,##0";
    public static final String EXCEL_DEGREES = "0.00000";
    public static final String EXCEL_DATE = "d mmmm yyyy";
    public static final String EXCEL_PERCENT = "0.0%";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /**
     * The value as a document shows it in a table cell (the unit is in the column's header). Text
     * reads as itself in a column of any kind: the label that opens a subtotal or total row.
     */
    public static String document(Document.Kind kind, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String label) {
            return label;
        }
        return switch (kind) {
            case KM2 -> KM2.get().format(km2(value));
            case SQM -> WHOLE.get().format(sqm(value));
            case DEGREES -> DEGREES.get().format(degrees(value));
            case COUNT -> WHOLE.get().format(((Number) value).longValue());
            case YEAR -> Long.toString(((Number) value).longValue());
            case PERCENT -> PERCENT.get().format(BigDecimal.valueOf(((Number) value).doubleValue() * 100)) + " %";
            case DATE -> DATE.format((LocalDate) value);
            case INSTANT -> INSTANT.format((Instant) value);
            case TEXT -> value.toString();
        };
    }

    /** A key figure as a document shows it: with its unit, and an area also in m². */
    public static String figure(Document.Kind kind, Object value) {
        if (value == null) {
            return "not known";
        }
        return switch (kind) {
            case KM2 -> document(kind, value) + " km² (" + document(Document.Kind.SQM, value) + " m²)";
            case SQM -> document(kind, value) + " m²";
            default -> document(kind, value);
        };
    }

    /** The value as CSV holds it. */
    public static String csv(Document.Kind kind, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String label) {
            return label;
        }
        return switch (kind) {
            case KM2 -> km2(value).toPlainString();
            case SQM -> sqm(value).toPlainString();
            case DEGREES -> degrees(value).toPlainString();
            case COUNT, YEAR -> Long.toString(((Number) value).longValue());
            case PERCENT -> BigDecimal.valueOf(((Number) value).doubleValue() * 100).setScale(1, RoundingMode.HALF_UP)
                    .toPlainString();
            case DATE -> value.toString();
            case INSTANT -> value.toString();
            case TEXT -> value.toString();
        };
    }

    /** Square metres in km², rounded to 3 decimals (what every format shows). */
    public static BigDecimal km2(Object sqm) {
        return BigDecimal.valueOf(((Number) sqm).doubleValue()).movePointLeft(6).setScale(3, RoundingMode.HALF_UP);
    }

    /** Square metres, rounded to whole m². */
    public static BigDecimal sqm(Object sqm) {
        return BigDecimal.valueOf(((Number) sqm).doubleValue()).setScale(0, RoundingMode.HALF_UP);
    }

    /** Degrees to 5 decimals (about 1 m). */
    public static BigDecimal degrees(Object degrees) {
        return BigDecimal.valueOf(((Number) degrees).doubleValue()).setScale(5, RoundingMode.HALF_UP);
    }

    /** A DecimalFormat is not safe to share between threads, and costly to make: one of each per thread. */
    private static final ThreadLocal<DecimalFormat> KM2 = ThreadLocal.withInitial(() -> decimal("#,##0.000"));
    private static final ThreadLocal<DecimalFormat> WHOLE = ThreadLocal.withInitial(() -> decimal("#,##0"));
    private static final ThreadLocal<DecimalFormat> DEGREES = ThreadLocal.withInitial(() -> decimal("0.00000"));
    private static final ThreadLocal<DecimalFormat> PERCENT = ThreadLocal.withInitial(() -> decimal("0.0"));

    private static DecimalFormat decimal(String pattern) {
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f;
    }
}
