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
import org.clearancemap.http.ApiException;

/**
 * An uploaded file, copied once from the request to a temporary file while its SHA-256 is
 * computed and its size counted; deleted on {@link #close()}. This is the only copy the server
 * makes of a large body: everything else reads it from disk.
 *
 * @param path     the temporary file
 * @param fileName the client's file name, when it sent one
 * @param sha256   hex SHA-256 of the content
 * @param sizeBytes its size
 */
record ReceivedFile(Path path, String fileName, String sha256, long sizeBytes) implements AutoCloseable {

    /** Copies {@code in} to a temporary file; 413 as soon as more than {@code maxBytes} arrived. */
    static ReceivedFile copy(InputStream in, String fileName, long maxBytes) {
        Path path = null;
        try {
            path = Files.createTempFile("upload-", ".bin");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            byte[] buffer = new byte[65536];
            try (OutputStream out = Files.newOutputStream(path)) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    size += n;
                    if (size > maxBytes) {
                        throw new ApiException.PayloadTooLarge("The file is larger than " + maxBytes
                                + " bytes (MAX_BODY_BYTES).");
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            return new ReceivedFile(path, fileName, HexFormat.of().formatHex(sha.digest()), size);
        } catch (IOException e) {
            delete(path);
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            delete(path);
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            delete(path);
            throw e;
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
        delete(path);
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
