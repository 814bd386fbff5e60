package org.clearancemap.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client on one kept-alive socket, for the serving benchmark: it costs next to nothing
 * itself, so the time measured is the server's. GET only; Content-Length and chunked bodies.
 */
final class KeepAliveClient implements AutoCloseable {
    /** Status, body and the {@code Server-Timing} header (empty when absent) of a response. */
    record Response(int status, byte[] body, String serverTiming) {
    }

    private final String host;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    KeepAliveClient(String host, int port) throws IOException {
        this.host = host + ":" + port;
        this.socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        this.out = socket.getOutputStream();
    }

    Response get(String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        String timing = "";
        for (String h = line(); !h.isEmpty(); h = line()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("server-timing:")) {
                timing = h.substring(14).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (status == 204 || status == 304) {
            return new Response(status, new byte[0], timing);
        }
        if (chunked) {
            var body = new ByteArrayOutputStream();
            for (int n = Integer.parseInt(line().split(";")[0].trim(), 16); n > 0; n = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(n));
                line();
            }
            line();
            return new Response(status, body.toByteArray(), timing);
        }
        return new Response(status, in.readNBytes((int) Math.max(0, length)), timing);
    }

    private String line() throws IOException {
        var b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
