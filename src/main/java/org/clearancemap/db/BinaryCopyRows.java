package org.clearancemap.db;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into a PostgreSQL {@code COPY ... FROM STDIN (FORMAT binary)} on an open
 * connection, about a megabyte at a time. Rows are made by {@link Row} (thread-safe: they can be
 * encoded on other threads while one thread feeds the COPY). Binary saves both sides the text
 * form: a geometry goes as its EWKB bytes (PostGIS {@code geometry_recv}), numbers and dates as
 * their binary values.
 */
public final class BinaryCopyRows implements AutoCloseable {
    private static final int FLUSH_BYTES = 1 << 20;
    /** Signature, flags (no OIDs), header extension length. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    private static final long EPOCH_2000 = LocalDate.of(2000, 1, 1).toEpochDay();

    private final CopyIn copy;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES + 65536);
    private long rows;

    /** {@code copySql} must end in {@code FROM STDIN (FORMAT binary)}. */
    public BinaryCopyRows(Connection connection, String copySql) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        buffer.write(HEADER, 0, HEADER.length);
    }

    /** Adds a row made by {@link Row#bytes()}. */
    public void addRow(byte[] row) throws SQLException {
        buffer.write(row, 0, row.length);
        rows++;
        if (buffer.size() >= FLUSH_BYTES) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (buffer.size() > 0) {
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        }
    }

    /** Sends what is left and the trailer, and ends the COPY; returns the number of rows written. */
    public long finish() throws SQLException {
        buffer.write(0xff);
        buffer.write(0xff);
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

    /** One row in COPY binary format: its fields in the column order of the COPY statement. */
    public static final class Row {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);

        public Row(int fields) {
            short2(fields);
        }

        private void short2(int v) {
            out.write(v >>> 8);
            out.write(v);
        }

        private void int4(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
        }

        private void int8(long v) {
            int4((int) (v >>> 32));
            int4((int) v);
        }

        private Row nul() {
            int4(-1);
            return this;
        }

        /** text, varchar or char(n). */
        public Row text(String s) {
            if (s == null) {
                return nul();
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int4(b.length);
            out.write(b, 0, b.length);
            return this;
        }

        /** jsonb: a version byte, then the JSON text. */
        public Row jsonb(String json) {
            if (json == null) {
                return nul();
            }
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            int4(b.length + 1);
            out.write(1);
            out.write(b, 0, b.length);
            return this;
        }

        public Row integer(Integer v) {
            if (v == null) {
                return nul();
            }
            int4(4);
            int4(v);
            return this;
        }

        public Row bigint(long v) {
            int4(8);
            int8(v);
            return this;
        }

        public Row float8(double v) {
            int4(8);
            int8(Double.doubleToLongBits(v));
            return this;
        }

        /** date: days since 2000-01-01. */
        public Row date(LocalDate d) {
            if (d == null) {
                return nul();
            }
            int4(4);
            int4((int) (d.toEpochDay() - EPOCH_2000));
            return this;
        }

        /** bytea, or a PostGIS geometry as (E)WKB. */
        public Row bytes(byte[] b) {
            if (b == null) {
                return nul();
            }
            int4(b.length);
            out.write(b, 0, b.length);
            return this;
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }
}
