package org.clearancemap.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.clearancemap.geo.GeoJsonGeometry;
import org.clearancemap.land.MappedHazard;
import org.clearancemap.land.MappedLandRepository;
import org.clearancemap.land.MappedRelease;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The area figures of each State Party, computed on first use and kept per (State Party, date)
 * until something of that State Party is written: every write (an upload, a coordinator record)
 * calls {@link #invalidate(String)} before it answers, so the next read recomputes; writes made
 * outside this server (another process, plain SQL) reach it as notices the server's listener
 * passes to {@link #changed(String)}, a moment after they commit.
 *
 * <p>A computation that started before an invalidation never stores its (stale) result.
 */
public final class ProgressCache {
    private static final int MAX_RESULTS = 5_000;
    private static final int MAX_CLUSTER_WORK = 200_000;
    private final MappedLandRepository repository;
    private final AreaEngine engine;
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
    private final Map<String, Entry<List<Cluster>>> clusters = new ConcurrentHashMap<>();
    private final Map<Key, Entry<Object>> results = new ConcurrentHashMap<>();
    private final List<Consumer<String>> invalidated = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Consumer<String>> invalidating = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Per-cluster work, kept across invalidations: a write changes the signature of the clusters it touches. */
    private final Map<String, Map<Object, Object>> clusterMemos = new ConcurrentHashMap<>();

    /** One thread, shared by every cache, that reads State Parties' mapped land ahead of their computation. */
    private static final ExecutorService READER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "progress-read-ahead");
        t.setDaemon(true);
        return t;
    });
    /** Reads started by {@link #readAhead}, per State Party, with the generation they read. */
    private final Map<String, Reading> reading = new ConcurrentHashMap<>();

    private record Reading(long generation, CompletableFuture<List<Cluster>> clusters) {
    }

    public ProgressCache(MappedLandRepository repository, AreaEngine engine) {
        this.repository = repository;
        this.engine = engine;
    }

    public AreaEngine engine() {
        return engine;
    }

    /** Forgets everything computed for {@code iso3}; call it whenever anything of that State Party is written. */
    public void invalidate(String iso3) {
        for (Consumer<String> listener : invalidating) {
            listener.accept(iso3);
        }
        generation(iso3).incrementAndGet();
        clusters.remove(iso3);
        results.keySet().removeIf(k -> k.iso3().equals(iso3));
        for (Consumer<String> listener : invalidated) {
            listener.accept(iso3);
        }
    }

    /**
     * Calls {@code listener} with the code of every State Party about to be forgotten, before
     * anything is: what it arranges holds for every computation that can still be kept.
     */
    public void beforeInvalidate(Consumer<String> listener) {
        invalidating.add(listener);
    }

    /** Calls {@code listener} with the code of every State Party forgotten from now on, after it is forgotten. */
    public void onInvalidate(Consumer<String> listener) {
        invalidated.add(listener);
    }

    /** Forgets everything computed for every State Party (writes may have been missed). */
    public void invalidateAll() {
        for (String iso3 : List.copyOf(generations.keySet())) {
            invalidate(iso3);
        }
    }

    /**
     * Channel {@code mapped_land_changed} (migration V42): every write to hazards or releases,
     * whoever makes it, names its State Party there ('*' for all) once committed.
     */
    public static final String CHANGES = "mapped_land_changed";

    /** What to do with a notice of {@link #CHANGES}. */
    public void changed(String iso3) {
        if ("*".equals(iso3)) {
            invalidateAll();
        } else {
            invalidate(iso3);
        }
    }

    /** The figures of {@code iso3} on {@code date}. */
    public AreaFigures figuresOn(String iso3, LocalDate date) {
        return cached(new Key(iso3, "figures", date, 0), () -> engine.figuresOn(clustersOf(iso3), date, memo(iso3)));
    }

    /** The yearly balance of {@code iso3} from {@code firstYear} to {@code asOf}. */
    public AreaEngine.Balance balance(String iso3, int firstYear, LocalDate asOf) {
        return cached(new Key(iso3, "balance", asOf, firstYear), () -> engine.balance(clustersOf(iso3), AreaEngine.balanceDates(firstYear, asOf), memo(iso3)));
    }

    /** The balance of {@code iso3} between consecutive {@code dates}; see {@link AreaEngine#balance(List, List)}. */
    public AreaEngine.Balance balanceBetween(String iso3, List<LocalDate> dates) {
        return cached(new Key(iso3, "between " + dates, dates.get(0), dates.size()),
                () -> engine.balance(clustersOf(iso3), dates, memo(iso3)));
    }

    /**
     * The figures of each of {@code iso3}'s clusters on {@code date}, with where the cluster lies
     * (the centre of its bounding box, lon/lat); they add up to {@link #figuresOn}.
     */
    public List<ClusterFigures> clusterFiguresOn(String iso3, LocalDate date) {
        return cached(new Key(iso3, "cluster figures", date, 0), () -> {
            List<Cluster> all = clustersOf(iso3);
            List<AreaFigures> figures = engine.figuresPerCluster(all, date, memo(iso3));
            List<ClusterFigures> out = new ArrayList<>(all.size());
            for (int i = 0; i < all.size(); i++) {
                out.add(new ClusterFigures(centreOf(all.get(i)), figures.get(i)));
            }
            return List.copyOf(out);
        });
    }

    /** A cluster's figures on a date and the centre of its bounding box (x lon, y lat). */
    public record ClusterFigures(Coordinate centre, AreaFigures figures) {
    }

    private static Coordinate centreOf(Cluster cluster) {
        Envelope box = new Envelope();
        cluster.hazards().forEach(h -> box.expandToInclude(h.geom4326().getEnvelopeInternal()));
        cluster.releases().forEach(r -> box.expandToInclude(r.geom4326().getEnvelopeInternal()));
        return box.centre();
    }

    /** The remaining land of {@code iso3} on {@code date}, slivers left out. */
    public Geometry remainingOn(String iso3, LocalDate date) {
        return cached(new Key(iso3, "remaining", date, 0), () -> engine.remainingOn(clustersOf(iso3), date));
    }

    /**
     * The remaining land of {@code iso3} on {@code date} as GeoJSON geometry text (a MultiPolygon,
     * 7 decimals), as {@code /api/state-parties/{iso3}/remaining} and the OGC {@code remaining}
     * collection serve it. With {@code keep} (today, the date asked for most) it is written once and
     * kept with the figures; the text of other dates is written on each request, so that many dates
     * do not fill the memory.
     */
    public String remainingGeoJson(String iso3, LocalDate date, boolean keep) {
        if (!keep) {
            return GeoJsonGeometry.write(remainingOn(iso3, date));
        }
        return derived(iso3, "remaining-geojson", date, () -> GeoJsonGeometry.write(remainingOn(iso3, date)));
    }

    /**
     * A value derived from {@code iso3}'s mapped land on {@code date} (e.g. its remaining land
     * written as GeoJSON), named {@code what}: computed once, forgotten with the figures when
     * anything of {@code iso3} is written.
     */
    public <T> T derived(String iso3, String what, LocalDate date, Supplier<T> compute) {
        return cached(new Key(iso3, "derived " + what, date, 0), compute);
    }

    /** The first year anything of {@code iso3} was recorded or released, or null when nothing is mapped. */
    public Integer firstMappedYear(String iso3) {
        return cached(new Key(iso3, "first-year", LocalDate.MIN, 0), () -> {
            LocalDate first = null;
            for (Cluster c : clustersOf(iso3)) {
                for (MappedHazard h : c.hazards()) {
                    first = first == null || h.recordedOn().isBefore(first) ? h.recordedOn() : first;
                }
                for (MappedRelease r : c.releases()) {
                    first = first == null || r.completedOn().isBefore(first) ? r.completedOn() : first;
                }
            }
            return first == null ? null : first.getYear();
        });
    }

    private Map<Object, Object> memo(String iso3) {
        Map<Object, Object> memo = clusterMemos.computeIfAbsent(iso3, k -> new ConcurrentHashMap<>());
        if (memo.size() > MAX_CLUSTER_WORK) {
            memo.clear();
        }
        return memo;
    }

    /**
     * Starts reading, one State Party after the other on a background thread, the mapped land of
     * those listed whose clusters are not held: a caller that then computes them in this order
     * finds each one read, or being read, while it computed the one before (the engine's threads
     * compute while the database answers). A read overtaken by a write is not used.
     */
    public void readAhead(List<String> iso3s) {
        for (String iso3 : iso3s) {
            long generation = generation(iso3).get();
            Entry<List<Cluster>> entry = clusters.get(iso3);
            if (entry != null && entry.generation() == generation) {
                continue;
            }
            reading.compute(iso3, (k, old) -> old != null && old.generation() == generation ? old
                    : new Reading(generation, CompletableFuture.supplyAsync(() -> read(iso3, generation), READER)));
        }
    }

    private List<Cluster> clustersOf(String iso3) {
        long generation = generation(iso3).get();
        Entry<List<Cluster>> entry = clusters.get(iso3);
        if (entry != null && entry.generation() == generation) {
            return entry.value();
        }
        Reading ahead = reading.get(iso3);
        if (ahead != null) {
            reading.remove(iso3, ahead);
            if (ahead.generation() == generation) {
                try {
                    return ahead.clusters().join();
                } catch (CompletionException e) {
                    // read again below, so that the failure is this caller's own
                }
            }
        }
        return read(iso3, generation);
    }

    private List<Cluster> read(String iso3, long generation) {
        List<Cluster> computed = Cluster.of(repository.load(iso3));
        if (generation(iso3).get() == generation) {
            clusters.put(iso3, new Entry<>(generation, computed));
        }
        return computed;
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(Key key, Supplier<T> compute) {
        long generation = generation(key.iso3()).get();
        Entry<Object> entry = results.get(key);
        if (entry != null && entry.generation() == generation) {
            return (T) entry.value();
        }
        T value = compute.get();
        if (results.size() > MAX_RESULTS) {
            results.clear();
        }
        if (generation(key.iso3()).get() == generation) {
            results.put(key, new Entry<>(generation, value));
        }
        return value;
    }

    private AtomicLong generation(String iso3) {
        return generations.computeIfAbsent(iso3, k -> new AtomicLong());
    }

    private record Key(String iso3, String what, LocalDate date, int from) {
    }

    private record Entry<T>(long generation, T value) {
    }
}
