package org.clearancemap.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.clearancemap.http.ApiException;

/**
 * An uploaded file, written once from the request to a temporary file while its SHA-256 is
 * computed and its size counted; deleted on {@link #close()}. This is the only copy the server
 * makes of a large body (a multipart body too: {@link MultipartBody} streams its part here):
 * everything else reads it from disk.
 *
 * @param path     the temporary file
 * @param fileName the client's file name, when it sent one
 * @param sha256   hex SHA-256 of the content
 * @param sizeBytes its size
 */
record ReceivedFile(Path path, String fileName, String sha256, long sizeBytes) implements AutoCloseable {
    /** Bytes written to received files since start, and received files not yet deleted (for tests and monitoring). */
    static final AtomicLong BYTES_WRITTEN = new AtomicLong();
    static final AtomicInteger OPEN = new AtomicInteger();

    /** Copies {@code in} to a temporary file; 413 as soon as more than {@code maxBytes} arrived. */
    static ReceivedFile copy(InputStream in, String fileName, long maxBytes) {
        Writer writer = new Writer(fileName, maxBytes);
        try {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                writer.write(buffer, 0, n);
            }
            return writer.finish();
        } catch (IOException e) {
            writer.abort();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            writer.abort();
            throw e;
        }
    }

    /** Writes a received file piece by piece; {@link #abort} on any failure deletes it. */
    static final class Writer {
        private final String fileName;
        private final long maxBytes;
        private final Path path;
        private final OutputStream out;
        private final MessageDigest sha;
        private long size;
        private boolean done;

        Writer(String fileName, long maxBytes) {
            this.fileName = fileName;
            this.maxBytes = maxBytes;
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
                this.path = UploadTemp.file("upload-", ".bin");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            OPEN.incrementAndGet();
            try {
                this.out = Files.newOutputStream(path);
            } catch (IOException e) {
                release(path);
                throw new UncheckedIOException(e);
            }
        }

        void write(byte[] b, int off, int len) throws IOException {
            size += len;
            if (size > maxBytes) {
                throw new ApiException.PayloadTooLarge("The file is larger than " + maxBytes
                        + " bytes (MAX_BODY_BYTES).");
            }
            sha.update(b, off, len);
            out.write(b, off, len);
            BYTES_WRITTEN.addAndGet(len);
        }

        ReceivedFile finish() throws IOException {
            out.close();
            done = true;
            return new ReceivedFile(path, fileName, HexFormat.of().formatHex(sha.digest()), size);
        }

        void abort() {
            if (!done) {
                done = true;
                try {
                    out.close();
                } catch (IOException ignored) {
                    // deleted below anyway
                }
                release(path);
            }
        }
    }

    /** The first bytes of the file, for format detection. */
    byte[] head(int n) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        release(path);
    }

    private static void release(Path p) {
        try {
            if (Files.deleteIfExists(p)) {
                OPEN.decrementAndGet();
            }
        } catch (IOException ignored) {
            // a temporary file left behind is not worth failing a request for
        }
    }

    static void delete(Path p) {
        if (p == null) {
            return;
        }
        try {
            if (Files.isDirectory(p)) {
                try (var walk = Files.walk(p)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            } else {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary file left behind is not worth failing a request for
        }
    }
}
