package org.clearancemap.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.clearancemap.auth.Role;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.clearancemap.testing.Tokens;

/**
 * The token resolution benchmark ({@code scripts/bench.sh auth}): requests per second with
 * {@code wrk} (2 threads, 8 connections, on loopback) for {@code GET /health} (no token, the
 * floor), {@code GET /api/me} with a token the server remembers ({@code AUTH_CACHE_SECONDS=30})
 * and with one looked up in the database on every request ({@code AUTH_CACHE_SECONDS=0}). Each
 * run follows a 2 s warm-up; {@code BENCH_SECONDS} (5) per run. Needs no dataset.
 */
public final class AuthBenchmark {
    private static final int SECONDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "5"));

    private AuthBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (TestDatabase db = TestDatabase.create(AuthBenchmark.class)) {
            String token = new Tokens(db).issue("bench", Role.ANALYST);
            try (TestServer cached = TestServer.start(db, Map.of("AUTH_CACHE_SECONDS", "30"), routes -> { })) {
                run("GET /health (no token)", cached.url("/health"), null);
                run("GET /api/me, token cached", cached.url("/api/me"), token);
            }
            try (TestServer uncached = TestServer.start(db, Map.of("AUTH_CACHE_SECONDS", "0"), routes -> { })) {
                run("GET /api/me, token looked up every request", uncached.url("/api/me"), token);
            }
        }
    }

    private static void run(String label, String url, String token) throws Exception {
        wrk(url, token, 2);
        System.out.printf(Locale.ROOT, "%-48s %10s req/s%n", label, wrk(url, token, SECONDS));
    }

    /** The requests per second wrk reports. */
    private static String wrk(String url, String token, int seconds) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c8", "-d" + seconds + "s"));
        if (token != null) {
            command.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        command.add(url);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        if (out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk saw errors:\n" + out);
        }
        return out.lines().filter(l -> l.startsWith("Requests/sec:")).map(l -> l.split("\\s+")[1]).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Requests/sec in:\n" + out));
    }
}
