package org.clearancemap.db;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Streams rows into a PostgreSQL {@code COPY ... FROM STDIN (FORMAT binary)} on an open
 * connection, about a megabyte at a time. Rows are made by {@link Row} (thread-safe: they can be
 * encoded on other threads while one thread feeds the COPY). Binary saves both sides the text
 * form: a geometry goes as its EWKB bytes (PostGIS {@code geometry_recv}), numbers and dates as
 * their binary values.
 */
public final class BinaryCopyRows extends CopyStream {
    /** Signature, flags (no OIDs), header extension length. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    private static final long EPOCH_2000 = LocalDate.of(2000, 1, 1).toEpochDay();

    private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};

    /** {@code copySql} must end in {@code FROM STDIN (FORMAT binary)}. */
    public BinaryCopyRows(Connection connection, String copySql) throws SQLException {
        super(connection, copySql);
        writeRaw(HEADER);
    }

    /** The trailer: a field count of -1. */
    @Override
    void beforeEnd() {
        writeRaw(TRAILER);
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
