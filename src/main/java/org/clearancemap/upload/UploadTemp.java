package org.clearancemap.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where uploads keep their temporary files: one folder per server process,
 * {@code <java.io.tmpdir>/clearance-map-<pid>}. A server that ends normally deletes each file when
 * its upload is done; a server killed with SIGKILL cannot, so the next server to start removes the
 * folders of processes that no longer run ({@link #sweep}), and never those of a running one.
 */
public final class UploadTemp {
    static final String PREFIX = "clearance-map-";

    private UploadTemp() {
    }

    /** This process's folder, created when missing (also when a cleaner removed it meanwhile). */
    static Path folder() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir")).resolve(PREFIX + ProcessHandle.current().pid());
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path file(String prefix, String suffix) throws IOException {
        return Files.createTempFile(folder(), prefix, suffix);
    }

    static Path directory(String prefix) throws IOException {
        return Files.createTempDirectory(folder(), prefix);
    }

    /** Removes the upload folders under the temporary directory left by processes that have ended. */
    public static int sweep() {
        return sweep(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Removes every {@code clearance-map-<pid>} folder under {@code tmp} whose process has ended;
     * returns how many were removed. Anything else under {@code tmp} is left alone.
     */
    static int sweep(Path tmp) {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path entry : entries) {
                String pid = entry.getFileName().toString().substring(PREFIX.length());
                if (!pid.matches("[0-9]{1,18}") || !Files.isDirectory(entry)) {
                    continue;
                }
                boolean running = ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                if (!running) {
                    deleteTree(entry);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
