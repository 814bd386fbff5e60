package org.clearancemap.tiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.clearancemap.ogc.Collection;

/**
 * The tiles served recently, ready to send: their bytes, the same gzipped once, and the ETag;
 * least recently used first out when the cache holds more than its byte budget.
 *
 * <p>Never stale: every write through this server calls {@link #invalidate(Collection)} for the
 * collections it touches before its response is sent, which drops their tiles; a tile that was being
 * made while its collection was invalidated is served but not kept. Writes by other processes (the
 * demo loader, SQL) drop them too when the database announces them (migration V42, the server's
 * listener); while the listener is not connected they are seen through the data version
 * ({@link #observe(String)}): read when a TileJSON document is served and at most a second apart
 * otherwise. Tiles that depend on the date (remaining land, and the aggregates of
 * tiles below the zoom where polygons are legible) are keyed by it.
 */
public final class TileCache {
    /** What an entry costs beyond its bytes (key, map node, record, arrays' headers), roughly. */
    static final int ENTRY_OVERHEAD = 256;

    /**
     * A tile ready to send: its bytes (empty for a tile without features: 204), its ETag, and the
     * bytes gzipped, made once when a client first accepts gzip.
     */
    public static final class Tile {
        private final byte[] bytes;
        private final String etag;
        private volatile byte[] gzipped;

        private Tile(byte[] bytes, String etag) {
            this.bytes = bytes;
            this.etag = etag;
        }

        /** The tile made ready, its ETag from the bytes. */
        public static Tile of(byte[] bytes) {
            return new Tile(bytes, bytes.length == 0 ? "" : TileCache.etag(bytes));
        }

        public byte[] bytes() {
            return bytes;
        }

        public String etag() {
            return etag;
        }

        public boolean isEmpty() {
            return bytes.length == 0;
        }

        /** The bytes gzipped; compressed on the first call only. */
        public byte[] gzipped() {
            byte[] g = gzipped;
            if (g == null) {
                g = gzip(bytes);
                gzipped = g;
            }
            return g;
        }

        /**
         * What the entry can cost once gzipped too: gzip never makes a tile more than a few bytes
         * larger (its header and a block header per 16 KiB), so twice the bytes plus that bounds it.
         */
        long weight() {
            return 2L * bytes.length + 64 + bytes.length / 16_384 * 5 + etag.length() * 2L + ENTRY_OVERHEAD;
        }
    }

    /** A tile's place in the cache: collection, address and the date it is computed for (null when it does not depend on it). */
    public record Key(Collection collection, TileAddress address, java.time.LocalDate day) {
    }

    private final long maxBytes;
    private final Map<Collection, AtomicLong> generations = new EnumMap<>(Collection.class);
    private final LinkedHashMap<Key, Tile> tiles = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private String dataVersion;
    private long hits;
    private long misses;

    /** @param maxBytes the budget; 0 keeps nothing */
    public TileCache(long maxBytes) {
        this.maxBytes = maxBytes;
        for (Collection c : Collection.values()) {
            generations.put(c, new AtomicLong());
        }
    }

    /** The cached tile, or the one {@code make} makes (kept unless its collection was invalidated meanwhile). */
    public Tile get(Key key, Supplier<byte[]> make) {
        AtomicLong generation = generations.get(key.collection());
        long before = generation.get();
        synchronized (this) {
            Tile tile = tiles.get(key);
            if (tile != null) {
                hits++;
                return tile;
            }
            misses++;
        }
        Tile made = Tile.of(make.get());
        synchronized (this) {
            if (generation.get() == before && made.weight() <= maxBytes && !tiles.containsKey(key)) {
                tiles.put(key, made);
                bytes += made.weight();
                evict();
            }
        }
        return made;
    }

    /** Drops every tile of the collection; tiles being made now are not kept. */
    public void invalidate(Collection collection) {
        generations.get(collection).incrementAndGet();
        synchronized (this) {
            Iterator<Map.Entry<Key, Tile>> it = tiles.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Key, Tile> e = it.next();
                if (e.getKey().collection() == collection) {
                    bytes -= e.getValue().weight();
                    it.remove();
                }
            }
        }
    }

    /** Drops every tile when {@code version}, the data's fingerprint just read, differs from the one seen before. */
    public void observe(String version) {
        boolean changed;
        synchronized (this) {
            changed = dataVersion != null && !dataVersion.equals(version);
            dataVersion = version;
        }
        if (changed) {
            invalidateAll();
        }
    }

    /** Drops every tile of every collection; tiles being made now are not kept. */
    public void invalidateAll() {
        for (Collection c : Collection.values()) {
            invalidate(c);
        }
    }

    /** Bytes held now (never above the budget). */
    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return tiles.size();
    }

    /** Requests answered from the cache and requests that made their tile, since start. */
    public synchronized long[] hitsAndMisses() {
        return new long[] {hits, misses};
    }

    private void evict() {
        Iterator<Map.Entry<Key, Tile>> it = tiles.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= it.next().getValue().weight();
            it.remove();
        }
    }

    static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A strong ETag: the first 128 bits of the SHA-256 of the tile. */
    static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
