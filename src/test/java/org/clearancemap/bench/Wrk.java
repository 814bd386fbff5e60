package org.clearancemap.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * wrk at 32 connections on two threads, asking one of the given paths at random per request (a
 * Lua script with a fixed seed), and its summary.
 */
final class Wrk {
    static final int CONNECTIONS = 32;

    /** What wrk measured: latencies in microseconds; errors by kind (status: non-2xx/3xx answers). */
    record Result(long requests, long durationUs, long p50Us, long p99Us, long maxUs,
                  long connect, long read, long write, long status, long timeout) {
        double requestsPerSecond() {
            return requests / (durationUs / 1e6);
        }

        long errors() {
            return connect + read + write + status + timeout;
        }
    }

    private Wrk() {
    }

    /** Runs wrk against {@code base} (e.g. {@code http://127.0.0.1:7070/}) for {@code seconds}. */
    static Result run(String base, List<String> paths, int seconds) throws IOException, InterruptedException {
        Path script = Files.createTempFile("bench-wrk", ".lua");
        var lua = new StringBuilder("local paths = {\n");
        paths.forEach(p -> lua.append("  \"").append(p).append("\",\n"));
        lua.append("""
                }
                math.randomseed(7)
                request = function()
                  return wrk.format("GET", paths[math.random(#paths)])
                end
                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("WRK requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d status=%d timeout=%d\\n",
                    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
                    e.connect, e.read, e.write, e.status, e.timeout))
                end
                """);
        Files.writeString(script, lua);
        try {
            Process p = new ProcessBuilder("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s", "--timeout", "10s",
                    "-s", script.toString(), base).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
                p.destroy();
                throw new IllegalStateException("wrk did not finish");
            }
            String line = out.lines().filter(l -> l.startsWith("WRK ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no wrk summary in:\n" + out));
            var v = new HashMap<String, Long>();
            for (String kv : line.substring(4).split(" ")) {
                String[] parts = kv.split("=");
                v.put(parts[0], Long.parseLong(parts[1]));
            }
            return new Result(v.get("requests"), v.get("duration_us"), v.get("p50_us"), v.get("p99_us"), v.get("max_us"),
                    v.get("connect"), v.get("read"), v.get("write"), v.get("status"), v.get("timeout"));
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
