package org.clearancemap.db;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into a PostgreSQL {@code COPY ... FROM STDIN} (text format) on an open connection,
 * a buffer of about a megabyte at a time, so a large upload is never held twice in memory.
 * Values are written with {@link String#valueOf(Object)}; null is SQL NULL; a {@code byte[]} (a
 * geometry's EWKB) is written as hex, which PostGIS reads directly.
 */
public final class CopyRows implements AutoCloseable {
    private static final int FLUSH_BYTES = 1 << 20;

    private final CopyIn copy;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES + 65536);
    private long rows;

    public CopyRows(Connection connection, String copySql) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
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

    /** Adds a row made by {@link #row}. */
    public void addRow(byte[] bytes) throws SQLException {
        buffer.write(bytes, 0, bytes.length);
        rows++;
        if (buffer.size() >= FLUSH_BYTES) {
            flush();
        }
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

    private void flush() throws SQLException {
        if (buffer.size() > 0) {
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        }
    }

    /** Sends what is left and ends the COPY; returns the number of rows written. */
    public long finish() throws SQLException {
        flush();
        copy.endCopy();
        return rows;
    }

    /** Cancels the COPY when it was not finished (an error happened on the way). */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
