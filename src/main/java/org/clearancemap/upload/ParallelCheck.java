package org.clearancemap.upload;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Checks the features of an upload on every core while the request thread goes on parsing:
 * features go in batches of {@link #BATCH} to a pool of one thread per core, and what the check
 * makes of them comes back on the request thread in file order. At most {@link #MAX_IN_FLIGHT}
 * batches wait, so memory stays bounded however large the file. One pool serves every upload;
 * {@link #close} stops its threads.
 */
final class ParallelCheck implements AutoCloseable {
    private static final int BATCH = 256;
    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static final int MAX_IN_FLIGHT = THREADS + 1;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService pool = pool("upload-check-" + POOLS.incrementAndGet());

    /** A feature as read, waiting to be checked. */
    record Pending(int index, Map<String, Object> properties, GeoJsonFeatures.RawGeometry geometry) {
    }

    /** Takes each checked feature, in file order, on the request thread. */
    interface Sink<T> {
        void accept(T checked) throws SQLException;
    }

    private static ExecutorService pool(String name) {
        var threads = new AtomicInteger();
        return Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts checking the features of one upload.
     *
     * @param check runs on the pool's threads
     * @param sink  gets the results in file order, on the thread that calls {@link Run#add} and {@link Run#finish}
     */
    <T> Run<T> start(Function<Pending, T> check, Sink<T> sink) {
        return new Run<>(check, sink);
    }

    /** The checking of one upload; closing it cancels what is still being checked (after an error). */
    final class Run<T> implements AutoCloseable {
        private final Function<Pending, T> check;
        private final Sink<T> sink;
        private final ArrayDeque<Future<List<T>>> inFlight = new ArrayDeque<>();
        private List<Pending> batch = new ArrayList<>(BATCH);

        private Run(Function<Pending, T> check, Sink<T> sink) {
            this.check = check;
            this.sink = sink;
        }

        /** Adds the next feature of the file; hands on what earlier batches gave when too many wait. */
        void add(Pending feature) throws SQLException, InterruptedException {
            batch.add(feature);
            if (batch.size() == BATCH) {
                List<Pending> full = batch;
                batch = new ArrayList<>(BATCH);
                inFlight.add(pool.submit(() -> checkAll(full)));
                while (inFlight.size() > MAX_IN_FLIGHT) {
                    deliver(take(inFlight.poll()));
                }
            }
        }

        /** After the last feature: hands on every remaining result; the last, partial batch is checked here. */
        void finish() throws SQLException, InterruptedException {
            while (!inFlight.isEmpty()) {
                deliver(take(inFlight.poll()));
            }
            deliver(checkAll(batch));
        }

        private List<T> checkAll(List<Pending> features) {
            var result = new ArrayList<T>(features.size());
            for (Pending p : features) {
                result.add(check.apply(p));
            }
            return result;
        }

        private void deliver(List<T> checked) throws SQLException {
            for (T c : checked) {
                sink.accept(c);
            }
        }

        private List<T> take(Future<List<T>> f) throws InterruptedException {
            try {
                return f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("checking features failed", e.getCause());
            }
        }

        @Override
        public void close() {
            inFlight.forEach(f -> f.cancel(true));
        }
    }

    /** Stops the threads (the server is stopping; requests have finished or were given up by then). */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
