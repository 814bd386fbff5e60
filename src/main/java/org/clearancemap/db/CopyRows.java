package org.clearancemap.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Streams rows into a PostgreSQL {@code COPY ... FROM STDIN} (text format) on an open connection,
 * a buffer of about a megabyte at a time, so a large upload is never held twice in memory.
 * Values are written with {@link String#valueOf(Object)}; null is SQL NULL; a {@code byte[]} (a
 * geometry's EWKB) is written as hex, which PostGIS reads directly.
 */
public final class CopyRows extends CopyStream {

    public CopyRows(Connection connection, String copySql) throws SQLException {
        super(connection, copySql);
    }

    /** Adds one row; the values in the column order of the COPY statement. */
    public void add(Object... values) throws SQLException {
        addRow(row(values));
    }

    /**
     * One row in COPY text format, ready for {@link #addRow}. Thread-safe: rows can be encoded on
     * other threads while one thread feeds the COPY.
     */
    public static byte[] row(Object... values) {
        var row = new StringBuilder(4096);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                row.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                row.append("\\N");
            } else if (v instanceof byte[] bytes) {
                hex(row, bytes);
            } else {
                escape(row, String.valueOf(v));
            }
        }
        row.append('\n');
        return row.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Binary values (a geometry's EWKB) go as hex text, which PostGIS reads directly. */
    private static void hex(StringBuilder row, byte[] bytes) {
        for (byte b : bytes) {
            row.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
    }

    private static void escape(StringBuilder row, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(ch);
            }
        }
    }
}
