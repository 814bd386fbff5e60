package org.clearancemap.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.clearancemap.http.ApiException;

/**
 * Unpacks an uploaded zip (a Shapefile set, a File Geodatabase or a KMZ) into a fresh temporary directory, refusing
 * what could hurt the server:
 * <ul>
 * <li>an entry whose name leaves the directory ({@code ../x}, {@code /etc/x}, {@code C:\x});</li>
 * <li>more than {@link #MAX_ENTRIES} entries;</li>
 * <li>a zip bomb: more than {@code maxUnzippedBytes} once unpacked (counted on the bytes actually
 *     inflated, not the sizes the archive declares), or an inflation ratio above
 *     {@link #MAX_RATIO};</li>
 * <li>a corrupt archive.</li>
 * </ul>
 * Nested folders are flattened: GDAL gets the files side by side. The caller deletes the directory.
 */
final class SafeArchive {
    static final int MAX_ENTRIES = 1000;
    static final long MAX_RATIO = 200;

    private SafeArchive() {
    }

    /**
     * The directory the archive was unpacked into, the names of the files in it, and the folders
     * the archive held them in (as written in the archive, in order; {@code ""} for its top).
     */
    record Unpacked(Path directory, List<String> files, List<String> folders) {
        List<String> withExtension(String extension) {
            return files.stream().filter(f -> f.toLowerCase(Locale.ROOT).endsWith(extension)).toList();
        }
    }

    static Unpacked unpack(Path zip, long compressedBytes, long maxUnzippedBytes) {
        Path dir = null;
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            dir = UploadTemp.directory("upload-zip-");
            var files = new ArrayList<String>();
            var folders = new ArrayList<String>();
            long total = 0;
            int count = 0;
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (++count > MAX_ENTRIES) {
                    throw refuse("too-many-entries", "The zip holds more than " + MAX_ENTRIES + " entries.");
                }
                if (escapes(name)) {
                    throw refuse("zip-path-traversal", "The zip entry '" + abbreviate(name)
                            + "' points outside the archive; such entries are refused, never unpacked.");
                }
                if (entry.isDirectory() || name.startsWith("__MACOSX/") || name.contains("/._")) {
                    continue;
                }
                String folder = name.substring(0, Math.max(0, name.lastIndexOf('/')));
                if (!folders.contains(folder)) {
                    folders.add(folder);
                }
                String flat = name.substring(name.lastIndexOf('/') + 1);
                if (flat.isEmpty() || flat.startsWith(".") || files.contains(flat)) {
                    continue;
                }
                Path target = dir.resolve(flat);
                try (InputStream in = open(archive, entry); OutputStream out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[65536];
                    int n;
                    while ((n = read(in, buffer, name)) >= 0) {
                        total += n;
                        if (total > maxUnzippedBytes || total > MAX_RATIO * Math.max(compressedBytes, 1024)) {
                            throw refuse("zip-bomb", "The zip unpacks to more than "
                                    + Math.min(maxUnzippedBytes, MAX_RATIO * Math.max(compressedBytes, 1024))
                                    + " bytes (MAX_UNZIPPED_BYTES, or " + MAX_RATIO
                                    + " times its own size); it is refused.");
                        }
                        out.write(buffer, 0, n);
                    }
                }
                files.add(flat);
            }
            return new Unpacked(dir, files, folders);
        } catch (ZipException e) {
            ReceivedFile.delete(dir);
            throw refuse("corrupt-zip", "The zip archive is corrupt or truncated (" + e.getMessage()
                    + "); zip the files again.");
        } catch (IOException e) {
            ReceivedFile.delete(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            ReceivedFile.delete(dir);
            throw e;
        }
    }

    private static InputStream open(ZipFile archive, ZipEntry entry) {
        try {
            return archive.getInputStream(entry);
        } catch (IOException e) {
            throw corrupt(entry.getName(), e);
        }
    }

    /**
     * Reads the next bytes of an entry. A failure here is the archive's (an entry cut short, a bad
     * CRC, broken deflate data), so a 422; failures writing the unpacked file stay server errors.
     */
    private static int read(InputStream in, byte[] buffer, String name) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw corrupt(name, e);
        }
    }

    private static ApiException corrupt(String entry, IOException e) {
        return refuse("corrupt-zip", "The zip entry '" + abbreviate(entry) + "' is corrupt or truncated ("
                + abbreviate(String.valueOf(e.getMessage())) + "); zip the files again.");
    }

    /** True for names that would land outside the directory they are unpacked in. */
    static boolean escapes(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static ApiException refuse(String code, String detail) {
        return new ApiException.Unprocessable(detail, Map.of("errors", List.of(FeatureProblem.ofFile(code, detail))));
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
