package org.clearancemap.db;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * What {@link CopyRows} (text) and {@link BinaryCopyRows} (binary) share: a {@code COPY ... FROM
 * STDIN} on an open connection fed with encoded rows, a buffer of about a megabyte at a time, so a
 * large upload is never held twice in memory; cancelled when closed unfinished.
 */
abstract class CopyStream implements AutoCloseable {
    private static final int FLUSH_BYTES = 1 << 20;

    private final CopyIn copy;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES + 65536);
    private long rows;

    CopyStream(Connection connection, String copySql) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    }

    /** Bytes that are not a row: the binary format's header and trailer. */
    final void writeRaw(byte[] bytes) {
        buffer.write(bytes, 0, bytes.length);
    }

    /** Adds one encoded row. */
    public final void addRow(byte[] row) throws SQLException {
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

    /** What the format writes after the last row (nothing for text). */
    void beforeEnd() {
    }

    /** Sends what is left and ends the COPY; returns the number of rows written. */
    public final long finish() throws SQLException {
        beforeEnd();
        flush();
        copy.endCopy();
        return rows;
    }

    /** Cancels the COPY when it was not finished (an error happened on the way). */
    @Override
    public final void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
