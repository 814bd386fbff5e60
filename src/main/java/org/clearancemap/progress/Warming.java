package org.clearancemap.progress;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes State Parties' figures ahead of the requests for them, one State Party after the other
 * on a background thread of low priority: every State Party when the server starts, and again each
 * one whose cache entries a write dropped ({@link ProgressCache#onInvalidate}), so that a request
 * finds today's figures and aggregates computed instead of computing them itself. A State Party
 * already waiting is not queued twice; a request that comes first computes its own, as without
 * warming.
 */
public final class Warming implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("warm-up");
    private final Consumer<String> warmOne;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();
    private final java.util.Map<String, AtomicInteger> rounds = new ConcurrentHashMap<>();

    /** @param warmOne computes and caches what requests ask of one State Party (its code) */
    public Warming(Consumer<String> warmOne) {
        this.warmOne = warmOne;
    }

    /** Queues these State Parties, in this order. */
    public void all(List<String> iso3s) {
        iso3s.forEach(this::one);
    }

    /** Queues one State Party ("*": nothing; the caller queues them all), unless it is waiting already. */
    public void one(String iso3) {
        if ("*".equals(iso3) || !queued.add(iso3)) {
            return;
        }
        pending.incrementAndGet();
        try {
            thread.execute(() -> {
                queued.remove(iso3);
                try {
                    warmOne.accept(iso3);
                    rounds.computeIfAbsent(iso3, k -> new AtomicInteger()).incrementAndGet();
                } catch (RuntimeException e) {
                    LOG.warn("warming the figures of {} stopped: {}", iso3, e.toString());
                } finally {
                    synchronized (pending) {
                        pending.decrementAndGet();
                        pending.notifyAll();
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.remove(iso3); // closed: nothing more is warmed
            pending.decrementAndGet();
        }
    }

    /** Waits until nothing is queued or being computed; false when {@code timeout} passed first. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (pending) {
            while (pending.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(pending, left);
            }
        }
        return true;
    }

    /** How many times the figures of {@code iso3} were computed ahead since start. */
    public int rounds(String iso3) {
        AtomicInteger n = rounds.get(iso3);
        return n == null ? 0 : n.get();
    }

    /** Waits until {@code iso3} was warmed more than {@code rounds} times; false when {@code timeout} passed first. */
    public boolean awaitRounds(String iso3, int rounds, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (pending) {
            while (rounds(iso3) <= rounds) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(pending, left);
            }
        }
        return true;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
