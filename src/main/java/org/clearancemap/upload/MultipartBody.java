package org.clearancemap.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.clearancemap.http.ApiException;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) as it arrives and streams one part straight
 * into a {@link ReceivedFile}: the file is written to disk once, with no temporary copy by the
 * servlet container and no second copy by us. Other parts are read past and dropped.
 */
final class MultipartBody {
    private static final int MAX_HEADER_LINE = 8192;
    private static final int MAX_HEADERS = 32;
    /** Room for the parts other than the file (form fields) and the multipart framing. */
    private static final long OTHER_PARTS = 1 << 20;

    /** The part received: the file, its declared media type (may be null). */
    record Part(ReceivedFile file, String contentType) {
    }

    private final InputStream in;
    private final byte[] buf = new byte[65536];
    private int pos;
    private int lim;
    private boolean eof;
    /** Bytes read from the body, and the most it may have (the part's limit plus room for the other parts). */
    private long total;
    private final long maxTotal;

    private MultipartBody(InputStream in, long maxTotal) {
        this.in = in;
        this.maxTotal = maxTotal;
    }

    /** The boundary of a {@code multipart/form-data; boundary=...} Content-Type; 400 when missing. */
    static String boundary(String contentType) {
        if (contentType != null) {
            for (String param : contentType.split(";")) {
                String p = param.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                    String b = p.substring(9).trim();
                    if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                        b = b.substring(1, b.length() - 1);
                    }
                    if (!b.isEmpty() && b.length() <= 200) {
                        return b;
                    }
                }
            }
        }
        throw new ApiException.BadRequest("The multipart Content-Type has no boundary parameter.");
    }

    /**
     * Reads the whole body and returns the part named {@code name}, written to a temporary file;
     * 400 when the body is not well-formed multipart or has no such part, 413 when the part is
     * larger than {@code maxBytes}.
     */
    static Part read(InputStream in, String boundary, String name, long maxBytes) {
        return new MultipartBody(in, maxBytes + OTHER_PARTS).part(boundary, name, maxBytes);
    }

    private Part part(String boundary, String name, long maxBytes) {
        byte[] first = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Part found = null;
        try {
            if (!skipUntil(first)) {
                throw malformed("it does not contain its boundary");
            }
            while (true) {
                if (!fill(2)) {
                    throw malformed("it ends without the closing boundary");
                }
                if (buf[pos] == '-' && buf[pos + 1] == '-') {
                    break; // closing boundary; what follows is the epilogue
                }
                readLine(); // the rest of the boundary line (transport padding, CRLF)
                String partName = null;
                String fileName = null;
                String contentType = null;
                for (int i = 0; ; i++) {
                    String line = readLine();
                    if (line.isEmpty()) {
                        break;
                    }
                    if (i >= MAX_HEADERS) {
                        throw malformed("a part has more than " + MAX_HEADERS + " header lines");
                    }
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = line.substring(colon + 1).trim();
                    if (header.equals("content-disposition")) {
                        partName = parameter(value, "name");
                        fileName = parameter(value, "filename");
                    } else if (header.equals("content-type")) {
                        contentType = value;
                    }
                }
                if (found == null && name.equals(partName)) {
                    ReceivedFile.Writer writer = new ReceivedFile.Writer(fileName, maxBytes);
                    try {
                        if (!copyUntil(delimiter, writer)) {
                            throw malformed("the part '" + name + "' is cut off before its boundary");
                        }
                        found = new Part(writer.finish(), contentType);
                    } catch (IOException | RuntimeException e) {
                        writer.abort();
                        throw e;
                    }
                } else if (!skipUntil(delimiter)) {
                    throw malformed("a part is cut off before its boundary");
                }
            }
        } catch (IOException e) {
            close(found);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close(found);
            throw e;
        }
        if (found == null) {
            throw ApiException.BadRequest.parameter("file",
                    "The multipart body has no part named '" + name + "'; put the uploaded file in it.");
        }
        return found;
    }

    private static void close(Part p) {
        if (p != null) {
            p.file().close();
        }
    }

    private static ApiException malformed(String why) {
        return new ApiException.BadRequest("The multipart body is malformed: " + why + ".");
    }

    /** A parameter of a Content-Disposition value, e.g. name="file"; null when absent. */
    static String parameter(String value, String key) {
        for (String piece : value.split(";")) {
            String p = piece.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(key)) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** Makes at least {@code n} unread bytes available; false at the end of the body. */
    private boolean fill(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n && !eof) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
                total += r;
                if (total > maxTotal) {
                    throw new ApiException.PayloadTooLarge("The multipart body is larger than " + maxTotal
                            + " bytes (MAX_BODY_BYTES plus 1 MiB for the other parts).");
                }
            }
        }
        return lim - pos >= n;
    }

    /** A header line without its CRLF (decoded as UTF-8, which file names often are). */
    private String readLine() throws IOException {
        while (true) {
            for (int i = pos; i + 1 < lim; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String line = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
                    pos = i + 2;
                    return line;
                }
            }
            if (lim - pos > MAX_HEADER_LINE) {
                throw malformed("a header line is longer than " + MAX_HEADER_LINE + " bytes");
            }
            if (!fill(lim - pos + 1)) {
                throw malformed("it ends inside a part's headers");
            }
        }
    }

    private interface Sink {
        void write(byte[] b, int off, int len) throws IOException;
    }

    private boolean skipUntil(byte[] delimiter) throws IOException {
        return copyUntil(delimiter, (b, off, len) -> { });
    }

    private boolean copyUntil(byte[] delimiter, ReceivedFile.Writer writer) throws IOException {
        return copyUntil(delimiter, writer::write);
    }

    /** Passes the bytes before {@code delimiter} to {@code out} and consumes the delimiter; false when it never comes. */
    private boolean copyUntil(byte[] delimiter, Sink out) throws IOException {
        int d = delimiter.length;
        while (true) {
            boolean enough = fill(d);
            int at = indexOf(delimiter);
            if (at >= 0) {
                out.write(buf, pos, at - pos);
                pos = at + d;
                return true;
            }
            if (!enough) {
                out.write(buf, pos, lim - pos);
                pos = lim;
                return false;
            }
            int safe = lim - (d - 1); // a delimiter may start in the last d-1 bytes
            out.write(buf, pos, safe - pos);
            pos = safe;
            if (!fill(d + 1) && lim - pos < d) {
                out.write(buf, pos, lim - pos);
                pos = lim;
                return false;
            }
        }
    }

    private int indexOf(byte[] delimiter) {
        byte first = delimiter[0];
        int last = lim - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int k = 1; k < delimiter.length; k++) {
                if (buf[i + k] != delimiter[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
